//! XML of each resource. List handlers pass the request's `Fields` projection; single-item
//! answers use `Fields::default()` (Tableau's default attribute set) or `Fields::everything()`.
//!
//! The content writers (`workbook`, `view`, `datasource`, `flow`) are the basic shapes used by
//! favorites and `users/{id}/workbooks`; the content families may extend them.

use crate::query::Fields;
use crate::reply::ReplyWriter;
use crate::state::{
    Connection, Datasource, FavKind, Favorite, Flow, Group, Job, Project, Site, SiteState,
    UploadSession, User, View, Workbook,
};
use crate::util::fmt_ts;

/// `<site id name contentUrl …all stored attributes…>` (+ `<usage/>` when asked).
pub fn site(x: &mut ReplyWriter, s: &Site, usage: Option<(usize, u64)>) {
    x.open("site")
        .attr("id", &s.id)
        .attr("name", &s.name)
        .attr("contentUrl", &s.content_url);
    for (k, v) in &s.attrs {
        x.attr(k, v);
    }
    match usage {
        Some((users, storage)) => {
            x.close();
            x.open("usage")
                .attr_num("numUsers", users)
                .attr_num("storage", storage)
                .empty();
            x.end("site");
        }
        None => {
            x.empty();
        }
    }
}

fn owner(x: &mut ReplyWriter, ss: &SiteState, owner_id: &str, f: &Fields) {
    x.open("owner").attr("id", owner_id);
    if f.wants_nested("owner") {
        if let Some(u) = ss.users.get(owner_id) {
            if f.want_nested("owner", "name") {
                x.attr("name", &u.name);
            }
            if f.want_nested("owner", "fullName") {
                x.attr("fullName", &u.full_name);
            }
            if f.want_nested("owner", "email") && !u.email.is_empty() {
                x.attr("email", &u.email);
            }
            if f.want_nested("owner", "siteRole") {
                x.attr("siteRole", &u.site_role);
            }
            if f.want_nested("owner", "lastLogin") {
                if let Some(t) = u.last_login {
                    x.attr("lastLogin", &fmt_ts(t));
                }
            }
        }
    }
    x.empty();
}

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

/// A user in a list (`users`, group members, ...).
pub fn user(x: &mut ReplyWriter, u: &User, f: &Fields) {
    const R: &str = "user";
    x.open("user");
    if f.want(R, "id", true) {
        x.attr("id", &u.id);
    }
    if f.want(R, "name", true) {
        x.attr("name", &u.name);
    }
    if f.want(R, "siteRole", true) {
        x.attr("siteRole", &u.site_role);
    }
    if let Some(t) = u.last_login {
        if f.want(R, "lastLogin", true) {
            x.attr("lastLogin", &fmt_ts(t));
        }
    }
    if f.want(R, "externalAuthUserId", true) {
        x.attr("externalAuthUserId", &u.external_auth_user_id);
    }
    if f.want(R, "fullName", false) {
        x.attr("fullName", &u.full_name);
    }
    if f.want(R, "email", false) && !u.email.is_empty() {
        x.attr("email", &u.email);
    }
    if f.want(R, "authSetting", false) {
        x.attr("authSetting", &u.auth_setting);
    }
    if f.want(R, "locale", false) && !u.locale.is_empty() {
        x.attr("locale", &u.locale);
    }
    if f.want(R, "language", false) && !u.language.is_empty() {
        x.attr("language", &u.language);
    }
    if let Some(idp) = &u.idp_configuration_id {
        if f.want(R, "idpConfigurationId", false) {
            x.attr("idpConfigurationId", idp);
        }
    }
    if f.all || f.want(R, "domainName", false) {
        x.close();
        x.open("domain").attr("name", &u.domain).empty();
        x.end("user");
    } else {
        x.empty();
    }
}

/// A user answered on its own (query user, add user): every attribute plus `<domain>`.
pub fn user_full(x: &mut ReplyWriter, u: &User) {
    x.open("user")
        .attr("id", &u.id)
        .attr("name", &u.name)
        .attr("siteRole", &u.site_role)
        .attr("authSetting", &u.auth_setting);
    if let Some(t) = u.last_login {
        x.attr("lastLogin", &fmt_ts(t));
    }
    x.attr("externalAuthUserId", &u.external_auth_user_id);
    if !u.full_name.is_empty() {
        x.attr("fullName", &u.full_name);
    }
    if !u.email.is_empty() {
        x.attr("email", &u.email);
    }
    if !u.locale.is_empty() {
        x.attr("locale", &u.locale);
    }
    if !u.language.is_empty() {
        x.attr("language", &u.language);
    }
    x.attr_opt("idpConfigurationId", u.idp_configuration_id.as_deref());
    x.close();
    x.open("domain").attr("name", &u.domain).empty();
    x.end("user");
}

pub fn group(x: &mut ReplyWriter, ss: &SiteState, g: &Group, f: &Fields) {
    const R: &str = "group";
    x.open("group");
    if f.want(R, "id", true) {
        x.attr("id", &g.id);
    }
    if f.want(R, "name", true) {
        x.attr("name", &g.name);
    }
    if let Some(r) = &g.minimum_site_role {
        if f.want(R, "minimumSiteRole", true) {
            x.attr("minimumSiteRole", r);
        }
    }
    if f.want(R, "userCount", false) {
        x.attr_num("userCount", group_user_count(ss, g));
    }
    x.close();
    if f.want(R, "domainName", true) {
        x.open("domain").attr("name", &g.domain_name).empty();
    }
    x.end("group");
}

pub fn group_user_count(ss: &SiteState, g: &Group) -> usize {
    if g.all_users {
        ss.users.len()
    } else {
        g.members.len()
    }
}

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

/// Size in MB as Tableau reports it (rounded up; 0 only for empty files).
pub fn size_mb(bytes: u64) -> u64 {
    bytes.div_ceil(1024 * 1024)
}

fn tags(x: &mut ReplyWriter, tags: &[String]) {
    x.open("tags").close();
    for t in tags {
        x.open("tag").attr("label", t).empty();
    }
    x.end("tags");
}

fn project_ref(x: &mut ReplyWriter, ss: &SiteState, id: &str) {
    x.open("project").attr("id", id);
    if let Some(p) = ss.projects.get(id) {
        x.attr("name", &p.name);
    }
    x.empty();
}

/// Should the child element `prefix` (`project`, `owner`, `tags`…) be written? Yes for the
/// default and `_all_` sets, when a nested field (`owner.name`) is asked for, or when one of
/// the flat `aliases` (`projectName`) is.
fn child_wanted(f: &Fields, prefix: &str, aliases: &[&str]) -> bool {
    f.all || f.default || f.wants_nested(prefix) || aliases.iter().any(|a| f.names.contains(*a))
}

/// `<project id name/>` / `<owner id name/>` reference of a content item.
fn content_project(x: &mut ReplyWriter, ss: &SiteState, id: &str, f: &Fields) {
    if child_wanted(f, "project", &["projectName", "projectId"]) {
        project_ref(x, ss, id);
    }
}

fn content_owner(x: &mut ReplyWriter, ss: &SiteState, owner_id: &str, f: &Fields) {
    if !child_wanted(f, "owner", &["ownerName", "ownerEmail", "ownerId"]) {
        return;
    }
    if f.wants_nested("owner") {
        owner(x, ss, owner_id, f);
        return;
    }
    x.open("owner").attr("id", owner_id);
    if let Some(u) = ss.users.get(owner_id) {
        x.attr("name", &u.name);
    }
    x.empty();
}

/// How many users have the item among their favorites.
pub fn favorites_total(ss: &SiteState, kind: FavKind, id: &str) -> usize {
    ss.favorites
        .iter()
        .filter(|f| f.kind == kind && f.item_id == id)
        .count()
}

/// Basic `<workbook>` (Tableau's default attributes); `with_views` adds `<views>`.
pub fn workbook(x: &mut ReplyWriter, ss: &SiteState, w: &Workbook, with_views: bool) {
    workbook_with(x, ss, w, &Fields::default(), with_views);
}

/// `<workbook>` with a `fields=` projection.
pub fn workbook_with(
    x: &mut ReplyWriter,
    ss: &SiteState,
    w: &Workbook,
    f: &Fields,
    with_views: bool,
) {
    const R: &str = "workbook";
    x.open("workbook");
    if f.want(R, "id", true) {
        x.attr("id", &w.id);
    }
    if f.want(R, "name", true) {
        x.attr("name", &w.name);
    }
    if f.want(R, "description", true) {
        x.attr("description", &w.description);
    }
    if f.want(R, "contentUrl", true) {
        x.attr("contentUrl", &w.content_url);
    }
    if f.want(R, "webpageUrl", true) {
        x.attr(
            "webpageUrl",
            &ss.webpage_url(&format!("workbooks/{}", w.number)),
        );
    }
    if f.want(R, "showTabs", true) {
        x.attr_bool("showTabs", w.show_tabs);
    }
    if f.want(R, "size", true) {
        x.attr_num("size", size_mb(w.size_bytes));
    }
    if f.want(R, "createdAt", true) {
        x.attr("createdAt", &fmt_ts(w.created_at));
    }
    if f.want(R, "updatedAt", true) {
        x.attr("updatedAt", &fmt_ts(w.updated_at));
    }
    if f.want(R, "encryptExtracts", true) {
        x.attr_bool("encryptExtracts", w.encrypt_extracts);
    }
    if let Some(d) = &w.default_view_id {
        if f.want(R, "defaultViewId", true) {
            x.attr("defaultViewId", d);
        }
    }
    if f.want(R, "sheetCount", true) {
        x.attr_num("sheetCount", w.view_ids.len());
    }
    if f.want(R, "hasExtracts", false) {
        x.attr_bool("hasExtracts", w.has_extracts);
    }
    if f.want(R, "lastPublishedAt", false) {
        x.attr("lastPublishedAt", &fmt_ts(w.updated_at));
    }
    if f.want(R, "favoritesTotal", false) {
        x.attr_num(
            "favoritesTotal",
            favorites_total(ss, FavKind::Workbook, &w.id),
        );
    }
    for (k, v) in &w.extra_attrs {
        x.attr(k, v);
    }
    x.close();
    content_project(x, ss, &w.project_id, f);
    content_owner(x, ss, &w.owner_id, f);
    if child_wanted(f, "tags", &["tags"]) {
        tags(x, &w.tags);
    }
    if let Some(p) = &w.data_freshness {
        if child_wanted(f, "dataFreshnessPolicy", &["dataFreshnessPolicy"]) {
            crate::freshness::write(x, p);
        }
    }
    if with_views {
        x.open("views").close();
        for vid in &w.view_ids {
            if let Some(v) = ss.views.get(vid) {
                x.open("view")
                    .attr("id", &v.id)
                    .attr("name", &v.name)
                    .attr("contentUrl", &v.content_url)
                    .empty();
            }
        }
        x.end("views");
    }
    x.end("workbook");
}

/// Basic `<view>` (default attributes, no usage).
pub fn view(x: &mut ReplyWriter, ss: &SiteState, v: &View) {
    view_with(x, ss, v, &Fields::default(), false);
}

/// `<view>` with a `fields=` projection; `usage` adds `<usage totalViewCount/>`.
pub fn view_with(x: &mut ReplyWriter, ss: &SiteState, v: &View, f: &Fields, usage: bool) {
    const R: &str = "view";
    x.open("view");
    if f.want(R, "id", true) {
        x.attr("id", &v.id);
    }
    if f.want(R, "name", true) {
        x.attr("name", &v.name);
    }
    if f.want(R, "contentUrl", true) {
        x.attr("contentUrl", &v.content_url);
    }
    if f.want(R, "webpageUrl", true) {
        // `{workbookUrl}/sheets/{viewUrlName}` → `#/views/{workbookUrl}/{viewUrlName}`
        let page = v.content_url.replacen("/sheets/", "/", 1);
        x.attr("webpageUrl", &ss.webpage_url(&format!("views/{page}")));
    }
    if f.want(R, "createdAt", true) {
        x.attr("createdAt", &fmt_ts(v.created_at));
    }
    if f.want(R, "updatedAt", true) {
        x.attr("updatedAt", &fmt_ts(v.updated_at));
    }
    if f.want(R, "sheetType", true) {
        x.attr("sheetType", &v.sheet_type);
    }
    if f.want(R, "viewUrlName", true) {
        x.attr("viewUrlName", &v.view_url_name);
    }
    if f.want(R, "favoritesTotal", false) {
        x.attr_num("favoritesTotal", favorites_total(ss, FavKind::View, &v.id));
    }
    x.close();
    if child_wanted(f, "workbook", &["workbookName", "workbookId"]) {
        x.open("workbook").attr("id", &v.workbook_id);
        if let Some(w) = ss.workbooks.get(&v.workbook_id) {
            x.attr("name", &w.name);
        }
        x.empty();
    }
    content_owner(x, ss, &v.owner_id, f);
    content_project(x, ss, &v.project_id, f);
    if child_wanted(f, "tags", &["tags"]) {
        tags(x, &v.tags);
    }
    if usage {
        x.open("usage")
            .attr_num("totalViewCount", v.total_views)
            .empty();
    }
    x.end("view");
}

/// Basic `<datasource>` (default attributes).
pub fn datasource(x: &mut ReplyWriter, ss: &SiteState, d: &Datasource) {
    datasource_with(x, ss, d, &Fields::default());
}

/// `<datasource>` with a `fields=` projection.
pub fn datasource_with(x: &mut ReplyWriter, ss: &SiteState, d: &Datasource, f: &Fields) {
    const R: &str = "datasource";
    x.open("datasource");
    if f.want(R, "id", true) {
        x.attr("id", &d.id);
    }
    if f.want(R, "name", true) {
        x.attr("name", &d.name);
    }
    if f.want(R, "description", true) {
        x.attr("description", &d.description);
    }
    if f.want(R, "contentUrl", true) {
        x.attr("contentUrl", &d.content_url);
    }
    if f.want(R, "webpageUrl", true) {
        x.attr(
            "webpageUrl",
            &ss.webpage_url(&format!("datasources/{}", d.number)),
        );
    }
    if f.want(R, "type", true) {
        x.attr("type", &d.ds_type);
    }
    if f.want(R, "size", true) {
        x.attr_num("size", size_mb(d.size_bytes));
    }
    if f.want(R, "createdAt", true) {
        x.attr("createdAt", &fmt_ts(d.created_at));
    }
    if f.want(R, "updatedAt", true) {
        x.attr("updatedAt", &fmt_ts(d.updated_at));
    }
    if f.want(R, "encryptExtracts", true) {
        x.attr_bool("encryptExtracts", d.encrypt_extracts);
    }
    if f.want(R, "hasExtracts", true) {
        x.attr_bool("hasExtracts", d.has_extracts);
    }
    if f.want(R, "isCertified", true) {
        x.attr_bool("isCertified", d.certified);
    }
    if !d.certification_note.is_empty() && f.want(R, "certificationNote", true) {
        x.attr("certificationNote", &d.certification_note);
    }
    if f.want(R, "useRemoteQueryAgent", true) {
        x.attr_bool("useRemoteQueryAgent", d.use_remote_query_agent);
    }
    if f.want(R, "favoritesTotal", false) {
        x.attr_num(
            "favoritesTotal",
            favorites_total(ss, FavKind::Datasource, &d.id),
        );
    }
    if f.want(R, "serverName", false) {
        if let Some(c) = d.connections.first() {
            x.attr("serverName", &c.server_address);
        }
    }
    for (k, v) in &d.extra_attrs {
        x.attr(k, v);
    }
    x.close();
    content_project(x, ss, &d.project_id, f);
    content_owner(x, ss, &d.owner_id, f);
    if child_wanted(f, "tags", &["tags"]) {
        tags(x, &d.tags);
    }
    x.end("datasource");
}

/// `<connection …>` of a workbook or data source (`item` = the data source it belongs to,
/// for data source connections).
pub fn connection(x: &mut ReplyWriter, c: &Connection, item: Option<(&str, &str)>) {
    x.open("connection")
        .attr("id", &c.id)
        .attr("type", &c.conn_type)
        .attr_bool("embedPassword", c.embed_password)
        .attr("serverAddress", &c.server_address)
        .attr("serverPort", &c.server_port)
        .attr("userName", &c.user_name);
    if let Some(q) = c.query_tagging {
        x.attr_bool("queryTaggingEnabled", q);
    }
    if !c.auth_type.is_empty() {
        x.attr("authenticationType", &c.auth_type);
    }
    let ds = match (&c.datasource_id, &c.datasource_name) {
        (Some(id), name) => Some((id.as_str(), name.as_deref().unwrap_or(""))),
        _ => item,
    };
    match ds {
        Some((id, name)) => {
            x.close();
            x.open("datasource")
                .attr("id", id)
                .attr("name", name)
                .empty();
            x.end("connection");
        }
        None => {
            x.empty();
        }
    }
}

/// `<fileUpload uploadSessionId fileSize/>` (`fileSize` in MB).
pub fn file_upload(x: &mut ReplyWriter, u: &UploadSession) {
    x.open("fileUpload")
        .attr("uploadSessionId", &u.id)
        .attr_num("fileSize", size_mb(u.size_bytes))
        .empty();
}

pub fn flow(x: &mut ReplyWriter, ss: &SiteState, fl: &Flow) {
    x.open("flow")
        .attr("id", &fl.id)
        .attr("name", &fl.name)
        .attr("description", &fl.description)
        .attr("createdAt", &fmt_ts(fl.created_at))
        .attr("updatedAt", &fmt_ts(fl.updated_at))
        .close();
    project_ref(x, ss, &fl.project_id);
    x.open("owner").attr("id", &fl.owner_id).empty();
    x.end("flow");
}

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
        FavKind::Metric | FavKind::Collection => {}
    }
    x.end("favorite");
    true
}
