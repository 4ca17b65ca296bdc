//! Redirects as RFC 9110 §15.4 has them: 303, and 301/302 after a POST, become a GET without a
//! body; 307/308 (and 301/302 of other methods) keep the method and body, but only to the same
//! origin; a body that carries credentials is never sent to another origin nor turned into a GET
//! that would silently drop it; HTTPS never falls back to plain HTTP. The session token goes only
//! to the origin the call was made to (the caller checks [`same_origin`]).

use super::Method;
use crate::error::{echo, Error, Result, Status};

/// What the next hop of a redirect sends.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Hop {
    pub url: String,
    pub method: Method,
    /// Whether the request body goes with it (false: the hop has no body).
    pub keep_body: bool,
}

/// The request being redirected, as the rules need it.
pub(crate) struct Redirected<'a> {
    pub label: &'a str,
    pub method: Method,
    pub url: &'a str,
    /// Whether the request has a body at all.
    pub has_body: bool,
    /// Whether the body can be sent again (in memory, not a consumed stream).
    pub replayable: bool,
    /// Whether the body carries credentials (sign-in).
    pub credentials: bool,
}

/// Decides the next hop for a `status` redirect to `location`, or why it is refused.
pub(crate) fn next_hop(r: &Redirected<'_>, status: u16, location: Option<&str>) -> Result<Hop> {
    let label = r.label;
    let Some(location) = location else {
        return Err(Error::new(
            Status::Protocol,
            format!("{label} failed: HTTP {status} redirect without a Location header"),
        ));
    };
    let next = resolve(r.url, location.trim());
    if r.url.starts_with("https://") && !next.starts_with("https://") {
        return Err(Error::new(
            Status::Tls,
            format!("{label}: refused a redirect from HTTPS to {}", echo(&next)),
        ));
    }
    let to_get = status == 303 || (matches!(status, 301 | 302) && r.method == Method::Post);
    if r.credentials && (to_get || !same_origin(r.url, &next)) {
        // Neither sent to another origin nor turned into a GET that drops it: the caller must
        // name the final URL.
        return Err(Error::new(
            Status::Http,
            format!(
                "{label} failed: HTTP {status} redirect to {}; the sign-in request (which \
                 carries the credentials) is only re-sent to the same origin and method: use {} \
                 as the server URL",
                echo(&next),
                echo(&origin(&next))
            ),
        ));
    }
    if to_get {
        return Ok(Hop {
            url: next,
            method: Method::Get,
            keep_body: false,
        });
    }
    if r.has_body && !same_origin(r.url, &next) {
        return Err(Error::new(
            Status::Http,
            format!(
                "{label} failed: HTTP {status} redirect to another server ({}); a request \
                 with a body is only re-sent to the same origin: use {} as the server URL",
                echo(&next),
                echo(&origin(&next))
            ),
        ));
    }
    if r.has_body && !r.replayable {
        return Err(Error::new(
            Status::Http,
            format!(
                "{label} failed: HTTP {status} redirect to {}; a streamed upload cannot be \
                 replayed, use the final server URL",
                echo(&next)
            ),
        ));
    }
    Ok(Hop {
        url: next,
        method: r.method,
        keep_body: r.has_body,
    })
}

/// Whether two URLs have the same origin (scheme, host and port, case-insensitive).
pub(crate) fn same_origin(a: &str, b: &str) -> bool {
    origin(a) == origin(b)
}

/// `scheme://host:port` of a URL, lower-cased, with the scheme's default port made explicit.
pub(crate) fn origin(url: &str) -> String {
    let (after, end) = authority(url);
    let o = url[..end].to_ascii_lowercase();
    let authority = &o[after..];
    let has_port = authority
        .rsplit_once(':')
        .is_some_and(|(_, p)| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    match (o.starts_with("https://"), has_port) {
        (_, true) => o,
        (true, false) => format!("{o}:443"),
        (false, false) => format!("{o}:80"),
    }
}

/// Where the authority (`host:port`) of a URL starts and ends: after `scheme://`, up to the
/// first `/`, `?` or `#`.
fn authority(url: &str) -> (usize, usize) {
    let after = url.find("://").map(|i| i + 3).unwrap_or(0);
    let end = url[after..]
        .find(['/', '?', '#'])
        .map(|i| after + i)
        .unwrap_or(url.len());
    (after, end)
}

/// Resolves a Location header against the current URL.
fn resolve(current: &str, location: &str) -> String {
    if location.contains("://") {
        location.to_string()
    } else if let Some(rest) = location.strip_prefix("//") {
        let scheme = current.split("://").next().unwrap_or("https");
        format!("{scheme}://{rest}")
    } else if location.starts_with('/') {
        format!("{}{location}", &current[..authority(current).1])
    } else {
        let base = current.rsplit_once('/').map(|(b, _)| b).unwrap_or(current);
        format!("{base}/{location}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(method: Method, has_body: bool, credentials: bool) -> Redirected<'static> {
        Redirected {
            label: "X",
            method,
            url: "https://a.example/api/3.25/sites/s/projects",
            has_body,
            replayable: true,
            credentials,
        }
    }

    #[test]
    fn resolves_locations() {
        assert_eq!(
            origin("https://A.example:8443/api/x?y"),
            "https://a.example:8443"
        );
        assert_eq!(origin("https://a.example/x"), "https://a.example:443");
        assert!(same_origin("http://a/x", "http://A:80/y"));
        assert!(!same_origin("http://a/x", "https://a/x"));
        assert_eq!(
            resolve("http://a/api/3.1/auth/signin", "/api/3.1/x"),
            "http://a/api/3.1/x"
        );
        assert_eq!(resolve("http://a/b/c", "d"), "http://a/b/d");
        assert_eq!(resolve("http://a/b/c", "https://z/q"), "https://z/q");
        assert_eq!(resolve("https://a/b/c", "//z/q"), "https://z/q");
    }

    #[test]
    fn post_becomes_get_on_301_302_303() {
        for status in [301, 302, 303] {
            let hop = next_hop(&req(Method::Post, true, false), status, Some("/new")).unwrap();
            assert_eq!(hop.method, Method::Get, "{status}");
            assert!(!hop.keep_body);
        }
        let hop = next_hop(&req(Method::Put, true, false), 303, Some("/new")).unwrap();
        assert_eq!((hop.method, hop.keep_body), (Method::Get, false));
    }

    #[test]
    fn bodies_keep_their_method_only_to_the_same_origin() {
        let hop = next_hop(&req(Method::Post, true, false), 307, Some("/other")).unwrap();
        assert_eq!((hop.method, hop.keep_body), (Method::Post, true));
        let hop = next_hop(&req(Method::Put, true, false), 301, Some("/other")).unwrap();
        assert_eq!((hop.method, hop.keep_body), (Method::Put, true));
        for status in [307, 308] {
            let e = next_hop(
                &req(Method::Post, true, false),
                status,
                Some("https://b.example/x"),
            )
            .unwrap_err();
            assert_eq!(e.status(), Status::Http);
            assert!(e.message().contains("same origin"), "{}", e.message());
        }
        // without a body, another origin is fine (the token is not sent there: see mod.rs)
        let hop = next_hop(
            &req(Method::Get, false, false),
            308,
            Some("https://b.example/x"),
        )
        .unwrap();
        assert_eq!(hop.url, "https://b.example/x");
    }

    #[test]
    fn credentials_are_never_redirected_elsewhere() {
        for status in [301, 302, 303, 307, 308] {
            for to in ["https://evil.example/steal", "http://a.example/x"] {
                let e = next_hop(&req(Method::Post, true, true), status, Some(to)).unwrap_err();
                let m = e.message();
                assert!(
                    m.contains("as the server URL") || e.status() == Status::Tls,
                    "{m}"
                );
            }
        }
        for status in [301, 302, 303] {
            let e = next_hop(&req(Method::Post, true, true), status, Some("/same")).unwrap_err();
            assert!(e.message().contains("as the server URL"), "{}", e.message());
        }
        for status in [307, 308] {
            let hop = next_hop(&req(Method::Post, true, true), status, Some("/same")).unwrap();
            assert_eq!((hop.method, hop.keep_body), (Method::Post, true));
        }
    }

    #[test]
    fn https_never_downgrades_and_location_is_required() {
        let e = next_hop(
            &req(Method::Get, false, false),
            302,
            Some("http://a.example/x"),
        )
        .unwrap_err();
        assert_eq!(e.status(), Status::Tls);
        let e = next_hop(&req(Method::Get, false, false), 302, None).unwrap_err();
        assert_eq!(e.status(), Status::Protocol);
        let long = format!("/{}", "x".repeat(100_000));
        let e = next_hop(&req(Method::Post, true, true), 303, Some(&long)).unwrap_err();
        assert!(e.message().len() < 1000, "{}", e.message().len());
    }
}
