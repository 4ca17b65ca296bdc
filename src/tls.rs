//! TLS settings beyond the roots (`transport/config.rs`): a client certificate for servers that
//! require one (mTLS) and the lowest TLS version accepted. Both are turned into ureq's TLS
//! configuration by `tls_config()`; the checks here run when the server handle is built, so a
//! bad file fails `Server::new` (`tsc_server_new`) with a clear message instead of the first
//! request.

use crate::error::{Error, Result, Status};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use ureq::tls::{Certificate, ClientCert, PemItem, PrivateKey};

/// The lowest TLS version a connection may use (`tsc_tls_version` in C). Passed as `int32_t`;
/// other values give `TSC_STATUS_INVALID_ARGUMENT`.
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum tsc_tls_version {
    /// TLS 1.2 or 1.3 (the default).
    #[default]
    V1_2 = 12,
    /// TLS 1.3 only: servers that cannot speak it fail with `TSC_STATUS_TLS`.
    V1_3 = 13,
}

/// Rust-facing name of [`tsc_tls_version`].
pub type TlsVersion = tsc_tls_version;

impl TryFrom<i32> for TlsVersion {
    type Error = Error;
    fn try_from(v: i32) -> Result<TlsVersion> {
        match v {
            12 => Ok(Self::V1_2),
            13 => Ok(Self::V1_3),
            _ => Err(Error::invalid(format!(
                "{v} is not a tsc_tls_version value: use TSC_TLS_VERSION_V1_2 (12) or TSC_TLS_VERSION_V1_3 (13)"
            ))),
        }
    }
}

/// A client certificate chain and its private key, as PEM files.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClientCertificateFiles {
    /// The certificate chain, the client's own certificate first.
    pub cert: PathBuf,
    /// Its private key (PKCS#8, PKCS#1 RSA or SEC1 EC).
    pub key: PathBuf,
}

/// The crypto provider ureq would pick (the process default, else ring), restricted to TLS 1.3
/// cipher suites when 1.3 is the minimum: the client then offers only TLS 1.3. `None` when
/// nothing needs restricting (ureq keeps its own choice). ureq takes it through
/// `unversioned_rustls_crypto_provider`, which ureq does not keep stable across its minor
/// versions (its `TlsConfig` has no protocol-version setting): check it when updating ureq.
pub(crate) fn provider_for(min: TlsVersion) -> Option<Arc<rustls::crypto::CryptoProvider>> {
    match min {
        TlsVersion::V1_2 => None,
        TlsVersion::V1_3 => {
            let mut p = (*base_provider()).clone();
            p.cipher_suites
                .retain(|s| s.version().version == rustls::ProtocolVersion::TLSv1_3);
            Some(Arc::new(p))
        }
    }
}

fn base_provider() -> Arc<rustls::crypto::CryptoProvider> {
    rustls::crypto::CryptoProvider::get_default()
        .cloned()
        .unwrap_or_else(|| Arc::new(rustls::crypto::ring::default_provider()))
}

fn read(path: &Path, what: &str) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| {
        Error::new(
            Status::File,
            format!(
                "cannot read the {what} {}: {e} (check the path given to the client certificate option)",
                path.display()
            ),
        )
    })
}

/// The certificates of the PEM text `pem`, read from the `what` at `path` (for messages): text
/// that is not PEM, or holds no certificate, is `Status::Tls` (`empty_hint` ends the message of
/// the second).
pub(crate) fn certificates(
    pem: &[u8],
    what: &str,
    path: &Path,
    empty_hint: &str,
) -> Result<Vec<Certificate<'static>>> {
    let mut certs = Vec::new();
    for item in ureq::tls::parse_pem(pem) {
        match item {
            Ok(PemItem::Certificate(c)) => certs.push(c.to_owned()),
            Ok(_) => {}
            Err(e) => {
                return Err(Error::new(
                    Status::Tls,
                    format!("the {what} {} is not valid PEM: {e}", path.display()),
                ))
            }
        }
    }
    if certs.is_empty() {
        return Err(Error::new(
            Status::Tls,
            format!(
                "the {what} {} holds no certificate{empty_hint}",
                path.display()
            ),
        ));
    }
    Ok(certs)
}

/// Reads and checks a client certificate: the chain parses, the key parses and is one the TLS
/// library can sign with, and it belongs to the first certificate. A missing file is
/// `Status::File`, anything else `Status::Tls`.
pub(crate) fn client_cert(
    files: &ClientCertificateFiles,
    provider: Option<&Arc<rustls::crypto::CryptoProvider>>,
) -> Result<ClientCert> {
    let (cert_path, key_path) = (&files.cert, &files.key);
    let tls = |m: String| Error::new(Status::Tls, m);
    let pem = read(cert_path, "client certificate file")?;
    let chain = certificates(
        &pem,
        "client certificate file",
        cert_path,
        ": give a PEM file with -----BEGIN CERTIFICATE----- blocks, the client's own \
         certificate first",
    )?;
    let pem = read(key_path, "client private key file")?;
    let mut key: Option<PrivateKey<'static>> = None;
    for item in ureq::tls::parse_pem(&pem) {
        match item {
            Ok(PemItem::PrivateKey(k)) => {
                key = Some(k.to_owned());
                break;
            }
            Ok(_) => {}
            Err(e) => {
                return Err(tls(format!(
                    "the client private key file {} is not valid PEM: {e}",
                    key_path.display()
                )))
            }
        }
    }
    let Some(key) = key else {
        return Err(tls(format!(
            "the client private key file {} holds no private key: give a PEM file with a \
             PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY block",
            key_path.display()
        )));
    };
    check_pair(&chain, &pem, provider).map_err(|e| {
        tls(match e {
            rustls::Error::InconsistentKeys(rustls::InconsistentKeys::KeyMismatch) => format!(
                "the private key {} does not belong to the client certificate {}: give the key \
                 the certificate was issued for",
                key_path.display(),
                cert_path.display()
            ),
            other => format!(
                "the client certificate {} and key {} cannot be used: {other}",
                cert_path.display(),
                key_path.display()
            ),
        })
    })?;
    Ok(ClientCert::new_with_certs(&chain, key))
}

/// What rustls checks when ureq installs the certificate (where a failure would panic): the
/// key (the first of `key_pem`, as ureq takes it) loads and matches the first certificate.
fn check_pair(
    chain: &[Certificate<'static>],
    key_pem: &[u8],
    provider: Option<&Arc<rustls::crypto::CryptoProvider>>,
) -> std::result::Result<(), rustls::Error> {
    use rustls::pki_types::pem::PemObject;
    use rustls::pki_types::{CertificateDer, PrivateKeyDer};
    let provider = provider.cloned().unwrap_or_else(base_provider);
    let key = PrivateKeyDer::from_pem_slice(key_pem)
        .map_err(|e| rustls::Error::General(format!("the key cannot be read: {e}")))?;
    let certs = chain
        .iter()
        .map(|c| CertificateDer::from(c.der().to_vec()))
        .collect();
    rustls::sign::CertifiedKey::from_der(certs, key, &provider).map(|_| ())
}
