//! The C ABI: a thin translation of the Rust API. Every exported function runs its body through
//! the boundary in `boundary.rs` (panics and errors become a `tsc_status` plus a `tsc_error`);
//! `capi/<family>.rs` mirrors `api/<family>.rs`; item and list accessors are generated into `gen/`.

#![allow(non_camel_case_types)]

pub mod auth;
pub mod boundary;
pub mod error;
pub mod gen;
pub(crate) mod items;
pub mod options;
pub mod projects;
pub mod server;
pub mod server_info;
pub mod sites;
pub mod strings;
