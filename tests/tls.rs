//! TLS end to end against the emulator's HTTPS mode: a CA bundle is trusted (sign-in, a listing
//! and a download over https), the system roots do not know the emulator's CA, insecure mode
//! connects anyway, client certificates (required and given, required and missing, issued by
//! another CA), the minimum TLS version against a server capped at 1.2, and the checks of the
//! certificate and key files when the server handle is built.

mod common;

use std::path::{Path, PathBuf};
use tsc::{Credentials, Destination, Server, ServerOptions, Status, TlsVersion, TransferOptions};
use tsc_emulator::{Emulator, SelfSigned, TlsConfig, TlsVersion as EmuTlsVersion};

/// A fresh directory for generated certificates.
fn dir(name: &str) -> PathBuf {
    let d = tsc_emulator::util::make_temp_dir().unwrap().join(name);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// An HTTPS emulator with a self-signed CA; `f` changes the TLS settings.
fn tls_emulator(f: impl FnOnce(&mut TlsConfig, &Path)) -> (Emulator, SelfSigned) {
    let d = dir("server");
    let mut tls = TlsConfig::self_signed(&d);
    f(&mut tls, &d);
    let emu = common::emulator_with(|c| {
        c.tls = Some(tls);
        c.seed_demo = true;
    });
    let files = emu.self_signed().expect("self-signed files");
    assert!(emu.url().starts_with("https://127.0.0.1:"), "{}", emu.url());
    (emu, files)
}

/// An emulator that requires client certificates of its own CA.
fn mtls_emulator() -> (Emulator, SelfSigned) {
    tls_emulator(|t, d| t.client_ca = Some(SelfSigned::in_dir(d).ca))
}

/// Every file under `dir`.
fn stored_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(stored_files(&p));
        } else {
            out.push(p);
        }
    }
    out
}

fn sign_in(opts: ServerOptions) -> tsc::Result<Server> {
    let s = Server::new(&opts)?;
    s.auth()
        .sign_in(&Credentials::password("admin", "admin", "").unwrap())?;
    Ok(s)
}

fn opts(emu: &Emulator) -> ServerOptions {
    ServerOptions::new(&emu.url()).unwrap()
}

fn tls_error(r: tsc::Result<Server>) -> tsc::Error {
    match r {
        Ok(_) => panic!("the connection succeeded"),
        Err(e) => {
            eprintln!("{}", e.message());
            assert_eq!(e.status(), Status::Tls, "{}", e.message());
            e
        }
    }
}

#[test]
fn a_trusted_ca_bundle_signs_in_lists_and_downloads_over_https() {
    let (emu, files) = tls_emulator(|_, _| {});
    let s = sign_in(opts(&emu).ca_bundle(&files.ca)).unwrap();
    let projects = s.projects().get(None).unwrap();
    assert!(
        projects.items.iter().any(|p| p.name() == Some("Sales")),
        "the demo projects over https"
    );
    // A download goes through TLS, not sendfile: the bytes are the stored ones.
    let wbs = s.workbooks().get(None).unwrap();
    let wb = wbs
        .items
        .iter()
        .find(|w| w.name() == Some("Superstore"))
        .expect("Superstore");
    let mut bytes = Vec::new();
    s.workbooks()
        .download(
            wb.id().unwrap(),
            Destination::Writer(&mut bytes),
            &mut TransferOptions::new(),
        )
        .unwrap();
    assert!(bytes.starts_with(b"PK\x03\x04"), "a .twbx");
    assert!(
        stored_files(emu.data_dir())
            .iter()
            .any(|f| std::fs::read(f).unwrap() == bytes),
        "the downloaded bytes are those of a stored file"
    );
    s.auth().sign_out().unwrap();
}

#[test]
fn without_the_ca_the_server_is_not_trusted() {
    let (emu, _) = tls_emulator(|_, _| {});
    let e = tls_error(sign_in(opts(&emu)));
    assert!(e.message().contains("TLS error"), "{}", e.message());
    assert!(e.message().contains("CA bundle"), "hint: {}", e.message());
    // A CA bundle of another CA does not help either.
    let other = tsc_emulator::tls::generate_self_signed(&dir("other")).unwrap();
    tls_error(sign_in(opts(&emu).ca_bundle(&other.ca)));
}

#[test]
fn insecure_mode_connects_to_an_untrusted_server() {
    let (emu, _) = tls_emulator(|_, _| {});
    sign_in(opts(&emu).accept_invalid_certs(true)).unwrap();
}

#[test]
fn a_required_client_certificate_that_is_given_works() {
    let (emu, files) = mtls_emulator();
    let s = sign_in(
        opts(&emu)
            .ca_bundle(&files.ca)
            .client_certificate(&files.client_cert, &files.client_key),
    )
    .unwrap();
    assert!(!s.sites().get(None).unwrap().items.is_empty());
    // Key and chain in one file work too.
    let both = dir("both").join("client-and-key.pem");
    let text = std::fs::read_to_string(&files.client_cert).unwrap()
        + &std::fs::read_to_string(&files.client_key).unwrap();
    std::fs::write(&both, text).unwrap();
    sign_in(
        opts(&emu)
            .ca_bundle(&files.ca)
            .client_certificate(&both, &both),
    )
    .unwrap();
}

#[test]
fn a_required_client_certificate_that_is_missing_is_a_tls_error_saying_so() {
    let (emu, files) = mtls_emulator();
    let e = tls_error(sign_in(opts(&emu).ca_bundle(&files.ca)));
    let m = e.message();
    assert!(m.contains("CertificateRequired"), "{m}");
    assert!(
        m.contains("client certificate")
            && m.contains("tsc_server_options_set_client_certificate_files"),
        "hint: {m}"
    );
}

#[test]
fn a_client_certificate_of_another_ca_is_refused() {
    let (emu, files) = mtls_emulator();
    let other = tsc_emulator::tls::generate_self_signed(&dir("other")).unwrap();
    let e = tls_error(sign_in(
        opts(&emu)
            .ca_bundle(&files.ca)
            .client_certificate(&other.client_cert, &other.client_key),
    ));
    assert!(e.message().contains("UnknownCA"), "{}", e.message());
    assert!(
        e.message().contains("client certificate"),
        "{}",
        e.message()
    );
    // The server's own certificate is no client certificate either (wrong key usage).
    tls_error(sign_in(
        opts(&emu)
            .ca_bundle(&files.ca)
            .client_certificate(&files.server_cert, &files.server_key),
    ));
}

#[test]
fn minimum_tls_version_1_3_refuses_a_server_capped_at_1_2() {
    let (capped, files) = tls_emulator(|t, _| t.max_version = Some(EmuTlsVersion::V1_2));
    // The cap alone does not stop a default client (1.2 is allowed)...
    sign_in(opts(&capped).ca_bundle(&files.ca)).unwrap();
    sign_in(
        opts(&capped)
            .ca_bundle(&files.ca)
            .min_tls_version(TlsVersion::V1_2),
    )
    .unwrap();
    // ...a minimum of 1.3 does.
    let e = tls_error(sign_in(
        opts(&capped)
            .ca_bundle(&files.ca)
            .min_tls_version(TlsVersion::V1_3),
    ));
    assert!(e.message().contains("ProtocolVersion"), "{}", e.message());
    // A server that speaks 1.3 is fine with a minimum of 1.3, with a client certificate too.
    let (emu, files) = mtls_emulator();
    sign_in(
        opts(&emu)
            .ca_bundle(&files.ca)
            .client_certificate(&files.client_cert, &files.client_key)
            .min_tls_version(TlsVersion::V1_3),
    )
    .unwrap();
}

#[test]
fn certificate_and_key_files_are_checked_when_the_server_is_built() {
    let files = tsc_emulator::tls::generate_self_signed(&dir("files")).unwrap();
    let other = tsc_emulator::tls::generate_self_signed(&dir("other")).unwrap();
    let d = dir("bad");
    let build = |cert: &Path, key: &Path| {
        let o = ServerOptions::new("https://127.0.0.1:1")
            .unwrap()
            .client_certificate(cert, key);
        match Server::new(&o) {
            Ok(_) => panic!("the server was built"),
            Err(e) => e,
        }
    };
    let missing = d.join("missing.pem");
    let e = build(&missing, &files.client_key);
    assert_eq!(e.status(), Status::File, "{}", e.message());
    assert!(e.message().contains("missing.pem"), "{}", e.message());
    let e = build(&files.client_cert, &missing);
    assert_eq!(e.status(), Status::File, "{}", e.message());
    assert!(e.message().contains("private key"), "{}", e.message());

    let not_pem = d.join("not.pem");
    std::fs::write(&not_pem, "just text\n").unwrap();
    let e = build(&not_pem, &files.client_key);
    assert_eq!(e.status(), Status::Tls, "{}", e.message());
    assert!(
        e.message().contains("holds no certificate"),
        "{}",
        e.message()
    );
    let e = build(&files.client_cert, &not_pem);
    assert_eq!(e.status(), Status::Tls, "{}", e.message());
    assert!(
        e.message().contains("holds no private key"),
        "{}",
        e.message()
    );
    // A key file that is a certificate holds no key.
    let e = build(&files.client_cert, &files.client_cert);
    assert_eq!(e.status(), Status::Tls, "{}", e.message());

    let broken = d.join("broken.pem");
    std::fs::write(
        &broken,
        "-----BEGIN CERTIFICATE-----\nnot base64 at all!\n-----END CERTIFICATE-----\n",
    )
    .unwrap();
    let e = build(&broken, &files.client_key);
    assert_eq!(e.status(), Status::Tls, "{}", e.message());
    assert!(e.message().contains("not valid PEM"), "{}", e.message());

    let e = build(&files.client_cert, &other.client_key);
    assert_eq!(e.status(), Status::Tls, "{}", e.message());
    assert!(e.message().contains("does not belong"), "{}", e.message());
    // The private key never shows in a message.
    let key_text = std::fs::read_to_string(&other.client_key).unwrap();
    let body_line = key_text.lines().nth(1).unwrap();
    assert!(!e.message().contains(body_line));

    // The good pair builds.
    let o = ServerOptions::new("https://127.0.0.1:1")
        .unwrap()
        .client_certificate(&files.client_cert, &files.client_key)
        .min_tls_version(TlsVersion::V1_3);
    Server::new(&o).unwrap();
}

#[test]
fn tls_version_values() {
    assert_eq!(TlsVersion::default(), TlsVersion::V1_2);
    assert_eq!(TlsVersion::try_from(12).unwrap(), TlsVersion::V1_2);
    assert_eq!(TlsVersion::try_from(13).unwrap(), TlsVersion::V1_3);
    for bad in [0, 1, 2, 3, 11, 14, -1] {
        let e = TlsVersion::try_from(bad).unwrap_err();
        assert_eq!(e.status(), Status::InvalidArgument);
        assert!(
            e.message().contains("TSC_TLS_VERSION_V1_3"),
            "{}",
            e.message()
        );
    }
}
