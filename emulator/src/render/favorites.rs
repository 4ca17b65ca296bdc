//! `<favorite>`.

use super::*;

/// `<favorite label addedAt><item …/></favorite>`; false if the item no longer exists.
pub fn favorite(x: &mut ReplyWriter, ss: &SiteState, fav: &Favorite, position: usize) -> bool {
    let exists = ss.item_name(fav.kind, &fav.item_id).is_some();
    if !exists {
        return false;
    }
    x.open("favorite")
        .attr("label", &fav.label)
        .attr_num("position", position)
        .attr("addedAt", &fmt_ts(fav.added_at))
        .close();
    match fav.kind {
        FavKind::Workbook => {
            if let Some(w) = ss.workbooks.get(&fav.item_id) {
                workbook(x, ss, w, false);
            }
        }
        FavKind::View => {
            if let Some(v) = ss.views.get(&fav.item_id) {
                view(x, ss, v);
            }
        }
        FavKind::Datasource => {
            if let Some(d) = ss.datasources.get(&fav.item_id) {
                datasource(x, ss, d);
            }
        }
        FavKind::Project => {
            if let Some(p) = ss.projects.get(&fav.item_id) {
                project(x, ss, p, &Fields::default());
            }
        }
        FavKind::Flow => {
            if let Some(fl) = ss.flows.get(&fav.item_id) {
                flow(x, ss, fl);
            }
        }
        FavKind::Collection => {
            if let Some(c) = ss.collections.get(&fav.item_id) {
                crate::state::collections::write(x, c);
            }
        }
        FavKind::Metric => {}
    }
    x.end("favorite");
    true
}
