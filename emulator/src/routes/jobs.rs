//! Jobs: query one, query all (`backgroundJobs`), cancel. Jobs advance on the emulator's
//! clock (see `state::Job::tick`) whenever they are read.

use crate::errors::ApiError;
use crate::http::Response;
use crate::query::{FVal, FieldDef, ListQuery};
use crate::render;
use crate::router::{Ctx, Request, Route};
use crate::routes::ok;
use crate::state::Job;
use crate::util::now_secs;

pub fn routes(r: &mut Vec<Route>) {
    r.push(Route::get("sites/{site}/jobs", list));
    r.push(Route::get("sites/{site}/jobs/{id}", get_one));
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

fn list(ctx: &Ctx, req: &mut Request) -> Result<Response, ApiError> {
    let lq = ListQuery::parse(&req.query, JOB_FIELDS)?;
    let mut st = ctx.state_mut();
    let ss = ctx.site_mut(&mut st)?;
    for j in ss.jobs.iter_mut() {
        j.tick();
    }
    let (page, total) = lq.apply(ss.jobs.iter(), job_field)?;
    let mut x = ctx.reply(page.len() * 300);
    x.pagination(lq.paging.page_number, lq.paging.page_size, total);
    x.open("backgroundJobs").close();
    for j in page {
        render::background_job(&mut x, j, &lq.fields);
    }
    x.end("backgroundJobs");
    Ok(ok(x))
}

fn get_one(ctx: &Ctx, req: &mut Request) -> Result<Response, ApiError> {
    let id = req.param("id").to_string();
    let mut st = ctx.state_mut();
    let ss = ctx.site_mut(&mut st)?;
    let j = ss
        .jobs
        .get_mut(&id)
        .ok_or_else(|| ApiError::job_not_found(&id))?;
    j.tick();
    let mut x = ctx.reply(512);
    render::job(&mut x, j);
    Ok(ok(x))
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
