//! Exports: a view as an image (PNG, or from 3.29 with `format=SVG` an SVG bar chart of the rows
//! that pass the filters), as data (CSV), as a crosstab (Excel `.xlsx`) or as a PDF,
//! and a workbook as a PDF (one page per view); custom views' exports (`custom_views.rs`) are
//! drawn by the same functions (`png`, `csv`, `view_page`) with their saved filters. Every body is a real file that reflects the item and the view filters asked
//! for (`vf_<field>=value`, several values separated by commas): the image is drawn from the
//! view and its filters, the CSV and the crosstab hold the view's rows that pass the filters, the
//! PDF names the view and the filters. View parameters (`vf_Parameters.<name>=value`) show as a
//! column of the CSV and the crosstab, a line of the PDF, and change the image. `resolution=high`, `vizWidth`/`vizHeight`, `maxAge`, `type` and
//! `orientation` are checked as Tableau checks them (400000 otherwise).

use crate::content::xlsx::{self, Cell};
use crate::content::{pdf, preview_png, svg};
use crate::errors::ApiError;
use crate::http::Response;
use crate::query::Query;
use crate::resource::in_table;
use crate::router::{ApiVersion, Ctx, Request, Route};
use crate::state::{SiteState, View};

pub fn routes(r: &mut Vec<Route>) {
    r.push(Route::get("sites/{site}/views/{id}/image", image).since("2.5"));
    r.push(Route::get("sites/{site}/views/{id}/data", data).since("2.7"));
    r.push(Route::get("sites/{site}/views/{id}/pdf", view_pdf).since("2.7"));
    r.push(Route::get("sites/{site}/views/{id}/crosstab/excel", crosstab).since("3.8"));
    r.push(Route::get("sites/{site}/workbooks/{id}/pdf", workbook_pdf).since("3.4"));
}

/// The image size without `vizWidth`/`vizHeight`: standard, and with `resolution=high`.
pub(crate) const STANDARD: (u32, u32) = (800, 600);
const HIGH: (u32, u32) = (1600, 1200);

/// A view filter: a field and the values it accepts.
pub type Filter = (String, Vec<String>);

/// The view filters of the query: (field, accepted values), in order. A field
/// `Parameters.<name>` sets a view parameter instead (see [`parameters`]): it keeps every row.
pub fn view_filters(q: &Query) -> Vec<Filter> {
    q.pairs
        .iter()
        .filter_map(|(k, v)| {
            let field = k.strip_prefix("vf_")?;
            Some((
                field.to_string(),
                v.split(',').map(|s| s.trim().to_string()).collect(),
            ))
        })
        .collect()
}

/// How a view parameter is named among the filters: `vf_Parameters.<name>=value`.
const PARAMETER: &str = "Parameters.";

/// The view parameters among `filters`: (name, value), in order. A view shows each as a column
/// of its data and crosstab and a line of its PDF; its image changes with them (the image is
/// drawn from every filter).
fn parameters(filters: &[Filter]) -> Vec<(&str, String)> {
    filters
        .iter()
        .filter_map(|(f, vals)| Some((f.strip_prefix(PARAMETER)?, vals.join(","))))
        .collect()
}

/// A CSV field, quoted when it holds a comma, a quote or a line break.
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// A positive integer parameter (400000 otherwise).
fn positive(q: &Query, name: &str, max: u32) -> Result<Option<u32>, ApiError> {
    match q.get(name) {
        None => Ok(None),
        Some(v) => match v.parse::<u32>() {
            Ok(n) if (1..=max).contains(&n) => Ok(Some(n)),
            _ => Err(ApiError::bad_request(format!(
                "The value '{v}' of '{name}' is not a whole number from 1 to {max}."
            ))),
        },
    }
}

/// `maxAge` (minutes of cache the client accepts; the emulator never caches) must be valid.
pub fn check_max_age(q: &Query) -> Result<(), ApiError> {
    positive(q, "maxAge", 525_600).map(drop)
}

fn image(ctx: &Ctx, req: &mut Request) -> Result<Response, ApiError> {
    let size = image_size(&req.query)?;
    let as_svg = wants_svg(ctx, &req.query)?;
    let filters = view_filters(&req.query);
    let st = ctx.state();
    let ss = ctx.site(&st)?;
    let v = in_table(&ss.views, req.param("id"))?.clone();
    drop(st);
    Ok(if as_svg {
        svg_image(&v, &filters, size)
    } else {
        png(&v, &filters, size)
    })
}

/// Whether an image export asks for SVG (`format=SVG`, REST API 3.29; before that the parameter
/// is unknown and ignored, as older servers ignore it). `PNG` or absent: PNG; others 400000.
pub fn wants_svg(ctx: &Ctx, q: &Query) -> Result<bool, ApiError> {
    match q.get("format") {
        _ if ctx.version < ApiVersion(3, 29) => Ok(false),
        None => Ok(false),
        Some(f) if f.eq_ignore_ascii_case("png") => Ok(false),
        Some(f) if f.eq_ignore_ascii_case("svg") => Ok(true),
        Some(f) => Err(ApiError::bad_request(format!(
            "The image format '{f}' is not PNG or SVG."
        ))),
    }
}

/// The image of view `v` with `filters` applied as SVG: a bar per row the filters keep.
pub fn svg_image(v: &View, filters: &[Filter], (w, h): (u32, u32)) -> Response {
    let marks: Vec<(String, u64)> = rows(&v.id, filters)
        .into_iter()
        .map(|(r, c, n)| (format!("{r}, {c}"), n))
        .collect();
    Response::bytes(200, "image/svg+xml", svg::bar_chart(&v.name, &marks, w, h))
}

/// The size of an image export (`resolution`, `vizWidth`, `vizHeight`), checked with `maxAge`.
pub fn image_size(q: &Query) -> Result<(u32, u32), ApiError> {
    check_max_age(q)?;
    let (mut w, mut h) = match q.get("resolution") {
        None => STANDARD,
        Some(r) if r.eq_ignore_ascii_case("high") => HIGH,
        Some(r) if r.eq_ignore_ascii_case("standard") => STANDARD,
        Some(r) => {
            return Err(ApiError::bad_request(format!(
                "The resolution '{r}' is not 'high' or 'standard'."
            )))
        }
    };
    if let Some(n) = positive(q, "vizWidth", 4000)? {
        w = n;
    }
    if let Some(n) = positive(q, "vizHeight", 4000)? {
        h = n;
    }
    Ok((w, h))
}

/// The image of view `v` with `filters` applied, `size` pixels.
pub fn png(v: &View, filters: &[Filter], (w, h): (u32, u32)) -> Response {
    let mut seed = v.id.clone();
    for (f, vals) in filters {
        seed.push_str(&format!("|{f}={}", vals.join(",")));
    }
    Response::bytes(200, "image/png", preview_png(&seed, w, h))
}

/// The rows a view shows: every (region, category) with a sales figure drawn from the view.
const REGIONS: &[&str] = &["Central", "East", "South", "West"];
const CATEGORIES: &[&str] = &["Furniture", "Office Supplies", "Technology"];

fn sales(view_id: &str, region: &str, category: &str) -> u64 {
    // FNV-1a: the same view always shows the same figures.
    let mut h: u64 = 0xcbf29ce484222325;
    for b in view_id
        .bytes()
        .chain(region.bytes())
        .chain(category.bytes())
    {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    1000 + h % 99_000
}

/// The view's rows that pass the query's filters: (region, category, sales).
fn rows(view_id: &str, filters: &[Filter]) -> Vec<(&'static str, &'static str, u64)> {
    let passes = |field: &str, value: &str| {
        filters
            .iter()
            .filter(|(f, _)| f.eq_ignore_ascii_case(field))
            .all(|(_, vals)| vals.iter().any(|x| x.eq_ignore_ascii_case(value)))
    };
    let mut out = Vec::new();
    for r in REGIONS {
        for c in CATEGORIES {
            if passes("Region", r) && passes("Category", c) {
                out.push((*r, *c, sales(view_id, r, c)));
            }
        }
    }
    out
}

fn data(ctx: &Ctx, req: &mut Request) -> Result<Response, ApiError> {
    check_max_age(&req.query)?;
    let filters = view_filters(&req.query);
    let st = ctx.state();
    let ss = ctx.site(&st)?;
    let v = in_table(&ss.views, req.param("id"))?.clone();
    drop(st);
    Ok(csv(&v, &filters))
}

/// The data of view `v` with `filters` applied, as CSV: the rows, then a column per parameter.
pub fn csv(v: &View, filters: &[Filter]) -> Response {
    let params = parameters(filters);
    let mut csv = String::from("Region,Category,Sales");
    for (name, _) in &params {
        csv.push(',');
        csv.push_str(&csv_field(name));
    }
    csv.push_str("\r\n");
    for (r, c, n) in rows(&v.id, filters) {
        csv.push_str(&format!("{r},{c},{n}"));
        for (_, value) in &params {
            csv.push(',');
            csv.push_str(&csv_field(value));
        }
        csv.push_str("\r\n");
    }
    Response::bytes(200, "text/csv; charset=utf-8", csv.into_bytes())
}

/// The crosstab as an Excel workbook: the header, then the rows, on a sheet named after the view.
fn crosstab(ctx: &Ctx, req: &mut Request) -> Result<Response, ApiError> {
    check_max_age(&req.query)?;
    let st = ctx.state();
    let ss = ctx.site(&st)?;
    let v = in_table(&ss.views, req.param("id"))?;
    let text = |s: &str| Cell::Text(s.to_string());
    let filters = view_filters(&req.query);
    let params = parameters(&filters);
    let mut header = vec![text("Region"), text("Category"), text("Sales")];
    header.extend(params.iter().map(|(name, _)| text(name)));
    let mut table = vec![header];
    for (r, c, n) in rows(&v.id, &filters) {
        let mut row = vec![text(r), text(c), Cell::Number(n)];
        row.extend(params.iter().map(|(_, value)| text(value)));
        table.push(row);
    }
    let body = xlsx::workbook(&v.name, &table);
    drop(st);
    Ok(Response::bytes(
        200,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        body,
    ))
}

/// The page size of a PDF export (`type`, `orientation`; Letter portrait by default).
pub fn page(q: &Query) -> Result<(u32, u32), ApiError> {
    check_max_age(q)?;
    let landscape = match q.get("orientation") {
        None => false,
        Some(o) if o.eq_ignore_ascii_case("portrait") => false,
        Some(o) if o.eq_ignore_ascii_case("landscape") => true,
        Some(o) => {
            return Err(ApiError::bad_request(format!(
                "The orientation '{o}' is not Portrait or Landscape."
            )))
        }
    };
    let t = q.get("type").unwrap_or("Letter");
    pdf::page_size(t, landscape).ok_or_else(|| {
        ApiError::bad_request(format!(
            "The page type '{t}' is not one of {}.",
            pdf::PAGE_TYPES.join(", ")
        ))
    })
}

/// The lines of a view's page: its name, its workbook, the filters, the parameters.
pub fn view_page(ss: &SiteState, v: &View, filters: &[Filter]) -> Vec<String> {
    let mut lines = vec![v.name.clone()];
    if let Some(w) = ss.workbooks.get(&v.workbook_id) {
        lines.push(format!("Workbook: {}", w.name));
    }
    for (f, vals) in filters.iter().filter(|(f, _)| !f.starts_with(PARAMETER)) {
        lines.push(format!("Filter: {f} = {}", vals.join(", ")));
    }
    for (name, value) in parameters(filters) {
        lines.push(format!("Parameter: {name} = {value}"));
    }
    lines
}

fn view_pdf(ctx: &Ctx, req: &mut Request) -> Result<Response, ApiError> {
    let size = page(&req.query)?;
    let filters = view_filters(&req.query);
    let st = ctx.state();
    let ss = ctx.site(&st)?;
    let v = in_table(&ss.views, req.param("id"))?;
    let doc = pdf::document(&[view_page(ss, v, &filters)], size);
    drop(st);
    Ok(Response::bytes(200, "application/pdf", doc))
}

fn workbook_pdf(ctx: &Ctx, req: &mut Request) -> Result<Response, ApiError> {
    let size = page(&req.query)?;
    let filters = view_filters(&req.query);
    let st = ctx.state();
    let ss = ctx.site(&st)?;
    let w = in_table(&ss.workbooks, req.param("id"))?;
    let pages: Vec<Vec<String>> = w
        .view_ids
        .iter()
        .filter_map(|vid| ss.views.get(vid))
        .map(|v| view_page(ss, v, &filters))
        .collect();
    let doc = pdf::document(&pages, size);
    drop(st);
    Ok(Response::bytes(200, "application/pdf", doc))
}
