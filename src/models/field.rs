//! Small conversions the generated model code uses: server strings to `Text`, lenient integers and
//! booleans, tag lists and labels, element text, and validated setters for enumerated strings.

use crate::error::{Error, Result};
use crate::secret::Secret;
use crate::text::Text;

/// A string from the server.
pub(crate) fn text(v: &str) -> Result<Text> {
    Text::from_server(v)
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
                "'{v}' is not a valid {field}: use one of {}",
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
}
