//! The generic list and get-by-id handlers, over a description of each resource: where its
//! items are (a site's table, or the site's share of a server-wide list), its list element,
//! filter and sort fields, how a field reads, how an item is written, and the error for an
//! unknown id (`Resource`).
//!
//! A family registers `Route::get("sites/{site}/projects", resource::list::<Project>)` and
//! `Route::get("sites/{site}/projects/{id}", resource::get::<Project>)`; a sub-list (a group's
//! users, a user's workbooks) calls `list_of` with the subset. Paging, filters, sorting,
//! `fields=` and the reply envelope live here only.

use std::collections::HashMap;

use crate::errors::ApiError;
use crate::http::Response;
use crate::query::{accessor, FVal, FieldDef, Fields, ListQuery, Query};
use crate::reply::ReplyWriter;
use crate::router::{Ctx, Request};
use crate::routes::ok;
use crate::state::{FavKind, HasId, SiteState, State, Table};

/// Where a resource's items are.
pub enum Items<'s, T> {
    /// A table of the site (`&ss.projects`).
    Table(&'s Table<T>),
    /// A server-wide list, of which a request sees the items `visible` says belong to its site
    /// (everything for server-wide resources such as schedules).
    List(&'s [T], fn(&T, &SiteState) -> bool),
}

impl<'s, T: HasId> Items<'s, T> {
    /// The items a request on site `ss` sees, in their order.
    pub fn iter(&self, ss: &'s SiteState) -> Box<dyn Iterator<Item = &'s T> + 's> {
        match *self {
            Items::Table(t) => Box::new(t.iter()),
            Items::List(l, visible) => Box::new(l.iter().filter(move |i| visible(i, ss))),
        }
    }

    /// The item with this id, if the request sees it.
    pub fn get(&self, ss: &SiteState, id: &str) -> Option<&'s T> {
        match *self {
            Items::Table(t) => t.get(id),
            Items::List(l, visible) => l.iter().find(|i| i.id() == id && visible(i, ss)),
        }
    }
}

/// What a resource's fields and writer may consult besides the item.
pub struct Scope<'s> {
    pub st: &'s State,
    pub ss: &'s SiteState,
    /// How many users have each item among their favorites (for `favoritesTotal`; empty
    /// unless the resource names a `FAVORITES` kind).
    pub favorites: HashMap<&'s str, i64>,
    /// The request's query string (for a resource's own parameters).
    pub query: &'s Query,
}

impl<'s> Scope<'s> {
    pub fn new<R: Resource>(st: &'s State, ss: &'s SiteState, query: &'s Query) -> Scope<'s> {
        let mut favorites = HashMap::new();
        if let Some(kind) = R::FAVORITES {
            for f in ss.favorites.iter().filter(|f| f.kind == kind) {
                *favorites.entry(f.item_id.as_str()).or_insert(0) += 1;
            }
        }
        Scope {
            st,
            ss,
            favorites,
            query,
        }
    }

    /// `favoritesTotal` of an item.
    pub fn favorites_of(&self, id: &str) -> i64 {
        self.favorites.get(id).copied().unwrap_or(0)
    }
}

/// A resource a site holds, as the generic handlers see it.
pub trait Resource: HasId + Sized + 'static {
    /// The list element (`projects`).
    const LIST: &'static str;
    /// The fields `filter=` and `sort=` accept.
    const FIELDS: &'static [FieldDef];
    /// About how many reply bytes one item takes (to size the buffer).
    const ITEM_BYTES: usize = 400;
    /// The favorites kind counted for `favoritesTotal`, if the resource has one.
    const FAVORITES: Option<FavKind> = None;
    /// Items advance on the emulator's clock when read (jobs): `tick` runs first, under the
    /// write lock.
    const TICKS: bool = false;

    /// Where the items are: `Items::Table(&ss.projects)`, or `Items::List(..)` of a server-wide
    /// list in `st`.
    fn items<'s>(st: &'s State, ss: &'s SiteState) -> Items<'s, Self>;
    /// The answer for an id that is not there (`404…`).
    fn not_found(id: &str) -> ApiError;
    /// The value of a filter or sort field.
    fn field<'a>(sc: &Scope<'_>, item: &'a Self, name: &str) -> FVal<'a>;
    /// Writes one item, as a list member with the list's `fields` or (`one`) answered alone.
    fn render(x: &mut ReplyWriter, sc: &Scope<'_>, item: &Self, fields: &Fields, one: bool);

    /// The item with this id, or the resource's not-found answer.
    fn found<'s>(st: &'s State, ss: &'s SiteState, id: &str) -> Result<&'s Self, ApiError> {
        Self::items(st, ss)
            .get(ss, id)
            .ok_or_else(|| Self::not_found(id))
    }

    /// Checks the resource's own query parameters before anything is read.
    fn check(_q: &Query) -> Result<(), ApiError> {
        Ok(())
    }
    /// Advances the items on the clock (with `TICKS`).
    fn tick(_ss: &mut SiteState) {}
}

fn tick<R: Resource>(ctx: &Ctx) -> Result<(), ApiError> {
    if R::TICKS {
        let mut st = ctx.state_mut();
        R::tick(ctx.site_mut(&mut st)?);
    }
    Ok(())
}

/// The item of a site table with this id, or `R`'s not-found answer (for handlers that hold the
/// site mutably, or without the whole state).
pub fn in_table<'s, R: Resource>(table: &'s Table<R>, id: &str) -> Result<&'s R, ApiError> {
    table.get(id).ok_or_else(|| R::not_found(id))
}

/// `GET sites/{site}/<list>`: the site's items, filtered, sorted, paged and projected.
pub fn list<R: Resource>(ctx: &Ctx, req: &mut Request) -> Result<Response, ApiError> {
    R::check(&req.query)?;
    let lq = ListQuery::parse(&req.query, R::FIELDS)?;
    tick::<R>(ctx)?;
    let st = ctx.state();
    let ss = ctx.site(&st)?;
    let sc = Scope::new::<R>(&st, ss, &req.query);
    list_of(ctx, &lq, &sc, R::items(&st, ss).iter(ss))
}

/// `GET sites/{site}/<list>/{id}`.
pub fn get<R: Resource>(ctx: &Ctx, req: &mut Request) -> Result<Response, ApiError> {
    R::check(&req.query)?;
    tick::<R>(ctx)?;
    let st = ctx.state();
    let ss = ctx.site(&st)?;
    let item = R::found(&st, ss, req.param("id"))?;
    let sc = Scope::new::<R>(&st, ss, &req.query);
    let mut x = ctx.reply(R::ITEM_BYTES * 2);
    R::render(
        &mut x,
        &sc,
        item,
        &Fields::parse(req.query.get("fields")),
        true,
    );
    Ok(ok(x))
}

/// A page of `items` (a site's whole table or a subset of it) as the list reply.
pub fn list_of<'s, R: Resource>(
    ctx: &Ctx,
    lq: &ListQuery,
    sc: &Scope<'s>,
    items: impl Iterator<Item = &'s R>,
) -> Result<Response, ApiError> {
    page(
        ctx,
        lq,
        R::LIST,
        R::ITEM_BYTES,
        items,
        accessor(|it: &R, f: &str| R::field(sc, it, f)),
        |x, it, fields| R::render(x, sc, it, fields, false),
    )
}

/// The list reply of any items: `<pagination/>`, then the page in `<list>`.
pub fn page<'a, T: 'a>(
    ctx: &Ctx,
    lq: &ListQuery,
    list: &str,
    item_bytes: usize,
    items: impl Iterator<Item = &'a T>,
    get: impl for<'b> Fn(&'b T, &str) -> FVal<'b>,
    mut render: impl FnMut(&mut ReplyWriter, &T, &Fields),
) -> Result<Response, ApiError> {
    let (page, total) = lq.apply(items, get)?;
    let mut x = ctx.reply(page.len() * item_bytes + 256);
    x.pagination(lq.paging.page_number, lq.paging.page_size, total);
    x.open(list).close();
    for it in page {
        render(&mut x, it, &lq.fields);
    }
    x.end(list);
    Ok(ok(x))
}
