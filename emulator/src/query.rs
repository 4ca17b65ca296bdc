//! Query strings: decoding, paging, `filter=`, `sort=` and `fields=`.
//!
//! A resource describes its filterable/sortable fields with a `&[FieldDef]` table and an
//! accessor `Fn(&T, &str) -> FVal`; `ListQuery::apply` then filters, sorts (stable) and pages.

use std::cmp::Ordering;
use std::collections::HashSet;

use crate::errors::ApiError;
use crate::util::{parse_bool, parse_ts, percent_decode};

/// Decoded query parameters, in order. Keys and values are percent-decoded (`+` = space).
#[derive(Debug, Clone, Default)]
pub struct Query {
    pub pairs: Vec<(String, String)>,
}

impl Query {
    pub fn parse(raw: &str) -> Query {
        let mut pairs = Vec::new();
        for part in raw.split('&') {
            if part.is_empty() {
                continue;
            }
            let (k, v) = match part.find('=') {
                Some(i) => (&part[..i], &part[i + 1..]),
                None => (part, ""),
            };
            pairs.push((percent_decode(k, true), percent_decode(v, true)));
        }
        Query { pairs }
    }

    /// First value for `key` (exact match).
    pub fn get(&self, key: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// First value for `key`, comparing keys case-insensitively.
    pub fn get_ci(&self, key: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v.as_str())
    }

    /// A boolean parameter (`true`/`True`/`false`...). Absent → `Ok(None)`; other values → 400008.
    pub fn bool(&self, key: &str) -> Result<Option<bool>, ApiError> {
        match self.get_ci(key) {
            None => Ok(None),
            Some(v) => parse_bool(v).map(Some).ok_or_else(|| {
                ApiError::new(
                    400008,
                    format!("The value '{v}' of parameter '{key}' is not a valid boolean."),
                )
            }),
        }
    }

    /// Like `bool`, but absent → `default` and invalid values are treated as `false`.
    pub fn flag(&self, key: &str) -> bool {
        self.get_ci(key).and_then(parse_bool).unwrap_or(false)
    }
}

/// Paging parameters after validation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paging {
    pub page_number: usize,
    pub page_size: usize,
}

pub const DEFAULT_PAGE_SIZE: usize = 100;
pub const MAX_PAGE_SIZE: usize = 1000;

impl Paging {
    pub fn from_query(q: &Query) -> Result<Paging, ApiError> {
        let page_size = match q.get("pageSize") {
            None => DEFAULT_PAGE_SIZE,
            Some(s) => match s.trim().parse::<i64>() {
                Ok(n) if n > MAX_PAGE_SIZE as i64 => {
                    return Err(ApiError::new(
                        403014,
                        format!("The page size '{n}' is larger than the maximum page size of {MAX_PAGE_SIZE}."),
                    ))
                }
                Ok(n) if n >= 1 => n as usize,
                _ => {
                    if let Ok(n) = s.trim().parse::<u128>() {
                        if n > MAX_PAGE_SIZE as u128 {
                            return Err(ApiError::new(
                                403014,
                                format!("The page size '{n}' is larger than the maximum page size of {MAX_PAGE_SIZE}."),
                            ));
                        }
                    }
                    return Err(ApiError::new(
                        400007,
                        format!("The page size '{s}' is not an integer or is less than one."),
                    ));
                }
            },
        };
        let page_number = match q.get("pageNumber") {
            None => 1,
            Some(s) => match s.trim().parse::<i64>() {
                Ok(n) if n >= 1 => n as usize,
                _ => {
                    return Err(ApiError::new(
                        400006,
                        format!("The page number '{s}' is not an integer or is less than one."),
                    ))
                }
            },
        };
        Ok(Paging {
            page_number,
            page_size,
        })
    }

    /// Range of item indexes for `total` items; page 1 is always valid, later pages must
    /// start before `total` (else 400006).
    pub fn range(&self, total: usize) -> Result<std::ops::Range<usize>, ApiError> {
        let start = (self.page_number - 1).saturating_mul(self.page_size);
        if self.page_number > 1 && start >= total {
            return Err(ApiError::new(
                400006,
                format!(
                    "0xB4EAB088 : The start index '{start}' is greater than or equal to the total count."
                ),
            ));
        }
        let end = start.saturating_add(self.page_size).min(total);
        Ok(start.min(total)..end)
    }
}

/// Filter operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Eq,
    Gt,
    Gte,
    Lt,
    Lte,
    In,
    Has,
    CiEq,
}

impl Op {
    pub fn parse(s: &str) -> Option<Op> {
        Some(match s {
            "eq" => Op::Eq,
            "gt" => Op::Gt,
            "gte" => Op::Gte,
            "lt" => Op::Lt,
            "lte" => Op::Lte,
            "in" => Op::In,
            "has" => Op::Has,
            "cieq" => Op::CiEq,
            _ => return None,
        })
    }
}

/// Field value kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Str,
    /// An item's name (`name`, `ownerName`, `projectName`, …): like `Str`, but `eq` and `in`
    /// ignore case, as Tableau matches names (`name:eq:Default` finds the project `default`).
    Name,
    Int,
    Date,
    Bool,
    /// A list of strings (tags): `eq`/`in` match any element.
    List,
}

/// One filterable/sortable field of a resource.
#[derive(Debug, Clone, Copy)]
pub struct FieldDef {
    pub name: &'static str,
    pub kind: Kind,
    pub ops: &'static [Op],
}

pub const STR_OPS: &[Op] = &[Op::Eq, Op::In, Op::CiEq, Op::Has];
pub const EQ_ONLY: &[Op] = &[Op::Eq];
pub const CMP_OPS: &[Op] = &[Op::Eq, Op::Gt, Op::Gte, Op::Lt, Op::Lte];
pub const NUM_OPS: &[Op] = &[Op::Eq, Op::Gt, Op::Gte, Op::Lt, Op::Lte, Op::In];

impl FieldDef {
    pub const fn str(name: &'static str) -> FieldDef {
        FieldDef {
            name,
            kind: Kind::Str,
            ops: STR_OPS,
        }
    }
    /// A name field: `eq`/`in` match case-insensitively (see `Kind::Name`).
    pub const fn name(name: &'static str) -> FieldDef {
        FieldDef {
            name,
            kind: Kind::Name,
            ops: STR_OPS,
        }
    }
    pub const fn str_eq(name: &'static str) -> FieldDef {
        FieldDef {
            name,
            kind: Kind::Str,
            ops: EQ_ONLY,
        }
    }
    pub const fn date(name: &'static str) -> FieldDef {
        FieldDef {
            name,
            kind: Kind::Date,
            ops: CMP_OPS,
        }
    }
    pub const fn int(name: &'static str) -> FieldDef {
        FieldDef {
            name,
            kind: Kind::Int,
            ops: NUM_OPS,
        }
    }
    pub const fn bool(name: &'static str) -> FieldDef {
        FieldDef {
            name,
            kind: Kind::Bool,
            ops: EQ_ONLY,
        }
    }
    pub const fn list(name: &'static str) -> FieldDef {
        FieldDef {
            name,
            kind: Kind::List,
            ops: &[Op::Eq, Op::In, Op::Has],
        }
    }
}

/// A field value of an item, as returned by a resource's accessor.
#[derive(Debug, Clone)]
pub enum FVal<'a> {
    Str(&'a str),
    Owned(String),
    Int(i64),
    /// Seconds since the epoch; `None` when absent (e.g. never logged in).
    Date(Option<i64>),
    Bool(bool),
    List(&'a [String]),
    Null,
}

impl FVal<'_> {
    fn as_str(&self) -> Option<&str> {
        match self {
            FVal::Str(s) => Some(s),
            FVal::Owned(s) => Some(s.as_str()),
            _ => None,
        }
    }
}

/// A parsed filter expression with its value(s) pre-converted for the field's kind.
#[derive(Debug, Clone)]
pub struct Filter {
    pub field: &'static str,
    pub kind: Kind,
    pub op: Op,
    pub values: Vec<String>,
    nums: Vec<i64>,
    bools: Vec<bool>,
}

fn filter_err(detail: impl Into<String>) -> ApiError {
    ApiError::new(400065, detail)
}

fn is_expr_start(s: &str) -> bool {
    // `field:op:` where field is [A-Za-z0-9_.]+ and op is [a-zA-Z]+
    let mut parts = s.splitn(3, ':');
    let f = parts.next().unwrap_or("");
    let o = match parts.next() {
        Some(o) => o,
        None => return false,
    };
    if parts.next().is_none() {
        return false;
    }
    !f.is_empty()
        && f.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
        && !o.is_empty()
        && o.chars().all(|c| c.is_ascii_alphabetic())
}

/// Splits a decoded `filter=` value into expressions: a comma separates two expressions only
/// when what follows starts a new `field:op:` expression, and never inside the `[...]` list of an
/// `in` expression (brackets in other values are plain characters).
pub fn split_expressions(s: &str) -> Vec<&str> {
    let is_in_list = |rest: &str| {
        let mut parts = rest.splitn(3, ':');
        let _field = parts.next();
        parts.next().is_some_and(|op| op.eq_ignore_ascii_case("in"))
            && parts.next().is_some_and(|v| v.starts_with('['))
    };
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    let mut list = is_in_list(s);
    for (i, c) in s.char_indices() {
        match c {
            '[' if list => depth += 1,
            ']' if list => depth = (depth - 1).max(0),
            ',' if depth == 0 && is_expr_start(&s[i + 1..]) => {
                out.push(&s[start..i]);
                start = i + 1;
                list = is_in_list(&s[start..]);
            }
            _ => {}
        }
    }
    out.push(&s[start..]);
    out
}

pub fn parse_filters(raw: &str, defs: &[FieldDef]) -> Result<Vec<Filter>, ApiError> {
    let mut out = Vec::new();
    if raw.trim().is_empty() {
        return Ok(out);
    }
    for expr in split_expressions(raw) {
        let mut parts = expr.splitn(3, ':');
        let field = parts.next().unwrap_or("").trim();
        let op_s = parts.next();
        let value = parts.next();
        let (op_s, value) = match (op_s, value) {
            (Some(o), Some(v)) => (o, v),
            _ => {
                return Err(filter_err(format!(
                    "The filter query '{expr}' is malformed; expected field:operator:value."
                )))
            }
        };
        let def = defs.iter().find(|d| d.name == field).ok_or_else(|| {
            filter_err(format!(
                "The filter query contains a key which is not recognized for this api version: '{field}'."
            ))
        })?;
        let op = Op::parse(op_s)
            .filter(|o| def.ops.contains(o))
            .ok_or_else(|| {
                filter_err(format!(
                    "The filter query contains an operator '{op_s}' which is not supported for key '{field}'."
                ))
            })?;
        let values: Vec<String> = if op == Op::In {
            let v = value.trim();
            let inner = if v.starts_with('[') && v.ends_with(']') && v.len() >= 2 {
                &v[1..v.len() - 1]
            } else {
                v
            };
            inner.split(',').map(|s| s.to_string()).collect()
        } else {
            vec![value.to_string()]
        };
        if values.len() == 1 && values[0].is_empty() && !matches!(def.kind, Kind::Str | Kind::Name)
        {
            return Err(filter_err(format!(
                "The filter query is missing a value for key '{field}'."
            )));
        }
        let mut nums = Vec::new();
        let mut bools = Vec::new();
        match def.kind {
            Kind::Int => {
                for v in &values {
                    nums.push(v.trim().parse::<i64>().map_err(|_| {
                        filter_err(format!(
                            "The filter value '{v}' for key '{field}' is not an integer."
                        ))
                    })?);
                }
            }
            Kind::Date => {
                for v in &values {
                    nums.push(parse_ts(v).ok_or_else(|| {
                        filter_err(format!(
                            "The filter value '{v}' for key '{field}' is not a valid date-time."
                        ))
                    })?);
                }
            }
            Kind::Bool => {
                for v in &values {
                    bools.push(parse_bool(v.trim()).ok_or_else(|| {
                        filter_err(format!(
                            "The filter value '{v}' for key '{field}' is not a boolean."
                        ))
                    })?);
                }
            }
            Kind::Str | Kind::Name | Kind::List => {}
        }
        out.push(Filter {
            field: def.name,
            kind: def.kind,
            op,
            values,
            nums,
            bools,
        });
    }
    Ok(out)
}

fn cmp_ok(op: Op, ord: Ordering) -> bool {
    match op {
        Op::Eq | Op::CiEq | Op::In => ord == Ordering::Equal,
        Op::Gt => ord == Ordering::Greater,
        Op::Gte => ord != Ordering::Less,
        Op::Lt => ord == Ordering::Less,
        Op::Lte => ord != Ordering::Greater,
        Op::Has => false,
    }
}

impl Filter {
    pub fn matches(&self, v: &FVal<'_>) -> bool {
        match self.kind {
            Kind::Str | Kind::Name => {
                let s = v.as_str().unwrap_or("");
                let same = |x: &str| match self.kind {
                    Kind::Name => x.to_lowercase() == s.to_lowercase(),
                    _ => x == s,
                };
                match self.op {
                    Op::Eq => same(&self.values[0]),
                    Op::CiEq => s.to_lowercase() == self.values[0].to_lowercase(),
                    Op::In => self.values.iter().any(|x| same(x)),
                    Op::Has => s.to_lowercase().contains(&self.values[0].to_lowercase()),
                    op => cmp_ok(op, s.cmp(self.values[0].as_str())),
                }
            }
            Kind::List => {
                let list: &[String] = match v {
                    FVal::List(l) => l,
                    _ => &[],
                };
                match self.op {
                    Op::Has => list
                        .iter()
                        .any(|t| t.to_lowercase().contains(&self.values[0].to_lowercase())),
                    _ => list.iter().any(|t| self.values.iter().any(|x| x == t)),
                }
            }
            Kind::Int | Kind::Date => {
                let n = match v {
                    FVal::Int(n) => Some(*n),
                    FVal::Date(d) => *d,
                    _ => None,
                };
                let Some(n) = n else { return false };
                if self.op == Op::In {
                    return self.nums.contains(&n);
                }
                cmp_ok(self.op, n.cmp(&self.nums[0]))
            }
            Kind::Bool => {
                let b = match v {
                    FVal::Bool(b) => *b,
                    _ => false,
                };
                self.bools.first() == Some(&b)
            }
        }
    }
}

/// One `sort=` key.
#[derive(Debug, Clone)]
pub struct SortKey {
    pub field: &'static str,
    pub desc: bool,
}

pub fn parse_sort(raw: &str, defs: &[FieldDef]) -> Result<Vec<SortKey>, ApiError> {
    let mut out = Vec::new();
    if raw.trim().is_empty() {
        return Ok(out);
    }
    for part in raw.split(',') {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        let (field, dir) = match part.split_once(':') {
            Some((f, d)) => (f, d),
            None => (part, "asc"),
        };
        let def = defs.iter().find(|d| d.name == field).ok_or_else(|| {
            filter_err(format!(
                "The sort query contains a key which is not recognized for this api version: '{field}'."
            ))
        })?;
        let desc = match dir {
            "asc" => false,
            "desc" => true,
            other => {
                return Err(filter_err(format!(
                    "The sort direction '{other}' is not valid; use asc or desc."
                )))
            }
        };
        out.push(SortKey {
            field: def.name,
            desc,
        });
    }
    Ok(out)
}

fn cmp_vals(a: &FVal<'_>, b: &FVal<'_>) -> Ordering {
    match (a, b) {
        (FVal::Int(x), FVal::Int(y)) => x.cmp(y),
        (FVal::Date(x), FVal::Date(y)) => x.cmp(y),
        (FVal::Bool(x), FVal::Bool(y)) => x.cmp(y),
        (FVal::List(x), FVal::List(y)) => x.cmp(y),
        (FVal::Null, FVal::Null) => Ordering::Equal,
        (FVal::Null, _) => Ordering::Less,
        (_, FVal::Null) => Ordering::Greater,
        _ => {
            let x = a.as_str().unwrap_or("");
            let y = b.as_str().unwrap_or("");
            // Case-insensitive first, then exact, so "alice" < "Bob" < "carol".
            let lx = x.to_lowercase();
            let ly = y.to_lowercase();
            lx.cmp(&ly).then_with(|| x.cmp(y))
        }
    }
}

/// `fields=` projection.
#[derive(Debug, Clone)]
pub struct Fields {
    pub all: bool,
    pub default: bool,
    pub names: HashSet<String>,
}

impl Default for Fields {
    fn default() -> Self {
        Fields {
            all: false,
            default: true,
            names: HashSet::new(),
        }
    }
}

impl Fields {
    pub fn parse(raw: Option<&str>) -> Fields {
        let Some(raw) = raw else {
            return Fields::default();
        };
        let mut f = Fields {
            all: false,
            default: false,
            names: HashSet::new(),
        };
        for n in raw.split(',') {
            let n = n.trim();
            match n {
                "" => {}
                "_all_" => f.all = true,
                "_default_" => f.default = true,
                other => {
                    f.names.insert(other.to_string());
                }
            }
        }
        if !f.all && !f.default && f.names.is_empty() {
            f.default = true;
        }
        f
    }

    /// Everything.
    pub fn everything() -> Fields {
        Fields {
            all: true,
            default: true,
            names: HashSet::new(),
        }
    }

    /// Should attribute `attr` of an element of `resource` (e.g. "user") be written?
    /// `is_default` tells whether it belongs to the resource's default attribute set.
    pub fn want(&self, resource: &str, attr: &str, is_default: bool) -> bool {
        if self.all || (self.default && is_default) {
            return true;
        }
        if self.names.contains(attr) {
            return true;
        }
        if self.names.is_empty() {
            return false;
        }
        let mut k = String::with_capacity(resource.len() + attr.len() + 1);
        k.push_str(resource);
        k.push('.');
        k.push_str(attr);
        self.names.contains(&k)
    }

    /// Is any `prefix.*` field (e.g. `owner.name`) asked for?
    pub fn wants_nested(&self, prefix: &str) -> bool {
        self.all
            || self.names.iter().any(|n| {
                n.len() > prefix.len()
                    && n.starts_with(prefix)
                    && n.as_bytes()[prefix.len()] == b'.'
            })
    }

    /// For nested elements (`owner.name`): should `prefix.attr` be written?
    pub fn want_nested(&self, prefix: &str, attr: &str) -> bool {
        if self.all {
            return true;
        }
        self.names.iter().any(|n| {
            n.len() == prefix.len() + 1 + attr.len()
                && n.starts_with(prefix)
                && n.ends_with(attr)
                && n.as_bytes()[prefix.len()] == b'.'
        })
    }
}

/// Pins a closure to the higher-ranked accessor signature `ListQuery::apply` expects, so
/// closures that capture context (e.g. the site, to resolve owner names) type-check:
/// `let get = accessor(|p: &Project, f| match f { "name" => FVal::Str(&p.name), .. });`
pub fn accessor<T, F>(f: F) -> F
where
    F: for<'b> Fn(&'b T, &str) -> FVal<'b>,
{
    f
}

/// Everything a list endpoint needs from the query string.
#[derive(Debug, Clone)]
pub struct ListQuery {
    pub paging: Paging,
    pub filters: Vec<Filter>,
    pub sort: Vec<SortKey>,
    pub fields: Fields,
}

impl ListQuery {
    pub fn parse(q: &Query, defs: &[FieldDef]) -> Result<ListQuery, ApiError> {
        let paging = Paging::from_query(q)?;
        let filters = match q.get("filter") {
            Some(f) => parse_filters(f, defs)?,
            None => Vec::new(),
        };
        let sort = match q.get("sort") {
            Some(s) => parse_sort(s, defs)?,
            None => Vec::new(),
        };
        Ok(ListQuery {
            paging,
            filters,
            sort,
            fields: Fields::parse(q.get("fields")),
        })
    }

    /// Filters, sorts (stable; creation order otherwise) and pages `items`.
    /// Returns the page and the total number of matching items.
    pub fn apply<'a, T, F>(
        &self,
        items: impl Iterator<Item = &'a T>,
        get: F,
    ) -> Result<(Vec<&'a T>, usize), ApiError>
    where
        T: 'a,
        F: for<'b> Fn(&'b T, &str) -> FVal<'b>,
    {
        let mut matching: Vec<&'a T> = if self.filters.is_empty() {
            items.collect()
        } else {
            items
                .filter(|it| self.filters.iter().all(|f| f.matches(&get(it, f.field))))
                .collect()
        };
        if !self.sort.is_empty() {
            matching.sort_by(|a, b| {
                for k in &self.sort {
                    let o = cmp_vals(&get(a, k.field), &get(b, k.field));
                    let o = if k.desc { o.reverse() } else { o };
                    if o != Ordering::Equal {
                        return o;
                    }
                }
                Ordering::Equal
            });
        }
        let total = matching.len();
        let range = self.paging.range(total)?;
        let page: Vec<&'a T> = if range.start == 0 && range.end == total {
            matching
        } else {
            matching[range].to_vec()
        };
        Ok((page, total))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DEFS: &[FieldDef] = &[
        FieldDef::name("name"),
        FieldDef::str("kind"),
        FieldDef::int("userCount"),
        FieldDef::date("createdAt"),
        FieldDef::bool("isLocal"),
        FieldDef::list("tags"),
    ];

    struct It {
        name: String,
        n: i64,
        t: i64,
        tags: Vec<String>,
    }

    fn get<'a>(it: &'a It, f: &str) -> FVal<'a> {
        match f {
            "name" | "kind" => FVal::Str(&it.name),
            "userCount" => FVal::Int(it.n),
            "createdAt" => FVal::Date(Some(it.t)),
            "isLocal" => FVal::Bool(true),
            "tags" => FVal::List(&it.tags),
            _ => FVal::Null,
        }
    }

    fn items() -> Vec<It> {
        let mk = |name: &str, n, tags: &[&str]| It {
            name: name.into(),
            n,
            t: 1000 + n,
            tags: tags.iter().map(|s| s.to_string()).collect(),
        };
        vec![
            mk("default", 1, &["a"]),
            mk("Salesforce Sales Projeśt", 2, &["b", "x,y"]),
            mk("a,b", 3, &[]),
            mk("Zeta", 4, &["a"]),
            mk("alpha", 5, &[]),
        ]
    }

    fn run(q: &str) -> Result<Vec<String>, ApiError> {
        let all = items();
        let lq = ListQuery::parse(&Query::parse(q), DEFS)?;
        let (page, _) = lq.apply(all.iter(), get)?;
        Ok(page.iter().map(|i| i.name.clone()).collect())
    }

    #[test]
    fn names_match_case_insensitively() {
        assert_eq!(run("filter=name:eq:Default").unwrap(), vec!["default"]);
        assert_eq!(
            run("filter=name:in:[ZETA,Alpha]").unwrap(),
            vec!["Zeta", "alpha"]
        );
        // Other string fields keep exact matching.
        assert!(run("filter=kind:eq:Default").unwrap().is_empty());
        assert_eq!(run("filter=kind:eq:default").unwrap(), vec!["default"]);
    }

    #[test]
    fn splitting() {
        assert_eq!(
            split_expressions("name:eq:foo,tags:in:[a,b]"),
            vec!["name:eq:foo", "tags:in:[a,b]"]
        );
        assert_eq!(split_expressions("name:eq:a,b"), vec!["name:eq:a,b"]);
        assert_eq!(
            split_expressions("name:in:[x:y:z,b],userCount:gt:1"),
            vec!["name:in:[x:y:z,b]", "userCount:gt:1"]
        );
        // a bracket in a value that is not an `in` list is a plain character
        assert_eq!(
            split_expressions("name:eq:Q1 [draft,siteRole:eq:Viewer"),
            vec!["name:eq:Q1 [draft", "siteRole:eq:Viewer"]
        );
        assert_eq!(
            split_expressions("name:has:a]b,name:in:[c,d]"),
            vec!["name:has:a]b", "name:in:[c,d]"]
        );
    }

    #[test]
    fn filters() {
        assert_eq!(run("filter=name:eq:default").unwrap(), vec!["default"]);
        assert_eq!(
            run("filter=name%3Ain%3A%5Bdefault%2CSalesforce+Sales+Proje%C5%9Bt%5D").unwrap(),
            vec!["default", "Salesforce Sales Projeśt"]
        );
        assert_eq!(
            run("filter=name:in:[default,Salesforce%20Sales%20Proje%C5%9Bt]").unwrap(),
            vec!["default", "Salesforce Sales Projeśt"]
        );
        assert_eq!(run("filter=name:eq:a,b").unwrap(), vec!["a,b"]);
        assert_eq!(run("filter=name:cieq:ZETA").unwrap(), vec!["Zeta"]);
        assert_eq!(
            run("filter=name:has:sales").unwrap(),
            vec!["Salesforce Sales Projeśt"]
        );
        assert_eq!(run("filter=userCount:gt:3").unwrap(), vec!["Zeta", "alpha"]);
        assert_eq!(
            run("filter=userCount:gte:3,userCount:lt:5").unwrap(),
            vec!["a,b", "Zeta"]
        );
        assert_eq!(run("filter=userCount:lte:1").unwrap(), vec!["default"]);
        assert_eq!(
            run("filter=userCount:in:[1,5]").unwrap(),
            vec!["default", "alpha"]
        );
        assert_eq!(
            run("filter=createdAt:gt:1970-01-01T00:16:42Z").unwrap(),
            vec!["a,b", "Zeta", "alpha"]
        );
        assert_eq!(run("filter=tags:eq:a").unwrap(), vec!["default", "Zeta"]);
        assert_eq!(
            run("filter=tags:in:[b,zz]").unwrap(),
            vec!["Salesforce Sales Projeśt"]
        );
        assert_eq!(run("filter=isLocal:eq:True").unwrap().len(), 5);
        assert_eq!(run("filter=nope:eq:1").unwrap_err().code, 400065);
        assert_eq!(run("filter=name:gt:1").unwrap_err().code, 400065);
        assert_eq!(run("filter=name:zz:1").unwrap_err().code, 400065);
        assert_eq!(run("filter=userCount:eq:x").unwrap_err().code, 400065);
        assert_eq!(run("filter=name").unwrap_err().code, 400065);
    }

    #[test]
    fn sorting_and_paging() {
        assert_eq!(
            run("sort=name:asc").unwrap(),
            vec![
                "a,b",
                "alpha",
                "default",
                "Salesforce Sales Projeśt",
                "Zeta"
            ]
        );
        assert_eq!(
            run("sort=userCount:desc&pageSize=2").unwrap(),
            vec!["alpha", "Zeta"]
        );
        assert_eq!(
            run("sort=userCount:desc&pageSize=2&pageNumber=3").unwrap(),
            vec!["default"]
        );
        assert_eq!(run("pageSize=2&pageNumber=4").unwrap_err().code, 400006);
        assert_eq!(run("pageSize=0").unwrap_err().code, 400007);
        assert_eq!(run("pageSize=x").unwrap_err().code, 400007);
        assert_eq!(run("pageSize=1001").unwrap_err().code, 403014);
        assert_eq!(
            run("pageSize=99999999999999999999999").unwrap_err().code,
            403014
        );
        assert_eq!(run("pageNumber=0").unwrap_err().code, 400006);
        assert_eq!(run("pageNumber=-1").unwrap_err().code, 400006);
        assert_eq!(run("sort=bogus:asc").unwrap_err().code, 400065);
        assert_eq!(run("sort=name:up").unwrap_err().code, 400065);
        // Empty list: page 1 is fine, page 2 is not.
        let p = Paging {
            page_number: 1,
            page_size: 100,
        };
        assert_eq!(p.range(0).unwrap(), 0..0);
        let p = Paging {
            page_number: 2,
            page_size: 100,
        };
        assert!(p.range(0).is_err());
    }

    #[test]
    fn fields() {
        let f = Fields::parse(Some("_default_,owner.name"));
        assert!(f.want("project", "name", true));
        assert!(!f.want("project", "topLevelProject", false));
        assert!(f.want_nested("owner", "name"));
        assert!(!f.want_nested("owner", "email"));
        let f = Fields::parse(Some("name,id"));
        assert!(f.want("user", "name", true));
        assert!(!f.want("user", "siteRole", true));
        let f = Fields::parse(Some("user.siteRole"));
        assert!(f.want("user", "siteRole", true));
        let f = Fields::parse(Some("_all_"));
        assert!(f.want("user", "anything", false));
    }
}
