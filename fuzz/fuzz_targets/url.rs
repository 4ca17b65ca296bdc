//! Fuzz target `url`: arbitrary bytes into `tsc::fuzzing::url` (input layout and invariants there).
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| tsc::fuzzing::url(data));
