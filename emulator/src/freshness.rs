//! A workbook's data freshness policy (`<dataFreshnessPolicy option>` with its
//! `freshEverySchedule` or `freshAtSchedule`, REST API 3.17+): checked when an update sets it,
//! kept on the workbook and written back as sent.

use crate::errors::ApiError;
use crate::reply::ReplyWriter;
use crate::xml::Element;

/// The `option` values Tableau accepts.
pub const OPTIONS: &[&str] = &["AlwaysLive", "SiteDefault", "FreshEvery", "FreshAt"];
const EVERY_FREQUENCIES: &[&str] = &["Minutes", "Hours", "Days", "Weeks"];
const AT_FREQUENCIES: &[&str] = &["Day", "Week", "Month"];

fn invalid(detail: impl Into<String>) -> ApiError {
    ApiError::bad_request(detail)
}

fn one_of(e: &Element, attr: &str, allowed: &[&str]) -> Result<(), ApiError> {
    match e.attr(attr) {
        Some(v) if allowed.contains(&v) => Ok(()),
        Some(v) => Err(invalid(format!(
            "'{v}' is not a valid {}@{attr}; expected one of {}.",
            e.name,
            allowed.join(", ")
        ))),
        None => Err(invalid(format!("<{}> needs a {attr} attribute.", e.name))),
    }
}

/// Checks a `<dataFreshnessPolicy>` element of an update and returns what to keep.
pub fn parse(e: &Element) -> Result<Element, ApiError> {
    one_of(e, "option", OPTIONS)?;
    match e.attr("option") {
        Some("FreshEvery") => {
            let s = e.child("freshEverySchedule").ok_or_else(|| {
                invalid("option FreshEvery needs a <freshEverySchedule frequency value/>.")
            })?;
            one_of(s, "frequency", EVERY_FREQUENCIES)?;
            if !s
                .attr("value")
                .is_some_and(|v| v.parse::<u32>().is_ok_and(|n| n > 0))
            {
                return Err(invalid(
                    "freshEverySchedule@value must be a positive integer.",
                ));
            }
        }
        Some("FreshAt") => {
            let s = e.child("freshAtSchedule").ok_or_else(|| {
                invalid("option FreshAt needs a <freshAtSchedule frequency time timezone/>.")
            })?;
            one_of(s, "frequency", AT_FREQUENCIES)?;
            if s.attr("time").is_none_or(str::is_empty) {
                return Err(invalid(
                    "freshAtSchedule needs a time attribute (HH:MM:SS).",
                ));
            }
        }
        _ => {}
    }
    Ok(e.clone())
}

/// Writes the kept policy (the element tree as received, without its text).
pub fn write(x: &mut ReplyWriter, e: &Element) {
    x.open(&e.name);
    for (k, v) in &e.attrs {
        x.attr(k, v);
    }
    if e.children.is_empty() {
        x.empty();
        return;
    }
    x.close();
    for c in &e.children {
        write(x, c);
    }
    x.end(&e.name);
}
