//! Fuzz target `multipart`: arbitrary bytes into `tsc::fuzzing::multipart` (input layout and invariants there).
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| tsc::fuzzing::multipart(data));
