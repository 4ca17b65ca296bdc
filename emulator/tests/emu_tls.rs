//! HTTPS: a self-signed identity (files written, URL, handshake with the CA trusted), an identity
//! from PEM files, keep-alive and a download (copied through TLS, not sendfile) over one TLS
//! connection, client certificates required by a CA (given, missing, of another CA), the cap at
//! TLS 1.2, bad certificate settings refused at start, plain HTTP to a TLS port, and the flags.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName};
use rustls::{ClientConfig, ClientConnection, RootCertStore, StreamOwned};
use tsc_emulator::tls::generate_self_signed;
use tsc_emulator::{Config, Emulator, SelfSigned, TlsConfig, TlsVersion};

const BIN: &str = env!("CARGO_BIN_EXE_tsc-emulator");

type Tls = StreamOwned<ClientConnection, TcpStream>;

fn dir(name: &str) -> PathBuf {
    let d = tsc_emulator::util::make_temp_dir().unwrap().join(name);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn start(tls: TlsConfig, seed: bool) -> Emulator {
    Emulator::start(Config {
        tls: Some(tls),
        seed_demo: seed,
        ..common::config()
    })
    .expect("emulator starts")
}

/// A client config trusting `ca`, with an optional client certificate and version list.
fn client(
    ca: &Path,
    cert: Option<(&Path, &Path)>,
    versions: &[&'static rustls::SupportedProtocolVersion],
) -> Arc<ClientConfig> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut roots = RootCertStore::empty();
    for c in CertificateDer::pem_file_iter(ca).unwrap() {
        roots.add(c.unwrap()).unwrap();
    }
    let b = ClientConfig::builder_with_provider(provider)
        .with_protocol_versions(versions)
        .unwrap()
        .with_root_certificates(roots);
    Arc::new(match cert {
        None => b.with_no_client_auth(),
        Some((c, k)) => {
            let chain = CertificateDer::pem_file_iter(c)
                .unwrap()
                .map(|c| c.unwrap())
                .collect();
            b.with_client_auth_cert(chain, PrivateKeyDer::from_pem_file(k).unwrap())
                .unwrap()
        }
    })
}

fn connect(emu: &Emulator, cfg: Arc<ClientConfig>) -> Tls {
    let tcp = TcpStream::connect(emu.addr()).unwrap();
    tcp.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let name = ServerName::try_from("127.0.0.1").unwrap();
    StreamOwned::new(ClientConnection::new(cfg, name).unwrap(), tcp)
}

/// Sends one request and reads the answer: (status, body).
fn exchange(
    s: &mut Tls,
    method: &str,
    path: &str,
    extra: &str,
    body: &str,
) -> std::io::Result<(u16, Vec<u8>)> {
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n{extra}Content-Length: {}\r\n\r\n{body}",
        body.len()
    )?;
    s.flush()?;
    let mut r = BufReader::new(s);
    let mut line = String::new();
    r.read_line(&mut line)?;
    let status = line
        .split(' ')
        .nth(1)
        .and_then(|v| v.parse().ok())
        .ok_or_else(|| std::io::Error::other(format!("bad status line {line:?}")))?;
    let mut len = 0usize;
    loop {
        let mut h = String::new();
        r.read_line(&mut h)?;
        let h = h.trim_end();
        if h.is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            if k.eq_ignore_ascii_case("content-length") {
                len = v.trim().parse().unwrap();
            }
        }
    }
    let mut b = vec![0u8; len];
    r.read_exact(&mut b)?;
    Ok((status, b))
}

fn health(s: &mut Tls) -> std::io::Result<u16> {
    exchange(s, "GET", "/_emulator/health", "", "").map(|(st, _)| st)
}

#[test]
fn self_signed_writes_its_files_and_serves_https() {
    let d = dir("ss");
    let emu = start(TlsConfig::self_signed(&d), false);
    assert!(emu.url().starts_with("https://127.0.0.1:"), "{}", emu.url());
    let files = emu.self_signed().unwrap();
    assert_eq!(files, SelfSigned::in_dir(&d));
    for f in [
        &files.ca,
        &files.server_cert,
        &files.server_key,
        &files.client_cert,
        &files.client_key,
    ] {
        assert!(f.exists(), "{}", f.display());
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&files.server_key)
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o077, 0, "the key is private");
    }
    let mut s = connect(&emu, client(&files.ca, None, rustls::ALL_VERSIONS));
    assert_eq!(health(&mut s).unwrap(), 200);
    // Kept alive: a second request on the same TLS connection.
    assert_eq!(health(&mut s).unwrap(), 200);
    assert_eq!(
        s.conn.protocol_version(),
        Some(rustls::ProtocolVersion::TLSv1_3)
    );
    // A client that trusts another CA refuses the server.
    let other = generate_self_signed(&dir("other")).unwrap();
    let mut s = connect(&emu, client(&other.ca, None, rustls::ALL_VERSIONS));
    let e = health(&mut s).unwrap_err();
    assert!(e.to_string().contains("UnknownIssuer"), "{e}");
}

#[test]
fn an_identity_from_pem_files_serves_a_download_through_tls() {
    let files = generate_self_signed(&dir("files")).unwrap();
    let emu = start(
        TlsConfig::files(&files.server_cert, &files.server_key),
        true,
    );
    assert!(emu.self_signed().is_none());
    let cfg = client(&files.ca, None, rustls::ALL_VERSIONS);
    let mut s = connect(&emu, cfg);
    let (st, body) = exchange(
        &mut s,
        "POST",
        "/api/3.25/auth/signin",
        "",
        &common::signin_body("admin", "admin", ""),
    )
    .unwrap();
    assert_eq!(st, 200);
    let root = tsc_emulator::xml::parse(&body).unwrap();
    let creds = root.child("credentials").unwrap();
    let token = creds.attr("token").unwrap().to_string();
    let site = creds.child("site").unwrap().attr("id").unwrap().to_string();
    let auth = format!("X-Tableau-Auth: {token}\r\n");
    let (st, body) = exchange(
        &mut s,
        "GET",
        &format!("/api/3.25/sites/{site}/workbooks"),
        &auth,
        "",
    )
    .unwrap();
    assert_eq!(st, 200);
    let root = tsc_emulator::xml::parse(&body).unwrap();
    let wb = root
        .child("workbooks")
        .unwrap()
        .children_named("workbook")
        .find(|w| w.attr("name") == Some("Superstore"))
        .expect("Superstore")
        .attr("id")
        .unwrap()
        .to_string();
    let path = format!("/api/3.25/sites/{site}/workbooks/{wb}/content");
    let (st, bytes) = exchange(&mut s, "GET", &path, &auth, "").unwrap();
    assert_eq!(st, 200);
    assert!(bytes.len() > 1000 && bytes.starts_with(b"PK\x03\x04"));
    let stored = walk(emu.data_dir());
    assert!(
        stored.iter().any(|f| std::fs::read(f).unwrap() == bytes),
        "the bytes of a stored file"
    );
    // The connection is still usable after the download.
    assert_eq!(health(&mut s).unwrap(), 200);
}

fn walk(d: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(d).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn client_certificates_of_the_ca_are_required() {
    let d = dir("mtls");
    let mut t = TlsConfig::self_signed(&d);
    // The CA file is read after the self-signed identity has written it.
    t.client_ca = Some(SelfSigned::in_dir(&d).ca);
    let emu = start(t, false);
    let f = emu.self_signed().unwrap();
    let mut s = connect(
        &emu,
        client(
            &f.ca,
            Some((&f.client_cert, &f.client_key)),
            rustls::ALL_VERSIONS,
        ),
    );
    assert_eq!(health(&mut s).unwrap(), 200);
    // No client certificate: the server's alert.
    let mut s = connect(&emu, client(&f.ca, None, rustls::ALL_VERSIONS));
    let e = health(&mut s).unwrap_err();
    assert!(e.to_string().contains("CertificateRequired"), "{e}");
    // TLS 1.2 too.
    let mut s = connect(&emu, client(&f.ca, None, &[&rustls::version::TLS12]));
    assert!(health(&mut s).is_err());
    // A client certificate of another CA.
    let other = generate_self_signed(&dir("other")).unwrap();
    let mut s = connect(
        &emu,
        client(
            &f.ca,
            Some((&other.client_cert, &other.client_key)),
            rustls::ALL_VERSIONS,
        ),
    );
    let e = health(&mut s).unwrap_err();
    assert!(e.to_string().contains("UnknownCA"), "{e}");
    // The server still serves.
    let mut s = connect(
        &emu,
        client(
            &f.ca,
            Some((&f.client_cert, &f.client_key)),
            rustls::ALL_VERSIONS,
        ),
    );
    assert_eq!(health(&mut s).unwrap(), 200);
}

#[test]
fn max_version_caps_the_protocol_at_1_2() {
    let d = dir("cap");
    let mut t = TlsConfig::self_signed(&d);
    t.max_version = Some(TlsVersion::V1_2);
    let emu = start(t, false);
    let ca = emu.self_signed().unwrap().ca;
    let mut s = connect(&emu, client(&ca, None, rustls::ALL_VERSIONS));
    assert_eq!(health(&mut s).unwrap(), 200);
    assert_eq!(
        s.conn.protocol_version(),
        Some(rustls::ProtocolVersion::TLSv1_2)
    );
    let mut s = connect(&emu, client(&ca, None, &[&rustls::version::TLS13]));
    let e = health(&mut s).unwrap_err();
    assert!(e.to_string().contains("ProtocolVersion"), "{e}");
}

#[test]
fn bad_certificate_settings_fail_the_start() {
    let f = generate_self_signed(&dir("bad")).unwrap();
    let missing = f.ca.with_file_name("missing.pem");
    let err = |t: TlsConfig| match Emulator::start(Config {
        tls: Some(t),
        ..Config::default()
    }) {
        Ok(_) => panic!("started"),
        Err(e) => e.to_string(),
    };
    let e = err(TlsConfig::files(&missing, &f.server_key));
    assert!(e.contains("missing.pem"), "{e}");
    let e = err(TlsConfig::files(&f.server_cert, &missing));
    assert!(
        e.contains("missing.pem") && e.contains("private key"),
        "{e}"
    );
    let e = err(TlsConfig::files(&f.server_key, &f.server_key));
    assert!(e.contains("no CERTIFICATE"), "{e}");
    let e = err(TlsConfig::files(&f.server_cert, &f.client_key));
    assert!(e.contains("do not fit"), "{e}");
    let mut t = TlsConfig::files(&f.server_cert, &f.server_key);
    t.client_ca = Some(missing.clone());
    let e = err(t);
    assert!(e.contains("client CA"), "{e}");
}

#[test]
fn plain_http_to_a_tls_port_gets_no_http_answer() {
    let emu = start(TlsConfig::self_signed(dir("plain")), false);
    let mut s = TcpStream::connect(emu.addr()).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    s.write_all(b"GET /_emulator/health HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    let mut got = Vec::new();
    let _ = s.read_to_end(&mut got);
    assert!(
        !got.starts_with(b"HTTP/"),
        "{}",
        String::from_utf8_lossy(&got)
    );
    // ...and the server goes on serving TLS.
    let ca = emu.self_signed().unwrap().ca;
    let mut s = connect(&emu, client(&ca, None, rustls::ALL_VERSIONS));
    assert_eq!(health(&mut s).unwrap(), 200);
}

#[test]
fn the_command_line_serves_https() {
    let out = Command::new(BIN).arg("--help").output().unwrap();
    let help = String::from_utf8_lossy(&out.stdout);
    for flag in [
        "--tls-cert",
        "--tls-key",
        "--tls-self-signed",
        "--tls-client-ca",
        "--tls-max-version",
    ] {
        assert!(help.contains(flag), "--help mentions {flag}");
    }
    for bad in [
        &["--tls-cert", "a.pem"][..],
        &["--tls-key", "a.pem"],
        &["--tls-client-ca", "ca.pem"],
        &[
            "--tls-self-signed",
            "d",
            "--tls-cert",
            "a",
            "--tls-key",
            "b",
        ],
        &["--tls-self-signed", "d", "--tls-max-version", "1.4"],
    ] {
        let out = Command::new(BIN).args(bad).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{bad:?}");
    }
    let d = dir("cli");
    let ca = d.join("ca.pem");
    let mut child = Command::new(BIN)
        .args(["--listen", "127.0.0.1:0", "--tls-self-signed"])
        .arg(&d)
        .arg("--tls-client-ca")
        .arg(&ca)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    let addr = first
        .trim()
        .strip_prefix("listening on https://")
        .unwrap_or_else(|| panic!("first line: {first}"))
        .to_string();
    let f = SelfSigned::in_dir(&d);
    let tcp = TcpStream::connect(&addr).unwrap();
    tcp.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let cfg = client(
        &f.ca,
        Some((&f.client_cert, &f.client_key)),
        rustls::ALL_VERSIONS,
    );
    let name = ServerName::try_from("localhost").unwrap();
    let mut s = StreamOwned::new(ClientConnection::new(cfg, name).unwrap(), tcp);
    assert_eq!(health(&mut s).unwrap(), 200);
    let _ = child.kill();
    let _ = child.wait();
}
