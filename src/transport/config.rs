//! Transport settings and the ureq agent built from them: timeouts and the deadline of calls,
//! retries, logging, TLS roots (system, a CA bundle, or explicitly none), proxy (environment,
//! explicit, or none) and the User-Agent.

use super::forward_proxy::ForwardConnector;
use super::{LogSetting, RetryPolicy};
use crate::error::{Error, Result, Status};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use ureq::tls::{RootCerts, TlsConfig};

/// Default time allowed to establish a connection.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(30);
/// Default time allowed for the server to start answering, and for any single read or write to
/// make progress during a transfer.
pub const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(120);
/// Default longest time a call that reads a whole reply (every call but downloads and uploads)
/// may take, retries included.
pub const DEFAULT_DEADLINE: Duration = Duration::from_secs(300);

/// Where the HTTP proxy comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProxySetting {
    /// `HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY` and `NO_PROXY` from the environment (the default).
    FromEnvironment,
    /// No proxy, whatever the environment says.
    None,
    /// This proxy URL, e.g. `http://user:pass@proxy:3128` or `socks5://proxy:1080`.
    Url(String),
}

/// How the transport connects. Built by `ServerOptions`.
#[derive(Clone, Debug)]
pub struct TransportConfig {
    /// Connect timeout.
    pub connect_timeout: Duration,
    /// Response and per-read/per-write timeout.
    pub request_timeout: Duration,
    /// Total time of a call that reads a whole reply, retries included (None: no limit).
    pub deadline: Option<Duration>,
    /// Retries of repeatable requests.
    pub retry: RetryPolicy,
    /// Where log lines go.
    pub log: LogSetting,
    /// PEM file of CA certificates to trust instead of the system's roots.
    pub ca_bundle: Option<PathBuf>,
    /// Skip certificate verification entirely (explicit opt-in; never the default).
    pub accept_invalid_certs: bool,
    /// Proxy choice.
    pub proxy: ProxySetting,
    /// Text appended to the library's User-Agent.
    pub user_agent_suffix: Option<String>,
    /// A client certificate and its key (PEM files) for servers that require one (mTLS).
    pub client_certificate: Option<crate::tls::ClientCertificateFiles>,
    /// The lowest TLS version accepted (default 1.2).
    pub min_tls_version: crate::tls::TlsVersion,
}

impl Default for TransportConfig {
    fn default() -> Self {
        TransportConfig {
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            request_timeout: DEFAULT_REQUEST_TIMEOUT,
            deadline: Some(DEFAULT_DEADLINE),
            retry: RetryPolicy::default(),
            log: LogSetting::default(),
            ca_bundle: None,
            accept_invalid_certs: false,
            proxy: ProxySetting::FromEnvironment,
            user_agent_suffix: None,
            client_certificate: None,
            min_tls_version: crate::tls::TlsVersion::V1_2,
        }
    }
}

/// The User-Agent every request carries.
pub(crate) fn user_agent(suffix: Option<&str>) -> String {
    let base = concat!("libtsc/", env!("CARGO_PKG_VERSION"));
    match suffix {
        Some(s) if !s.is_empty() => format!("{base} {s}"),
        _ => base.to_string(),
    }
}

/// The agents of one server: `main` for every request (connection reuse happens there), and,
/// when an HTTP proxy is in use, `forward` for `http://` servers, which sends them to the proxy
/// as forward requests instead of CONNECT tunnels (`forward_proxy.rs`).
pub(crate) struct Agents {
    pub main: ureq::Agent,
    pub forward: Option<ureq::Agent>,
}

/// Builds the agents a server uses for all its requests.
pub(crate) fn build_agents(cfg: &TransportConfig) -> Result<Agents> {
    let tls = tls_config(cfg)?;
    let proxy = match &cfg.proxy {
        ProxySetting::FromEnvironment => ureq::Proxy::try_from_env(),
        ProxySetting::None => None,
        ProxySetting::Url(u) => Some(ureq::Proxy::new(u).map_err(|e| {
            Error::invalid(format!(
                "the proxy URL is not valid ({e}); expected e.g. http://proxy:3128"
            ))
        })?),
    };
    let config = |proxy: Option<ureq::Proxy>| {
        ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .max_redirects_will_error(false)
            .user_agent(user_agent(cfg.user_agent_suffix.as_deref()))
            .accept_encoding("identity")
            .timeout_connect(Some(cfg.connect_timeout))
            .timeout_recv_response(Some(cfg.request_timeout))
            .timeout_per_read(Some(cfg.request_timeout))
            .timeout_per_write(Some(cfg.request_timeout))
            .max_idle_connections_per_host(16)
            .proxy(proxy)
            .tls_config(tls.clone())
            .build()
    };
    let forward = proxy
        .as_ref()
        .filter(|p| p.protocol() == ureq::ProxyProtocol::Http)
        .map(|p| {
            ureq::Agent::with_parts(
                config(Some(p.clone())),
                ForwardConnector::new(p.clone(), config(None)),
                ureq::unversioned::resolver::DefaultResolver::default(),
            )
        });
    Ok(Agents {
        main: config(proxy).new_agent(),
        forward,
    })
}

fn tls_config(cfg: &TransportConfig) -> Result<TlsConfig> {
    let mut b = TlsConfig::builder().root_certs(RootCerts::PlatformVerifier);
    if let Some(path) = &cfg.ca_bundle {
        let pem = std::fs::read(path).map_err(|e| {
            Error::new(
                Status::File,
                format!("cannot read the CA bundle {}: {e}", path.display()),
            )
        })?;
        let certs = crate::tls::certificates(&pem, "CA bundle", path, "")?;
        b = b.root_certs(RootCerts::Specific(Arc::new(certs)));
    }
    if cfg.accept_invalid_certs {
        b = b.disable_verification(true);
    }
    let provider = crate::tls::provider_for(cfg.min_tls_version);
    if let Some(p) = &provider {
        b = b.unversioned_rustls_crypto_provider(p.clone());
    }
    if let Some(files) = &cfg.client_certificate {
        b = b.client_cert(Some(crate::tls::client_cert(files, provider.as_ref())?));
    }
    Ok(b.build())
}
