//! The accept loop and per-connection threads.

use std::collections::HashMap;
use std::io::Write;
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicU8, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, RwLock, RwLockReadGuard, RwLockWriteGuard};
use std::time::{Duration, Instant};

use crate::auth::Sessions;
use crate::errors::ApiError;
use crate::faults::Fault;
use crate::http::{self, BodyReader, Conn, HeadError, Response};
use crate::reply::Format;
use crate::router::{self, ApiVersion, Route};
use crate::state::State;
use crate::tls::Stream;
use crate::Config;

/// Concurrent connections served; beyond this, new connections get a 503 and are closed.
pub const MAX_CONNECTIONS: usize = 512;
/// How long a kept-alive connection may sit idle, and the longest pause inside a request.
pub const IDLE_TIMEOUT: Duration = Duration::from_secs(30);

/// Everything the connection threads share.
pub struct Shared {
    pub config: Config,
    pub max_version: ApiVersion,
    pub data_dir: PathBuf,
    pub state: RwLock<State>,
    pub sessions: Mutex<Sessions>,
    pub faults: Mutex<Vec<Fault>>,
    /// Injected job outcomes (`/_emulator/jobOutcomes`, `job_outcomes.rs`).
    pub job_outcomes: Mutex<Vec<crate::job_outcomes::JobOutcome>>,
    /// Whether the server has Active Directory (`/_emulator/settings?activeDirectory=true`):
    /// AD groups can then be imported and synchronised, also as jobs.
    pub active_directory: std::sync::atomic::AtomicBool,
    /// Milliseconds after which new jobs complete (`/_emulator/settings?jobDelayMs=`).
    pub job_delay_ms: AtomicU64,
    /// The `Content-Disposition` form of downloads (`Disposition as u8`), switchable at run
    /// time (`/_emulator/settings?contentDisposition=`).
    pub disposition: AtomicU8,
    pub routes: Vec<Route>,
    /// `--log-requests`: one line per answered request.
    pub request_log: Option<crate::request_log::RequestLog>,
    shutdown: AtomicBool,
    conns: Mutex<HashMap<u64, TcpStream>>,
    active: AtomicUsize,
    next_conn: AtomicU64,
    pub requests_served: AtomicU64,
}

impl Shared {
    /// `web_base` is the server's own address (`http://127.0.0.1:PORT`), used in `webpageUrl`s.
    pub fn new(
        config: Config,
        max_version: ApiVersion,
        data_dir: PathBuf,
        web_base: String,
    ) -> std::io::Result<Shared> {
        let request_log = config
            .log_requests
            .as_ref()
            .map(crate::request_log::RequestLog::open)
            .transpose()?;
        let state = start_state(&config, &data_dir, web_base);
        let disposition = AtomicU8::new(config.content_disposition as u8);
        Ok(Shared {
            config,
            max_version,
            data_dir,
            state: RwLock::new(state),
            sessions: Mutex::new(Sessions::default()),
            faults: Mutex::new(Vec::new()),
            job_outcomes: Mutex::new(Vec::new()),
            active_directory: std::sync::atomic::AtomicBool::new(false),
            job_delay_ms: AtomicU64::new(0),
            disposition,
            routes: crate::routes::table(),
            request_log,
            shutdown: AtomicBool::new(false),
            conns: Mutex::new(HashMap::new()),
            active: AtomicUsize::new(0),
            next_conn: AtomicU64::new(1),
            requests_served: AtomicU64::new(0),
        })
    }

    /// `POST /_emulator/reset`: back to the start state: the state of `Config` (the seed
    /// again, with new ids), no sessions, no faults, the settings of the configuration. The
    /// old content files are deleted. Returns the number of sites of the new state.
    pub fn reset(&self) -> usize {
        let (old_sites, sites) = {
            let mut st = self.write();
            let fresh = start_state(&self.config, &self.data_dir, st.web_base.clone());
            let old = std::mem::replace(&mut *st, fresh);
            let old_sites: Vec<String> = old.sites.iter().map(|s| s.id.clone()).collect();
            (old_sites, st.sites.len())
        };
        self.sessions().clear();
        self.faults().clear();
        self.job_outcomes().clear();
        self.active_directory.store(false, Ordering::Relaxed);
        self.job_delay_ms.store(0, Ordering::Relaxed);
        self.set_disposition(self.config.content_disposition);
        for id in old_sites {
            let _ = std::fs::remove_dir_all(self.site_dir(&id));
        }
        sites
    }

    /// Read access to the state (recovers from a poisoned lock).
    pub fn read(&self) -> RwLockReadGuard<'_, State> {
        self.state.read().unwrap_or_else(|e| e.into_inner())
    }

    /// Write access to the state (recovers from a poisoned lock).
    pub fn write(&self) -> RwLockWriteGuard<'_, State> {
        self.state.write().unwrap_or_else(|e| e.into_inner())
    }

    pub fn sessions(&self) -> MutexGuard<'_, Sessions> {
        self.sessions.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn faults(&self) -> MutexGuard<'_, Vec<Fault>> {
        self.faults.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The injected job outcomes (recovers from a poisoned lock).
    pub fn job_outcomes(&self) -> MutexGuard<'_, Vec<crate::job_outcomes::JobOutcome>> {
        self.job_outcomes.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The current `Content-Disposition` form of downloads.
    pub fn disposition(&self) -> crate::Disposition {
        crate::Disposition::from_u8(self.disposition.load(Ordering::Relaxed))
    }

    pub fn set_disposition(&self, d: crate::Disposition) {
        self.disposition.store(d as u8, Ordering::Relaxed);
    }

    pub fn session_idle(&self) -> Duration {
        Duration::from_secs(self.config.session_idle_minutes.max(1) * 60)
    }

    /// Directory of a site's content files.
    pub fn site_dir(&self, site_id: &str) -> PathBuf {
        crate::files::site_dir(&self.data_dir, site_id)
    }

    pub fn is_shutting_down(&self) -> bool {
        self.shutdown.load(Ordering::SeqCst)
    }

    pub(crate) fn begin_shutdown(&self) {
        self.shutdown.store(true, Ordering::SeqCst);
    }

    pub fn active_connections(&self) -> usize {
        self.active.load(Ordering::SeqCst)
    }

    pub(crate) fn close_all_connections(&self) {
        let conns = self.conns.lock().unwrap_or_else(|e| e.into_inner());
        for s in conns.values() {
            let _ = s.shutdown(Shutdown::Both);
        }
    }
}

/// The state a server starts with: the admin and the Default site, and the demo seed if asked.
fn start_state(config: &Config, data_dir: &std::path::Path, web_base: String) -> State {
    let mut state = State {
        web_base,
        ..State::default()
    };
    crate::seed::init(&mut state, config);
    if config.seed_demo {
        crate::seed::seed_demo(&mut state, data_dir);
    }
    state
}

pub(crate) fn accept_loop(
    shared: Arc<Shared>,
    listener: TcpListener,
    tls: Option<Arc<rustls::ServerConfig>>,
) {
    for stream in listener.incoming() {
        if shared.is_shutting_down() {
            break;
        }
        let Ok(stream) = stream else {
            std::thread::sleep(Duration::from_millis(5));
            continue;
        };
        let _ = stream.set_nodelay(true);
        if shared.active.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
            shared.active.fetch_sub(1, Ordering::SeqCst);
            let tls = tls.clone();
            std::thread::spawn(move || refuse(stream, tls.as_ref()));
            continue;
        }
        let id = shared.next_conn.fetch_add(1, Ordering::SeqCst);
        if let Ok(clone) = stream.try_clone() {
            shared
                .conns
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(id, clone);
        }
        let s2 = shared.clone();
        let tls = tls.clone();
        let spawned = std::thread::Builder::new()
            .name(format!("tsc-emulator-conn-{id}"))
            .stack_size(1024 * 1024)
            .spawn(move || {
                // The TLS handshake happens here, off the accept thread; a failed one has
                // answered with its alert.
                if let Ok(stream) = Stream::accept(stream, tls.as_ref()) {
                    serve_connection(&s2, stream);
                }
                s2.conns
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .remove(&id);
                s2.active.fetch_sub(1, Ordering::SeqCst);
            });
        if spawned.is_err() {
            shared
                .conns
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .remove(&id);
            shared.active.fetch_sub(1, Ordering::SeqCst);
        }
    }
}

/// Over the connection cap: answer 503 with an error body and close.
fn refuse(stream: TcpStream, tls: Option<&Arc<rustls::ServerConfig>>) {
    let _ = stream.set_write_timeout(Some(Duration::from_secs(2)));
    let _ = stream.set_read_timeout(Some(Duration::from_millis(200)));
    let Ok(mut stream) = Stream::accept(stream, tls) else {
        return;
    };
    let e = ApiError::from_status(503, "Too many concurrent connections; try again later.")
        .with_header("Retry-After", "1");
    let _ = http::write_response(
        &mut stream,
        e.into_response("3.25", Format::Xml),
        false,
        false,
        None,
    );
    http::lingering_close(&mut stream);
}

fn serve_connection(shared: &Shared, stream: Stream) {
    let _ = stream.set_read_timeout(Some(IDLE_TIMEOUT));
    let _ = stream.set_write_timeout(Some(Duration::from_secs(120)));
    let mut conn = Conn::new(stream);
    loop {
        if shared.is_shutting_down() {
            break;
        }
        let raw = match conn.read_head() {
            Ok(h) => h,
            Err(HeadError::Closed) => break,
            Err(HeadError::TooLarge) => {
                let e = ApiError::new(431000, "The request header fields are larger than 64 KiB.");
                let _ = http::write_response(
                    &mut conn.stream,
                    e.into_response(&shared.config.api_version, Format::Xml),
                    false,
                    false,
                    None,
                );
                http::lingering_close(&mut conn.stream);
                break;
            }
            Err(HeadError::Incomplete) => {
                let e = ApiError::bad_request("The request head is incomplete.");
                let _ = http::write_response(
                    &mut conn.stream,
                    e.into_response(&shared.config.api_version, Format::Xml),
                    false,
                    false,
                    None,
                );
                http::lingering_close(&mut conn.stream);
                break;
            }
        };
        let head = match http::parse_head(&raw) {
            Ok(h) => h,
            Err(e) => {
                let _ = http::write_response(
                    &mut conn.stream,
                    e.into_response(&shared.config.api_version, Format::Xml),
                    false,
                    false,
                    None,
                );
                http::lingering_close(&mut conn.stream);
                break;
            }
        };
        shared.requests_served.fetch_add(1, Ordering::Relaxed);
        let started = Instant::now();
        let head_only = head.method == http::Method::Head;
        let mut body = BodyReader::new(&mut conn, head.framing, head.expect_continue);
        let outcome = router::dispatch(shared, &head, &mut body);
        // Consume what the handler left of the body so the connection can be reused.
        let drained = body.drain(8 * 1024 * 1024, Duration::from_secs(10));
        let keep_alive = head.keep_alive && drained && !outcome.close && !shared.is_shutting_down();
        if let Some(ms) = outcome.latency_ms {
            std::thread::sleep(Duration::from_millis(ms));
        }
        let status = outcome.response.status;
        let bytes = outcome.response.bytes_sent(head_only, outcome.fault);
        let written = http::write_response(
            &mut conn.stream,
            outcome.response,
            head_only,
            keep_alive,
            outcome.fault,
        );
        if let Some(log) = &shared.request_log {
            log.record(
                &head.method_raw,
                &head.path,
                &head.query,
                status,
                started.elapsed(),
                bytes,
            );
        }
        let reusable = match written {
            Ok(r) => r,
            Err(_) => break,
        };
        if outcome.fault.is_some() {
            // Reset/truncate: the socket is dropped (RST with SO_LINGER 0, or FIN).
            break;
        }
        if !reusable {
            if !drained {
                http::lingering_close(&mut conn.stream);
            } else {
                let _ = conn.stream.flush();
                let _ = conn.stream.shutdown(Shutdown::Write);
            }
            break;
        }
    }
}

/// What the router produced for one request.
pub struct Outcome {
    pub response: Response,
    pub fault: Option<http::WriteFault>,
    /// Close the connection after answering.
    pub close: bool,
    /// Sleep before answering (`--latency-ms`).
    pub latency_ms: Option<u64>,
}
