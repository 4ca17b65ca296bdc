//! The PowerPoint export of a workbook (`GET …/workbooks/{id}/powerpoint[?maxAge=n]`, REST API
//! 3.8): a real `.pptx` (`content::pptx`) with one slide per view, in sheet order, each titled
//! with the view's name and showing the image the view's image export answers at the standard
//! size. `maxAge` is checked as the other exports check it (400000 otherwise); view filters do
//! not apply (the Python client's `PPTXRequestOptions` sends only `maxAge`).

use crate::content::pptx::{self, Slide};
use crate::content::preview_png;
use crate::errors::ApiError;
use crate::http::Response;
use crate::resource::in_table;
use crate::router::{Ctx, Request, Route};
use crate::routes::exports::{check_max_age, STANDARD};

/// The MIME type of `.pptx` files.
const PPTX: &str = "application/vnd.openxmlformats-officedocument.presentationml.presentation";

pub fn routes(r: &mut Vec<Route>) {
    r.push(Route::get("sites/{site}/workbooks/{id}/powerpoint", powerpoint).since("3.8"));
}

fn powerpoint(ctx: &Ctx, req: &mut Request) -> Result<Response, ApiError> {
    check_max_age(&req.query)?;
    let st = ctx.state();
    let ss = ctx.site(&st)?;
    let w = in_table(&ss.workbooks, req.param("id"))?;
    let views: Vec<(String, String)> = w
        .view_ids
        .iter()
        .filter_map(|vid| ss.views.get(vid))
        .map(|v| (v.id.clone(), v.name.clone()))
        .collect();
    drop(st);
    let slides: Vec<Slide> = views
        .into_iter()
        .map(|(id, title)| Slide {
            title,
            png: preview_png(&id, STANDARD.0, STANDARD.1),
        })
        .collect();
    Ok(Response::bytes(200, PPTX, pptx::presentation_of(&slides)))
}
