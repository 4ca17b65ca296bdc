//! Jobs: query one, query all (`backgroundJobs`), cancel. Jobs advance on the emulator's
//! clock (see `state::Job::tick`) whenever they are read.

use crate::errors::ApiError;
use crate::http::Response;
use crate::query::{FVal, FieldDef, Fields};
use crate::render;
use crate::reply::ReplyWriter;
use crate::resource::{self, Items, Resource, Scope};
use crate::router::{Ctx, Request, Route};
use crate::routes::ok;
use crate::state::{Job, SiteState, State};
use crate::util::now_secs;

pub fn routes(r: &mut Vec<Route>) {
    r.push(Route::get("sites/{site}/jobs", resource::list::<Job>));
    r.push(Route::get("sites/{site}/jobs/{id}", resource::get::<Job>));
    r.push(Route::put("sites/{site}/jobs/{id}", cancel));
}

pub const JOB_FIELDS: &[FieldDef] = &[
    FieldDef::date("createdAt"),
    FieldDef::date("startedAt"),
    FieldDef::date("completedAt"),
    FieldDef::date("endedAt"),
    FieldDef::int("priority"),
    FieldDef::int("progress"),
    FieldDef::str("jobType"),
    FieldDef::str("status"),
    FieldDef::str("title"),
    FieldDef::str("subtitle"),
    FieldDef::str("notes"),
];

fn job_field<'b>(j: &'b Job, f: &str) -> FVal<'b> {
    match f {
        "createdAt" => FVal::Date(Some(j.created_at)),
        "startedAt" => FVal::Date(j.started_at),
        "completedAt" | "endedAt" => FVal::Date(j.completed_at),
        "priority" => FVal::Int(j.priority as i64),
        "progress" => FVal::Int(j.progress as i64),
        "jobType" => FVal::Str(&j.job_type),
        "status" => FVal::Str(j.status()),
        "title" => FVal::Str(&j.title),
        "subtitle" => FVal::Str(&j.subtitle),
        "notes" => FVal::Owned(j.notes.join("\n")),
        _ => FVal::Null,
    }
}

impl Resource for Job {
    const LIST: &'static str = "backgroundJobs";
    const FIELDS: &'static [FieldDef] = JOB_FIELDS;
    const ITEM_BYTES: usize = 300;
    const TICKS: bool = true;

    fn items<'s>(_: &'s State, ss: &'s SiteState) -> Items<'s, Job> {
        Items::Table(&ss.jobs)
    }
    fn not_found(id: &str) -> ApiError {
        ApiError::job_not_found(id)
    }
    fn field<'a>(sc: &Scope<'_>, item: &'a Job, f: &str) -> FVal<'a> {
        let _ = sc;
        job_field(item, f)
    }
    /// In the list as `<backgroundJob>`, alone as `<job>`.
    fn render(x: &mut ReplyWriter, _sc: &Scope<'_>, j: &Job, fields: &Fields, one: bool) {
        if one {
            render::job(x, j);
        } else {
            render::background_job(x, j, fields);
        }
    }
    fn tick(ss: &mut SiteState) {
        for j in ss.jobs.iter_mut() {
            j.tick();
        }
    }
}

fn cancel(ctx: &Ctx, req: &mut Request) -> Result<Response, ApiError> {
    if !ctx.auth().is_admin() {
        return Err(ApiError::new(
            403032,
            "A non-administrator user tried to cancel a job.",
        ));
    }
    let id = req.param("id").to_string();
    let mut st = ctx.state_mut();
    let ss = ctx.site_mut(&mut st)?;
    let j = ss
        .jobs
        .get_mut(&id)
        .ok_or_else(|| ApiError::job_not_found(&id))?;
    if j.completed_at.is_some() {
        return Err(ApiError::new(
            403091,
            "The job has already completed and cannot be cancelled.",
        ));
    }
    let now = now_secs();
    j.completed_at = Some(now);
    j.updated_at = now;
    j.finish_code = 2;
    j.final_code = 2;
    let mut x = ctx.reply(512);
    render::job(&mut x, j);
    Ok(ok(x))
}
