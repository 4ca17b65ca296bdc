//! A page of items and the `<pagination>` numbers that came with it.

use crate::error::Result;
use crate::models::{field, Model};
use crate::xml;

/// `<pagination pageNumber pageSize totalAvailable/>`; a missing attribute reads as -1.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pagination {
    /// The page number the server answered.
    pub page_number: i64,
    /// The page size the server used.
    pub page_size: i64,
    /// The total number of items.
    pub total_available: i64,
}

/// Items of one reply and its pagination (None for lists the server does not paginate).
#[derive(Clone, Debug)]
pub struct Page<T> {
    /// The items, in the server's order.
    pub items: Vec<T>,
    /// The pagination, when the reply had one.
    pub pagination: Option<Pagination>,
}

impl<T: Model> Page<T> {
    /// Parses a listing reply you already have (e.g. saved XML): `<tsResponse>` with
    /// `<pagination/>` and the `T::LIST` container.
    pub fn from_xml(body: &[u8]) -> Result<Page<T>> {
        Self::parse(body, "listing reply")
    }

    /// Reads `<pagination/>` and the `T::LIST` container of a reply. A missing container reads as
    /// an empty list (servers omit it for empty results).
    pub(crate) fn parse(body: &[u8], label: &str) -> Result<Page<T>> {
        let reply = xml::parse_reply(body, label)?;
        let root = reply.root();
        let pagination = xml::child(root, "pagination").map(|p| {
            let get = |n: &str| p.attribute(n).and_then(field::int).unwrap_or(-1);
            Pagination {
                page_number: get("pageNumber"),
                page_size: get("pageSize"),
                total_available: get("totalAvailable"),
            }
        });
        let items = match xml::child(root, T::LIST) {
            Some(list) => xml::children(list, T::ELEMENT)
                .map(T::from_xml)
                .collect::<Result<Vec<T>>>()?,
            None => Vec::new(),
        };
        Ok(Page { items, pagination })
    }
}
