//! Groups the function declarations of cbindgen's header by family, each family under a banner
//! such as `/* ==== Workbooks: tsc_workbooks_*, tsc_workbook_* ==== */`, in the order of
//! [`SECTIONS`]. A function is placed by the longest prefix that matches its name; a function no
//! prefix matches fails generation, so a new family must be given its section here. Types stay
//! where cbindgen puts them (before the functions); within a section, declarations keep
//! cbindgen's (source) order.

/// The sections, in header order: (title, name prefixes). A prefix ending in `_` names a family
/// (`tsc_site_` is every `tsc_site_*`); one without names a function (and any that extend it).
pub const SECTIONS: &[(&str, &[&str])] = &[
    ("Library", &["tsc_version", "tsc_string_", "tsc_absent_int"]),
    ("Errors", &["tsc_error_", "tsc_status_"]),
    ("Server", &["tsc_server_options_", "tsc_server_"]),
    ("Authentication", &["tsc_credentials_", "tsc_auth_"]),
    ("Server info", &["tsc_server_info_"]),
    ("Request options", &["tsc_request_options_"]),
    (
        "Transfers",
        &["tsc_transfer_options_", "tsc_cancel_token_", "tsc_bytes_"],
    ),
    (
        "Publishing",
        &["tsc_publish_options_", "tsc_connection_credentials_"],
    ),
    ("Sites", &["tsc_sites_", "tsc_site_"]),
    ("Projects", &["tsc_projects_", "tsc_project_"]),
    ("Workbooks", &["tsc_workbooks_", "tsc_workbook_"]),
    ("Views", &["tsc_views_", "tsc_view_"]),
    ("Data sources", &["tsc_datasources_", "tsc_datasource_"]),
    ("Connections", &["tsc_connection_"]),
    ("Jobs", &["tsc_jobs_", "tsc_job_", "tsc_background_job_"]),
    (
        "Schedules",
        &["tsc_schedules_", "tsc_schedule_", "tsc_extract_"],
    ),
    ("Tasks", &["tsc_tasks_", "tsc_task_"]),
    (
        "Subscriptions",
        &["tsc_subscriptions_", "tsc_subscription_"],
    ),
    ("Users", &["tsc_users_", "tsc_user_"]),
    ("Groups", &["tsc_groups_", "tsc_group_"]),
    ("Favorites", &["tsc_favorites_", "tsc_favorite_"]),
];

const OPEN: &str = "extern \"C\" {\n#endif // __cplusplus\n";
const CLOSE: &str = "#ifdef __cplusplus\n}  // extern \"C\"";

/// The banner line of a section.
pub fn banner(title: &str, prefixes: &[&str]) -> String {
    let names: Vec<String> = prefixes
        .iter()
        .map(|p| {
            if p.ends_with('_') {
                format!("{p}*")
            } else {
                p.to_string()
            }
        })
        .collect();
    format!("/* ==== {title}: {} ==== */", names.join(", "))
}

/// The index in [`SECTIONS`] of the function `name`: the section with the longest matching prefix.
fn section_of(name: &str) -> Option<usize> {
    SECTIONS
        .iter()
        .enumerate()
        .flat_map(|(i, (_, prefixes))| prefixes.iter().map(move |p| (i, *p)))
        .filter(|(_, p)| name.starts_with(p))
        .max_by_key(|(_, p)| p.len())
        .map(|(i, _)| i)
}

/// The function a declaration chunk (doc comment, attributes, declaration) declares.
fn declared_name(chunk: &str) -> Option<&str> {
    let code = chunk
        .lines()
        .filter(|l| {
            let t = l.trim_start();
            !(t.starts_with("/*") || t.starts_with('*'))
        })
        .collect::<Vec<_>>();
    let first = code.iter().find(|l| l.contains('('))?;
    let before = &first[..first.find('(')?];
    let name = before.rsplit([' ', '*']).next()?;
    let start = first.find(name)?;
    Some(&first[start..start + name.len()])
}

/// The header with its function declarations grouped under section banners.
pub fn group(header: &str) -> Result<String, String> {
    let open = header
        .find(OPEN)
        .ok_or("cbindgen's output has no extern \"C\" block")?
        + OPEN.len();
    let close = header[open..]
        .find(CLOSE)
        .ok_or("cbindgen's output has no end of the extern \"C\" block")?
        + open;
    let body = &header[open..close];
    let mut groups: Vec<Vec<&str>> = vec![Vec::new(); SECTIONS.len()];
    let mut unknown = Vec::new();
    for chunk in body.split("\n\n").map(str::trim).filter(|c| !c.is_empty()) {
        let name = declared_name(chunk)
            .filter(|_| chunk.ends_with(");"))
            .ok_or_else(|| {
                format!("not a function declaration in the extern \"C\" block:\n{chunk}")
            })?;
        match section_of(name) {
            Some(i) => groups[i].push(chunk),
            None => unknown.push(name.to_string()),
        }
    }
    if !unknown.is_empty() {
        return Err(format!(
            "no header section for {}: add one (or a prefix) to SECTIONS in tools/gen/src/sections.rs",
            unknown.join(", ")
        ));
    }
    let mut out = String::with_capacity(header.len() + 4096);
    out.push_str(&header[..open]);
    for ((title, prefixes), chunks) in SECTIONS.iter().zip(&groups) {
        if chunks.is_empty() {
            continue;
        }
        out.push('\n');
        out.push_str(&banner(title, prefixes));
        out.push_str("\n\n");
        for c in chunks {
            out.push_str(c);
            out.push_str("\n\n");
        }
    }
    out.push_str(&header[close..]);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wrap(decls: &str) -> String {
        format!("#ifndef H\ntypedef struct tsc_x tsc_x;\n#ifdef __cplusplus\n{OPEN}\n{decls}\n{CLOSE}\n#endif\n#endif\n")
    }

    #[test]
    fn declarations_are_grouped_by_family_in_section_order() {
        let h = wrap(
            "/**\n * Frees.\n */\nvoid tsc_workbook_free(struct tsc_workbook *w);\n\n\
             /**\n * Static.\n */\nconst char *tsc_version(void);\n\n\
             TSC_MUST_USE\nenum tsc_status tsc_workbooks_get(const struct tsc_server *s,\n    struct tsc_error **err);\n\n\
             /**\n * Options.\n */\nvoid tsc_server_options_free(struct tsc_server_options *o);\n\n\
             void tsc_server_free(struct tsc_server *s);\n",
        );
        let g = group(&h).unwrap();
        let at = |needle: &str| {
            g.find(needle)
                .unwrap_or_else(|| panic!("{needle} missing:\n{g}"))
        };
        assert!(at("/* ==== Library") < at("tsc_version(void)"));
        assert!(at("tsc_version(void)") < at("/* ==== Server:"));
        assert!(
            at("/* ==== Server: tsc_server_options_*, tsc_server_* ==== */")
                < at("tsc_server_options_free")
        );
        assert!(
            at("tsc_server_free")
                < at("/* ==== Workbooks: tsc_workbooks_*, tsc_workbook_* ==== */")
        );
        // within a section, source order
        assert!(at("tsc_workbook_free") < at("tsc_workbooks_get"));
        // the doc comment and attribute stay with their declaration
        assert!(at("Frees.") < at("tsc_workbook_free") && at("/* ==== Workbooks") < at("Frees."));
        assert!(at("TSC_MUST_USE\nenum tsc_status tsc_workbooks_get") > 0);
        // what is outside the block is kept; empty sections get no banner
        assert!(g.starts_with("#ifndef H\ntypedef struct tsc_x tsc_x;\n"));
        assert!(g.trim_end().ends_with("#endif\n#endif"));
        assert!(!g.contains("==== Users"));
    }

    #[test]
    fn the_longest_prefix_wins() {
        let idx = |t: &str| SECTIONS.iter().position(|(s, _)| s.starts_with(t)).unwrap();
        assert_eq!(section_of("tsc_server_info_get"), Some(idx("Server info")));
        assert_eq!(section_of("tsc_server_new"), Some(idx("Server")));
        assert_eq!(
            section_of("tsc_connection_credentials_new"),
            Some(idx("Publishing"))
        );
        assert_eq!(section_of("tsc_connection_id"), Some(idx("Connections")));
        assert_eq!(section_of("tsc_sites_get"), Some(idx("Sites")));
        assert_eq!(section_of("tsc_flows_get"), None);
    }

    #[test]
    fn an_unknown_family_fails_generation_and_names_it() {
        let h = wrap("void tsc_flows_get(void);\n\nvoid tsc_flow_free(void);\n");
        let e = group(&h).unwrap_err();
        assert!(
            e.contains("no header section for tsc_flows_get, tsc_flow_free"),
            "{e}"
        );
        assert!(e.contains("SECTIONS"), "{e}");
    }

    #[test]
    fn something_other_than_a_function_in_the_block_fails() {
        let h = wrap("#define TSC_X 1\n");
        assert!(group(&h)
            .unwrap_err()
            .contains("not a function declaration"));
    }

    #[test]
    fn the_real_header_keeps_every_line_of_cbindgen_output() {
        let raw = crate::header::cbindgen_output(&crate::root()).expect("cbindgen");
        let grouped = group(&raw).expect("group");
        let lines = |s: &str| {
            let mut v: Vec<String> = s
                .lines()
                .filter(|l| !l.trim().is_empty() && !l.starts_with("/* ==== "))
                .map(str::to_string)
                .collect();
            v.sort();
            v
        };
        assert_eq!(lines(&raw), lines(&grouped), "grouping lost or added lines");
        assert_eq!(
            grouped.matches("/* ==== ").count(),
            SECTIONS.len(),
            "a section without functions"
        );
    }
}
