//! XML in and out. Reading goes through roxmltree with DTDs refused and is classified into clear
//! statuses (not XML, malformed, DTD); writing builds `<tsRequest>` bodies over xmlwriter with full
//! escaping of attribute values.

mod read;
mod write;

pub(crate) use read::{child, children, missing, parse_reply};
pub(crate) use write::{Element, RequestWriter};
