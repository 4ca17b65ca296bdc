//! `<project>` with its owner and contents counts.

use super::*;

/// Counts for `<contentsCounts>`: (projects, workbooks, views, data sources).
pub fn project_counts(ss: &SiteState, id: &str) -> (usize, usize, usize, usize) {
    let projects = ss.child_project_count(id);
    let wbs: Vec<&Workbook> = ss.workbooks.iter().filter(|w| w.project_id == id).collect();
    let views = wbs.iter().map(|w| w.view_ids.len()).sum();
    let ds = ss.datasources.iter().filter(|d| d.project_id == id).count();
    (projects, wbs.len(), views, ds)
}

pub fn project(x: &mut ReplyWriter, ss: &SiteState, p: &Project, f: &Fields) {
    const R: &str = "project";
    x.open("project");
    if f.want(R, "id", true) {
        x.attr("id", &p.id);
    }
    if f.want(R, "name", true) {
        x.attr("name", &p.name);
    }
    if f.want(R, "description", true) {
        x.attr("description", &p.description);
    }
    if f.want(R, "createdAt", true) {
        x.attr("createdAt", &fmt_ts(p.created_at));
    }
    if f.want(R, "updatedAt", true) {
        x.attr("updatedAt", &fmt_ts(p.updated_at));
    }
    if f.want(R, "contentPermissions", true) {
        x.attr("contentPermissions", &p.content_permissions);
    }
    if let Some(parent) = &p.parent_id {
        if f.want(R, "parentProjectId", true) {
            x.attr("parentProjectId", parent);
        }
    }
    if f.want(R, "topLevelProject", false) {
        x.attr_bool("topLevelProject", p.parent_id.is_none());
    }
    if f.want(R, "writeable", false) {
        x.attr_bool("writeable", true);
    }
    x.close();
    if f.want(R, "owner", true) || f.wants_nested("owner") {
        owner(x, ss, &p.owner_id, f);
    }
    if f.all || f.wants_nested("contentsCounts") {
        let (pc, wc, vc, dc) = project_counts(ss, &p.id);
        x.open("contentsCounts")
            .attr_num("projectCount", pc)
            .attr_num("workbookCount", wc)
            .attr_num("viewCount", vc)
            .attr_num("dataSourceCount", dc)
            .empty();
    }
    x.end("project");
}
