//! Content: `<workbook>`, `<view>`, `<datasource>`, `<connection>`, `<fileUpload>`, `<flow>`.

use super::*;

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
    workbook_full(x, ss, w, f, with_views, false);
}

/// `<workbook>` with a `fields=` projection; `view_acceleration` gives each of its `<views>` its
/// `<dataAccelerationConfig>` (an update's `includeViewAccelerationStatus=true`).
pub fn workbook_full(
    x: &mut ReplyWriter,
    ss: &SiteState,
    w: &Workbook,
    f: &Fields,
    with_views: bool,
    view_acceleration: bool,
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
        x.attr_webpage(
            "webpageUrl",
            &ss.webpage(&format!("workbooks/{}", w.number)),
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
                    .attr("contentUrl", &v.content_url);
                if view_acceleration {
                    x.close();
                    w.acceleration.write_view(x);
                    x.end("view");
                } else {
                    x.empty();
                }
            }
        }
        x.end("views");
    }
    if child_wanted(f, "dataAccelerationConfig", &["dataAccelerationConfig"]) {
        w.acceleration.write_workbook(x);
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
        x.attr_webpage("webpageUrl", &ss.webpage(&format!("views/{page}")));
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
        x.attr_webpage(
            "webpageUrl",
            &ss.webpage(&format!("datasources/{}", d.number)),
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
    if !c.db_name.is_empty() {
        x.attr("dbName", &c.db_name);
    }
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
