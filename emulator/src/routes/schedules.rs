//! Schedules: server-wide (`/api/{v}/schedules`): query (paged, filter/sort on name, type,
//! frequency, state, priority), query one (3.8+), create, update, delete, suspend or resume many
//! (`PUT schedules?state=…[&updateAll=true]`, 3.27+); on a site: add a workbook, data source or
//! flow (`PUT sites/{site}/schedules/{id}/workbooks|datasources|flows`, which makes a task) and
//! the extract refresh tasks of a schedule (`GET …/schedules/{id}/extracts`).
//!
//! Errors: an unknown schedule `404021`; a name taken `409021`; intervals that do not fit the
//! frequency, an unknown type or frequency, bad times `400000` (`schedules::validate`); an item
//! already on the schedule `409048`; an item of a kind the schedule does not run `400000`.

use crate::errors::ApiError;
use crate::http::Response;
use crate::query::{FVal, FieldDef, Fields, ListQuery};
use crate::reply::ReplyWriter;
use crate::resource::{self, Items, Resource, Scope};
use crate::router::{Ctx, Request, Route};
use crate::routes::{created, ok, payload, required};
use crate::schedules::{self, Schedule, Task};
use crate::state::{SiteState, State};
use crate::util::{fmt_ts, new_id, now_secs};
use crate::xml::Element;

pub fn routes(r: &mut Vec<Route>) {
    r.push(Route::get("schedules", resource::list::<Schedule>));
    r.push(Route::post("schedules", create));
    r.push(Route::put("schedules", batch_state).since("3.27"));
    r.push(Route::get("schedules/{id}", resource::get::<Schedule>).since("3.8"));
    r.push(Route::put("schedules/{id}", update));
    r.push(Route::delete("schedules/{id}", delete));
    r.push(Route::put(
        "sites/{site}/schedules/{id}/workbooks",
        |c, q| add(c, q, "workbook"),
    ));
    r.push(Route::put(
        "sites/{site}/schedules/{id}/datasources",
        |c, q| add(c, q, "datasource"),
    ));
    r.push(
        Route::put("sites/{site}/schedules/{id}/flows", |c, q| {
            add(c, q, "flow")
        })
        .since("3.3"),
    );
    r.push(Route::get("sites/{site}/schedules/{id}/extracts", extracts));
}

const FIELDS: &[FieldDef] = &[
    FieldDef::name("name"),
    FieldDef::str("type"),
    FieldDef::str("frequency"),
    FieldDef::str("state"),
    FieldDef::int("priority"),
    FieldDef::date("createdAt"),
    FieldDef::date("updatedAt"),
];

fn field<'b>(s: &'b Schedule, f: &str) -> FVal<'b> {
    match f {
        "name" => FVal::Str(&s.name),
        "type" => FVal::Str(&s.schedule_type),
        "frequency" => FVal::Str(&s.frequency),
        "state" => FVal::Str(&s.state),
        "priority" => FVal::Int(s.priority),
        "createdAt" => FVal::Date(Some(s.created_at)),
        "updatedAt" => FVal::Date(Some(s.updated_at)),
        _ => FVal::Null,
    }
}

pub fn not_found(id: &str) -> ApiError {
    ApiError::new(404021, format!("Schedule '{id}' could not be found."))
}

/// `<schedule …><frequencyDetails start end><intervals><interval …/></intervals></frequencyDetails></schedule>`.
/// A task's own schedule (no name) is only its frequency, next run and details, as Tableau
/// Cloud gives it.
pub fn render(x: &mut ReplyWriter, s: &Schedule) {
    x.open("schedule");
    if !s.name.is_empty() {
        x.attr("id", &s.id)
            .attr("name", &s.name)
            .attr("state", &s.state)
            .attr_num("priority", s.priority)
            .attr("createdAt", &fmt_ts(s.created_at))
            .attr("updatedAt", &fmt_ts(s.updated_at))
            .attr("type", &s.schedule_type);
    }
    x.attr("frequency", &s.frequency);
    if let Some(t) = s.next_run_at() {
        x.attr("nextRunAt", &fmt_ts(t));
    }
    if !s.name.is_empty() {
        x.attr("executionOrder", &s.execution_order);
    }
    x.close();
    frequency_details(x, s);
    x.end("schedule");
}

pub fn frequency_details(x: &mut ReplyWriter, s: &Schedule) {
    x.open("frequencyDetails").attr("start", &s.start);
    if let Some(e) = &s.end {
        x.attr("end", e);
    }
    x.close();
    x.open("intervals").close();
    for (k, v) in &s.intervals {
        x.open("interval").attr(k, v).empty();
    }
    x.end("intervals");
    x.end("frequencyDetails");
}

/// Reads `<frequencyDetails start end><intervals>…</intervals></frequencyDetails>` into `s`.
pub fn read_details(el: &Element, s: &mut Schedule) -> Result<(), ApiError> {
    if let Some(d) = el.child("frequencyDetails") {
        if let Some(v) = d.attr("start") {
            s.start = v.to_string();
        }
        if let Some(v) = d.attr("end") {
            s.end = Some(v.to_string());
        }
        if let Some(list) = d.child("intervals") {
            s.intervals = list
                .children
                .iter()
                .filter(|c| c.name == "interval")
                .flat_map(|c| c.attrs.iter().map(|(k, v)| (k.clone(), v.clone())))
                .collect();
        }
    }
    Ok(())
}

impl Resource for Schedule {
    const LIST: &'static str = "schedules";
    const FIELDS: &'static [FieldDef] = FIELDS;

    /// Server-wide: every site sees them all.
    fn items<'s>(st: &'s State, _: &'s SiteState) -> Items<'s, Schedule> {
        Items::List(&st.scheduling.schedules, |_, _| true)
    }
    fn not_found(id: &str) -> ApiError {
        not_found(id)
    }
    fn field<'a>(_: &Scope<'_>, s: &'a Schedule, f: &str) -> FVal<'a> {
        field(s, f)
    }
    fn render(x: &mut ReplyWriter, _: &Scope<'_>, s: &Schedule, _: &Fields, _: bool) {
        render(x, s);
    }
}

fn apply_common(el: &Element, s: &mut Schedule) -> Result<(), ApiError> {
    if let Some(v) = el.attr("priority") {
        s.priority = v
            .parse()
            .ok()
            .filter(|p| (1..=100).contains(p))
            .ok_or_else(|| ApiError::new(400000, format!("The priority '{v}' is not 1 to 100.")))?;
    }
    if let Some(v) = el.attr("executionOrder") {
        if v != "Parallel" && v != "Serial" {
            return Err(ApiError::new(
                400000,
                format!("The execution order '{v}' is neither Parallel nor Serial."),
            ));
        }
        s.execution_order = v.to_string();
    }
    if let Some(v) = el.attr("frequency") {
        s.frequency = v.to_string();
    }
    read_details(el, s)?;
    schedules::validate(s)
}

fn create(ctx: &Ctx, req: &mut Request) -> Result<Response, ApiError> {
    ctx.require_server_admin()?;
    let doc = req.document()?;
    let el = payload(&doc, "schedule")?;
    let name = required(el, "name")?.to_string();
    let ty = required(el, "type")?.to_string();
    if !schedules::TYPES.contains(&ty.as_str()) {
        return Err(ApiError::new(
            400000,
            format!("The schedule type '{ty}' is not one of Extract, Subscription, Flow, DataAcceleration."),
        ));
    }
    let freq = required(el, "frequency")?.to_string();
    let mut s = Schedule::new(&name, &ty, &freq, "");
    apply_common(el, &mut s)?;
    let mut st = ctx.state_mut();
    if st
        .scheduling
        .schedules
        .iter()
        .any(|o| o.name.eq_ignore_ascii_case(&name))
    {
        return Err(ApiError::new(
            409021,
            format!("A schedule named '{name}' already exists."),
        ));
    }
    st.scheduling.schedules.push(s.clone());
    let mut x = ctx.reply(512);
    render(&mut x, &s);
    Ok(created(x))
}

fn update(ctx: &Ctx, req: &mut Request) -> Result<Response, ApiError> {
    ctx.require_server_admin()?;
    let doc = req.document()?;
    let el = payload(&doc, "schedule")?;
    let id = req.param("id").to_string();
    let mut st = ctx.state_mut();
    let sched = &mut st.scheduling;
    let i = sched
        .schedules
        .iter()
        .position(|s| s.id == id)
        .ok_or_else(|| not_found(&id))?;
    let mut s = sched.schedules[i].clone();
    if let Some(n) = el.attr("name") {
        if n.trim().is_empty() {
            return Err(ApiError::new(400000, "The schedule name cannot be empty."));
        }
        if sched
            .schedules
            .iter()
            .any(|o| o.id != id && o.name.eq_ignore_ascii_case(n))
        {
            return Err(ApiError::new(
                409021,
                format!("A schedule named '{n}' already exists."),
            ));
        }
        s.name = n.to_string();
    }
    if let Some(v) = el.attr("state") {
        if v != "Active" && v != "Suspended" {
            return Err(ApiError::new(
                400000,
                format!("The state '{v}' is neither Active nor Suspended."),
            ));
        }
        s.state = v.to_string();
    }
    apply_common(el, &mut s)?;
    s.updated_at = now_secs();
    sched.schedules[i] = s.clone();
    let mut x = ctx.reply(512);
    render(&mut x, &s);
    Ok(ok(x))
}

fn delete(ctx: &Ctx, req: &mut Request) -> Result<Response, ApiError> {
    ctx.require_server_admin()?;
    let id = req.param("id").to_string();
    let mut st = ctx.state_mut();
    let sched = &mut st.scheduling;
    let before = sched.schedules.len();
    sched.schedules.retain(|s| s.id != id);
    if sched.schedules.len() == before {
        return Err(not_found(&id));
    }
    sched
        .tasks
        .retain(|t| t.schedule_id.as_deref() != Some(id.as_str()));
    sched.subscriptions.retain(|s| s.schedule_id != id);
    Ok(Response::no_content())
}

fn batch_state(ctx: &Ctx, req: &mut Request) -> Result<Response, ApiError> {
    ctx.require_server_admin()?;
    let state = match req.query.get("state") {
        Some("active") => "Active",
        Some("suspended") => "Suspended",
        other => {
            return Err(ApiError::new(
                400000,
                format!(
                    "The state '{}' is neither active nor suspended.",
                    other.unwrap_or("")
                ),
            ))
        }
    };
    let all = req.query.get("updateAll") == Some("true");
    let doc = req.document_opt()?;
    let ids: Vec<String> = doc
        .as_ref()
        .and_then(|d| d.child("scheduleLuids"))
        .map(|l| {
            l.children
                .iter()
                .filter(|c| c.name == "scheduleLuid")
                .map(|c| c.text.trim().to_string())
                .collect()
        })
        .unwrap_or_default();
    if !all && ids.is_empty() {
        return Err(ApiError::new(
            400000,
            "Name the schedules in <scheduleLuids> or set updateAll=true.",
        ));
    }
    let mut st = ctx.state_mut();
    for id in &ids {
        if !st.scheduling.schedules.iter().any(|s| &s.id == id) {
            return Err(not_found(id));
        }
    }
    let now = now_secs();
    let mut changed = Vec::new();
    for s in st.scheduling.schedules.iter_mut() {
        if all || ids.contains(&s.id) {
            s.state = state.to_string();
            s.updated_at = now;
            changed.push(s.id.clone());
        }
    }
    let mut x = ctx.reply(64 + changed.len() * 60);
    x.open("scheduleLuids").close();
    for id in &changed {
        x.text_element("scheduleLuid", id);
    }
    x.end("scheduleLuids");
    Ok(ok(x))
}

/// `<task><extractRefresh|runFlow|dataAcceleration id priority consecutiveFailedCount type>
/// <schedule …/><workbook id/></…></task>`.
pub fn render_task(x: &mut ReplyWriter, t: &Task, schedule: Option<&Schedule>) {
    x.open("task").close();
    x.open(&t.kind)
        .attr("id", &t.id)
        .attr_num("priority", t.priority)
        .attr_num("consecutiveFailedCount", t.consecutive_failed_count);
    if t.kind == "extractRefresh" {
        x.attr("type", &t.refresh_type);
    }
    x.close();
    if let Some(s) = schedule.or(t.own_schedule.as_ref()) {
        render(x, s);
    }
    x.open(&t.target_kind).attr("id", &t.target_id).empty();
    if let Some(l) = t.last_run_at {
        x.text_element("lastRunAt", &fmt_ts(l));
    }
    x.end(&t.kind);
    x.end("task");
}

fn add(ctx: &Ctx, req: &mut Request, kind: &str) -> Result<Response, ApiError> {
    ctx.require_admin()?;
    let doc = req.document()?;
    let task_el = payload(&doc, "task")?;
    let wrapper = match kind {
        "flow" => "runFlow",
        "workbook" if task_el.child("dataAcceleration").is_some() => "dataAcceleration",
        _ => "extractRefresh",
    };
    let item = task_el
        .child(wrapper)
        .and_then(|w| w.child(kind))
        .ok_or_else(|| {
            ApiError::bad_request(format!(
                "Payload is either malformed XML or incomplete: <task><{wrapper}><{kind} id/></{wrapper}></task> is missing"
            ))
        })?;
    let item_id = required(item, "id")?.to_string();
    let schedule_id = req.param("id").to_string();
    let mut st = ctx.state_mut();
    let site_id = ctx.site(&st)?.id.clone();
    let ss = ctx.site(&st)?;
    let exists = match kind {
        "workbook" => ss.workbooks.get(&item_id).is_some(),
        "datasource" => ss.datasources.get(&item_id).is_some(),
        _ => ss.flows.get(&item_id).is_some(),
    };
    let sched = &mut st.scheduling;
    let s = sched
        .schedules
        .iter()
        .find(|s| s.id == schedule_id)
        .ok_or_else(|| not_found(&schedule_id))?
        .clone();
    if !exists {
        return Err(match kind {
            "workbook" => ApiError::workbook_not_found(&item_id),
            "datasource" => ApiError::datasource_not_found(&item_id),
            _ => ApiError::new(404059, format!("Flow '{item_id}' could not be found.")),
        });
    }
    let want = match wrapper {
        "runFlow" => "Flow",
        "dataAcceleration" => "DataAcceleration",
        _ => "Extract",
    };
    if s.schedule_type != want {
        return Err(ApiError::new(
            400000,
            format!(
                "The schedule '{}' is a {} schedule: a {kind} needs a {want} schedule.",
                s.name, s.schedule_type
            ),
        ));
    }
    if sched.tasks.iter().any(|t| {
        t.site_id == site_id
            && t.schedule_id.as_deref() == Some(schedule_id.as_str())
            && t.target_id == item_id
    }) {
        return Err(ApiError::new(
            409048,
            format!(
                "The {kind} '{item_id}' is already on the schedule '{}'.",
                s.name
            ),
        ));
    }
    let t = Task {
        id: new_id(),
        site_id,
        kind: wrapper.to_string(),
        refresh_type: "FullRefresh".into(),
        priority: s.priority,
        consecutive_failed_count: 0,
        schedule_id: Some(schedule_id),
        own_schedule: None,
        target_kind: kind.to_string(),
        target_id: item_id,
        last_run_at: None,
    };
    sched.tasks.push(t.clone());
    let mut x = ctx.reply(1024);
    render_task(&mut x, &t, Some(&s));
    Ok(ok(x))
}

fn extracts(ctx: &Ctx, req: &mut Request) -> Result<Response, ApiError> {
    let lq = ListQuery::parse(&req.query, &[])?;
    let st = ctx.state();
    let site_id = ctx.site(&st)?.id.clone();
    let schedule_id = req.param("id");
    if !st.scheduling.schedules.iter().any(|s| s.id == schedule_id) {
        return Err(not_found(schedule_id));
    }
    let tasks = st.scheduling.tasks.iter().filter(|t| {
        t.site_id == site_id
            && t.kind == "extractRefresh"
            && t.schedule_id.as_deref() == Some(schedule_id)
    });
    resource::page(
        ctx,
        &lq,
        "extracts",
        200,
        tasks,
        |_, _| FVal::Null,
        |x, t, _| {
            x.open("extract")
                .attr("id", &t.id)
                .attr_num("priority", t.priority)
                .attr("type", &t.refresh_type)
                .close();
            x.open(&t.target_kind).attr("id", &t.target_id).empty();
            x.end("extract");
        },
    )
}
