//! The time budget of one file (`--timeout`): a runaway file, a parser or a
//! rule that is slow on some input, becomes a `timed-out` note instead of a
//! stalled scan.
//!
//! The engine arms the budget on its thread around each rule; the iterative
//! tree walks that every rule uses ([`crate::lang::descendants`], the node
//! index) call [`tick`], which reads the clock every [`TICKS_PER_CHECK`]
//! calls and, past the deadline, unwinds with [`OverBudget`]. The engine's
//! `catch_unwind` around the rule turns that into the note. `resume_unwind`
//! does not run the panic hook, so nothing is printed. Parsing checks
//! [`passed`] from tree-sitter's progress callback instead.
//!
//! Unarmed (outside the engine's rule calls: the project join, `backlint
//! handlers`, tests), [`tick`] never unwinds.

use std::cell::Cell;
use std::time::Instant;

/// Calls of [`tick`] between two readings of the clock.
const TICKS_PER_CHECK: u32 = 4096;

thread_local! {
    static DEADLINE: Cell<Option<Instant>> = const { Cell::new(None) };
    static ARMED: Cell<bool> = const { Cell::new(false) };
    static TICKS: Cell<u32> = const { Cell::new(0) };
}

/// The payload of the unwind that ends a rule over its file's budget.
#[derive(Debug)]
pub struct OverBudget;

/// Sets this thread's deadline for the file it analyses (`None`: no budget),
/// unarmed.
pub fn start(deadline: Option<Instant>) {
    DEADLINE.with(|d| d.set(deadline));
    ARMED.with(|a| a.set(false));
    TICKS.with(|t| t.set(0));
}

/// Whether the deadline has passed.
pub fn passed() -> bool {
    passed_at(Instant::now())
}

/// Whether the deadline has passed at `now`, a reading of the clock the
/// caller already has.
pub fn passed_at(now: Instant) -> bool {
    DEADLINE.with(Cell::get).is_some_and(|deadline| now >= deadline)
}

/// Runs `f` with the deadline armed: [`tick`] may unwind out of it.
pub fn armed<T>(f: impl FnOnce() -> T) -> T {
    struct Disarm;
    impl Drop for Disarm {
        fn drop(&mut self) {
            ARMED.with(|a| a.set(false));
        }
    }
    ARMED.with(|a| a.set(true));
    let _disarm = Disarm;
    f()
}

/// One step of a walk: past an armed deadline, unwinds with [`OverBudget`].
#[inline]
pub fn tick() {
    let due = TICKS.with(|t| {
        let n = t.get().wrapping_add(1);
        t.set(n);
        n % TICKS_PER_CHECK == 0
    });
    if due && ARMED.with(Cell::get) && passed() {
        std::panic::resume_unwind(Box::new(OverBudget));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::panic::{AssertUnwindSafe, catch_unwind};

    #[test]
    fn ticks_unwind_only_when_armed_and_past_the_deadline() {
        start(Some(Instant::now()));
        for _ in 0..3 * TICKS_PER_CHECK {
            tick();
        }
        let result = catch_unwind(AssertUnwindSafe(|| {
            armed(|| {
                for _ in 0..TICKS_PER_CHECK {
                    tick();
                }
            })
        }));
        assert!(result.unwrap_err().is::<OverBudget>());
        assert!(!ARMED.with(Cell::get), "the unwind disarms");
        start(None);
        armed(|| (0..3 * TICKS_PER_CHECK).for_each(|_| tick()));
    }
}
