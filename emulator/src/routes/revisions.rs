//! Revisions of workbooks and data sources (REST API 2.3): the list
//! (`GET …/{id}/revisions`, paged; every revision kept, removed ones with `deleted="true"`, the
//! current one with `current="true"`), a revision's content (`GET …/{id}/revisions/{n}/content`,
//! the bytes published then, streamed as downloads are) and removing one
//! (`DELETE …/{id}/revisions/{n}`, 204). The history itself is `state::revisions`.
//!
//! Codes (the references name none; recalled from Tableau's behaviour): a number that is not a
//! positive integer is `400000`; a revision the item never had, or one removed, `404026`
//! "Revision not found" (the missing item itself is the family's own `404006` / `404004`);
//! removing the current revision `403003` "Deletion not allowed" (publish a new one first);
//! removing by someone who is neither an administrator nor the owner `403004`.

use std::path::Path;

use crate::errors::ApiError;
use crate::http::Response;
use crate::query::{FVal, ListQuery};
use crate::reply::ReplyWriter;
use crate::resource;
use crate::router::{Ctx, Request, Route};
use crate::routes::download;
use crate::routes::publish::Target;
use crate::state::{History, SiteState};
use crate::util::fmt_ts;

pub fn routes(r: &mut Vec<Route>) {
    let wb = "sites/{site}/workbooks/{id}/revisions";
    let ds = "sites/{site}/datasources/{id}/revisions";
    r.push(Route::get(wb, |c, r| list(c, r, Target::Workbook)).since("2.3"));
    r.push(Route::get(ds, |c, r| list(c, r, Target::Datasource)).since("2.3"));
    r.push(
        Route::get(
            "sites/{site}/workbooks/{id}/revisions/{n}/content",
            |c, r| content(c, r, Target::Workbook),
        )
        .since("2.3"),
    );
    r.push(
        Route::get(
            "sites/{site}/datasources/{id}/revisions/{n}/content",
            |c, r| content(c, r, Target::Datasource),
        )
        .since("2.3"),
    );
    r.push(
        Route::delete("sites/{site}/workbooks/{id}/revisions/{n}", |c, r| {
            delete(c, r, Target::Workbook)
        })
        .since("2.3"),
    );
    r.push(
        Route::delete("sites/{site}/datasources/{id}/revisions/{n}", |c, r| {
            delete(c, r, Target::Datasource)
        })
        .since("2.3"),
    );
}

/// The current revision of an item and the ones before it.
struct Item<'s> {
    number: u32,
    path: &'s Path,
    name: &'s str,
    ext: &'s str,
    size: u64,
    at: i64,
    by: &'s str,
    owner: &'s str,
    history: &'s History,
}

fn item<'s>(ss: &'s SiteState, of: Target, id: &str) -> Result<Item<'s>, ApiError> {
    Ok(match of {
        Target::Workbook => {
            let w = resource::in_table(&ss.workbooks, id)?;
            Item {
                number: w.revision,
                path: &w.file_path,
                name: &w.file_name,
                ext: &w.file_ext,
                size: w.size_bytes,
                at: w.published_at,
                by: &w.publisher_id,
                owner: &w.owner_id,
                history: &w.history,
            }
        }
        Target::Datasource => {
            let d = resource::in_table(&ss.datasources, id)?;
            Item {
                number: d.revision,
                path: &d.file_path,
                name: &d.file_name,
                ext: &d.file_ext,
                size: d.size_bytes,
                at: d.published_at,
                by: &d.publisher_id,
                owner: &d.owner_id,
                history: &d.history,
            }
        }
    })
}

/// `{n}` of the URL: a positive integer (400000 otherwise).
fn number(req: &Request) -> Result<u32, ApiError> {
    let n = req.param("n");
    n.parse::<u32>().ok().filter(|n| *n >= 1).ok_or_else(|| {
        ApiError::bad_request(format!(
            "The revision number '{n}' is not valid: it must be a positive integer."
        ))
    })
}

fn not_found(of: Target, id: &str, n: u32) -> ApiError {
    let noun = match of {
        Target::Workbook => "workbook",
        Target::Datasource => "data source",
    };
    ApiError::new(
        404026,
        format!("Revision {n} of {noun} '{id}' could not be found."),
    )
    .with_summary("Revision not found")
}

/// One `<revision>` of the list.
struct Row<'s> {
    number: u32,
    at: i64,
    by: &'s str,
    size: u64,
    current: bool,
    deleted: bool,
}

fn render(x: &mut ReplyWriter, ss: &SiteState, r: &Row) {
    x.open("revision")
        .attr_num("revisionNumber", r.number)
        .attr("publishedAt", &fmt_ts(r.at))
        .attr_bool("deleted", r.deleted)
        .attr_bool("current", r.current)
        .attr_num("sizeInBytes", r.size)
        .close();
    let name = ss.users.get(r.by).map(|u| u.name.as_str());
    if !r.by.is_empty() {
        x.open("publisher")
            .attr("id", r.by)
            .attr_opt("name", name)
            .empty();
    }
    x.end("revision");
}

/// `GET …/{id}/revisions`: oldest first, the current one last.
fn list(ctx: &Ctx, req: &mut Request, of: Target) -> Result<Response, ApiError> {
    let lq = ListQuery::parse(&req.query, &[])?;
    let st = ctx.state();
    let ss = ctx.site(&st)?;
    let it = item(ss, of, req.param("id"))?;
    let mut rows: Vec<Row> = it
        .history
        .past
        .iter()
        .map(|r| Row {
            number: r.number,
            at: r.published_at,
            by: &r.publisher_id,
            size: r.size_bytes,
            current: false,
            deleted: r.deleted,
        })
        .collect();
    rows.push(Row {
        number: it.number,
        at: it.at,
        by: it.by,
        size: it.size,
        current: true,
        deleted: false,
    });
    resource::page(
        ctx,
        &lq,
        "revisions",
        200,
        rows.iter(),
        |_, _| FVal::Null,
        |x, r, _| render(x, ss, r),
    )
}

/// `GET …/{id}/revisions/{n}/content[?includeExtract=false]`: the bytes of revision `n`.
fn content(ctx: &Ctx, req: &mut Request, of: Target) -> Result<Response, ApiError> {
    req.query.bool("includeExtract")?;
    let n = number(req)?;
    let id = req.param("id");
    let st = ctx.state();
    let ss = ctx.site(&st)?;
    let it = item(ss, of, id)?;
    let part = of.file_part();
    if n == it.number {
        return download::stored(ctx, part, it.path, it.ext, it.name);
    }
    match it.history.get(n).filter(|r| !r.deleted) {
        Some(r) => download::stored(ctx, part, &r.file_path, &r.file_ext, &r.file_name),
        None => Err(not_found(of, id, n)),
    }
}

/// `DELETE …/{id}/revisions/{n}`: removes a past revision (its file goes after the lock).
fn delete(ctx: &Ctx, req: &mut Request, of: Target) -> Result<Response, ApiError> {
    let n = number(req)?;
    let id = req.param("id").to_string();
    let mut st = ctx.state_mut();
    let ss = ctx.site_mut(&mut st)?;
    let it = item(ss, of, &id)?;
    let a = ctx.auth();
    if !a.is_admin() && it.owner != a.user_id {
        return Err(ApiError::forbidden(
            "Only an administrator or the owner may remove a revision.",
        ));
    }
    if n == it.number {
        return Err(ApiError::new(
            403003,
            format!(
                "Revision {n} is the current revision and cannot be removed: publish a new \
                 revision first."
            ),
        ));
    }
    let (history, current) = match of {
        Target::Workbook => ss
            .workbooks
            .get_mut(&id)
            .map(|w| (&mut w.history, w.file_path.as_path())),
        Target::Datasource => ss
            .datasources
            .get_mut(&id)
            .map(|d| (&mut d.history, d.file_path.as_path())),
    }
    .ok_or_else(|| not_found(of, &id, n))?;
    let garbage = history
        .remove(n, current)
        .ok_or_else(|| not_found(of, &id, n))?;
    drop(st);
    ctx.collect_garbage(garbage);
    Ok(Response::no_content())
}
