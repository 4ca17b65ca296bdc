//! Turns an inspected content file into state records: a workbook with its views and
//! connections, or a data source with its connections. Used by the publish routes and by
//! `--seed demo` / the bulk control endpoint, so that seeded content is exactly what a
//! publish would have produced.
//!
//! Rules (as Tableau Server shows published content):
//! * one view per sheet of the `.twb` (worksheets, dashboards, stories, in that order);
//!   sheets named as hidden in the publish payload are not published as views;
//! * a view's `viewUrlName` is its name reduced to ASCII letters, digits, `-` and `_`
//!   (made unique within the workbook), its `contentUrl` `{workbookUrl}/sheets/{viewUrlName}`;
//! * one connection per data-source connection of the file, `type` = the connection class;
//! * on overwrite the item keeps its id, content URL, owner and creation time; views keep their id
//!   (and view count) when a sheet of the same name is still there, connections keep theirs
//!   when class, server, port and database are unchanged.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use crate::content::{self, FileKind, Inspected};
use crate::state::{
    Connection, Datasource, FavKind, Garbage, History, Revision, SiteState, View, Workbook,
};
use crate::util::{content_url_from_name, new_id, now_secs};

/// Credentials from a publish payload (`<connectionCredentials name password embed oAuth/>`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Credentials {
    pub name: String,
    pub password: String,
    pub embed: bool,
    pub oauth: bool,
}

/// A `<connection serverAddress serverPort databaseName>` of a publish payload and its
/// credentials.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConnectionSpec {
    pub server: String,
    pub port: Option<String>,
    /// `databaseName` (TSC 0.42 `ConnectionItem.database_name`): the database it names.
    pub database: Option<String>,
    pub credentials: Option<Credentials>,
}

/// Connection information of a publish payload: credentials for every connection and/or
/// per server. Specs that match no connection of the file are ignored (the emulator never
/// connects to a database, so there is nothing to check them against).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConnectionInput {
    pub all: Option<Credentials>,
    pub per_server: Vec<ConnectionSpec>,
}

/// The stored file of a published item.
#[derive(Debug, Clone)]
pub struct StoredFile {
    pub path: PathBuf,
    pub size: u64,
    pub kind: FileKind,
}

/// What a workbook publish says besides the file.
#[derive(Debug, Clone, Default)]
pub struct WorkbookMeta {
    pub name: String,
    pub description: Option<String>,
    pub show_tabs: Option<bool>,
    pub project_id: String,
    pub owner_id: String,
    pub hidden_views: Vec<String>,
    pub connections: ConnectionInput,
}

/// What a data source publish says besides the file.
#[derive(Debug, Clone, Default)]
pub struct DatasourceMeta {
    pub name: String,
    pub description: Option<String>,
    pub project_id: String,
    pub owner_id: String,
    pub certified: Option<bool>,
    pub certification_note: Option<String>,
    pub use_remote_query_agent: Option<bool>,
    pub encrypt_extracts: Option<bool>,
    pub connections: ConnectionInput,
}

fn apply_credentials(c: &mut Connection, cr: &Credentials) {
    c.user_name = cr.name.clone();
    c.password = Some(cr.password.clone());
    c.embed_password = cr.embed;
    if cr.oauth {
        c.auth_type = "oauth".to_string();
    }
}

/// Connections of a file, with ids kept from `previous` where the connection is unchanged
/// and the payload's credentials applied.
pub fn connections_from(
    found: &[content::Connection],
    previous: &[Connection],
    input: &ConnectionInput,
) -> Vec<Connection> {
    let mut taken: HashSet<&str> = HashSet::new();
    // Workbook connections name their embedded data source, one id per data source.
    let mut ds_ids: HashMap<&str, String> = HashMap::new();
    found
        .iter()
        .map(|f| {
            let reuse = previous.iter().find(|p| {
                !taken.contains(p.id.as_str())
                    && p.conn_type == f.class
                    && p.server_address.eq_ignore_ascii_case(&f.server)
                    && p.server_port == f.port
                    && p.db_name == f.dbname
            });
            let mut c = Connection {
                id: reuse.map(|p| p.id.clone()).unwrap_or_else(new_id),
                conn_type: f.class.clone(),
                server_address: f.server.clone(),
                server_port: f.port.clone(),
                db_name: f.dbname.clone(),
                user_name: f.username.clone(),
                auth_type: "auth-user-pass".to_string(),
                ..Connection::default()
            };
            if !f.datasource.is_empty() {
                let id = ds_ids.entry(f.datasource.as_str()).or_insert_with(|| {
                    previous
                        .iter()
                        .find(|p| p.datasource_name.as_deref() == Some(f.datasource.as_str()))
                        .and_then(|p| p.datasource_id.clone())
                        .unwrap_or_else(new_id)
                });
                c.datasource_id = Some(id.clone());
                c.datasource_name = Some(f.datasource.clone());
            }
            if let Some(p) = reuse {
                taken.insert(p.id.as_str());
            }
            if let Some(cr) = &input.all {
                apply_credentials(&mut c, cr);
            }
            for spec in &input.per_server {
                let port_ok = spec.port.as_deref().is_none_or(|p| p == c.server_port);
                if spec.server.eq_ignore_ascii_case(&c.server_address) && port_ok {
                    if let Some(db) = &spec.database {
                        c.db_name = db.clone();
                    }
                    if let Some(cr) = &spec.credentials {
                        apply_credentials(&mut c, cr);
                    }
                }
            }
            c
        })
        .collect()
}

/// `viewUrlName` for a sheet, unique among `taken`.
fn view_url_name(sheet: &str, taken: &mut HashSet<String>) -> String {
    let base = {
        let s = content_url_from_name(sheet);
        if s == "content" && !sheet.eq_ignore_ascii_case("content") {
            "sheet".to_string()
        } else {
            s
        }
    };
    let mut candidate = base.clone();
    let mut i = 0;
    while taken.contains(&candidate.to_ascii_lowercase()) {
        candidate = format!("{base}_{i}");
        i += 1;
    }
    taken.insert(candidate.to_ascii_lowercase());
    candidate
}

/// Does the stored file carry an extract?
pub fn has_extract(file: &StoredFile) -> bool {
    match file.kind {
        FileKind::Hyper | FileKind::Tde | FileKind::Parquet => true,
        FileKind::Twbx | FileKind::Tdsx => crate::files::zip_has_extract(&file.path),
        FileKind::Twb | FileKind::Tds => false,
    }
}

/// Creates a workbook (`existing = None`) or replaces the file of an existing one
/// (overwrite), deriving views and connections from `inspected`. Returns the workbook id and
/// the files no longer referenced.
pub fn put_workbook(
    ss: &mut SiteState,
    existing: Option<&str>,
    meta: &WorkbookMeta,
    file: StoredFile,
    inspected: &Inspected,
) -> (String, Garbage) {
    let now = now_secs();
    let extract = has_extract(&file);
    let prev = existing.and_then(|id| ss.workbooks.get(id)).cloned();
    let mut garbage = Vec::new();
    let mut wb = match &prev {
        Some(p) => {
            let mut w = p.clone();
            w.revision += 1;
            w.name = meta.name.clone();
            w
        }
        None => Workbook {
            id: new_id(),
            name: meta.name.clone(),
            content_url: ss.unique_workbook_url(&meta.name),
            number: ss.take_number(),
            created_at: now,
            revision: 1,
            ..Workbook::default()
        },
    };
    wb.updated_at = now;
    wb.project_id = meta.project_id.clone();
    if prev.is_none() {
        wb.owner_id = meta.owner_id.clone();
    }
    if let Some(d) = &meta.description {
        wb.description = d.clone();
    }
    if let Some(t) = meta.show_tabs {
        wb.show_tabs = t;
    } else if prev.is_none() {
        wb.show_tabs = false;
    }
    wb.size_bytes = file.size;
    wb.file_ext = file.kind.extension().to_string();
    wb.file_name = format!("{}.{}", wb.name, wb.file_ext);
    wb.file_path = file.path;
    wb.published_at = now;
    wb.publisher_id = meta.owner_id.clone();
    if let Some(p) = &prev {
        let old = past_revision(
            p.revision,
            &p.file_path,
            &p.file_name,
            &p.file_ext,
            p.size_bytes,
            p.published_at,
            &p.publisher_id,
        );
        garbage.extend(keep_revision(ss, &mut wb.history, old, &wb.file_path));
    }
    wb.has_extracts = extract;
    wb.connections = connections_from(
        &inspected.connections,
        prev.as_ref()
            .map(|p| p.connections.as_slice())
            .unwrap_or(&[]),
        &meta.connections,
    );

    // Views: keep ids of same-named sheets, drop views whose sheet is gone.
    let old_views: Vec<View> = prev
        .as_ref()
        .map(|p| {
            p.view_ids
                .iter()
                .filter_map(|v| ss.views.get(v).cloned())
                .collect()
        })
        .unwrap_or_default();
    let mut taken = HashSet::new();
    let mut new_views = Vec::new();
    for sheet in &inspected.sheets {
        if meta
            .hidden_views
            .iter()
            .any(|h| h.eq_ignore_ascii_case(&sheet.name))
        {
            continue;
        }
        let old = old_views.iter().find(|v| v.name == sheet.name);
        let url_name = view_url_name(&sheet.name, &mut taken);
        new_views.push(View {
            id: old.map(|v| v.id.clone()).unwrap_or_else(new_id),
            name: sheet.name.clone(),
            content_url: format!("{}/sheets/{url_name}", wb.content_url),
            view_url_name: url_name,
            workbook_id: wb.id.clone(),
            owner_id: wb.owner_id.clone(),
            project_id: wb.project_id.clone(),
            sheet_type: sheet.sheet_type.as_str().to_string(),
            hidden: false,
            tags: old.map(|v| v.tags.clone()).unwrap_or_default(),
            total_views: old.map(|v| v.total_views).unwrap_or(0),
            created_at: old.map(|v| v.created_at).unwrap_or(now),
            updated_at: now,
            preview_path: None,
        });
    }
    let keep: HashSet<&str> = new_views.iter().map(|v| v.id.as_str()).collect();
    for v in &old_views {
        if !keep.contains(v.id.as_str()) {
            ss.views.remove(&v.id);
            ss.remove_favorites_of(FavKind::View, &v.id);
        }
    }
    wb.view_ids = new_views.iter().map(|v| v.id.clone()).collect();
    wb.default_view_id = wb.view_ids.first().cloned();
    for v in new_views {
        ss.views.insert(v);
    }
    let id = wb.id.clone();
    ss.workbooks.insert(wb);
    (id, garbage)
}

/// The data source `type` for a file: its first connection's class.
pub fn datasource_type(kind: FileKind, inspected: &Inspected) -> String {
    match inspected.connections.first() {
        Some(c) if !c.class.is_empty() => c.class.clone(),
        _ => match kind {
            FileKind::Tde => "dataengine".to_string(),
            _ => "hyper".to_string(),
        },
    }
}

/// Creates a data source or replaces the file of an existing one (overwrite).
pub fn put_datasource(
    ss: &mut SiteState,
    existing: Option<&str>,
    meta: &DatasourceMeta,
    file: StoredFile,
    inspected: &Inspected,
) -> (String, Garbage) {
    let now = now_secs();
    let extract = has_extract(&file);
    let prev = existing.and_then(|id| ss.datasources.get(id)).cloned();
    let mut garbage = Vec::new();
    let mut ds = match &prev {
        Some(p) => {
            let mut d = p.clone();
            d.revision += 1;
            d.name = meta.name.clone();
            d
        }
        None => Datasource {
            id: new_id(),
            name: meta.name.clone(),
            content_url: ss.unique_datasource_url(&meta.name),
            number: ss.take_number(),
            created_at: now,
            revision: 1,
            ..Datasource::default()
        },
    };
    ds.updated_at = now;
    ds.project_id = meta.project_id.clone();
    if prev.is_none() {
        ds.owner_id = meta.owner_id.clone();
    }
    if let Some(d) = &meta.description {
        ds.description = d.clone();
    }
    if let Some(c) = meta.certified {
        ds.certified = c;
    }
    if let Some(n) = &meta.certification_note {
        ds.certification_note = n.clone();
    }
    if let Some(r) = meta.use_remote_query_agent {
        ds.use_remote_query_agent = r;
    }
    if let Some(e) = meta.encrypt_extracts {
        ds.encrypt_extracts = e;
    }
    ds.ds_type = datasource_type(file.kind, inspected);
    ds.size_bytes = file.size;
    ds.file_ext = file.kind.extension().to_string();
    ds.file_name = format!("{}.{}", ds.name, ds.file_ext);
    ds.file_path = file.path;
    ds.published_at = now;
    ds.publisher_id = meta.owner_id.clone();
    if let Some(p) = &prev {
        let old = past_revision(
            p.revision,
            &p.file_path,
            &p.file_name,
            &p.file_ext,
            p.size_bytes,
            p.published_at,
            &p.publisher_id,
        );
        garbage.extend(keep_revision(ss, &mut ds.history, old, &ds.file_path));
    }
    ds.has_extracts = extract;
    ds.connections = connections_from(
        &inspected.connections,
        prev.as_ref()
            .map(|p| p.connections.as_slice())
            .unwrap_or(&[]),
        &meta.connections,
    );
    let id = ds.id.clone();
    ss.datasources.insert(ds);
    (id, garbage)
}

/// Append: the data of `file` (an extract) is added to the extract data source `id`. The
/// emulator cannot merge extracts, so the stored file stays as it is (downloads keep
/// returning the published bytes); the data source records the update time and a new
/// revision (the one before keeps the same file). Returns the appended file as garbage.
pub fn append_datasource(ss: &mut SiteState, id: &str, file: StoredFile, by: &str) -> Garbage {
    let mut garbage = vec![file.path];
    let Some(mut d) = ss.datasources.get(id).cloned() else {
        return garbage;
    };
    let old = past_revision(
        d.revision,
        &d.file_path,
        &d.file_name,
        &d.file_ext,
        d.size_bytes,
        d.published_at,
        &d.publisher_id,
    );
    garbage.extend(keep_revision(ss, &mut d.history, old, &d.file_path));
    d.updated_at = now_secs();
    d.published_at = d.updated_at;
    d.publisher_id = by.to_string();
    d.revision += 1;
    ss.datasources.insert(d);
    garbage
}

/// The record of a revision an overwrite or append replaces.
fn past_revision(
    number: u32,
    path: &std::path::Path,
    name: &str,
    ext: &str,
    size: u64,
    at: i64,
    by: &str,
) -> Revision {
    Revision {
        number,
        file_path: path.to_path_buf(),
        file_name: name.to_string(),
        file_ext: ext.to_string(),
        size_bytes: size,
        published_at: at,
        publisher_id: by.to_string(),
        deleted: false,
    }
}

/// Keeps `old` in `history` as the site's `revisionHistoryEnabled` and `revisionLimit` say;
/// returns the files given up (`old`'s own when the site keeps no history).
fn keep_revision(
    ss: &SiteState,
    history: &mut History,
    old: Revision,
    current: &std::path::Path,
) -> Garbage {
    let enabled = ss
        .site
        .attr("revisionHistoryEnabled")
        .and_then(crate::util::parse_bool)
        .unwrap_or(true);
    if !enabled {
        return if old.file_path == current {
            Vec::new()
        } else {
            vec![old.file_path]
        };
    }
    let limit = ss
        .site
        .attr("revisionLimit")
        .and_then(|v| v.parse::<i64>().ok());
    history.keep(old, current, limit)
}
