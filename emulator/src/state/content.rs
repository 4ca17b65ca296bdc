//! Content records: workbooks, their views, data sources, connections, flows, upload
//! sessions. The content families (publish, downloads) fill these; favorites, project deletion,
//! user removal (ownership) and jobs use them.

use std::path::PathBuf;

/// A data connection of a workbook or data source.
#[derive(Debug, Clone, Default)]
pub struct Connection {
    pub id: String,
    /// `type` attribute (dbClass), e.g. "sqlserver", "postgres", "hyper", "excel-direct".
    pub conn_type: String,
    pub server_address: String,
    pub server_port: String,
    /// `dbname` of the connection in the file (datasource filters `databaseName`).
    pub db_name: String,
    pub user_name: String,
    pub password: Option<String>,
    pub embed_password: bool,
    pub query_tagging: Option<bool>,
    pub auth_type: String,
    /// For workbook connections to a published data source.
    pub datasource_id: Option<String>,
    pub datasource_name: Option<String>,
}

/// A workbook. Bytes are on disk at `file_path` (under the site's data directory).
#[derive(Debug, Clone, Default)]
pub struct Workbook {
    pub id: String,
    pub name: String,
    pub content_url: String,
    /// The number in its web page address (`…/workbooks/N`, `…/datasources/N`).
    pub number: u64,
    pub description: String,
    pub show_tabs: bool,
    /// Size of the stored file in bytes (Tableau reports `size` in MB).
    pub size_bytes: u64,
    pub project_id: String,
    pub owner_id: String,
    pub file_path: PathBuf,
    /// The file name to announce in Content-Disposition, e.g. "Sales.twbx".
    pub file_name: String,
    /// "twb" or "twbx".
    pub file_ext: String,
    pub tags: Vec<String>,
    /// Ids into `SiteState::views`, in sheet order.
    pub view_ids: Vec<String>,
    pub connections: Vec<Connection>,
    pub has_extracts: bool,
    pub encrypt_extracts: bool,
    pub default_view_id: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
    /// Revision number of the current file (1 on first publish).
    pub revision: u32,
    /// When the current revision was published, and by whom.
    pub published_at: i64,
    pub publisher_id: String,
    /// The revisions before the current one (`state::revisions`).
    pub history: super::History,
    /// The `<dataFreshnessPolicy>` an update set (see `freshness`), kept as received.
    pub data_freshness: Option<crate::xml::Element>,
    /// Its data acceleration (see `acceleration`).
    pub acceleration: crate::acceleration::Acceleration,
    /// Attributes a client sent that the emulator does not model, echoed back.
    pub extra_attrs: Vec<(String, String)>,
}

/// A view (sheet, dashboard or story) of a workbook.
#[derive(Debug, Clone, Default)]
pub struct View {
    pub id: String,
    pub name: String,
    /// `{workbookContentUrl}/sheets/{viewUrlName}`
    pub content_url: String,
    pub view_url_name: String,
    pub workbook_id: String,
    pub owner_id: String,
    pub project_id: String,
    /// "worksheet", "dashboard" or "story".
    pub sheet_type: String,
    pub hidden: bool,
    pub tags: Vec<String>,
    pub total_views: u64,
    pub created_at: i64,
    pub updated_at: i64,
    /// Pre-rendered preview image, if any.
    pub preview_path: Option<PathBuf>,
}

/// A published data source.
#[derive(Debug, Clone, Default)]
pub struct Datasource {
    pub id: String,
    pub name: String,
    pub content_url: String,
    /// The number in its web page address (`…/workbooks/N`, `…/datasources/N`).
    pub number: u64,
    pub description: String,
    /// `type` attribute, e.g. "sqlserver", "hyper", "excel-direct".
    pub ds_type: String,
    pub project_id: String,
    pub owner_id: String,
    pub file_path: PathBuf,
    pub file_name: String,
    /// "tds", "tdsx", "hyper", "tde", "parquet".
    pub file_ext: String,
    pub size_bytes: u64,
    pub tags: Vec<String>,
    pub connections: Vec<Connection>,
    pub certified: bool,
    pub certification_note: String,
    pub encrypt_extracts: bool,
    pub has_extracts: bool,
    pub use_remote_query_agent: bool,
    pub created_at: i64,
    pub updated_at: i64,
    pub revision: u32,
    /// When the current revision was published, and by whom.
    pub published_at: i64,
    pub publisher_id: String,
    /// The revisions before the current one (`state::revisions`).
    pub history: super::History,
    pub extra_attrs: Vec<(String, String)>,
}

/// A flow (kept so favorites and project deletion can reference flows once they exist).
#[derive(Debug, Clone, Default)]
pub struct Flow {
    pub id: String,
    pub name: String,
    pub description: String,
    pub project_id: String,
    pub owner_id: String,
    pub file_path: PathBuf,
    pub file_name: String,
    pub created_at: i64,
    pub updated_at: i64,
}

/// A chunked upload session (`fileUploads`). Bytes are appended to `file_path`.
#[derive(Debug, Clone)]
pub struct UploadSession {
    /// e.g. "7720:170fe6b1c1c7422dadff20f944d58a52-1:0"
    pub id: String,
    pub user_id: String,
    pub file_path: PathBuf,
    pub size_bytes: u64,
    pub created_at: i64,
    /// Serialises appends (and the commit) of this session: held while a chunk streams from
    /// the socket to `file_path`, never together with the state lock.
    pub io_lock: std::sync::Arc<std::sync::Mutex<()>>,
}
