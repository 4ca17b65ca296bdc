//! Fuzz target `replies`: arbitrary bytes into `tsc::fuzzing::replies` (input layout and invariants there).
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| tsc::fuzzing::replies(data));
