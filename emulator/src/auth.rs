//! Sessions (opaque tokens with idle expiry) and connected-app JWTs (HS256).

use std::collections::HashMap;
use std::time::{Duration, Instant};

use base64::engine::general_purpose::{URL_SAFE, URL_SAFE_NO_PAD};
use base64::Engine;
use hmac::{Hmac, Mac};
use serde_json::{json, Value};
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

type HmacSha256 = Hmac<Sha256>;

fn sign(secret: &str, data: &str) -> Vec<u8> {
    let mut mac =
        HmacSha256::new_from_slice(secret.as_bytes()).expect("HMAC accepts any key length");
    mac.update(data.as_bytes());
    mac.finalize().into_bytes().to_vec()
}

/// Mints an HS256 connected-app JWT (for tests and demos).
pub fn mint_jwt(app: &ConnectedApp, username: &str, scopes: &[&str], ttl_secs: i64) -> String {
    let header = json!({"alg": "HS256", "typ": "JWT", "kid": app.secret_id, "iss": app.client_id})
        .to_string();
    let payload = json!({
        "iss": app.client_id,
        "sub": username,
        "aud": "tableau",
        "exp": now_secs() + ttl_secs,
        "jti": new_id(),
        "scp": scopes,
    })
    .to_string();
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
        .and_then(|b| serde_json::from_slice::<Value>(&b).ok())
        .ok_or("the JWT header is not valid base64url JSON")?;
    let payload = b64(parts[1])
        .and_then(|b| serde_json::from_slice::<Value>(&b).ok())
        .ok_or("the JWT payload is not valid base64url JSON")?;
    let sig = b64(parts[2]).ok_or("the JWT signature is not valid base64url")?;
    if header.get("alg").and_then(Value::as_str) != Some("HS256") {
        return Err("alg must be HS256".into());
    }
    if header.get("kid").and_then(Value::as_str) != Some(app.secret_id.as_str()) {
        return Err("kid does not name the connected app's secret".into());
    }
    let mut mac =
        HmacSha256::new_from_slice(app.secret_value.as_bytes()).map_err(|_| "bad secret")?;
    mac.update(format!("{}.{}", parts[0], parts[1]).as_bytes());
    if mac.verify_slice(&sig).is_err() {
        return Err("the signature does not verify".into());
    }
    if payload.get("iss").and_then(Value::as_str) != Some(app.client_id.as_str()) {
        return Err("iss is not the connected app's client id".into());
    }
    let aud_ok = match payload.get("aud") {
        Some(Value::String(s)) => s == "tableau",
        Some(Value::Array(a)) => a.iter().any(|v| v.as_str() == Some("tableau")),
        _ => false,
    };
    if !aud_ok {
        return Err("aud must be \"tableau\"".into());
    }
    let exp = payload
        .get("exp")
        .and_then(Value::as_f64)
        .ok_or("exp is missing")?;
    let now = now_secs() as f64;
    if exp <= now {
        return Err("the JWT has expired".into());
    }
    if exp > now + 600.0 + 5.0 {
        return Err("exp is more than 10 minutes in the future".into());
    }
    match payload.get("jti") {
        Some(Value::String(s)) if !s.is_empty() => {}
        _ => return Err("jti is missing".into()),
    }
    match payload.get("scp") {
        Some(Value::Array(a))
            if !a.is_empty()
                && a.iter().all(|v| {
                    v.as_str()
                        .map(|s| s.starts_with("tableau:"))
                        .unwrap_or(false)
                }) => {}
        _ => return Err("scp must be a non-empty array of tableau: scopes".into()),
    }
    let sub = payload.get("sub").and_then(Value::as_str).unwrap_or("");
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
