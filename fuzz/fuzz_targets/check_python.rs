//! Fuzz target: arbitrary bytes as a `.py` file through every rule and format.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    backlint_fuzz::check(backlint::lang::Language::Python, "fuzz.py", data);
});
