//! `DELETE sites/{site}/views/{id}` (REST API 3.27, TSC `views.delete`): removes one view from
//! its workbook. Administrators and the workbook's owner only (`403004` otherwise, as for
//! deleting the workbook); an unknown view is `404011`. The workbook keeps its other views; its
//! default view moves to the first one left when it was this one. Favorites of the view go with
//! it, and so does its stored preview.

use crate::errors::ApiError;
use crate::http::Response;
use crate::resource;
use crate::router::{Ctx, Request, Route};
use crate::state::{FavKind, Garbage, SiteState};

pub fn routes(r: &mut Vec<Route>) {
    r.push(Route::delete("sites/{site}/views/{id}", delete).since("3.27"));
}

fn delete(ctx: &Ctx, req: &mut Request) -> Result<Response, ApiError> {
    let id = req.param("id").to_string();
    crate::routes::delete_stored(
        ctx,
        "view",
        |ss| resource::in_table(&ss.views, &id).map(|v| v.owner_id.clone()),
        |ss| remove_view(ss, &id),
    )
}

/// Takes the view out of the site and out of its workbook; returns its files.
fn remove_view(ss: &mut SiteState, id: &str) -> Garbage {
    let Some(v) = ss.views.remove(id) else {
        return Vec::new();
    };
    ss.remove_favorites_of(FavKind::View, &v.id);
    if let Some(w) = ss.workbooks.get_mut(&v.workbook_id) {
        w.view_ids.retain(|x| *x != v.id);
        if w.default_view_id.as_deref() == Some(v.id.as_str()) {
            w.default_view_id = w.view_ids.first().cloned();
        }
    }
    v.preview_path.into_iter().collect()
}
