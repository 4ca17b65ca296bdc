//! Small conversions the generated model code uses: server strings to `Text`, lenient integers and
//! booleans, tag lists and labels, element text, and validated setters for enumerated strings.

use crate::error::{Error, Result};
use crate::secret::Secret;
use crate::text::Text;

/// A string from the server.
pub(crate) fn text(v: &str) -> Result<Text> {
    Text::from_server(v)
}

/// An optional string from the server: an empty value (`locale=""`) reads as absent, as if the
/// attribute were not there.
pub(crate) fn non_empty(v: &str) -> Result<Option<Text>> {
    if v.is_empty() {
        return Ok(None);
    }
    text(v).map(Some)
}

/// An ISO 8601 date-time from the server (`2016-06-30T20:34:04Z`, also with fractional seconds
/// or a `+hh:mm` offset), kept as the server wrote it; one that is empty, not of that shape or
/// not a possible date (`2016-06-31`, `2015-02-29`, hour 24, minute or second 60) reads as absent.
pub(crate) fn date(v: &str) -> Result<Option<Text>> {
    if !is_date_time(v) {
        return Ok(None);
    }
    text(v).map(Some)
}

/// The number of days of `month` (1 to 12) in `year` (Gregorian: leap years are those divisible
/// by 4, but not by 100 unless by 400); `None` for a month out of range.
pub(crate) fn days_in_month(year: u32, month: u32) -> Option<u32> {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    Some(match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    })
}

/// Whether `v` is `YYYY-MM-DDThh:mm:ss[.fff](Z|±hh:mm)` with every part in range.
pub(crate) fn is_date_time(v: &str) -> bool {
    let b = v.as_bytes();
    let num = |from: usize, len: usize| -> Option<u32> {
        let part = b.get(from..from + len)?;
        if !part.iter().all(u8::is_ascii_digit) {
            return None;
        }
        Some(part.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0')))
    };
    let sep = |at: usize, c: u8| b.get(at) == Some(&c);
    let (Some(year), Some(month), Some(day), Some(hour), Some(minute), Some(second)) = (
        num(0, 4),
        num(5, 2),
        num(8, 2),
        num(11, 2),
        num(14, 2),
        num(17, 2),
    ) else {
        return false;
    };
    if !(sep(4, b'-') && sep(7, b'-') && (sep(10, b'T') || sep(10, b't')))
        || !(sep(13, b':') && sep(16, b':'))
    {
        return false;
    }
    let Some(days) = days_in_month(year, month) else {
        return false;
    };
    if day == 0 || day > days || hour > 23 || minute > 59 || second > 59 {
        return false;
    }
    let mut rest = &b[19..];
    if let Some(frac) = rest.strip_prefix(b".") {
        let n = frac.iter().take_while(|c| c.is_ascii_digit()).count();
        if n == 0 {
            return false;
        }
        rest = &frac[n..];
    }
    match rest {
        b"Z" | b"z" => true,
        [s, h1, h2, b':', m1, m2] if *s == b'+' || *s == b'-' => {
            let two = |a: u8, b: u8| -> Option<u32> {
                (a.is_ascii_digit() && b.is_ascii_digit())
                    .then(|| u32::from(a - b'0') * 10 + u32::from(b - b'0'))
            };
            matches!((two(*h1, *h2), two(*m1, *m2)), (Some(h), Some(m)) if h <= 23 && m <= 59)
        }
        _ => false,
    }
}

/// The items of a container element (`<views><view/>…</views>`), each read as `T`.
pub(crate) fn items<T: crate::models::Model>(node: roxmltree::Node<'_, '_>) -> Result<Vec<T>> {
    node.children()
        .filter(|c| c.is_element() && c.tag_name().name() == T::ELEMENT)
        .map(T::from_xml)
        .collect()
}

/// A secret from the server (rare; kept redacted).
#[allow(dead_code)]
pub(crate) fn secret(v: &str) -> Result<Secret> {
    Secret::new(v)
}

/// An integer; anything unparsable reads as absent.
pub(crate) fn int(v: &str) -> Option<i64> {
    v.trim().parse().ok()
}

/// A count or size: an integer that cannot be negative; a negative one (which cannot be true)
/// reads as absent, like one that is not a number.
pub(crate) fn count(v: &str) -> Option<i64> {
    int(v).filter(|n| *n >= 0)
}

/// `true`/`false` in any case; anything else reads as absent.
pub(crate) fn boolean(v: &str) -> Option<bool> {
    let v = v.trim();
    if v.eq_ignore_ascii_case("true") {
        Some(true)
    } else if v.eq_ignore_ascii_case("false") {
        Some(false)
    } else {
        None
    }
}

/// Labels of `<tags><tag label="…"/>…</tags>`.
pub(crate) fn tags(node: roxmltree::Node<'_, '_>) -> Result<Vec<Text>> {
    node.children()
        .filter(|c| c.is_element() && c.tag_name().name() == "tag")
        .filter_map(|c| c.attribute("label"))
        .map(text)
        .collect()
}

/// The text of an element (`<notes>a &amp; b</notes>` reads "a & b"; `<notes/>` reads ""): its
/// text and CDATA children, joined. For the model table's `child/text()` form.
#[allow(dead_code)] // no model of the table uses the form yet (the generator's fixture does)
pub(crate) fn element_text(node: roxmltree::Node<'_, '_>) -> String {
    node.children()
        .filter(|c| c.is_text())
        .filter_map(|c| c.text())
        .collect()
}

/// A tag label to add: not empty.
#[allow(dead_code)] // no model of the table has settable tags yet (the generator's fixture does)
pub(crate) fn tag_label(label: &str) -> Result<Text> {
    if label.is_empty() {
        return Err(Error::invalid("a tag label cannot be empty"));
    }
    Text::new(label)
}

/// A string setter's value, checked against `allowed` when it is not empty.
pub(crate) fn set_text(value: Option<&str>, field: &str, allowed: &[&str]) -> Result<Option<Text>> {
    if let Some(v) = value {
        if !allowed.is_empty() && !allowed.contains(&v) {
            return Err(Error::invalid(format!(
                "'{}' is not a valid {field}: use one of {}",
                crate::error::echo(v),
                allowed.join(", ")
            )));
        }
    }
    value.map(Text::new).transpose()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lenient_scalars() {
        assert_eq!(int(" 42 "), Some(42));
        assert_eq!(int("x"), None);
        assert_eq!(boolean("True"), Some(true));
        assert_eq!(boolean("none"), None);
        assert!(set_text(Some("Viewer"), "site_role", &["Viewer"]).is_ok());
        let e = set_text(Some("Boss"), "site_role", &["Viewer", "Creator"]).unwrap_err();
        assert!(e.message().contains("use one of Viewer, Creator"));
    }

    #[test]
    fn empty_optional_text_reads_as_absent() {
        assert_eq!(non_empty("").unwrap(), None);
        assert_eq!(non_empty("en_US").unwrap().unwrap().as_str(), "en_US");
    }

    #[test]
    fn impossible_dates_read_as_absent() {
        for ok in [
            "2016-06-30T20:34:04Z",
            "2016-02-29T00:00:00Z",
            "2000-02-29T23:59:59Z",
            "2024-12-31T23:59:59.123Z",
            "2024-01-01T10:00:00+02:00",
            "2024-01-01T10:00:00-05:30",
        ] {
            assert!(is_date_time(ok), "{ok}");
            assert_eq!(date(ok).unwrap().unwrap().as_str(), ok);
        }
        for bad in [
            "2016-06-31T20:34:04Z",
            "2015-02-29T00:00:00Z",
            "1900-02-29T00:00:00Z",
            "2016-13-01T00:00:00Z",
            "2016-00-10T00:00:00Z",
            "2016-01-00T00:00:00Z",
            "2016-01-01T24:00:00Z",
            "2016-01-01T23:60:00Z",
            "2016-01-01T23:59:60Z",
            "2016-01-01T23:59:59",
            "2016-01-01T23:59:59.Z",
            "2016-01-01T23:59:59+25:00",
            "2016-01-01 23:59:59Z",
            "yesterday",
            "",
            "2016-06-30T20:34:04Zjunk",
        ] {
            assert_eq!(date(bad).unwrap(), None, "{bad}");
        }
    }
}
