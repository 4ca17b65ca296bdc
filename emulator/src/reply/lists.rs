//! Which elements are list members: in JSON, the children that Tableau's schema lets repeat
//! (`maxOccurs="unbounded"`) are an array even when there is one, and an empty list is `{}`.
//!
//! Tableau's schema names every list after its members: `projects` holds `project`,
//! `capabilities` holds `capability`, `extractRefreshes` holds `extractRefresh`. The one
//! exception in the schema is `permissions`, whose repeated child is `granteeCapabilities`.

/// Repeated children whose parent is not named after them: (parent, child).
const IRREGULAR: &[(&str, &str)] = &[("permissions", "granteeCapabilities")];

/// Is `child` a member of the list `parent` (and so one entry of a JSON array)?
pub fn is_list_member(parent: &str, child: &str) -> bool {
    IRREGULAR.contains(&(parent, child)) || is_plural_of(parent, child)
}

/// `parent` is `child` + "s" or + "es", or `child` ending in "y" with "ies" (ASCII case aside).
fn is_plural_of(parent: &str, child: &str) -> bool {
    let (p, c) = (parent.as_bytes(), child.as_bytes());
    let stem_is = |stem: &[u8], suffix: &[u8]| {
        p.len() == stem.len() + suffix.len()
            && p[..stem.len()].eq_ignore_ascii_case(stem)
            && p[stem.len()..].eq_ignore_ascii_case(suffix)
    };
    if c.is_empty() {
        return false;
    }
    stem_is(c, b"s")
        || stem_is(c, b"es")
        || (c.last() == Some(&b'y') && stem_is(&c[..c.len() - 1], b"ies"))
}

#[cfg(test)]
mod tests {
    use super::is_list_member;

    /// Every repeated element of Tableau's 3.0 schema (`maxOccurs="unbounded"`), with its
    /// parent element, and the lists the later schemas add.
    const SCHEMA_LISTS: &[(&str, &str)] = &[
        ("connections", "connection"),
        ("datasources", "datasource"),
        ("revisions", "revision"),
        ("extracts", "extract"),
        ("favorites", "favorite"),
        ("groups", "group"),
        ("permissions", "granteeCapabilities"),
        ("projects", "project"),
        ("schedules", "schedule"),
        ("sites", "site"),
        ("tags", "tag"),
        ("users", "user"),
        ("views", "view"),
        ("workbooks", "workbook"),
        ("capabilities", "capability"),
        ("statusNotes", "statusNote"),
        ("subscriptions", "subscription"),
        ("tasks", "task"),
        ("backgroundJobs", "backgroundJob"),
        ("flows", "flow"),
        ("customViews", "customView"),
        ("intervals", "interval"),
        ("warnings", "warning"),
        ("extractRefreshes", "extractRefresh"),
    ];

    /// Single children that must stay objects.
    const SINGLES: &[(&str, &str)] = &[
        ("credentials", "site"),
        ("credentials", "user"),
        ("workbook", "project"),
        ("workbook", "owner"),
        ("workbook", "tags"),
        ("workbook", "views"),
        ("connection", "connectionCredentials"),
        ("tsResponse", "pagination"),
        ("permissions", "workbook"),
        ("job", "extractRefreshJob"),
        ("site", "usage"),
        ("projects", "pagination"),
    ];

    #[test]
    fn schema_lists() {
        for (p, c) in SCHEMA_LISTS {
            assert!(is_list_member(p, c), "{p}/{c}");
        }
        for (p, c) in SINGLES {
            assert!(!is_list_member(p, c), "{p}/{c}");
        }
    }
}
