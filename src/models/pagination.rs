//! A page of items and the `<pagination>` numbers that came with it. Numbers that cannot be true
//! (a page number or size below 1, a negative total, more items than the page size, a total
//! that cannot hold the items of this page) make the reply a protocol error.

use crate::error::{Error, Result, Status};
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
        let pagination = match xml::child(root, "pagination") {
            Some(p) => Some(read_pagination(p, label)?),
            None => None,
        };
        let items = match xml::child(root, T::LIST) {
            Some(list) => xml::children(list, T::ELEMENT)
                .map(T::from_xml)
                .collect::<Result<Vec<T>>>()?,
            None => Vec::new(),
        };
        if let Some(p) = &pagination {
            check_items(p, items.len(), label)?;
        }
        Ok(Page { items, pagination })
    }
}

fn impossible(label: &str, what: String) -> Error {
    Error::new(
        Status::Protocol,
        format!(
            "{}: the reply's pagination cannot be true ({what}); the server or a proxy sent a broken reply",
            crate::error::echo(label)
        ),
    )
}

/// The numbers of `<pagination/>`; a missing attribute reads as -1, an impossible one is an error.
fn read_pagination(p: roxmltree::Node<'_, '_>, label: &str) -> Result<Pagination> {
    let get = |name: &str, min: i64| match p.attribute(name) {
        None => Ok(-1),
        Some(v) => match field::int(v) {
            Some(n) if n >= min => Ok(n),
            _ => Err(impossible(
                label,
                format!(
                    "{name}=\"{}\", not a number of at least {min}",
                    crate::error::echo(v)
                ),
            )),
        },
    };
    Ok(Pagination {
        page_number: get("pageNumber", 1)?,
        page_size: get("pageSize", 1)?,
        total_available: get("totalAvailable", 0)?,
    })
}

/// Whether the page's items fit its numbers: no more than the page size, and (when the page is
/// not empty) no fewer in total than the pages before it plus these.
fn check_items(p: &Pagination, len: usize, label: &str) -> Result<()> {
    let len = i64::try_from(len).unwrap_or(i64::MAX);
    if p.page_size >= 1 && len > p.page_size {
        return Err(impossible(
            label,
            format!("{len} items on a page of {}", p.page_size),
        ));
    }
    if len > 0 && p.total_available >= 0 && p.page_number >= 1 && p.page_size >= 1 {
        let before = (p.page_number - 1).saturating_mul(p.page_size);
        if p.total_available < before.saturating_add(len) {
            return Err(impossible(
                label,
                format!(
                    "a total of {} with {len} items on page {} of {}",
                    p.total_available, p.page_number, p.page_size
                ),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::Project;

    fn page(pagination: &str, projects: usize) -> Result<Page<Project>> {
        let items: String = (0..projects)
            .map(|i| {
                format!(
                    "<project id='p{i}' name='n{i}'><contentsCounts workbookCount='{}'/></project>",
                    i as i64 - 1
                )
            })
            .collect();
        let xml = format!(
            "<tsResponse xmlns='http://tableau.com/api'>{pagination}<projects>{items}</projects></tsResponse>"
        );
        Page::parse(xml.as_bytes(), "GET projects")
    }

    #[test]
    fn possible_numbers_are_read() {
        let p = page(
            "<pagination pageNumber='2' pageSize='2' totalAvailable='3'/>",
            1,
        )
        .unwrap();
        assert_eq!(p.pagination.unwrap().total_available, 3);
        // A page past the end is empty and fine.
        assert!(page(
            "<pagination pageNumber='9' pageSize='2' totalAvailable='3'/>",
            0
        )
        .is_ok());
        // Missing numbers read as -1.
        assert_eq!(
            page("<pagination/>", 1)
                .unwrap()
                .pagination
                .unwrap()
                .page_size,
            -1
        );
    }

    #[test]
    fn impossible_numbers_are_protocol_errors() {
        for bad in [
            "<pagination pageNumber='0' pageSize='2' totalAvailable='3'/>",
            "<pagination pageNumber='1' pageSize='0' totalAvailable='3'/>",
            "<pagination pageNumber='1' pageSize='2' totalAvailable='-1'/>",
            "<pagination pageNumber='x' pageSize='2' totalAvailable='3'/>",
            "<pagination pageNumber='1' pageSize='1' totalAvailable='3'/>", // 2 items on a page of 1
            "<pagination pageNumber='2' pageSize='2' totalAvailable='2'/>", // page 2 cannot exist
        ] {
            let e = page(bad, 2).unwrap_err();
            assert_eq!(e.status(), Status::Protocol, "{bad}: {e}");
            assert!(e.to_string().contains("cannot be true"), "{e}");
        }
    }

    #[test]
    fn a_negative_count_reads_as_absent() {
        let p = page(
            "<pagination pageNumber='1' pageSize='5' totalAvailable='2'/>",
            2,
        )
        .unwrap();
        assert_eq!(p.items[0].workbook_count(), None, "workbookCount='-1'");
        assert_eq!(p.items[1].workbook_count(), Some(0));
    }
}
