//! Documentation lint on `include/tsc.h`: every exported function has a doc comment; one that
//! returns a string says whether it is borrowed or static; one with an owned output (`**out`)
//! says how to free it; one that takes a callback says where it runs; every one states its thread
//! rule in the fixed phrase `Thread safety: ...`. The header is all a C, C# or Go programmer reads,
//! so these facts must be there.

mod common;

struct Decl {
    name: String,
    signature: String,
    doc: String,
}

/// Function declarations of the header with the doc comment before each.
fn declarations(header: &str) -> Vec<Decl> {
    let mut out = Vec::new();
    let mut doc = String::new();
    let mut in_doc = false;
    let mut sig: Option<String> = None;
    for line in header.lines() {
        let t = line.trim();
        if let Some(s) = sig.as_mut() {
            s.push(' ');
            s.push_str(t);
            if t.ends_with(';') {
                let s = sig.take().unwrap();
                let name = s
                    .split('(')
                    .next()
                    .unwrap()
                    .split_whitespace()
                    .last()
                    .unwrap()
                    .trim_start_matches('*')
                    .to_string();
                out.push(Decl {
                    name,
                    signature: s,
                    doc: std::mem::take(&mut doc),
                });
            }
            continue;
        }
        if t.starts_with("/**") {
            in_doc = true;
            doc.clear();
        }
        if in_doc {
            doc.push_str(
                t.trim_start_matches("/**")
                    .trim_start_matches('*')
                    .trim_end_matches("*/"),
            );
            doc.push(' ');
            if t.ends_with("*/") {
                in_doc = false;
            }
            continue;
        }
        if (t.contains(" tsc_") || t.contains("*tsc_"))
            && t.contains('(')
            && !t.starts_with('#')
            && !t.starts_with("typedef")
        {
            if t.ends_with(';') {
                let name = t
                    .split('(')
                    .next()
                    .unwrap()
                    .split_whitespace()
                    .last()
                    .unwrap()
                    .trim_start_matches('*')
                    .to_string();
                out.push(Decl {
                    name,
                    signature: t.to_string(),
                    doc: std::mem::take(&mut doc),
                });
            } else {
                sig = Some(t.to_string());
            }
        } else if !t.is_empty() && t != "TSC_MUST_USE" && !t.starts_with("TSC_DEPRECATED") {
            doc.clear();
        }
    }
    out
}

#[test]
fn every_function_documents_ownership() {
    let header = std::fs::read_to_string(common::repo().join("include/tsc.h")).unwrap();
    let decls = declarations(&header);
    assert!(
        decls.len() > 150,
        "parsed only {} declarations",
        decls.len()
    );
    let mut problems = Vec::new();
    for d in &decls {
        let doc = d.doc.to_lowercase();
        if doc.trim().len() < 20 {
            problems.push(format!("{}: no doc comment", d.name));
            continue;
        }
        let returns_string = d.signature.starts_with("const char *");
        if returns_string && !(doc.contains("borrowed") || doc.contains("static")) {
            problems.push(format!(
                "{}: returns a string but does not say borrowed or static",
                d.name
            ));
        }
        if d.signature.contains("**out") && !d.name.ends_with("_next") && !doc.contains("free") {
            problems.push(format!(
                "{}: owned output but no word on freeing it",
                d.name
            ));
        }
        if !d.doc.contains("Thread safety:") {
            problems.push(format!(
                "{}: no `Thread safety: ...` sentence saying which threads may call it",
                d.name
            ));
        }
        if d.signature.contains("_fn ") && !doc.contains("thread") {
            problems.push(format!(
                "{}: takes a callback but does not say which thread runs it",
                d.name
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "header documentation gaps:\n{}",
        problems.join("\n")
    );
}

/// The lint sees every function: the declarations it parses are exactly the functions the
/// library exports, so none escapes the checks above.
#[test]
fn the_lint_parses_every_exported_function() {
    let header = std::fs::read_to_string(common::repo().join("include/tsc.h")).unwrap();
    let parsed: std::collections::BTreeSet<String> =
        declarations(&header).into_iter().map(|d| d.name).collect();
    let nm = std::process::Command::new("nm")
        .args(["-D", "--defined-only"])
        .arg(common::built_library())
        .output()
        .expect("run nm");
    let exported: std::collections::BTreeSet<String> = String::from_utf8_lossy(&nm.stdout)
        .lines()
        .filter_map(|l| {
            let mut parts = l.split_whitespace();
            let (_, kind, name) = (parts.next()?, parts.next()?, parts.next()?);
            (kind == "T").then(|| name.to_string())
        })
        .collect();
    assert!(
        exported.len() > 150,
        "nm listed {} functions",
        exported.len()
    );
    let unparsed: Vec<_> = exported.difference(&parsed).collect();
    let undefined: Vec<_> = parsed.difference(&exported).collect();
    assert!(
        unparsed.is_empty() && undefined.is_empty(),
        "exported but not seen by the lint: {unparsed:?}; declared but not exported: {undefined:?}"
    );
}

#[test]
fn the_lint_itself_sees_declarations_and_docs() {
    let h = "/**\n * Borrowed: valid until x is freed.\n */\nconst char *tsc_a(const struct tsc_x *x);\n\nTSC_MUST_USE\nenum tsc_status tsc_b(const struct tsc_server *server,\n                      struct tsc_y **out,\n                      struct tsc_error **err);\n";
    let d = declarations(h);
    assert_eq!(d.len(), 2);
    assert_eq!(d[0].name, "tsc_a");
    assert!(d[0].doc.contains("Borrowed"));
    assert_eq!(d[1].name, "tsc_b");
    assert!(
        d[1].doc.trim().is_empty(),
        "tsc_b has no doc: {:?}",
        d[1].doc
    );
    assert!(d[1].signature.contains("**out"));
}
