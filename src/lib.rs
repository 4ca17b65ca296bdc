//! libtsc: a Tableau Server REST API client with a stable C ABI.
//!
//! The Rust API mirrors the Python `tableauserverclient`: build a [`Server`] from
//! [`ServerOptions`], sign in with [`Credentials`], then call the endpoint families
//! (`server.sites()`, `server.projects()`, `server.users()`, `server.groups()`, ...). Every listing
//! has a [`Pager`] (`server.users().pager(None).read_ahead(4)?`) that walks all of its pages. The C
//! API in [`capi`] (header `include/tsc.h`) is a thin translation of it.
//!
//! Layers: `capi/` (C boundary) → `api/` (endpoints) → `transport/` (HTTP); beside them
//! `models/`, `xml/`, `error.rs`, `auth.rs`, `query.rs`, `pager.rs`.

pub mod api;
pub mod auth;
pub mod capi;
pub mod error;
#[doc(hidden)]
pub mod fuzzing;
pub mod models;
pub mod pager;
pub mod query;
pub mod secret;
pub mod server;
pub mod text;
pub mod tls;
pub mod transport;
mod xml;

pub use api::Published;
pub use auth::{ApiVersion, Credentials, Session};
pub use error::{Error, Result, Status};
pub use models::{ConnectionCredentials, PublishMode, PublishOptions};
pub use pager::Pager;
pub use query::{FilterOp, RequestOptions, SortDirection};
pub use server::{Server, ServerOptions};
pub use tls::{ClientCertificateFiles, TlsVersion};
pub use transport::{CancelToken, Destination, Downloaded, Source, TransferOptions};
