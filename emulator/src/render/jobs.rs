//! `<job>` and `<backgroundJob>`.

use super::*;

fn subject_element(x: &mut ReplyWriter, j: &Job) {
    if let Some(s) = &j.subject {
        x.open(&s.kind)
            .attr("id", &s.id)
            .attr("name", &s.name)
            .empty();
    }
}

/// `<job …>` as answered by Query Job, publish `asJob`, refresh, cancel.
pub fn job(x: &mut ReplyWriter, j: &Job) {
    x.open("job")
        .attr("id", &j.id)
        .attr("mode", &j.mode)
        .attr("type", &j.job_type)
        .attr_num("progress", j.progress)
        .attr("createdAt", &fmt_ts(j.created_at));
    if let Some(t) = j.started_at {
        x.attr("startedAt", &fmt_ts(t));
    }
    x.attr("updatedAt", &fmt_ts(j.updated_at));
    if let Some(t) = j.completed_at {
        x.attr("completedAt", &fmt_ts(t));
    }
    x.attr_num("finishCode", j.finish_code);
    x.close();
    let wrapper = match j.job_type.as_str() {
        "RefreshExtract" => Some("extractRefreshJob"),
        "RunFlow" => Some("runFlowJobType"),
        _ => None,
    };
    match wrapper {
        Some(w) => {
            x.open(w).close();
            subject_element(x, j);
            for n in &j.notes {
                x.text_element("notes", n);
            }
            x.end(w);
        }
        None => {
            subject_element(x, j);
            for n in &j.notes {
                x.text_element("notes", n);
            }
        }
    }
    x.end("job");
}

/// `<backgroundJob …/>` of Query Jobs.
pub fn background_job(x: &mut ReplyWriter, j: &Job, f: &Fields) {
    const R: &str = "job";
    x.open("backgroundJob");
    if f.want(R, "id", true) {
        x.attr("id", &j.id);
    }
    if f.want(R, "status", true) {
        x.attr("status", j.status());
    }
    if f.want(R, "createdAt", true) {
        x.attr("createdAt", &fmt_ts(j.created_at));
    }
    if let Some(t) = j.started_at {
        if f.want(R, "startedAt", true) {
            x.attr("startedAt", &fmt_ts(t));
        }
    }
    if let Some(t) = j.completed_at {
        if f.want(R, "endedAt", true) {
            x.attr("endedAt", &fmt_ts(t));
        }
    }
    if f.want(R, "priority", true) {
        x.attr_num("priority", j.priority);
    }
    if f.want(R, "jobType", true) {
        x.attr("jobType", &j.job_type);
    }
    if f.want(R, "title", true) && !j.title.is_empty() {
        x.attr("title", &j.title);
    }
    if f.want(R, "subtitle", true) && !j.subtitle.is_empty() {
        x.attr("subtitle", &j.subtitle);
    }
    x.empty();
}
