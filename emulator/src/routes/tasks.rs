//! Tasks of a site: `tasks/extractRefreshes` (query, query one, create with its own schedule,
//! run now, delete), `tasks/dataAcceleration` and `tasks/runFlow` (query, delete). Tasks are
//! made by adding items to schedules (`routes/schedules.rs`) or by the create here. Running one
//! makes a job of the task's target (`job_outcomes::create`) and sets its `lastRunAt`.
//!
//! Errors: an unknown task `404030`; an unknown target `404006`/`404004`; schedule intervals that
//! do not fit the frequency `400000`.

use crate::errors::ApiError;
use crate::http::Response;
use crate::query::{FVal, FieldDef, Fields, ListQuery};
use crate::reply::ReplyWriter;
use crate::resource::{self, Items, Resource, Scope};
use crate::router::{Ctx, Request, Route};
use crate::routes::schedules::{read_details, render, render_task};
use crate::routes::{ok, payload, required};
use crate::schedules::{self, Schedule, Task};
use crate::state::{JobSubject, SiteState, State};
use crate::util::{new_id, now_secs};

pub fn routes(r: &mut Vec<Route>) {
    r.push(Route::get("sites/{site}/tasks/extractRefreshes", |c, q| {
        list(c, q, "extractRefresh")
    }));
    r.push(Route::post("sites/{site}/tasks/extractRefreshes", create).since("3.19"));
    r.push(Route::get(
        "sites/{site}/tasks/extractRefreshes/{id}",
        get_one,
    ));
    r.push(Route::post(
        "sites/{site}/tasks/extractRefreshes/{id}/runNow",
        run_now,
    ));
    r.push(
        Route::delete("sites/{site}/tasks/extractRefreshes/{id}", |c, q| {
            delete(c, q, "extractRefresh")
        })
        .since("3.6"),
    );
    r.push(
        Route::get("sites/{site}/tasks/dataAcceleration", |c, q| {
            list(c, q, "dataAcceleration")
        })
        .since("3.8"),
    );
    r.push(
        Route::delete("sites/{site}/tasks/dataAcceleration/{id}", |c, q| {
            delete(c, q, "dataAcceleration")
        })
        .since("3.8"),
    );
    r.push(Route::get("sites/{site}/tasks/runFlow", |c, q| {
        list(c, q, "runFlow")
    }));
    r.push(
        Route::delete("sites/{site}/tasks/runFlow/{id}", |c, q| {
            delete(c, q, "runFlow")
        })
        .since("3.6"),
    );
}

const FIELDS: &[FieldDef] = &[FieldDef::int("priority")];

fn not_found(id: &str) -> ApiError {
    ApiError::new(404030, format!("Task '{id}' could not be found."))
}

impl Resource for Task {
    const LIST: &'static str = "tasks";
    const FIELDS: &'static [FieldDef] = FIELDS;
    const ITEM_BYTES: usize = 700;

    /// The site's tasks (of every kind), in the server-wide list.
    fn items<'s>(st: &'s State, _: &'s SiteState) -> Items<'s, Task> {
        Items::List(&st.scheduling.tasks, |t, ss| t.site_id == ss.id)
    }
    fn not_found(id: &str) -> ApiError {
        not_found(id)
    }
    fn field<'a>(_: &Scope<'_>, t: &'a Task, f: &str) -> FVal<'a> {
        match f {
            "priority" => FVal::Int(t.priority),
            _ => FVal::Null,
        }
    }
    fn render(x: &mut ReplyWriter, sc: &Scope<'_>, t: &Task, _: &Fields, _: bool) {
        render_task(x, t, schedule_of(&sc.st.scheduling, t));
    }
}

/// The site's tasks of one kind (`extractRefresh`, `dataAcceleration`, `runFlow`).
fn list(ctx: &Ctx, req: &mut Request, kind: &str) -> Result<Response, ApiError> {
    let lq = ListQuery::parse(&req.query, FIELDS)?;
    let st = ctx.state();
    let ss = ctx.site(&st)?;
    let sc = Scope::new::<Task>(&st, ss, &req.query);
    let tasks = Task::items(&st, ss).iter(ss).filter(|t| t.kind == kind);
    resource::list_of(ctx, &lq, &sc, tasks)
}

fn schedule_of<'a>(sched: &'a schedules::Scheduling, t: &Task) -> Option<&'a Schedule> {
    t.schedule_id
        .as_deref()
        .and_then(|id| sched.schedules.iter().find(|s| s.id == id))
}

fn get_one(ctx: &Ctx, req: &mut Request) -> Result<Response, ApiError> {
    let st = ctx.state();
    let site_id = ctx.site(&st)?.id.clone();
    let id = req.param("id");
    let t = st
        .scheduling
        .tasks
        .iter()
        .find(|t| t.id == id && t.site_id == site_id && t.kind == "extractRefresh")
        .ok_or_else(|| not_found(id))?;
    let mut x = ctx.reply(1024);
    render_task(&mut x, t, schedule_of(&st.scheduling, t));
    Ok(ok(x))
}

/// Create Cloud Extract Refresh Task: `<extractRefresh type><workbook|datasource id/></extractRefresh>
/// <schedule frequency><frequencyDetails …/></schedule>`; answers `<extractRefresh …/><schedule …/>`.
fn create(ctx: &Ctx, req: &mut Request) -> Result<Response, ApiError> {
    ctx.require_admin()?;
    let doc = req.document()?;
    let er = payload(&doc, "extractRefresh")?;
    let sched_el = payload(&doc, "schedule")?;
    let refresh_type = er.attr("type").unwrap_or("FullRefresh").to_string();
    if refresh_type != "FullRefresh" && refresh_type != "IncrementalRefresh" {
        return Err(ApiError::new(
            400000,
            format!(
                "The refresh type '{refresh_type}' is neither FullRefresh nor IncrementalRefresh."
            ),
        ));
    }
    let (kind, target) = if let Some(w) = er.child("workbook") {
        ("workbook", required(w, "id")?.to_string())
    } else if let Some(d) = er.child("datasource") {
        ("datasource", required(d, "id")?.to_string())
    } else {
        return Err(ApiError::bad_request(
            "Payload is either malformed XML or incomplete: <extractRefresh> names no workbook or datasource",
        ));
    };
    let freq = required(sched_el, "frequency")?.to_string();
    let mut own = Schedule::new("", "Extract", &freq, "");
    read_details(sched_el, &mut own)?;
    schedules::validate(&own)?;
    let mut st = ctx.state_mut();
    let ss = ctx.site(&st)?;
    let site_id = ss.id.clone();
    match kind {
        "workbook" if ss.workbooks.get(&target).is_none() => {
            return Err(ApiError::workbook_not_found(&target))
        }
        "datasource" if ss.datasources.get(&target).is_none() => {
            return Err(ApiError::datasource_not_found(&target))
        }
        _ => {}
    }
    let t = Task {
        id: new_id(),
        site_id,
        kind: "extractRefresh".into(),
        refresh_type,
        priority: 50,
        consecutive_failed_count: 0,
        schedule_id: None,
        own_schedule: Some(own.clone()),
        target_kind: kind.to_string(),
        target_id: target,
        last_run_at: None,
    };
    st.scheduling.tasks.push(t.clone());
    let mut x = ctx.reply(1024);
    x.open("extractRefresh")
        .attr("id", &t.id)
        .attr_num("priority", t.priority)
        .attr_num("consecutiveFailedCount", 0)
        .attr("type", &t.refresh_type)
        .close();
    x.open(kind).attr("id", &t.target_id).empty();
    x.end("extractRefresh");
    render(&mut x, &own);
    Ok(ok(x))
}

fn run_now(ctx: &Ctx, req: &mut Request) -> Result<Response, ApiError> {
    ctx.require_admin()?;
    let id = req.param("id").to_string();
    let mut st = ctx.state_mut();
    let site_id = ctx.site(&st)?.id.clone();
    let i = st
        .scheduling
        .tasks
        .iter()
        .position(|t| t.id == id && t.site_id == site_id && t.kind == "extractRefresh")
        .ok_or_else(|| not_found(&id))?;
    let (kind, target) = {
        let t = &st.scheduling.tasks[i];
        (t.target_kind.clone(), t.target_id.clone())
    };
    let ss = ctx.site_mut(&mut st)?;
    let name = match kind.as_str() {
        "workbook" => ss.workbooks.get(&target).map(|w| w.name.clone()),
        _ => ss.datasources.get(&target).map(|d| d.name.clone()),
    }
    .ok_or_else(|| match kind.as_str() {
        "workbook" => ApiError::workbook_not_found(&target),
        _ => ApiError::datasource_not_found(&target),
    })?;
    let subject = JobSubject {
        kind: kind.clone(),
        id: target,
        name,
    };
    let job = crate::job_outcomes::create(ctx, ss, "RefreshExtract", Some(subject));
    st.scheduling.tasks[i].last_run_at = Some(now_secs());
    let mut x = ctx.reply(512);
    crate::render::job(&mut x, &job);
    Ok(ok(x))
}

fn delete(ctx: &Ctx, req: &mut Request, kind: &str) -> Result<Response, ApiError> {
    ctx.require_admin()?;
    let id = req.param("id").to_string();
    let mut st = ctx.state_mut();
    let site_id = ctx.site(&st)?.id.clone();
    let before = st.scheduling.tasks.len();
    st.scheduling
        .tasks
        .retain(|t| !(t.id == id && t.site_id == site_id && t.kind == kind));
    if st.scheduling.tasks.len() == before {
        return Err(not_found(&id));
    }
    Ok(Response::no_content())
}
