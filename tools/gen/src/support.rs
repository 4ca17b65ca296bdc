//! What the header cannot say about the hand-written functions (options, credentials, transfers,
//! errors: everything outside the method and model tables): which of their pointer parameters
//! accept NULL. Everything else the API description reads from their C signature and doc.
//! The generated misuse tests check these facts: a parameter listed here must accept NULL, and
//! every other pointer parameter of a fallible function must refuse it.

/// (function, its pointer parameters that accept NULL, besides `err` and any `userdata`).
pub const NULLABLE: &[(&str, &[&str])] = &[("tsc_transfer_options_set_progress", &["progress"])];

/// Whether `param` of the hand-written function `function` accepts NULL.
pub fn nullable(function: &str, param: &str) -> bool {
    NULLABLE
        .iter()
        .any(|(f, ps)| *f == function && ps.contains(&param))
}
