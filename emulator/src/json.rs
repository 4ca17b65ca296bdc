//! JSON request bodies (`Content-Type: application/json`), read into the same element tree
//! as XML ones, the way Tableau Server maps them: the top-level object is `<tsRequest>`, an
//! object is an element, a string, number or boolean is an attribute (its text as written),
//! an array is that many elements of its key's name, and `null` is left out.
//! `{"project":{"name":"P","owner":{"id":"u"}}}` reads as
//! `<tsRequest><project name="P"><owner id="u"/></project></tsRequest>`.

use serde_json::Value;

use crate::errors::ApiError;
use crate::xml::{Element, MAX_DEPTH};

fn malformed(detail: impl std::fmt::Display) -> ApiError {
    ApiError::bad_request(format!(
        "Payload is either malformed JSON or incomplete: {detail}"
    ))
}

/// Parses a JSON request body into a `tsRequest` element (errors are `400000` answers).
pub fn parse_ts_request(bytes: &[u8]) -> Result<Element, ApiError> {
    let v: Value = serde_json::from_slice(bytes).map_err(malformed)?;
    match v {
        Value::Object(o) => element("tsRequest", &o, 0),
        _ => Err(malformed("the body is not a JSON object")),
    }
}

fn element(
    name: &str,
    o: &serde_json::Map<String, Value>,
    depth: usize,
) -> Result<Element, ApiError> {
    if depth > MAX_DEPTH {
        return Err(malformed(format!("nested deeper than {MAX_DEPTH} levels")));
    }
    let mut el = Element {
        name: name.to_string(),
        ..Element::default()
    };
    for (k, v) in o {
        match v {
            Value::Null => {}
            Value::Object(c) => el.children.push(element(k, c, depth + 1)?),
            Value::Array(items) => {
                for item in items {
                    el.children.push(match item {
                        Value::Object(c) => element(k, c, depth + 1)?,
                        Value::Array(_) => {
                            return Err(malformed(format!("'{k}' holds an array of arrays")))
                        }
                        scalar => Element {
                            name: k.clone(),
                            text: scalar_text(scalar),
                            ..Element::default()
                        },
                    })
                }
            }
            scalar => el.attrs.push((k.clone(), scalar_text(scalar))),
        }
    }
    Ok(el)
}

fn scalar_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// Is this `Content-Type` JSON (`application/json`, with parameters or not)?
pub fn is_json(content_type: Option<&str>) -> bool {
    content_type
        .and_then(|ct| ct.split(';').next())
        .is_some_and(|m| m.trim().eq_ignore_ascii_case("application/json"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_like_xml() {
        let e = parse_ts_request(
            br#"{"credentials":{"name":"a","password":"p&q","site":{"contentUrl":""}}}"#,
        )
        .unwrap();
        assert_eq!(e.name, "tsRequest");
        let c = e.child("credentials").unwrap();
        assert_eq!(c.attr("password"), Some("p&q"));
        assert_eq!(c.child("site").unwrap().attr("contentUrl"), Some(""));
        let e = parse_ts_request(
            br#"{"tags":{"tag":[{"label":"a"},{"label":"b"}]},"user":{"n":3,"b":true,"x":null}}"#,
        )
        .unwrap();
        let labels: Vec<_> = e
            .child("tags")
            .unwrap()
            .children_named("tag")
            .map(|t| t.attr("label").unwrap())
            .collect();
        assert_eq!(labels, ["a", "b"]);
        let u = e.child("user").unwrap();
        assert_eq!(
            (u.attr("n"), u.attr("b"), u.attr("x")),
            (Some("3"), Some("true"), None)
        );
    }

    #[test]
    fn refuses_what_is_not_a_request() {
        let deep = format!("{}{{}}{}", "{\"a\":".repeat(100), "}".repeat(100));
        for bad in [
            &b""[..],
            b"[]",
            b"\"x\"",
            b"{",
            b"{\"a\":[[1]]}",
            deep.as_bytes(),
        ] {
            let r = parse_ts_request(bad);
            assert_eq!(
                r.unwrap_err().code,
                400000,
                "{:?}",
                String::from_utf8_lossy(bad)
            );
        }
    }

    #[test]
    fn content_types() {
        assert!(is_json(Some("application/json")));
        assert!(is_json(Some("Application/JSON; charset=utf-8")));
        assert!(!is_json(Some("application/xml")));
        assert!(!is_json(None));
    }
}
