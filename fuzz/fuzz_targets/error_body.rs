//! Fuzz target `error_body`: arbitrary bytes into `tsc::fuzzing::error_body` (input layout and invariants there).
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| tsc::fuzzing::error_body(data));
