//! Sessions (opaque tokens with idle expiry) and connected-app JWTs (HS256).

use std::collections::HashMap;
use std::time::{Duration, Instant};

use base64::engine::general_purpose::{URL_SAFE, URL_SAFE_NO_PAD};
use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::util::{new_id, new_token, now_secs};
use crate::ConnectedApp;

/// A signed-in session.
#[derive(Debug, Clone)]
pub struct Session {
    pub token: String,
    pub site_id: String,
    /// The user's LUID on `site_id`.
    pub user_id: String,
    /// The identity (server-wide user name).
    pub user_name: String,
    /// Set when the session was opened with a personal access token (its name).
    pub pat_name: Option<String>,
    pub created_at: i64,
    pub last_used: Instant,
}

/// All live sessions.
#[derive(Debug, Default)]
pub struct Sessions {
    by_token: HashMap<String, Session>,
}

impl Sessions {
    /// Opens a session. A PAT has one active session: opening a new one with the same PAT
    /// (same identity and token name) ends the previous one.
    pub fn open(
        &mut self,
        site_id: &str,
        user_id: &str,
        user_name: &str,
        pat_name: Option<&str>,
    ) -> Session {
        if let Some(pat) = pat_name {
            self.by_token.retain(|_, s| {
                !(s.pat_name.as_deref() == Some(pat) && s.user_name.eq_ignore_ascii_case(user_name))
            });
        }
        let s = Session {
            token: new_token(),
            site_id: site_id.to_string(),
            user_id: user_id.to_string(),
            user_name: user_name.to_string(),
            pat_name: pat_name.map(str::to_string),
            created_at: now_secs(),
            last_used: Instant::now(),
        };
        self.by_token.insert(s.token.clone(), s.clone());
        s
    }

    /// Looks a token up, expiring it if idle too long, and refreshes it.
    pub fn touch(&mut self, token: &str, idle: Duration) -> Option<Session> {
        let expired = match self.by_token.get(token) {
            None => return None,
            Some(s) => s.last_used.elapsed() > idle,
        };
        if expired {
            self.by_token.remove(token);
            return None;
        }
        let s = self.by_token.get_mut(token)?;
        s.last_used = Instant::now();
        Some(s.clone())
    }

    pub fn remove(&mut self, token: &str) -> bool {
        self.by_token.remove(token).is_some()
    }

    /// Ends every session (test control).
    pub fn clear(&mut self) -> usize {
        let n = self.by_token.len();
        self.by_token.clear();
        n
    }

    /// Ends sessions matching a predicate (e.g. of a deleted site or user).
    pub fn remove_where(&mut self, pred: impl Fn(&Session) -> bool) {
        self.by_token.retain(|_, s| !pred(s));
    }

    pub fn len(&self) -> usize {
        self.by_token.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_token.is_empty()
    }
}

/// `estimatedTimeToExpiration`, "HHH:MM:SS".
pub fn fmt_duration(d: Duration) -> String {
    let s = d.as_secs();
    format!("{:03}:{:02}:{:02}", s / 3600, (s % 3600) / 60, s % 60)
}

// ----------------------------------------------------------------------------------------
// Minimal JSON (objects of strings, numbers, booleans, null, arrays, nested objects).
// ----------------------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    Num(f64),
    Str(String),
    Arr(Vec<Json>),
    Obj(Vec<(String, Json)>),
}

impl Json {
    pub fn get(&self, k: &str) -> Option<&Json> {
        match self {
            Json::Obj(v) => v.iter().find(|(a, _)| a == k).map(|(_, b)| b),
            _ => None,
        }
    }
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::Str(s) => Some(s),
            _ => None,
        }
    }
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Json::Num(n) => Some(*n),
            _ => None,
        }
    }
}

pub fn parse_json(s: &str) -> Option<Json> {
    let mut p = JsonParser {
        b: s.as_bytes(),
        i: 0,
        depth: 0,
    };
    let v = p.value()?;
    p.ws();
    if p.i != p.b.len() {
        return None;
    }
    Some(v)
}

struct JsonParser<'a> {
    b: &'a [u8],
    i: usize,
    depth: usize,
}

impl JsonParser<'_> {
    fn ws(&mut self) {
        while self.i < self.b.len() && matches!(self.b[self.i], b' ' | b'\t' | b'\n' | b'\r') {
            self.i += 1;
        }
    }
    fn lit(&mut self, s: &str) -> bool {
        if self.b[self.i..].starts_with(s.as_bytes()) {
            self.i += s.len();
            true
        } else {
            false
        }
    }
    fn value(&mut self) -> Option<Json> {
        self.ws();
        self.depth += 1;
        if self.depth > 32 {
            return None;
        }
        let r = match *self.b.get(self.i)? {
            b'{' => {
                self.i += 1;
                let mut v = Vec::new();
                self.ws();
                if self.b.get(self.i) == Some(&b'}') {
                    self.i += 1;
                } else {
                    loop {
                        self.ws();
                        let k = self.string()?;
                        self.ws();
                        if self.b.get(self.i) != Some(&b':') {
                            return None;
                        }
                        self.i += 1;
                        let val = self.value()?;
                        v.push((k, val));
                        self.ws();
                        match self.b.get(self.i) {
                            Some(b',') => self.i += 1,
                            Some(b'}') => {
                                self.i += 1;
                                break;
                            }
                            _ => return None,
                        }
                    }
                }
                Json::Obj(v)
            }
            b'[' => {
                self.i += 1;
                let mut v = Vec::new();
                self.ws();
                if self.b.get(self.i) == Some(&b']') {
                    self.i += 1;
                } else {
                    loop {
                        v.push(self.value()?);
                        self.ws();
                        match self.b.get(self.i) {
                            Some(b',') => self.i += 1,
                            Some(b']') => {
                                self.i += 1;
                                break;
                            }
                            _ => return None,
                        }
                    }
                }
                Json::Arr(v)
            }
            b'"' => Json::Str(self.string()?),
            b't' if self.lit("true") => Json::Bool(true),
            b'f' if self.lit("false") => Json::Bool(false),
            b'n' if self.lit("null") => Json::Null,
            _ => {
                let st = self.i;
                while self.i < self.b.len()
                    && matches!(
                        self.b[self.i],
                        b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9'
                    )
                {
                    self.i += 1;
                }
                let s = std::str::from_utf8(&self.b[st..self.i]).ok()?;
                Json::Num(s.parse().ok()?)
            }
        };
        self.depth -= 1;
        Some(r)
    }
    fn string(&mut self) -> Option<String> {
        if self.b.get(self.i) != Some(&b'"') {
            return None;
        }
        self.i += 1;
        let mut out = String::new();
        loop {
            let c = *self.b.get(self.i)?;
            self.i += 1;
            match c {
                b'"' => return Some(out),
                b'\\' => {
                    let e = *self.b.get(self.i)?;
                    self.i += 1;
                    match e {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => {
                            let h = std::str::from_utf8(self.b.get(self.i..self.i + 4)?).ok()?;
                            self.i += 4;
                            let cp = u32::from_str_radix(h, 16).ok()?;
                            out.push(char::from_u32(cp).unwrap_or('\u{fffd}'));
                        }
                        _ => return None,
                    }
                }
                _ => {
                    // Copy a run of plain UTF-8 bytes.
                    let st = self.i - 1;
                    while self.i < self.b.len() && self.b[self.i] != b'"' && self.b[self.i] != b'\\'
                    {
                        self.i += 1;
                    }
                    out.push_str(std::str::from_utf8(&self.b[st..self.i]).ok()?);
                }
            }
        }
    }
}

fn json_str(s: &str) -> String {
    let mut o = String::with_capacity(s.len() + 2);
    o.push('"');
    for c in s.chars() {
        match c {
            '"' => o.push_str("\\\""),
            '\\' => o.push_str("\\\\"),
            c if (c as u32) < 0x20 => o.push_str(&format!("\\u{:04x}", c as u32)),
            c => o.push(c),
        }
    }
    o.push('"');
    o
}

type HmacSha256 = Hmac<Sha256>;

fn sign(secret: &str, data: &str) -> Vec<u8> {
    let mut mac =
        HmacSha256::new_from_slice(secret.as_bytes()).expect("HMAC accepts any key length");
    mac.update(data.as_bytes());
    mac.finalize().into_bytes().to_vec()
}

/// Mints an HS256 connected-app JWT (for tests and demos).
pub fn mint_jwt(app: &ConnectedApp, username: &str, scopes: &[&str], ttl_secs: i64) -> String {
    let header = format!(
        "{{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":{},\"iss\":{}}}",
        json_str(&app.secret_id),
        json_str(&app.client_id)
    );
    let scp: Vec<String> = scopes.iter().map(|s| json_str(s)).collect();
    let payload = format!(
        "{{\"iss\":{},\"sub\":{},\"aud\":\"tableau\",\"exp\":{},\"jti\":{},\"scp\":[{}]}}",
        json_str(&app.client_id),
        json_str(username),
        now_secs() + ttl_secs,
        json_str(&new_id()),
        scp.join(",")
    );
    let h = URL_SAFE_NO_PAD.encode(header);
    let p = URL_SAFE_NO_PAD.encode(payload);
    let signing_input = format!("{h}.{p}");
    let sig = URL_SAFE_NO_PAD.encode(sign(&app.secret_value, &signing_input));
    format!("{signing_input}.{sig}")
}

fn b64(s: &str) -> Option<Vec<u8>> {
    URL_SAFE_NO_PAD
        .decode(s.trim_end_matches('='))
        .ok()
        .or_else(|| URL_SAFE.decode(s).ok())
}

/// Verifies a connected-app JWT and returns the user name (`sub`). The error string says
/// which check failed (shown in the 401001 detail).
pub fn verify_jwt(app: &ConnectedApp, jwt: &str) -> Result<String, String> {
    let parts: Vec<&str> = jwt.trim().split('.').collect();
    if parts.len() != 3 {
        return Err("the JWT is not three base64url parts".into());
    }
    let header = b64(parts[0])
        .and_then(|b| String::from_utf8(b).ok())
        .and_then(|s| parse_json(&s))
        .ok_or("the JWT header is not valid base64url JSON")?;
    let payload = b64(parts[1])
        .and_then(|b| String::from_utf8(b).ok())
        .and_then(|s| parse_json(&s))
        .ok_or("the JWT payload is not valid base64url JSON")?;
    let sig = b64(parts[2]).ok_or("the JWT signature is not valid base64url")?;
    if header.get("alg").and_then(Json::as_str) != Some("HS256") {
        return Err("alg must be HS256".into());
    }
    if header.get("kid").and_then(Json::as_str) != Some(app.secret_id.as_str()) {
        return Err("kid does not name the connected app's secret".into());
    }
    let mut mac =
        HmacSha256::new_from_slice(app.secret_value.as_bytes()).map_err(|_| "bad secret")?;
    mac.update(format!("{}.{}", parts[0], parts[1]).as_bytes());
    if mac.verify_slice(&sig).is_err() {
        return Err("the signature does not verify".into());
    }
    if payload.get("iss").and_then(Json::as_str) != Some(app.client_id.as_str()) {
        return Err("iss is not the connected app's client id".into());
    }
    let aud_ok = match payload.get("aud") {
        Some(Json::Str(s)) => s == "tableau",
        Some(Json::Arr(a)) => a.iter().any(|v| v.as_str() == Some("tableau")),
        _ => false,
    };
    if !aud_ok {
        return Err("aud must be \"tableau\"".into());
    }
    let exp = payload
        .get("exp")
        .and_then(Json::as_f64)
        .ok_or("exp is missing")?;
    let now = now_secs() as f64;
    if exp <= now {
        return Err("the JWT has expired".into());
    }
    if exp > now + 600.0 + 5.0 {
        return Err("exp is more than 10 minutes in the future".into());
    }
    match payload.get("jti") {
        Some(Json::Str(s)) if !s.is_empty() => {}
        _ => return Err("jti is missing".into()),
    }
    match payload.get("scp") {
        Some(Json::Arr(a))
            if !a.is_empty()
                && a.iter().all(|v| {
                    v.as_str()
                        .map(|s| s.starts_with("tableau:"))
                        .unwrap_or(false)
                }) => {}
        _ => return Err("scp must be a non-empty array of tableau: scopes".into()),
    }
    let sub = payload.get("sub").and_then(Json::as_str).unwrap_or("");
    if sub.is_empty() {
        return Err("sub is missing".into());
    }
    Ok(sub.to_string())
}

/// Helper for tests: a JWT with arbitrary header and payload JSON, signed with `secret`.
pub fn sign_raw_jwt(header_json: &str, payload_json: &str, secret: &str) -> String {
    let h = URL_SAFE_NO_PAD.encode(header_json);
    let p = URL_SAFE_NO_PAD.encode(payload_json);
    let input = format!("{h}.{p}");
    let sig = URL_SAFE_NO_PAD.encode(sign(secret, &input));
    format!("{input}.{sig}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn app() -> ConnectedApp {
        ConnectedApp {
            client_id: "cid".into(),
            secret_id: "sid".into(),
            secret_value: "sv".into(),
        }
    }

    #[test]
    fn json() {
        let j = parse_json(r#" {"a": [1, "x\"y", true, null, {"b": -2.5e1}], "u": "\u00e9"} "#)
            .unwrap();
        assert_eq!(j.get("u").unwrap().as_str(), Some("é"));
        assert!(parse_json("{").is_none());
        assert!(parse_json("{} x").is_none());
        assert!(parse_json(&"[".repeat(100)).is_none());
    }

    #[test]
    fn jwt_roundtrip_and_failures() {
        let a = app();
        let t = mint_jwt(&a, "alice", &["tableau:content:read"], 300);
        assert_eq!(verify_jwt(&a, &t).unwrap(), "alice");
        let now = now_secs();
        let h = r#"{"alg":"HS256","kid":"sid"}"#;
        let p = |iss: &str, aud: &str, exp: i64, jti: &str, scp: &str| {
            format!(r#"{{"iss":"{iss}","sub":"alice","aud":{aud},"exp":{exp}{jti},"scp":{scp}}}"#)
        };
        let good = p(
            "cid",
            "\"tableau\"",
            now + 100,
            ",\"jti\":\"1\"",
            "[\"tableau:x\"]",
        );
        assert!(verify_jwt(&a, &sign_raw_jwt(h, &good, "sv")).is_ok());
        assert!(verify_jwt(&a, &sign_raw_jwt(h, &good, "wrong")).is_err());
        assert!(verify_jwt(
            &a,
            &sign_raw_jwt(r#"{"alg":"HS256","kid":"other"}"#, &good, "sv")
        )
        .is_err());
        assert!(verify_jwt(
            &a,
            &sign_raw_jwt(r#"{"alg":"none","kid":"sid"}"#, &good, "sv")
        )
        .is_err());
        for bad in [
            p(
                "x",
                "\"tableau\"",
                now + 100,
                ",\"jti\":\"1\"",
                "[\"tableau:x\"]",
            ),
            p(
                "cid",
                "\"other\"",
                now + 100,
                ",\"jti\":\"1\"",
                "[\"tableau:x\"]",
            ),
            p(
                "cid",
                "\"tableau\"",
                now - 1,
                ",\"jti\":\"1\"",
                "[\"tableau:x\"]",
            ),
            p(
                "cid",
                "\"tableau\"",
                now + 3600,
                ",\"jti\":\"1\"",
                "[\"tableau:x\"]",
            ),
            p("cid", "\"tableau\"", now + 100, "", "[\"tableau:x\"]"),
            p("cid", "\"tableau\"", now + 100, ",\"jti\":\"1\"", "[]"),
            p(
                "cid",
                "\"tableau\"",
                now + 100,
                ",\"jti\":\"1\"",
                "[\"read\"]",
            ),
            p(
                "cid",
                "\"tableau\"",
                now + 100,
                ",\"jti\":\"1\"",
                "\"tableau:x\"",
            ),
        ] {
            assert!(
                verify_jwt(&a, &sign_raw_jwt(h, &bad, "sv")).is_err(),
                "{bad}"
            );
        }
        assert!(verify_jwt(&a, "abc").is_err());
        assert!(verify_jwt(&a, "a.b.c").is_err());
    }

    #[test]
    fn pat_single_session() {
        let mut s = Sessions::default();
        let a = s.open("site", "u", "admin", Some("ci"));
        let b = s.open("site", "u", "admin", Some("ci"));
        let idle = Duration::from_secs(60);
        assert!(s.touch(&a.token, idle).is_none());
        assert!(s.touch(&b.token, idle).is_some());
        let c = s.open("site", "u", "admin", None);
        let d = s.open("site", "u", "admin", None);
        assert!(s.touch(&c.token, idle).is_some());
        assert!(s.touch(&d.token, idle).is_some());
        assert_eq!(fmt_duration(Duration::from_secs(240 * 60)), "004:00:00");
    }
}
