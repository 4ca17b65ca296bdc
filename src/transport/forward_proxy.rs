//! Plain-HTTP servers through an HTTP proxy as forward requests. ureq tunnels every request
//! through an HTTP proxy with CONNECT, which many proxies allow only to port 443 (a logging proxy
//! answers 501); for an `http://` server the proxy is asked for the absolute URL instead
//! (`GET http://host:port/path HTTP/1.1`, RFC 9112 §3.2.2), with `Proxy-Authorization` when the
//! proxy URL has a user. HTTPS servers keep the CONNECT tunnel, so the proxy never sees their
//! traffic.
//!
//! [`ForwardConnector`] connects to the proxy instead of the server, and [`Forwarded`] rewrites
//! the request line of each request it sends (the first write after a reply, or the first of
//! the connection) from origin form to absolute form.

use ureq::http::uri::Scheme;
use ureq::http::Uri;
use ureq::unversioned::transport::{
    Buffers, ConnectionDetails, Connector, DefaultConnector, NextTimeout, Transport,
};
use ureq::Proxy;

/// Connects `http://` requests to the proxy, everything else as usual.
pub(crate) struct ForwardConnector {
    proxy: Proxy,
    /// The agent's settings without the proxy, for the connection to the proxy itself (with
    /// the proxy in them, ureq's own connector would tunnel to it).
    to_proxy: ureq::config::Config,
    /// `Basic …` for the proxy's user, if its URL has one.
    authorization: Option<String>,
    direct: DefaultConnector,
}

impl std::fmt::Debug for ForwardConnector {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ForwardConnector")
    }
}

impl ForwardConnector {
    /// A connector for requests through `proxy` (an `http://` proxy); `to_proxy` is the agent's
    /// configuration without a proxy. The agent itself keeps the proxy in its configuration, so
    /// that ureq leaves the server's name for the proxy to resolve.
    pub(crate) fn new(proxy: Proxy, to_proxy: ureq::config::Config) -> ForwardConnector {
        let authorization = proxy.username().map(|u| {
            let pair = format!("{u}:{}", proxy.password().unwrap_or(""));
            format!("Basic {}", base64(pair.as_bytes()))
        });
        ForwardConnector {
            proxy,
            to_proxy,
            authorization,
            direct: DefaultConnector::new(),
        }
    }
}

impl Connector<()> for ForwardConnector {
    type Out = Box<dyn Transport>;

    fn connect(
        &self,
        details: &ConnectionDetails,
        chained: Option<()>,
    ) -> Result<Option<Self::Out>, ureq::Error> {
        let target = details.uri;
        if target.scheme() != Some(&Scheme::HTTP) || self.proxy.is_no_proxy(target) {
            return self.direct.connect(details, chained);
        }
        let proxy_uri = self.proxy.uri();
        let addrs = details
            .resolver
            .resolve(proxy_uri, &self.to_proxy, details.timeout)?;
        let to_proxy = ConnectionDetails {
            uri: proxy_uri,
            addrs,
            config: &self.to_proxy,
            request_level: details.request_level,
            resolver: details.resolver,
            now: details.now,
            timeout: details.timeout,
            current_time: details.current_time.clone(),
            run_connector: details.run_connector.clone(),
            register_shutdown: details.register_shutdown.clone(),
        };
        let Some(inner) = self.direct.connect(&to_proxy, chained)? else {
            return Ok(None);
        };
        Ok(Some(Box::new(Forwarded {
            inner,
            origin: origin_of(target),
            authorization: self.authorization.clone(),
            at_request_start: true,
        })))
    }
}

/// `http://host:port` of the target, for the absolute form.
fn origin_of(uri: &Uri) -> String {
    let host = uri.host().unwrap_or("");
    match uri.port_u16() {
        Some(p) => format!("http://{host}:{p}"),
        None => format!("http://{host}"),
    }
}

/// A connection to the proxy that rewrites request lines to the absolute form.
struct Forwarded {
    inner: Box<dyn Transport>,
    origin: String,
    authorization: Option<String>,
    /// The next write starts a request.
    at_request_start: bool,
}

impl std::fmt::Debug for Forwarded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Forwarded")
            .field("origin", &self.origin)
            .finish()
    }
}

impl Forwarded {
    /// The request head in `out` with its request line in absolute form and the proxy's
    /// credentials added, or None when `out` does not start with an origin-form request line.
    fn rewrite(&self, out: &[u8]) -> Option<Vec<u8>> {
        let line_end = out.windows(2).position(|w| w == b"\r\n")?;
        let line = std::str::from_utf8(&out[..line_end]).ok()?;
        let (method, rest) = line.split_once(' ')?;
        if !rest.starts_with('/') {
            return None;
        }
        let mut v = Vec::with_capacity(out.len() + self.origin.len() + 64);
        v.extend_from_slice(method.as_bytes());
        v.push(b' ');
        v.extend_from_slice(self.origin.as_bytes());
        v.extend_from_slice(rest.as_bytes());
        v.extend_from_slice(b"\r\n");
        if let Some(a) = &self.authorization {
            v.extend_from_slice(format!("Proxy-Authorization: {a}\r\n").as_bytes());
        }
        v.extend_from_slice(&out[line_end + 2..]);
        Some(v)
    }
}

impl Transport for Forwarded {
    fn buffers(&mut self) -> &mut dyn Buffers {
        self.inner.buffers()
    }

    fn transmit_output(&mut self, amount: usize, timeout: NextTimeout) -> Result<(), ureq::Error> {
        if !std::mem::replace(&mut self.at_request_start, false) {
            return self.inner.transmit_output(amount, timeout);
        }
        let head = self.inner.buffers().output()[..amount].to_vec();
        let Some(bytes) = self.rewrite(&head) else {
            return self.inner.transmit_output(amount, timeout);
        };
        // The rewritten head is longer: send it through the output buffer in pieces.
        for piece in bytes.chunks(self.inner.buffers().output().len().max(1)) {
            self.inner.buffers().output()[..piece.len()].copy_from_slice(piece);
            self.inner.transmit_output(piece.len(), timeout)?;
        }
        Ok(())
    }

    fn await_input(&mut self, timeout: NextTimeout) -> Result<bool, ureq::Error> {
        self.at_request_start = true;
        self.inner.await_input(timeout)
    }

    fn is_open(&mut self) -> bool {
        self.inner.is_open()
    }
}

/// Standard base64 with padding.
fn base64(data: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut s = String::with_capacity(data.len().div_ceil(3) * 4);
    for c in data.chunks(3) {
        let n = (u32::from(c[0]) << 16)
            | (u32::from(*c.get(1).unwrap_or(&0)) << 8)
            | u32::from(*c.get(2).unwrap_or(&0));
        for i in 0..4 {
            if i <= c.len() {
                s.push(char::from(A[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                s.push('=');
            }
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc_4648() {
        for (i, o) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
        ] {
            assert_eq!(base64(i.as_bytes()), o);
        }
    }
}
