//! What the header cannot say about the hand-written functions (options, credentials, transfers,
//! errors: everything outside the method and model tables): which of their pointer parameters
//! accept NULL. Everything else the API description reads from their C signature and doc.
//! The generated misuse tests check these facts: a parameter listed here must accept NULL, and
//! every other pointer parameter of a fallible function must refuse it.

/// (function, its pointer parameters that accept NULL, besides `err` and any `userdata`).
pub const NULLABLE: &[(&str, &[&str])] = &[
    ("tsc_server_options_set_proxy", &["url"]),
    ("tsc_credentials_set_impersonate", &["user_id"]),
    ("tsc_transfer_options_set_progress", &["progress"]),
    ("tsc_transfer_options_set_cancel_token", &["token"]),
    ("tsc_publish_options_set_connection_credentials", &["creds"]),
    ("tsc_publish_options_add_connection", &["creds"]),
    ("tsc_publish_options_set_thumbnails_user_id", &["user_id"]),
    ("tsc_publish_options_set_thumbnails_group_id", &["group_id"]),
];

/// Whether `param` of the hand-written function `function` accepts NULL.
pub fn nullable(function: &str, param: &str) -> bool {
    NULLABLE
        .iter()
        .any(|(f, ps)| *f == function && ps.contains(&param))
}
