//! Fuzz target: arbitrary bytes as a `.ts` file through every rule and format.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    backlint_fuzz::check(backlint::lang::Language::TypeScript, "fuzz.ts", data);
});
