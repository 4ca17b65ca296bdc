//! Request options for listing calls: page size and number, filters (`field:op:value`, `in` with a
//! list), sorts and `fields`, rendered into an encoded query string.

use crate::error::{echo, Error, Result};
use crate::transport::UrlBuilder;

/// Largest page size Tableau accepts.
pub const TSC_MAX_PAGE_SIZE: u32 = 1000;

/// A filter operator (`tsc_filter_op` in C).
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum tsc_filter_op {
    /// `eq`: equals.
    Eq = 0,
    /// `gt`: greater than.
    Gt = 1,
    /// `gte`: greater than or equal.
    Gte = 2,
    /// `lt`: less than.
    Lt = 3,
    /// `lte`: less than or equal.
    Lte = 4,
    /// `in`: one of a list of values.
    In = 5,
    /// `has`: contains (e.g. tags, names).
    Has = 6,
    /// `cieq`: equals, ignoring case.
    Cieq = 7,
}

/// Rust-facing name of [`tsc_filter_op`].
pub type FilterOp = tsc_filter_op;

impl FilterOp {
    fn as_str(self) -> &'static str {
        match self {
            Self::Eq => "eq",
            Self::Gt => "gt",
            Self::Gte => "gte",
            Self::Lt => "lt",
            Self::Lte => "lte",
            Self::In => "in",
            Self::Has => "has",
            Self::Cieq => "cieq",
        }
    }
}

impl TryFrom<i32> for FilterOp {
    type Error = Error;
    fn try_from(v: i32) -> Result<FilterOp> {
        Ok(match v {
            0 => Self::Eq,
            1 => Self::Gt,
            2 => Self::Gte,
            3 => Self::Lt,
            4 => Self::Lte,
            5 => Self::In,
            6 => Self::Has,
            7 => Self::Cieq,
            _ => {
                return Err(Error::invalid(format!(
                    "{v} is not a tsc_filter_op value (0..7)"
                )))
            }
        })
    }
}

/// A sort direction (`tsc_sort_direction` in C).
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum tsc_sort_direction {
    /// Ascending.
    Asc = 0,
    /// Descending.
    Desc = 1,
}

/// Rust-facing name of [`tsc_sort_direction`].
pub type SortDirection = tsc_sort_direction;

impl TryFrom<i32> for SortDirection {
    type Error = Error;
    fn try_from(v: i32) -> Result<SortDirection> {
        match v {
            0 => Ok(Self::Asc),
            1 => Ok(Self::Desc),
            _ => Err(Error::invalid(format!(
                "{v} is not a tsc_sort_direction value (0 or 1)"
            ))),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Filter {
    field: String,
    op: FilterOp,
    values: Vec<String>,
}

/// Options for a listing call. `Default` sends nothing (the server's defaults).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RequestOptions {
    page_size: Option<u32>,
    page_number: Option<u32>,
    filters: Vec<Filter>,
    sorts: Vec<(String, SortDirection)>,
    fields: Vec<String>,
}

/// Field names are REST names such as `name`, `ownerName`, `owner.email`, `_all_`.
fn check_field(field: &str) -> Result<()> {
    if field.is_empty()
        || !field
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.')
    {
        return Err(Error::invalid(format!(
            "'{}' is not a field name (letters, digits, '_' and '.' only)",
            echo(field)
        )));
    }
    Ok(())
}

/// The text after a comma in `value` that starts like a filter expression (`field:op:`), if any:
/// the server splits `filter=` there.
fn second_filter_inside(value: &str) -> Option<&str> {
    value.match_indices(',').find_map(|(i, _)| {
        let rest = &value[i + 1..];
        let mut parts = rest.splitn(3, ':');
        let (field, op) = (parts.next()?, parts.next()?);
        parts.next()?;
        let is_field = !field.is_empty()
            && field
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.');
        let is_op = !op.is_empty() && op.bytes().all(|b| b.is_ascii_alphabetic());
        (is_field && is_op).then_some(rest)
    })
}

/// Whether every `]` of `value` closes an earlier `[` and every `[` is closed: inside the
/// brackets of `field:in:[...]` the server counts them to find the end of the list.
fn balanced(value: &str) -> bool {
    let mut depth = 0usize;
    for c in value.chars() {
        match c {
            '[' => depth += 1,
            ']' => match depth.checked_sub(1) {
                Some(d) => depth = d,
                None => return false,
            },
            _ => {}
        }
    }
    depth == 0
}

impl RequestOptions {
    /// Empty options.
    pub fn new() -> RequestOptions {
        RequestOptions::default()
    }

    /// Items per page, 1 to 1000.
    pub fn set_page_size(&mut self, size: u32) -> Result<()> {
        if size == 0 || size > TSC_MAX_PAGE_SIZE {
            return Err(Error::invalid(format!(
                "page size {size} is out of range: use 1 to {TSC_MAX_PAGE_SIZE}"
            )));
        }
        self.page_size = Some(size);
        Ok(())
    }

    /// Page number, from 1.
    pub fn set_page_number(&mut self, number: u32) -> Result<()> {
        if number == 0 {
            return Err(Error::invalid("page numbers start at 1"));
        }
        self.page_number = Some(number);
        Ok(())
    }

    /// The page size set, if any.
    pub fn page_size(&self) -> Option<u32> {
        self.page_size
    }

    /// The page number set, if any.
    pub fn page_number(&self) -> Option<u32> {
        self.page_number
    }

    /// Adds `field:op:value` (combined with the other filters by AND). For `In` use
    /// [`RequestOptions::add_filter_in`].
    pub fn add_filter(&mut self, field: &str, op: FilterOp, value: &str) -> Result<()> {
        check_field(field)?;
        if op == FilterOp::In {
            return self.add_filter_in(field, &[value]);
        }
        if let Some(rest) = second_filter_inside(value) {
            return Err(Error::invalid(format!(
                "the filter value '{}' holds ',{}', which Tableau reads as a second \
                 filter: such a value cannot be matched",
                echo(value),
                echo(rest)
            )));
        }
        self.filters.push(Filter {
            field: field.to_string(),
            op,
            values: vec![value.to_string()],
        });
        Ok(())
    }

    /// Adds `field:in:[v1,v2,...]`. A value may not hold a comma or an unmatched `[` or `]`.
    pub fn add_filter_in(&mut self, field: &str, values: &[&str]) -> Result<()> {
        check_field(field)?;
        if values.is_empty() {
            return Err(Error::invalid("an 'in' filter needs at least one value"));
        }
        if let Some(v) = values.iter().find(|v| v.contains(',')) {
            return Err(Error::invalid(format!(
                "the 'in' value '{}' contains a comma, which separates the values of the list; \
                 Tableau cannot match it (use one 'eq' filter per such value)",
                echo(v)
            )));
        }
        if let Some(v) = values.iter().find(|v| !balanced(v)) {
            return Err(Error::invalid(format!(
                "the 'in' value '{v}' has an unmatched '[' or ']', which Tableau reads as the end \
                 of the list or as a list running into the next filter: such a value cannot be \
                 matched"
            )));
        }
        self.filters.push(Filter {
            field: field.to_string(),
            op: FilterOp::In,
            values: values.iter().map(|v| v.to_string()).collect(),
        });
        Ok(())
    }

    /// Adds a sort key; keys apply in the order added.
    pub fn add_sort(&mut self, field: &str, dir: SortDirection) -> Result<()> {
        check_field(field)?;
        self.sorts.push((field.to_string(), dir));
        Ok(())
    }

    /// Adds a name to `fields` (`_all_`, `_default_`, `name`, `owner.email`, ...).
    pub fn add_field(&mut self, field: &str) -> Result<()> {
        check_field(field)?;
        if !self.fields.iter().any(|f| f == field) {
            self.fields.push(field.to_string());
        }
        Ok(())
    }

    /// A copy asking for page `number` of `size` items (for pagers).
    pub(crate) fn paged(&self, number: u32, size: u32) -> RequestOptions {
        let mut o = self.clone();
        o.page_number = Some(number.max(1));
        o.page_size = Some(size.clamp(1, TSC_MAX_PAGE_SIZE));
        o
    }

    /// Whether `fields` was set.
    pub(crate) fn has_fields(&self) -> bool {
        !self.fields.is_empty()
    }

    /// Appends the options to a URL's query, encoded.
    pub(crate) fn apply(&self, mut url: UrlBuilder) -> UrlBuilder {
        if !self.sorts.is_empty() {
            let s: Vec<String> = self
                .sorts
                .iter()
                .map(|(f, d)| {
                    format!(
                        "{f}:{}",
                        if *d == SortDirection::Asc {
                            "asc"
                        } else {
                            "desc"
                        }
                    )
                })
                .collect();
            url = url.query("sort", &s.join(","));
        }
        if !self.filters.is_empty() {
            let s: Vec<String> = self
                .filters
                .iter()
                .map(|f| {
                    if f.op == FilterOp::In {
                        format!("{}:in:[{}]", f.field, f.values.join(","))
                    } else {
                        format!("{}:{}:{}", f.field, f.op.as_str(), f.values[0])
                    }
                })
                .collect();
            url = url.query("filter", &s.join(","));
        }
        if let Some(n) = self.page_number {
            url = url.query("pageNumber", &n.to_string());
        }
        if let Some(n) = self.page_size {
            url = url.query("pageSize", &n.to_string());
        }
        if !self.fields.is_empty() {
            url = url.query("fields", &self.fields_value());
        }
        url
    }

    /// The `fields` value: `_all_` alone when it is among the names (it already asks for every
    /// field, and the server refuses it combined with others, as the Python client knows),
    /// else the names in the order they were added.
    fn fields_value(&self) -> String {
        if self.fields.iter().any(|f| f == "_all_") {
            "_all_".to_string()
        } else {
            self.fields.join(",")
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn all_fields_is_sent_alone() {
        let mut o = super::RequestOptions::default();
        o.add_field("name").unwrap();
        o.add_field("_all_").unwrap();
        o.add_field("owner.email").unwrap();
        let url = o
            .apply(crate::transport::UrlBuilder::new("http://h/x"))
            .build();
        assert_eq!(url, "http://h/x?fields=_all_");
        let mut o = super::RequestOptions::default();
        o.add_field("_default_").unwrap();
        o.add_field("name").unwrap();
        assert!(o
            .apply(crate::transport::UrlBuilder::new("http://h/x"))
            .build()
            .ends_with("fields=_default_%2Cname"));
    }

    use super::*;

    #[test]
    fn renders_encoded_query() {
        let mut o = RequestOptions::new();
        o.set_page_size(50).unwrap();
        o.set_page_number(2).unwrap();
        o.add_filter("name", FilterOp::Eq, "Sales, Q1: [draft] ś")
            .unwrap();
        o.add_filter_in("tags", &["a b", "c"]).unwrap();
        o.add_sort("name", SortDirection::Asc).unwrap();
        o.add_sort("createdAt", SortDirection::Desc).unwrap();
        o.add_field("_all_").unwrap();
        let u = o.apply(UrlBuilder::new("http://h/x")).build();
        assert_eq!(
            u,
            "http://h/x?sort=name%3Aasc%2CcreatedAt%3Adesc&filter=name%3Aeq%3ASales%2C%20Q1%3A%20%5Bdraft%5D%20%C5%9B%2Ctags%3Ain%3A%5Ba%20b%2Cc%5D&pageNumber=2&pageSize=50&fields=_all_"
        );
    }

    #[test]
    fn encodes_every_reserved_character() {
        let mut o = RequestOptions::new();
        o.add_filter("name", FilterOp::Eq, "a+b & c=d%e#f?g/h'i\"")
            .unwrap();
        o.add_filter_in("name", &["x y", "[z]", "ü"]).unwrap();
        o.add_field("_default_").unwrap();
        o.add_field("owner.email").unwrap();
        assert_eq!(
            o.apply(UrlBuilder::new("http://h/x")).build(),
            "http://h/x?filter=name%3Aeq%3Aa%2Bb%20%26%20c%3Dd%25e%23f%3Fg%2Fh%27i%22%2Cname%3Ain%3A%5Bx%20y%2C%5Bz%5D%2C%C3%BC%5D&fields=_default_%2Cowner.email"
        );
    }

    #[test]
    fn validates() {
        let mut o = RequestOptions::new();
        assert!(o.set_page_size(0).is_err());
        assert!(o.set_page_size(1001).is_err());
        assert!(o.set_page_number(0).is_err());
        assert!(o.add_filter("na me", FilterOp::Eq, "x").is_err());
        assert!(o.add_filter_in("name", &[]).is_err());
        assert!(o.add_filter_in("name", &["a,b"]).is_err());
        assert!(o.add_filter("name", FilterOp::In, "a,b").is_err());
        assert!(o.add_filter("name", FilterOp::Eq, "a,b").is_ok());
        assert!(o.add_filter("name", FilterOp::Eq, "Sales, Q1: x:y").is_ok());
        assert!(o.add_filter("name", FilterOp::Eq, "a,b:c:d").is_err());
        assert!(o
            .add_filter("name", FilterOp::Has, "x,siteRole:eq:Viewer")
            .is_err());
        // Unmatched brackets would end the list early or swallow the next filter (found by
        // the request_options fuzz target); matched ones are ordinary characters.
        for bad in ["a]", "[a", "]a[", "x[[y]"] {
            assert!(o.add_filter_in("name", &[bad]).is_err(), "{bad}");
        }
        assert!(o.add_filter_in("name", &["[z]", "a[b]c"]).is_ok());
        assert!(FilterOp::try_from(8).is_err());
        assert!(SortDirection::try_from(-1).is_err());
        assert_eq!(FilterOp::try_from(7).unwrap(), FilterOp::Cieq);
    }
}
