//! The C ABI: a thin translation of the Rust API. Every exported function runs its body through
//! the boundary in `boundary.rs` (panics and errors become a `tsc_status` plus a `tsc_error`);
//! the endpoint functions (`tsc_<family>_<method>`) are generated from the method table into
//! `gen/endpoints/`, item and list accessors from the model table into `gen/`; the rest (options,
//! errors, credentials, transfers) is written here over the shared helpers.

#![allow(non_camel_case_types)]
// Exported functions take raw pointers by design: their validity is the documented C contract
// (NULL is always checked), which this lint cannot see.
#![allow(clippy::not_unsafe_ptr_arg_deref)]

pub mod boundary;
pub mod callbacks;
mod content;
pub mod credentials;
pub mod error;
pub mod exports;
pub mod gen;
pub(crate) mod items;
pub mod options;
pub(crate) mod pagers;
pub mod permissions;
mod prelude;
pub mod publish;
pub mod server;
pub mod server_info;
pub mod string_list;
pub mod strings;
pub mod tag_targets;
pub mod trace;
pub mod transfer;
