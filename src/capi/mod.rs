//! The C ABI: a thin translation of the Rust API. Every exported function runs its body through
//! the boundary in `boundary.rs` (panics and errors become a `tsc_status` plus a `tsc_error`);
//! `capi/<family>.rs` mirrors `api/<family>.rs`; item and list accessors are generated into `gen/`.

#![allow(non_camel_case_types)]
// Exported functions take raw pointers by design: their validity is the documented C contract
// (NULL is always checked), which this lint cannot see.
#![allow(clippy::not_unsafe_ptr_arg_deref)]

pub mod auth;
pub mod boundary;
pub mod callbacks;
mod content;
pub mod datasources;
pub mod error;
pub mod favorites;
pub mod gen;
pub mod groups;
pub(crate) mod items;
pub mod options;
pub(crate) mod pagers;
pub mod projects;
pub mod publish;
pub mod server;
pub mod server_info;
pub mod sites;
pub mod string_list;
pub mod strings;
pub mod transfer;
pub mod users;
pub mod views;
pub mod workbooks;
