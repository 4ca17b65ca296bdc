//! `tsc-emulator`: an offline, stateful Tableau Server REST API emulator.
//!
//! ```no_run
//! use tsc_emulator::{Config, Emulator};
//! let emu = Emulator::start(Config::default()).unwrap();
//! let base = emu.url(); // "http://127.0.0.1:PORT"
//! // ... drive the REST API at {base}/api/3.25/...
//! emu.stop();
//! ```
//!
//! Module map: `server` (accept loop, connections), `http` (HTTP/1.1 parsing, streaming
//! bodies, responses, `multipart`), `router` (routing table, auth and version checks, the
//! handler API), `routes/*` (one module per endpoint family), `state` (the data model),
//! `query` (paging, filter, sort, fields), `reply` (the reply writer: XML or JSON from one
//! description), `xml` and `json` (request bodies), `errors`
//! (Tableau error catalogue), `auth` (sessions, JWT), `faults` and `control`
//! (`/_emulator/` test endpoints, `reset` among them), `render` (each resource's reply shape),
//! `freshness` (workbooks' data freshness policy), `request_log` (`--log-requests`), `seed`
//! (`--seed demo`).

pub mod acceleration;
pub mod auth;
pub mod content;
pub mod control;
pub mod control_content;
pub mod errors;
pub mod faults;
pub mod files;
pub mod freshness;
pub mod http;
pub mod ingest;
pub mod job_outcomes;
pub mod json;
pub mod permissions;
pub mod query;
pub mod render;
pub mod reply;
pub mod request_log;
pub mod resource;
pub mod router;
pub mod routes;
pub mod schedules;
pub mod seed;
pub mod seed_content;
pub mod server;
pub mod state;
pub mod tls;
pub mod util;
pub mod xml;

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

pub use request_log::LogTarget;
pub use routes::download::Disposition;
pub use server::Shared;
pub use tls::{SelfSigned, TlsConfig, TlsIdentity, TlsVersion};

/// Tableau's single-request publish limit: "The maximum size of a file you can publish in one
/// request is 64MB" (REST API docs, Publishing Resources).
pub const DEFAULT_MAX_PUBLISH_BYTES: u64 = 64 * 1024 * 1024;
/// The emulator's default limit for one append to an upload session (400016 beyond it).
pub const DEFAULT_MAX_CHUNK_BYTES: u64 = 64 * 1024 * 1024;

/// Emulator configuration (also what the command line fills).
#[derive(Debug, Clone)]
pub struct Config {
    /// Address to listen on; port 0 picks a free one.
    pub listen: String,
    pub admin_user: String,
    pub admin_password: String,
    /// Personal access tokens of the admin: (name, secret).
    pub pats: Vec<(String, String)>,
    pub connected_app: Option<ConnectedApp>,
    /// Highest REST API version served (URL versions 2.3 up to it are accepted).
    pub api_version: String,
    /// Added to every response (not to `/_emulator/` ones).
    pub latency_ms: u64,
    /// Where uploaded content is stored; `None` = a temp dir removed on stop.
    pub data_dir: Option<PathBuf>,
    /// Seed demo sites, users, projects and groups.
    pub seed_demo: bool,
    /// Idle expiry of session tokens.
    pub session_idle_minutes: u64,
    /// How downloads name their file in `Content-Disposition` (changeable at run time with
    /// `POST /_emulator/settings?contentDisposition=`).
    pub content_disposition: Disposition,
    /// Largest file part of a single publish request (Tableau: 64 MB); larger → 400016.
    pub max_publish_bytes: u64,
    /// Largest file part of one `PUT fileUploads/{id}` append; larger → 400016.
    pub max_chunk_bytes: u64,
    /// Serve HTTPS with these settings instead of HTTP (`--tls-*` flags).
    pub tls: Option<TlsConfig>,
    /// Log one line per request (`--log-requests [FILE]`; see `request_log`).
    pub log_requests: Option<LogTarget>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            listen: "127.0.0.1:0".to_string(),
            admin_user: "admin".to_string(),
            admin_password: "admin".to_string(),
            pats: Vec::new(),
            connected_app: None,
            api_version: "3.29".to_string(),
            latency_ms: 0,
            data_dir: None,
            seed_demo: false,
            session_idle_minutes: 240,
            content_disposition: Disposition::Plain,
            max_publish_bytes: DEFAULT_MAX_PUBLISH_BYTES,
            max_chunk_bytes: DEFAULT_MAX_CHUNK_BYTES,
            tls: None,
            log_requests: None,
        }
    }
}

/// A connected app (direct trust) whose JWTs the emulator accepts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnectedApp {
    pub client_id: String,
    pub secret_id: String,
    pub secret_value: String,
}

/// Mints an HS256 JWT for a connected app (for tests and demos).
pub fn mint_jwt(app: &ConnectedApp, username: &str, scopes: &[&str], ttl_secs: i64) -> String {
    auth::mint_jwt(app, username, scopes, ttl_secs)
}

/// `http://ADDR:PORT`, or `https://…` with TLS.
fn base_url<T>(tls: &Option<T>, addr: SocketAddr) -> String {
    let scheme = if tls.is_some() { "https" } else { "http" };
    format!("{scheme}://{addr}")
}

/// A running emulator. Stops on `stop()` or when dropped.
pub struct Emulator {
    shared: Arc<Shared>,
    addr: SocketAddr,
    url: String,
    accept: Option<JoinHandle<()>>,
    remove_dir: Option<PathBuf>,
}

impl Emulator {
    /// Binds, spawns the accept thread and returns once listening.
    pub fn start(config: Config) -> std::io::Result<Emulator> {
        // Certificates first: a self-signed identity writes the files the rest may read.
        let tls = config.tls.as_ref().map(tls::server_config).transpose()?;
        let version = router::ApiVersion::parse(&config.api_version)
            .filter(|v| v.is_implemented())
            .ok_or_else(|| {
                std::io::Error::new(
                    std::io::ErrorKind::InvalidInput,
                    format!(
                        "api_version '{}' is not a REST API version the emulator implements ({})",
                        config.api_version,
                        router::ApiVersion::IMPLEMENTED
                    ),
                )
            })?;
        let (data_dir, remove_dir) = match &config.data_dir {
            Some(d) => {
                std::fs::create_dir_all(d)?;
                (d.clone(), None)
            }
            None => {
                let d = util::make_temp_dir()?;
                (d.clone(), Some(d))
            }
        };
        let listener = match TcpListener::bind(&config.listen) {
            Ok(l) => l,
            Err(e) => {
                if let Some(d) = &remove_dir {
                    let _ = std::fs::remove_dir_all(d);
                }
                return Err(e);
            }
        };
        let addr = listener.local_addr()?;
        let url = base_url(&tls, addr);
        let shared = match Shared::new(config, version, data_dir, url.clone()) {
            Ok(s) => Arc::new(s),
            Err(e) => {
                if let Some(d) = &remove_dir {
                    let _ = std::fs::remove_dir_all(d);
                }
                return Err(e);
            }
        };
        let s2 = shared.clone();
        let accept = std::thread::Builder::new()
            .name("tsc-emulator-accept".into())
            .spawn(move || server::accept_loop(s2, listener, tls))?;
        Ok(Emulator {
            shared,
            addr,
            url,
            accept: Some(accept),
            remove_dir,
        })
    }

    /// `http://127.0.0.1:PORT`, or `https://…` with TLS.
    pub fn url(&self) -> String {
        self.url.clone()
    }

    /// With a self-signed TLS identity, the files it wrote (the CA to trust, a client
    /// certificate of that CA, ...).
    pub fn self_signed(&self) -> Option<SelfSigned> {
        match &self.shared.config.tls.as_ref()?.identity {
            TlsIdentity::SelfSigned(dir) => Some(SelfSigned::in_dir(dir)),
            TlsIdentity::Files { .. } => None,
        }
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The shared state (for in-process tests).
    pub fn shared(&self) -> &Arc<Shared> {
        &self.shared
    }

    /// Where content files are stored.
    pub fn data_dir(&self) -> &std::path::Path {
        &self.shared.data_dir
    }

    /// Stops accepting, closes connections, removes the temp data dir.
    pub fn stop(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        let Some(accept) = self.accept.take() else {
            return;
        };
        self.shared.begin_shutdown();
        // Wake the accept loop.
        let mut wake = self.addr;
        if wake.ip().is_unspecified() {
            wake.set_ip(if wake.is_ipv4() {
                std::net::Ipv4Addr::LOCALHOST.into()
            } else {
                std::net::Ipv6Addr::LOCALHOST.into()
            });
        }
        let _ = TcpStream::connect_timeout(&wake, Duration::from_secs(1));
        let _ = accept.join();
        self.shared.close_all_connections();
        let start = Instant::now();
        while self.shared.active_connections() > 0 && start.elapsed() < Duration::from_secs(3) {
            std::thread::sleep(Duration::from_millis(10));
        }
        if let Some(d) = self.remove_dir.take() {
            let _ = std::fs::remove_dir_all(d);
        }
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        self.shutdown();
    }
}
