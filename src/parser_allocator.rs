//! Parsers allocate from jemalloc, as the rest of the process does, and the
//! scan hands jemalloc's freed pages back before the join ([`purge`]).
//!
//! tree-sitter's C library calls the C allocator for every tree node and
//! parse-stack entry, and glibc's spends more on each call than jemalloc
//! (a parse of Django's source spent 8% of its instructions in glibc's
//! `malloc` and `free`). The binary and the bench install this once, before
//! any parser exists.

use std::ffi::c_void;

/// Installs jemalloc as tree-sitter's allocator. Call it before any other
/// tree-sitter call, once per process (the binary's and the bench's `main`).
pub fn install() {
    let allocator = tree_sitter::Allocator { malloc, calloc, realloc, free };
    // SAFETY: the four functions are one allocator family (jemalloc's, with
    // libc's alignment), never return null for a non-zero size (they abort,
    // as tree-sitter's own defaults do), and `install` runs before any
    // parser or tree exists.
    unsafe { tree_sitter::set_allocator(Some(allocator)) }
}

/// The pointer, unless the allocation of `size` bytes failed: then the
/// process aborts, as tree-sitter's default allocator does.
fn allocated(pointer: *mut c_void, size: usize) -> *mut c_void {
    if pointer.is_null() && size > 0 {
        std::process::abort();
    }
    pointer
}

unsafe extern "C" fn malloc(size: usize) -> *mut c_void {
    // SAFETY: jemalloc's malloc takes any size.
    allocated(unsafe { tikv_jemalloc_sys::malloc(size) }, size)
}

unsafe extern "C" fn calloc(count: usize, size: usize) -> *mut c_void {
    // SAFETY: jemalloc's calloc checks the product for overflow.
    allocated(unsafe { tikv_jemalloc_sys::calloc(count, size) }, count.saturating_mul(size))
}

unsafe extern "C" fn realloc(pointer: *mut c_void, size: usize) -> *mut c_void {
    // SAFETY: tree-sitter passes null or a pointer from these functions.
    allocated(unsafe { tikv_jemalloc_sys::realloc(pointer, size) }, size)
}

unsafe extern "C" fn free(pointer: *mut c_void) {
    // SAFETY: tree-sitter frees only what these functions returned.
    unsafe { tikv_jemalloc_sys::free(pointer) }
}

/// Hands the pages of memory freed so far back to the system, in every
/// arena at once. jemalloc keeps freed pages for a while (its decay) to
/// reuse them; after the analysis, the parsers' trees and scratch are freed
/// and the join allocates tables of other sizes, so those pages would stay
/// resident beside them (on 100,000 tiny files the peak was 7 to 19 MiB
/// higher). A failed purge changes nothing, so its result is not read.
pub fn purge() {
    // `MALLCTL_ARENAS_ALL` (4096) stands for every arena.
    let name = c"arena.4096.purge";
    // SAFETY: a purge reads and writes nothing through the pointers, which
    // are null with a zero length, as jemalloc's manual allows.
    unsafe {
        tikv_jemalloc_sys::mallctl(name.as_ptr(), std::ptr::null_mut(), std::ptr::null_mut(), std::ptr::null_mut(), 0);
    }
}
