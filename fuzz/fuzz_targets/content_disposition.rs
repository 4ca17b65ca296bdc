//! Fuzz target `content_disposition`: arbitrary bytes into `tsc::fuzzing::content_disposition` (input layout and invariants there).
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| tsc::fuzzing::content_disposition(data));
