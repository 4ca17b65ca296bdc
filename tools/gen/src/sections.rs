//! Groups the function declarations of cbindgen's header by family, each family under a banner
//! such as `/* ==== Workbooks: tsc_workbooks_*, tsc_workbook_* ==== */`, in the order of
//! [`SECTIONS`]. A function is placed by the longest prefix that matches its name; a function no
//! prefix matches fails generation, so a new family must be given its section here. Types stay
//! where cbindgen puts them (before the functions); within a section, declarations keep
//! cbindgen's (source) order.
//!
//! Each section is also a doxygen group (`make docs`, one page per family): its functions are
//! between `@defgroup id Title` ... `@{` and `@}`, and each type's doc comment gets an `@ingroup`
//! line for the section of its name (by the same prefixes, `tsc_workbook_list` is a Workbooks type,
//! or by the section's `types`). `cdecl` leaves those lines out of the docs it reads, so the API
//! description and the bindings do not see them.

/// One family of the header.
pub struct Section {
    /// The banner's and the documentation page's title.
    pub title: &'static str,
    /// The doxygen group's name (a C identifier).
    pub id: &'static str,
    /// The first paragraph of the group's page.
    pub about: &'static str,
    /// Name prefixes: one ending in `_` names a family (`tsc_site_` is every `tsc_site_*`); one
    /// without names a function (and any that extend it).
    pub prefixes: &'static [&'static str],
    /// Types and macros (lower case) of the section that no prefix names.
    pub types: &'static [&'static str],
}

const fn section(
    title: &'static str,
    id: &'static str,
    about: &'static str,
    prefixes: &'static [&'static str],
    types: &'static [&'static str],
) -> Section {
    Section {
        title,
        id,
        about,
        prefixes,
        types,
    }
}

/// The sections, in header order.
pub const SECTIONS: &[Section] = &[
    section(
        "Library",
        "library",
        "The library's version and the strings and string lists it returns.",
        &["tsc_version", "tsc_string_", "tsc_absent_int"],
        &[],
    ),
    section(
        "Errors",
        "errors",
        "Statuses and the error object of a failed call: message, HTTP status, Tableau's error code, summary and detail.",
        &["tsc_error_", "tsc_status_"],
        &[],
    ),
    section(
        "Server",
        "server",
        "The server handle and its options: URL, timeouts, deadline, retries, signing in again, TLS, proxy, API version, logging.",
        &["tsc_server_options_", "tsc_server_"],
        &["tsc_tls_version", "tsc_log_level", "tsc_log_fn"],
    ),
    section(
        "Authentication",
        "authentication",
        "Credentials (password, personal access token, JWT, JWT source, impersonation), sign-in, sign-out, switching site, attached sessions.",
        &["tsc_credentials_", "tsc_auth_"],
        &["tsc_jwt_fn"],
    ),
    section(
        "Server info",
        "server_info",
        "What a server says about itself: product version, build number, REST API version.",
        &["tsc_server_info_"],
        &[],
    ),
    section(
        "Request options",
        "request_options",
        "Paging, filters, sorting and fields of listing calls; the limits of pagers.",
        &["tsc_request_options_"],
        &["tsc_filter_op", "tsc_sort_direction", "tsc_max_page_size", "tsc_max_read_ahead"],
    ),
    section(
        "Transfers",
        "transfers",
        "Options of publishes and downloads: progress, read and write callbacks, cancel tokens, chunk sizes; bytes returned by the library.",
        &["tsc_transfer_options_", "tsc_cancel_token_", "tsc_bytes_"],
        &[
            "tsc_cb",
            "tsc_progress_fn",
            "tsc_read_fn",
            "tsc_write_fn",
            "tsc_max_single_request",
            "tsc_default_chunk_size",
            "tsc_min_chunk_size",
            "tsc_max_chunk_size",
            "tsc_max_upload_chunks",
        ],
    ),
    section(
        "Publishing",
        "publishing",
        "Settings of publish calls and the database credentials they embed.",
        &["tsc_publish_options_", "tsc_connection_credentials_"],
        &["tsc_publish_mode"],
    ),
    section(
        "Sites",
        "sites",
        "Sites: create, get (all, by id, name, content URL), update, delete; the site item.",
        &["tsc_sites_", "tsc_site_"],
        &[],
    ),
    section(
        "Projects",
        "projects",
        "Projects: create, get, update, delete; the project item.",
        &["tsc_projects_", "tsc_project_"],
        &[],
    ),
    section(
        "Workbooks",
        "workbooks",
        "Workbooks: query, publish (also through upload sessions), update, delete, download, revisions, views, connections, previews, PDF and PowerPoint exports; the workbook item.",
        &["tsc_workbooks_", "tsc_workbook_"],
        &[],
    ),
    section(
        "Views",
        "views",
        "Views: query, get by id, preview images; the view item.",
        &["tsc_views_", "tsc_view_"],
        &[],
    ),
    section(
        "Custom views",
        "custom_views",
        "Custom views (a view saved with a user's filters): get, update, delete, image, PDF and CSV exports, download and publish of the JSON definition; the custom view item.",
        &["tsc_custom_views_", "tsc_custom_view_"],
        &[],
    ),
    section(
        "Data sources",
        "datasources",
        "Data sources: query, publish, update, delete, download, revisions, connections; the data source item.",
        &["tsc_datasources_", "tsc_datasource_"],
        &[],
    ),
    section(
        "Connections",
        "connections",
        "Data connections of workbooks and data sources.",
        &["tsc_connection_"],
        &[],
    ),
    section(
        "Revisions",
        "revisions",
        "Revisions of workbooks and data sources (`tsc_workbooks_populate_revisions`, `_download_revision`, `_delete_revision`, and the same for data sources): the revision item.",
        &["tsc_revision_"],
        &[],
    ),
    section(
        "File uploads",
        "fileuploads",
        "Upload sessions for callers who stream their own uploads: open one, append chunks to it.",
        &["tsc_fileuploads_"],
        &[],
    ),
    section(
        "Jobs",
        "jobs",
        "Background jobs: list, get, cancel, wait for one (publishes, refreshes and extract changes made as jobs); the job items.",
        &["tsc_jobs_", "tsc_job_", "tsc_background_job_"],
        &[],
    ),
    section(
        "Schedules",
        "schedules",
        "Server schedules (hourly, daily, weekly, monthly): create, get, update, delete, add content to them, their extract refresh tasks; the schedule and extract items.",
        &["tsc_schedules_", "tsc_schedule_", "tsc_extract_"],
        &[],
    ),
    section(
        "Tasks",
        "tasks",
        "A site's extract refresh, data acceleration and flow run tasks: get, create, run now, delete; the task item.",
        &["tsc_tasks_", "tsc_task_"],
        &[],
    ),
    section(
        "Subscriptions",
        "subscriptions",
        "Subscriptions to views and workbooks: get, create, update, delete; the subscription item.",
        &["tsc_subscriptions_", "tsc_subscription_"],
        &[],
    ),
    section(
        "Users",
        "users",
        "Users: add, get, update (with password), remove, a user's workbooks, favorites and groups; the user item.",
        &["tsc_users_", "tsc_user_"],
        &[],
    ),
    section(
        "Groups",
        "groups",
        "Groups: create, get, update, delete, members (added and removed one by one or in bulk); the group item.",
        &["tsc_groups_", "tsc_group_"],
        &[],
    ),
    section(
        "Favorites",
        "favorites",
        "A user's favorites: add, delete, list; the favorite item.",
        &["tsc_favorites_", "tsc_favorite_"],
        &[],
    ),
    section(
        "Tags in batches",
        "tags",
        "Tags of many items at once: the same labels added to or removed from a list of items of any kind in one request; the list of items (`tsc_tag_targets`) they change.",
        &["tsc_tags_", "tsc_tag_targets_"],
        &[],
    ),
    section(
        "Exports",
        "exports",
        "What a view or workbook export (image, CSV, PDF) asks for: resolution, maximum age, viz size, page type and orientation, view filters.",
        &["tsc_export_options_"],
        &[],
    ),
    section(
        "Permissions",
        "permissions",
        "Permission rules (a grantee and its capabilities, each Allow or Deny) of workbooks, data sources, views and projects, and projects' default permissions; the rule item and the capability enums.",
        &["tsc_permissions_rule_"],
        &["tsc_grantee_type", "tsc_capability", "tsc_permission"],
    ),
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
        .flat_map(|(i, s)| s.prefixes.iter().map(move |p| (i, *p)))
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

/// The doxygen comment that documents the header file itself (placed after its first line).
pub const FILE_DOC: &str = "/**
 * @file tsc.h
 * @brief The C API of libtsc, a Tableau Server REST API client (`#include <tsc.h>`).
 *
 * A function that can fail returns a `tsc_status` (`TSC_STATUS_OK`, 0, on success) and takes a
 * `tsc_error **err` last; outputs are written only on success; each handle has one `_free`. The
 * functions and types are documented by family (Modules); the rules they share (names, errors,
 * memory, threads, transfers, pagers, retries) are on the main page.
 */";

/// The doxygen comment that opens the group of a section: its functions follow, up to [`GROUP_CLOSE`].
pub fn group_open(s: &Section) -> String {
    let mut out = format!("/**\n * @defgroup {} {}\n", s.id, s.title);
    let paragraphs = [
        format!("@brief {}", s.about),
        format!("Functions: {}.", banner_names(s.prefixes)),
    ];
    for p in &paragraphs {
        out.push_str(" *\n");
        for line in wrap_text(p, 96) {
            out.push_str(" * ");
            out.push_str(&line);
            out.push('\n');
        }
    }
    out.push_str(" * @{\n */");
    out
}

/// The doxygen comment that closes a section's group.
pub const GROUP_CLOSE: &str = "/**\n * @}\n */";

/// The line a type's doc comment gets to join the group of section `s`.
pub fn ingroup(s: &Section) -> String {
    format!("@ingroup {}", s.id)
}

/// `text` broken into lines of at most `width` characters (longer words stay whole).
fn wrap_text(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.len() + 1 + word.len() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// The prefixes as the banner shows them, in code spans: `tsc_site_*`.
fn banner_names(prefixes: &[&str]) -> String {
    prefixes
        .iter()
        .map(|p| {
            if p.ends_with('_') {
                format!("`{p}*`")
            } else {
                format!("`{p}`")
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The type or macro (in lower case) a chunk before the `extern "C"` block declares after its
/// doc comment: `typedef struct tsc_x tsc_x;`, `typedef enum tsc_x {`, `typedef int32_t
/// (*tsc_x_fn)(...`, `#define TSC_X ...`.
fn declared_type(chunk: &str) -> Option<String> {
    let line = chunk
        .lines()
        .map(str::trim_start)
        .find(|l| !(l.is_empty() || l.starts_with("/*") || l.starts_with('*')))?;
    let name = if let Some(rest) = line.strip_prefix("#define ") {
        rest.split([' ', '(']).next()?
    } else if let Some(rest) = line
        .strip_prefix("typedef struct ")
        .or_else(|| line.strip_prefix("typedef enum "))
    {
        rest.split([' ', '{']).next()?
    } else if line.starts_with("typedef ") {
        let at = line.find("(*")? + 2;
        &line[at..at + line[at..].find(')')?]
    } else {
        return None;
    };
    Some(name.to_ascii_lowercase())
}

/// The section of a type or macro: one that lists it in `types`, else the one whose prefixes
/// name its functions (`tsc_workbook_list` is a Workbooks type: `tsc_workbook_`).
fn type_section(name: &str) -> Option<usize> {
    SECTIONS
        .iter()
        .position(|s| s.types.contains(&name))
        .or_else(|| section_of(&format!("{name}_")))
}

/// `chunk` (a doc comment and the declaration it documents) with `line` added at the end of its
/// first doc comment.
fn add_to_doc(chunk: &str, line: &str) -> String {
    match chunk.find("\n */") {
        Some(at) => format!("{} *\n * {line}\n{}", &chunk[..at + 1], &chunk[at + 1..]),
        None => chunk.to_string(),
    }
}

/// The header with its function declarations grouped under section banners, each section a
/// doxygen group that its types join too.
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
    let mut out = String::with_capacity(header.len() + 8192);
    let preamble = &header[..open];
    let (first, rest) = preamble.split_once('\n').unwrap_or((preamble, ""));
    out.push_str(first);
    out.push('\n');
    out.push_str(FILE_DOC);
    out.push('\n');
    let types: Vec<String> = rest
        .split("\n\n")
        .map(|chunk| {
            match declared_type(chunk)
                .filter(|_| chunk.trim_start().starts_with("/**"))
                .and_then(|t| type_section(&t))
            {
                Some(i) => add_to_doc(chunk, &ingroup(&SECTIONS[i])),
                None => chunk.to_string(),
            }
        })
        .collect();
    out.push_str(&types.join("\n\n"));
    for (s, chunks) in SECTIONS.iter().zip(&groups) {
        if chunks.is_empty() {
            continue;
        }
        out.push('\n');
        out.push_str(&banner(s.title, s.prefixes));
        out.push('\n');
        out.push_str(&group_open(s));
        out.push_str("\n\n");
        for c in chunks {
            out.push_str(c);
            out.push_str("\n\n");
        }
        out.push_str(GROUP_CLOSE);
        out.push_str("\n\n");
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
        // each section is a doxygen group around its functions
        assert!(at("/* ==== Workbooks") < at("@defgroup workbooks Workbooks\n"));
        assert!(at("@defgroup workbooks Workbooks\n") < at("Frees."));
        assert!(g[at("tsc_workbooks_get")..].starts_with(
            "tsc_workbooks_get(const struct tsc_server *s,\n    struct tsc_error **err);\n\n/**\n * @}\n */\n"
        ));
        assert_eq!(g.matches("@defgroup").count(), 3);
        assert_eq!(g.matches(GROUP_CLOSE).count(), 3);
        // what is outside the block is kept (the file's doc comment after the first line);
        // empty sections get no banner
        assert!(g.starts_with(&format!(
            "#ifndef H\n{FILE_DOC}\ntypedef struct tsc_x tsc_x;\n"
        )));
        assert!(g.trim_end().ends_with("#endif\n#endif"));
        assert!(!g.contains("==== Users"));
    }

    #[test]
    fn the_longest_prefix_wins() {
        let idx = |t: &str| {
            SECTIONS
                .iter()
                .position(|s| s.title.starts_with(t))
                .unwrap()
        };
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
    fn types_join_the_group_of_their_section() {
        let h = wrap("void tsc_version(void);\n");
        let h = h.replace(
            "typedef struct tsc_x tsc_x;\n",
            "\n/**\n * A workbook.\n */\ntypedef struct tsc_workbook_list tsc_workbook_list;\n\n\
             /**\n * Op.\n */\ntypedef enum tsc_filter_op {\n  /**\n   * eq.\n   */\n  TSC_FILTER_OP_EQ = 0,\n} tsc_filter_op;\n\n\
             /**\n * Chunk.\n */\n#define TSC_MAX_CHUNK_SIZE (64 * 1024)\n\n\
             /**\n * Reads.\n */\ntypedef int32_t (*tsc_read_fn)(void *userdata,\n    size_t cap);\n\n\
             /**\n * Other.\n */\ntypedef struct tsc_other tsc_other;\n",
        );
        let g = group(&h).unwrap();
        assert!(g.contains("/**\n * A workbook.\n *\n * @ingroup workbooks\n */\ntypedef struct tsc_workbook_list"), "{g}");
        assert!(g.contains("/**\n * Op.\n *\n * @ingroup request_options\n */\ntypedef enum tsc_filter_op {\n  /**\n   * eq.\n   */\n"), "{g}");
        assert!(
            g.contains(
                "/**\n * Chunk.\n *\n * @ingroup transfers\n */\n#define TSC_MAX_CHUNK_SIZE"
            ),
            "{g}"
        );
        assert!(
            g.contains(
                "/**\n * Reads.\n *\n * @ingroup transfers\n */\ntypedef int32_t (*tsc_read_fn)"
            ),
            "{g}"
        );
        assert!(
            g.contains("/**\n * Other.\n */\ntypedef struct tsc_other"),
            "{g}"
        );
    }

    #[test]
    fn every_documented_type_of_the_real_header_has_a_group() {
        let raw = crate::header::cbindgen_output(&crate::root()).expect("cbindgen");
        let preamble = &raw[..raw.find(OPEN).unwrap()];
        let lost: Vec<String> = preamble
            .split("\n\n")
            .filter(|c| c.trim_start().starts_with("/**"))
            .filter_map(declared_type)
            .filter(|t| type_section(t).is_none())
            .collect();
        assert!(
            lost.is_empty(),
            "types without a section (give them one in SECTIONS' types): {lost:?}"
        );
    }

    #[test]
    fn the_real_header_keeps_every_line_of_cbindgen_output() {
        let raw = crate::header::cbindgen_output(&crate::root()).expect("cbindgen");
        let grouped = group(&raw).expect("group");
        // what grouping adds for doxygen: the file's comment, each group's and the types' lines
        // (cbindgen.toml's own `@def` comments have `@ingroup` lines too, taken out of both)
        let without_doxygen = |h: &str| {
            let mut h = h.replacen(FILE_DOC, "", 1).replace(GROUP_CLOSE, "");
            for s in SECTIONS {
                h = h
                    .replace(&group_open(s), "")
                    .replace(&format!(" *\n * {}\n", ingroup(s)), "");
            }
            h
        };
        let lines = |s: &str| {
            let mut v: Vec<String> = without_doxygen(s)
                .lines()
                .filter(|l| !l.trim().is_empty() && !l.starts_with("/* ==== "))
                .map(str::to_string)
                .collect();
            v.sort();
            v
        };
        let (before, after) = (lines(&raw), lines(&grouped));
        let lost: Vec<&String> = before.iter().filter(|l| !after.contains(l)).collect();
        let added: Vec<&String> = after.iter().filter(|l| !before.contains(l)).collect();
        assert!(
            before == after,
            "grouping lost lines {lost:?} or added lines {added:?}"
        );
        assert_eq!(
            grouped.matches("/* ==== ").count(),
            SECTIONS.len(),
            "a section without functions"
        );
    }
}
