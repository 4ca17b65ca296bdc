//! Fuzz target `request_options`: arbitrary bytes into `tsc::fuzzing::request_options` (input layout and invariants there).
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| tsc::fuzzing::request_options(data));
