//! Models: one Rust type per Tableau resource. The fields, getters, setters and XML mapping of each
//! are generated from the model table (`tools/gen/src/spec.rs`) into `gen/`; the files beside it
//! add what is particular to a model (constructors, request bodies).

mod connection;
mod custom_view;
mod datasource;
mod favorite;
pub(crate) mod field;
mod gen;
#[cfg(test)]
mod gen_forms;
mod group;
mod pagination;
pub mod permissions;
mod project;
mod publish;
mod schedule;
mod server_info;
mod site;
mod subscription;
mod user;
mod workbook;
mod workbook_acceleration;

pub use gen::*;
pub use pagination::{Page, Pagination};
pub use permissions::{GranteeType, Mode, PermissionsRule, CAPABILITIES};
pub use publish::{ConnectionCredentials, PublishMode, PublishOptions};
pub use server_info::ServerInfo;

pub(crate) use field::days_in_month;

use crate::error::Result;

/// A resource that can be read from its XML element.
pub trait Model: Sized + Clone + Send + Sync + 'static {
    /// The element name, e.g. `"site"`.
    const ELEMENT: &'static str;
    /// The list container's name, e.g. `"sites"`.
    const LIST: &'static str;
    /// Reads one element.
    fn from_xml(node: roxmltree::Node<'_, '_>) -> Result<Self>;
}
