//! Subscriptions of a site: query (paged, filter/sort on subject), query one, create, update,
//! delete. A subscription names a Subscription schedule (server-wide), a user of the site and a
//! view or workbook of the site.
//!
//! Errors: an unknown subscription `404025`; an unknown schedule `404021`, user `404002`, view
//! `404011`, workbook `404006`; a schedule of another type, an unknown content type, page
//! orientation or size `400000`.

use crate::content::pdf;
use crate::errors::ApiError;
use crate::http::Response;
use crate::query::{FVal, FieldDef, Fields};
use crate::reply::ReplyWriter;
use crate::resource::{self, Items, Resource, Scope};
use crate::router::{Ctx, Request, Route};
use crate::routes::schedules::not_found as schedule_not_found;
use crate::routes::{bool_attr, created, ok, payload, required};
use crate::schedules::Subscription;
use crate::state::{SiteState, State};
use crate::util::new_id;
use crate::xml::Element;

pub fn routes(r: &mut Vec<Route>) {
    r.push(Route::get(
        "sites/{site}/subscriptions",
        resource::list::<Subscription>,
    ));
    r.push(Route::post("sites/{site}/subscriptions", create));
    r.push(Route::get(
        "sites/{site}/subscriptions/{id}",
        resource::get::<Subscription>,
    ));
    r.push(Route::put("sites/{site}/subscriptions/{id}", update));
    r.push(Route::delete("sites/{site}/subscriptions/{id}", delete));
}

const FIELDS: &[FieldDef] = &[FieldDef::str("subject")];

fn not_found(id: &str) -> ApiError {
    ApiError::new(404025, format!("Subscription '{id}' could not be found."))
}

fn render(x: &mut ReplyWriter, st: &State, s: &Subscription) {
    x.open("subscription")
        .attr("id", &s.id)
        .attr("subject", &s.subject)
        .attr_bool("attachImage", s.attach_image)
        .attr_bool("attachPdf", s.attach_pdf);
    if !s.message.is_empty() {
        x.attr("message", &s.message);
    }
    x.attr("pageOrientation", &s.page_orientation)
        .attr("pageSizeOption", &s.page_size_option)
        .attr_bool("suspended", s.suspended)
        .close();
    x.open("content")
        .attr("id", &s.content_id)
        .attr("type", &s.content_type)
        .attr_bool("sendIfViewEmpty", s.send_if_view_empty)
        .empty();
    let sched = st
        .scheduling
        .schedules
        .iter()
        .find(|c| c.id == s.schedule_id);
    x.open("schedule").attr("id", &s.schedule_id);
    if let Some(c) = sched {
        x.attr("name", &c.name);
    }
    x.empty();
    let user = st.site(&s.site_id).and_then(|ss| ss.users.get(&s.user_id));
    x.open("user").attr("id", &s.user_id);
    if let Some(u) = user {
        x.attr("name", &u.name);
    }
    x.empty();
    x.end("subscription");
}

impl Resource for Subscription {
    const LIST: &'static str = "subscriptions";
    const FIELDS: &'static [FieldDef] = FIELDS;
    const ITEM_BYTES: usize = 500;

    /// The site's subscriptions, in the server-wide list.
    fn items<'s>(st: &'s State, _: &'s SiteState) -> Items<'s, Subscription> {
        Items::List(&st.scheduling.subscriptions, |s, ss| s.site_id == ss.id)
    }
    fn not_found(id: &str) -> ApiError {
        not_found(id)
    }
    fn field<'a>(_: &Scope<'_>, s: &'a Subscription, f: &str) -> FVal<'a> {
        match f {
            "subject" => FVal::Str(&s.subject),
            _ => FVal::Null,
        }
    }
    fn render(x: &mut ReplyWriter, sc: &Scope<'_>, s: &Subscription, _: &Fields, _: bool) {
        render(x, sc.st, s);
    }
}

/// The attributes and children both create and update may carry.
fn apply(st: &State, el: &Element, s: &mut Subscription) -> Result<(), ApiError> {
    if let Some(v) = el.attr("subject") {
        if v.trim().is_empty() {
            return Err(ApiError::new(400000, "The subject cannot be empty."));
        }
        s.subject = v.to_string();
    }
    if let Some(v) = el.attr("message") {
        s.message = v.to_string();
    }
    if let Some(b) = bool_attr(el, "attachImage")? {
        s.attach_image = b;
    }
    if let Some(b) = bool_attr(el, "attachPdf")? {
        s.attach_pdf = b;
    }
    if let Some(b) = bool_attr(el, "suspended")? {
        s.suspended = b;
    }
    for (attr, allowed, slot) in [
        (
            "pageOrientation",
            pdf::ORIENTATIONS,
            &mut s.page_orientation,
        ),
        (
            "pageSizeOption",
            &pdf::PAGE_TYPES[..],
            &mut s.page_size_option,
        ),
    ] {
        if let Some(v) = el.attr(attr) {
            if !allowed.contains(&v) {
                return Err(ApiError::new(
                    400000,
                    format!(
                        "The value '{v}' of '{attr}' is not one of {}.",
                        allowed.join(", ")
                    ),
                ));
            }
            *slot = v.to_string();
        }
    }
    if let Some(c) = el.child("content") {
        if let Some(b) = bool_attr(c, "sendIfViewEmpty")? {
            s.send_if_view_empty = b;
        }
    }
    if let Some(id) = el.child("schedule").and_then(|c| c.attr("id")) {
        let sched = st
            .scheduling
            .schedules
            .iter()
            .find(|c| c.id == id)
            .ok_or_else(|| schedule_not_found(id))?;
        if sched.schedule_type != "Subscription" {
            return Err(ApiError::new(
                400000,
                format!(
                    "The schedule '{}' is a {} schedule, not a Subscription schedule.",
                    sched.name, sched.schedule_type
                ),
            ));
        }
        s.schedule_id = id.to_string();
    }
    Ok(())
}

fn create(ctx: &Ctx, req: &mut Request) -> Result<Response, ApiError> {
    let doc = req.document()?;
    let el = payload(&doc, "subscription")?;
    required(el, "subject")?;
    let content = payload(el, "content")?;
    let content_id = required(content, "id")?.to_string();
    let content_type = required(content, "type")?.to_string();
    let user_id = required(payload(el, "user")?, "id")?.to_string();
    required(payload(el, "schedule")?, "id")?;
    let mut st = ctx.state_mut();
    let ss = ctx.site(&st)?;
    let site_id = ss.id.clone();
    if ss.users.get(&user_id).is_none() {
        return Err(ApiError::user_not_found(&user_id));
    }
    match content_type.to_ascii_lowercase().as_str() {
        "view" if ss.views.get(&content_id).is_none() => {
            return Err(ApiError::view_not_found(&content_id))
        }
        "workbook" if ss.workbooks.get(&content_id).is_none() => {
            return Err(ApiError::workbook_not_found(&content_id))
        }
        "view" | "workbook" => {}
        _ => {
            return Err(ApiError::new(
                400000,
                format!("The content type '{content_type}' is neither View nor Workbook."),
            ))
        }
    }
    let mut s = Subscription {
        id: new_id(),
        site_id: site_id.clone(),
        subject: String::new(),
        message: String::new(),
        attach_image: true,
        attach_pdf: false,
        page_orientation: "Portrait".into(),
        page_size_option: "Letter".into(),
        suspended: false,
        content_type: if content_type.eq_ignore_ascii_case("view") {
            "View".into()
        } else {
            "Workbook".into()
        },
        content_id,
        send_if_view_empty: true,
        schedule_id: String::new(),
        user_id,
    };
    apply(&st, el, &mut s)?;
    st.scheduling.subscriptions.push(s.clone());
    let mut x = ctx.reply(512);
    render(&mut x, &st, &s);
    Ok(created(x))
}

fn update(ctx: &Ctx, req: &mut Request) -> Result<Response, ApiError> {
    let doc = req.document()?;
    let el = payload(&doc, "subscription")?;
    let id = req.param("id").to_string();
    let mut st = ctx.state_mut();
    let site_id = ctx.site(&st)?.id.clone();
    let i = st
        .scheduling
        .subscriptions
        .iter()
        .position(|s| s.id == id && s.site_id == site_id)
        .ok_or_else(|| not_found(&id))?;
    let mut s = st.scheduling.subscriptions[i].clone();
    apply(&st, el, &mut s)?;
    st.scheduling.subscriptions[i] = s.clone();
    let mut x = ctx.reply(512);
    render(&mut x, &st, &s);
    Ok(ok(x))
}

fn delete(ctx: &Ctx, req: &mut Request) -> Result<Response, ApiError> {
    let id = req.param("id").to_string();
    let mut st = ctx.state_mut();
    let site_id = ctx.site(&st)?.id.clone();
    let before = st.scheduling.subscriptions.len();
    st.scheduling
        .subscriptions
        .retain(|s| !(s.id == id && s.site_id == site_id));
    if st.scheduling.subscriptions.len() == before {
        return Err(not_found(&id));
    }
    Ok(Response::no_content())
}
