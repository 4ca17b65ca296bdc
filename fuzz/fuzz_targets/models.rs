//! Fuzz target `models`: arbitrary bytes into `tsc::fuzzing::models` (input layout and invariants there).
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| tsc::fuzzing::models(data));
