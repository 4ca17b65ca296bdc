//! HTTPS: the server's certificate (PEM files, or a CA and a certificate generated at start),
//! client certificates required by a CA (mTLS), an optional cap on the TLS version (for testing
//! clients' minimum version), and [`Stream`], the connection the HTTP code reads and writes
//! (plain TCP or TLS over it; the HTTP code does not know which).

use std::io::{self, Read, Write};
use std::net::{Shutdown, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use rustls::server::WebPkiClientVerifier;
use rustls::{RootCertStore, ServerConfig, ServerConnection, StreamOwned};

/// A TLS protocol version (for [`TlsConfig::max_version`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TlsVersion {
    V1_2,
    V1_3,
}

impl TlsVersion {
    /// `"1.2"` or `"1.3"`.
    pub fn parse(s: &str) -> Option<TlsVersion> {
        match s {
            "1.2" => Some(TlsVersion::V1_2),
            "1.3" => Some(TlsVersion::V1_3),
            _ => None,
        }
    }
}

/// Where the server's certificate comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TlsIdentity {
    /// A PEM certificate chain (server certificate first) and its PEM private key.
    Files { cert: PathBuf, key: PathBuf },
    /// Generate a CA and a server certificate for 127.0.0.1, ::1 and localhost at start, and
    /// write them (and a client certificate of the same CA) into this directory: see
    /// [`SelfSigned`].
    SelfSigned(PathBuf),
}

/// HTTPS settings (`--tls-cert`/`--tls-key`, `--tls-self-signed`, `--tls-client-ca`,
/// `--tls-max-version`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TlsConfig {
    pub identity: TlsIdentity,
    /// Require a client certificate issued by one of the CA certificates of this PEM file.
    /// Read after a self-signed identity is written, so `DIR/ca.pem` of that identity works.
    pub client_ca: Option<PathBuf>,
    /// Highest TLS version offered (default: 1.3); `V1_2` makes a server that only speaks 1.2.
    pub max_version: Option<TlsVersion>,
}

impl TlsConfig {
    /// A generated CA and server certificate written into `dir`.
    pub fn self_signed(dir: impl Into<PathBuf>) -> TlsConfig {
        TlsConfig {
            identity: TlsIdentity::SelfSigned(dir.into()),
            client_ca: None,
            max_version: None,
        }
    }

    /// The certificate chain and key of these PEM files.
    pub fn files(cert: impl Into<PathBuf>, key: impl Into<PathBuf>) -> TlsConfig {
        TlsConfig {
            identity: TlsIdentity::Files {
                cert: cert.into(),
                key: key.into(),
            },
            client_ca: None,
            max_version: None,
        }
    }
}

/// The files a self-signed identity writes into its directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SelfSigned {
    /// The CA certificate clients trust (`ca.pem`); also usable as `--tls-client-ca`.
    pub ca: PathBuf,
    /// The server certificate chain (`server.pem`: the server certificate, then the CA).
    pub server_cert: PathBuf,
    /// Its private key (`server-key.pem`, PKCS#8).
    pub server_key: PathBuf,
    /// A client certificate issued by the same CA (`client.pem`), for mTLS.
    pub client_cert: PathBuf,
    /// Its private key (`client-key.pem`, PKCS#8).
    pub client_key: PathBuf,
}

impl SelfSigned {
    /// The paths in `dir` (whether or not they exist yet).
    pub fn in_dir(dir: &Path) -> SelfSigned {
        SelfSigned {
            ca: dir.join("ca.pem"),
            server_cert: dir.join("server.pem"),
            server_key: dir.join("server-key.pem"),
            client_cert: dir.join("client.pem"),
            client_key: dir.join("client-key.pem"),
        }
    }
}

fn gen_err(e: rcgen::Error) -> io::Error {
    io::Error::other(format!("cannot generate a certificate: {e}"))
}

/// Generates a new CA (ECDSA P-256), a server certificate for 127.0.0.1, ::1 and localhost and a
/// client certificate, both issued by it, and writes them into `dir` (created if needed; keys
/// with mode 0600). Each call makes a different CA.
pub fn generate_self_signed(dir: &Path) -> io::Result<SelfSigned> {
    use rcgen::{
        BasicConstraints, CertificateParams, CertifiedIssuer, DnType, ExtendedKeyUsagePurpose,
        IsCa, KeyPair, KeyUsagePurpose,
    };
    std::fs::create_dir_all(dir)?;
    let files = SelfSigned::in_dir(dir);

    let mut ca = CertificateParams::new(Vec::<String>::new()).map_err(gen_err)?;
    ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    // A name of its own, so that another generated CA is another issuer, not a forgery.
    let mut tag = [0u8; 6];
    getrandom::fill(&mut tag).map_err(|e| io::Error::other(e.to_string()))?;
    let tag: String = tag.iter().map(|b| format!("{b:02x}")).collect();
    ca.distinguished_name
        .push(DnType::CommonName, format!("tsc-emulator test CA {tag}"));
    ca.key_usages = vec![
        KeyUsagePurpose::KeyCertSign,
        KeyUsagePurpose::CrlSign,
        KeyUsagePurpose::DigitalSignature,
    ];
    let ca =
        CertifiedIssuer::self_signed(ca, KeyPair::generate().map_err(gen_err)?).map_err(gen_err)?;

    let mut server = CertificateParams::new(vec![
        "127.0.0.1".to_string(),
        "::1".to_string(),
        "localhost".to_string(),
    ])
    .map_err(gen_err)?;
    server
        .distinguished_name
        .push(DnType::CommonName, "tsc-emulator");
    server.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
    server.use_authority_key_identifier_extension = true;
    let server_key = KeyPair::generate().map_err(gen_err)?;
    let server_cert = server.signed_by(&server_key, &ca).map_err(gen_err)?;

    let mut client = CertificateParams::new(Vec::<String>::new()).map_err(gen_err)?;
    client
        .distinguished_name
        .push(DnType::CommonName, "tsc-emulator client");
    client.extended_key_usages = vec![ExtendedKeyUsagePurpose::ClientAuth];
    client.use_authority_key_identifier_extension = true;
    let client_key = KeyPair::generate().map_err(gen_err)?;
    let client_cert = client.signed_by(&client_key, &ca).map_err(gen_err)?;

    std::fs::write(&files.ca, ca.pem())?;
    std::fs::write(
        &files.server_cert,
        format!("{}{}", server_cert.pem(), ca.pem()),
    )?;
    write_private(&files.server_key, &server_key.serialize_pem())?;
    std::fs::write(&files.client_cert, client_cert.pem())?;
    write_private(&files.client_key, &client_key.serialize_pem())?;
    Ok(files)
}

fn write_private(path: &Path, text: &str) -> io::Result<()> {
    let mut o = std::fs::OpenOptions::new();
    o.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    o.open(path)?.write_all(text.as_bytes())
}

fn bad(path: &Path, what: &str, e: impl std::fmt::Display) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidInput,
        format!("{what} {}: {e}", path.display()),
    )
}

fn read_certs(path: &Path, what: &str) -> io::Result<Vec<CertificateDer<'static>>> {
    let pem = std::fs::read(path).map_err(|e| bad(path, &format!("cannot read {what}"), e))?;
    let certs = CertificateDer::pem_slice_iter(&pem)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| bad(path, &format!("{what} is not valid PEM:"), e))?;
    if certs.is_empty() {
        return Err(bad(path, what, "no CERTIFICATE in the file"));
    }
    Ok(certs)
}

/// The rustls server configuration for these settings (generating the self-signed files first).
pub fn server_config(cfg: &TlsConfig) -> io::Result<Arc<ServerConfig>> {
    let (cert, key) = match &cfg.identity {
        TlsIdentity::Files { cert, key } => (cert.clone(), key.clone()),
        TlsIdentity::SelfSigned(dir) => {
            let f = generate_self_signed(dir)?;
            (f.server_cert, f.server_key)
        }
    };
    let chain = read_certs(&cert, "the certificate file")?;
    let key_pem =
        std::fs::read(&key).map_err(|e| bad(&key, "cannot read the private key file", e))?;
    let key_der = PrivateKeyDer::from_pem_slice(&key_pem)
        .map_err(|e| bad(&key, "no usable private key in", e))?;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let versions: &[&'static rustls::SupportedProtocolVersion] = match cfg.max_version {
        Some(TlsVersion::V1_2) => &[&rustls::version::TLS12],
        _ => rustls::ALL_VERSIONS,
    };
    let builder = ServerConfig::builder_with_provider(provider.clone())
        .with_protocol_versions(versions)
        .map_err(io::Error::other)?;
    let builder = match &cfg.client_ca {
        None => builder.with_no_client_auth(),
        Some(ca) => {
            let mut roots = RootCertStore::empty();
            for c in read_certs(ca, "the client CA file")? {
                roots
                    .add(c)
                    .map_err(|e| bad(ca, "the client CA file has a bad certificate:", e))?;
            }
            let verifier = WebPkiClientVerifier::builder_with_provider(Arc::new(roots), provider)
                .build()
                .map_err(|e| bad(ca, "cannot use the client CA file", e))?;
            builder.with_client_cert_verifier(verifier)
        }
    };
    let config = builder
        .with_single_cert(chain, key_der)
        .map_err(|e| bad(&cert, "the certificate and the key do not fit:", e))?;
    Ok(Arc::new(config))
}

/// How long a client may take to complete the TLS handshake.
pub const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);

/// One client connection: plain TCP, or TLS over it.
pub enum Stream {
    Plain(TcpStream),
    Tls(Box<StreamOwned<ServerConnection, TcpStream>>),
}

impl Stream {
    /// Plain TCP when `tls` is `None`; otherwise runs the TLS handshake first (bounded by
    /// [`HANDSHAKE_TIMEOUT`]). A failed handshake has sent its alert and closed gracefully
    /// (so the client reads the alert rather than a reset) when this returns the error.
    pub fn accept(tcp: TcpStream, tls: Option<&Arc<ServerConfig>>) -> io::Result<Stream> {
        let Some(cfg) = tls else {
            return Ok(Stream::Plain(tcp));
        };
        let mut conn = ServerConnection::new(cfg.clone()).map_err(io::Error::other)?;
        let mut tcp = tcp;
        let old = (
            tcp.read_timeout().ok().flatten(),
            tcp.write_timeout().ok().flatten(),
        );
        let _ = tcp.set_read_timeout(Some(HANDSHAKE_TIMEOUT));
        let _ = tcp.set_write_timeout(Some(HANDSHAKE_TIMEOUT));
        while conn.is_handshaking() {
            if let Err(e) = conn.complete_io(&mut tcp) {
                // complete_io has tried to write the alert describing the failure.
                while conn.wants_write() {
                    if conn.write_tls(&mut tcp).unwrap_or(0) == 0 {
                        break;
                    }
                }
                linger(&mut tcp);
                return Err(e);
            }
        }
        let _ = tcp.set_read_timeout(old.0);
        let _ = tcp.set_write_timeout(old.1);
        Ok(Stream::Tls(Box::new(StreamOwned::new(conn, tcp))))
    }

    /// The TCP socket under the stream (timeouts, socket options).
    pub fn tcp(&self) -> &TcpStream {
        match self {
            Stream::Plain(s) => s,
            Stream::Tls(s) => s.get_ref(),
        }
    }

    /// The socket when bytes written to it reach the client unchanged (no TLS), which is what
    /// `sendfile(2)` needs; `None` when they must go through [`Write`].
    pub fn raw_socket(&self) -> Option<&TcpStream> {
        match self {
            Stream::Plain(s) => Some(s),
            Stream::Tls(_) => None,
        }
    }

    pub fn read_timeout(&self) -> io::Result<Option<Duration>> {
        self.tcp().read_timeout()
    }

    pub fn set_read_timeout(&self, d: Option<Duration>) -> io::Result<()> {
        self.tcp().set_read_timeout(d)
    }

    pub fn set_write_timeout(&self, d: Option<Duration>) -> io::Result<()> {
        self.tcp().set_write_timeout(d)
    }

    /// Shuts down the socket; closing the write side of a TLS stream sends close_notify first.
    pub fn shutdown(&mut self, how: Shutdown) -> io::Result<()> {
        if let Stream::Tls(s) = self {
            if how != Shutdown::Read {
                s.conn.send_close_notify();
                let _ = s.flush();
            }
        }
        self.tcp().shutdown(how)
    }
}

/// After a failed handshake: stop sending, read what the client still sends for a moment.
fn linger(tcp: &mut TcpStream) {
    let _ = tcp.flush();
    let _ = tcp.shutdown(Shutdown::Write);
    let _ = tcp.set_read_timeout(Some(Duration::from_millis(300)));
    let mut buf = [0u8; 4096];
    let start = std::time::Instant::now();
    while start.elapsed() < Duration::from_secs(1) {
        match tcp.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(_) => {}
        }
    }
}

impl Read for Stream {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Stream::Plain(s) => s.read(buf),
            Stream::Tls(s) => s.read(buf),
        }
    }
}

impl Write for Stream {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Stream::Plain(s) => s.write(buf),
            Stream::Tls(s) => s.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Stream::Plain(s) => s.flush(),
            Stream::Tls(s) => s.flush(),
        }
    }
}
