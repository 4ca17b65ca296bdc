//! Reads the declarations of the generated header (`include/tsc.h`, as cbindgen writes it): the
//! functions with their parameters and doc comments, the enums with their values, the opaque
//! types, the callback typedefs and the macros. The API description (`api.rs`) is built from
//! this and the tables, so it always says what the header says.

/// A doc comment's text, one paragraph per blank line, with its `*` margins removed.
#[derive(Default, Clone)]
pub struct Doc(pub String);

pub struct CParam {
    /// The C type, without `struct`/`enum` keywords: `const tsc_server *`.
    pub ty: String,
    pub name: String,
}

pub struct CFunction {
    pub name: String,
    /// The return type, normalised like parameter types.
    pub ret: String,
    pub params: Vec<CParam>,
    pub doc: Doc,
}

pub struct CEnum {
    pub name: String,
    pub doc: Doc,
    /// (name, value, doc).
    pub values: Vec<(String, i64, Doc)>,
}

pub struct COpaque {
    pub name: String,
    pub doc: Doc,
}

pub struct CCallback {
    pub name: String,
    pub ret: String,
    pub params: Vec<CParam>,
    pub doc: Doc,
}

pub struct CMacro {
    pub name: String,
    pub value: String,
    pub doc: Doc,
}

#[derive(Default)]
pub struct Header {
    pub functions: Vec<CFunction>,
    pub enums: Vec<CEnum>,
    pub opaques: Vec<COpaque>,
    pub callbacks: Vec<CCallback>,
    pub macros: Vec<CMacro>,
}

/// `const struct tsc_x *` -> `const tsc_x *`, spaces folded.
fn normalise(ty: &str) -> String {
    let t: Vec<&str> = ty
        .split_whitespace()
        .filter(|w| *w != "struct" && *w != "enum")
        .collect();
    t.join(" ").replace("* *", "**")
}

/// Splits `type name` at the name (the last identifier).
fn param(p: &str) -> CParam {
    let p = p.trim();
    let cut = p
        .rfind(|c: char| !(c.is_alphanumeric() || c == '_'))
        .map_or(0, |i| i + 1);
    CParam {
        ty: normalise(&p[..cut]),
        name: p[cut..].to_string(),
    }
}

fn params(list: &str) -> Vec<CParam> {
    let list = list.trim();
    if list.is_empty() || list == "void" {
        return Vec::new();
    }
    list.split(',').map(param).collect()
}

/// `RET NAME(PARAMS);` -> (ret, name, params).
fn signature(decl: &str) -> (String, String, Vec<CParam>) {
    let open = decl.find('(').expect("a '(' in a declaration");
    let close = decl.rfind(')').expect("a ')' in a declaration");
    let head = param(&decl[..open]);
    (head.ty, head.name, params(&decl[open + 1..close]))
}

/// The text of a doc comment's lines, without the `@ingroup` lines the header's sections add for
/// doxygen (`sections.rs`): they are not part of what the item is.
fn doc_text(lines: &[String]) -> Doc {
    let mut out = String::new();
    for l in lines {
        let t = l.trim();
        if t.starts_with("@ingroup ") {
            continue;
        }
        if t.is_empty() {
            if !out.ends_with("\n\n") && !out.is_empty() {
                out.push_str("\n\n");
            }
        } else {
            if !out.is_empty() && !out.ends_with('\n') {
                out.push(' ');
            }
            out.push_str(t);
        }
    }
    Doc(out.trim().to_string())
}

/// Parses the header text.
pub fn parse(header: &str) -> Header {
    let mut h = Header::default();
    let mut doc: Vec<String> = Vec::new();
    let mut in_doc = false;
    let mut lines = header.lines().peekable();
    while let Some(line) = lines.next() {
        let t = line.trim();
        if in_doc {
            if t.starts_with("*/") {
                in_doc = false;
            } else {
                doc.push(t.strip_prefix('*').unwrap_or(t).to_string());
            }
            continue;
        }
        if t.starts_with("/**") {
            in_doc = true;
            doc.clear();
            continue;
        }
        if t.is_empty() || t.starts_with("/*") || t.starts_with("//") || t == "TSC_MUST_USE" {
            continue;
        }
        let d = doc_text(&doc);
        doc.clear();
        if let Some(rest) = t.strip_prefix("#define ") {
            let (name, value) = rest.split_once(' ').unwrap_or((rest, ""));
            h.macros.push(CMacro {
                name: name.to_string(),
                value: value.trim().to_string(),
                doc: d,
            });
        } else if t.starts_with("typedef enum ") && t.ends_with('{') {
            let name = t["typedef enum ".len()..].trim_end_matches('{').trim();
            let mut values = Vec::new();
            let mut vdoc: Vec<String> = Vec::new();
            let mut next = 0i64;
            for l in lines.by_ref() {
                let v = l.trim();
                if v.starts_with('}') {
                    break;
                }
                if v.starts_with("/**") || v.starts_with("*/") {
                    continue;
                }
                if let Some(text) = v.strip_prefix('*') {
                    vdoc.push(text.to_string());
                    continue;
                }
                let v = v.trim_end_matches(',');
                let (vname, value) = match v.split_once('=') {
                    Some((n, val)) => (n.trim(), val.trim().parse().expect("an enum value")),
                    None => (v, next),
                };
                next = value + 1;
                values.push((vname.to_string(), value, doc_text(&vdoc)));
                vdoc.clear();
            }
            h.enums.push(CEnum {
                name: name.to_string(),
                doc: d,
                values,
            });
        } else if let Some(rest) = t.strip_prefix("typedef struct ") {
            let name = rest.split_whitespace().next().unwrap_or_default();
            h.opaques.push(COpaque {
                name: name.to_string(),
                doc: d,
            });
        } else if t.starts_with("typedef ") && t.contains("(*") {
            let mut decl = t.to_string();
            while !decl.ends_with(';') {
                decl.push(' ');
                decl.push_str(lines.next().expect("the end of a typedef").trim());
            }
            let open = decl.find("(*").unwrap();
            let close = decl[open..].find(')').unwrap() + open;
            let name = decl[open + 2..close].to_string();
            let ret = normalise(&decl["typedef ".len()..open]);
            let rest = &decl[close + 1..];
            let ps = params(&rest[rest.find('(').unwrap() + 1..rest.rfind(')').unwrap()]);
            h.callbacks.push(CCallback {
                name,
                ret,
                params: ps,
                doc: d,
            });
        } else if t.contains("tsc_") && t.contains('(') && !t.starts_with('#') {
            let mut decl = t.to_string();
            while !decl.ends_with(';') {
                decl.push(' ');
                decl.push_str(lines.next().expect("the end of a declaration").trim());
            }
            let (ret, name, ps) = signature(&decl);
            h.functions.push(CFunction {
                name,
                ret,
                params: ps,
                doc: d,
            });
        }
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    const H: &str = "/**\n * Status.\n *\n * @ingroup errors\n */\ntypedef enum tsc_status {\n  /**\n   * Fine.\n   */\n  TSC_STATUS_OK = 0,\n  TSC_STATUS_BAD = 7,\n} tsc_status;\n\n/**\n * A thing.\n */\ntypedef struct tsc_x tsc_x;\n\ntypedef int32_t (*tsc_cb_fn)(void *userdata,\n                             size_t n);\n\n/**\n * Absent.\n */\n#define TSC_ABSENT_INT INT64_MIN\n\n/**\n * Gets it.\n *\n * More.\n */\nTSC_MUST_USE\nenum tsc_status tsc_x_get(const struct tsc_x *x,\n                          struct tsc_x **out,\n                          struct tsc_error **err);\n\nconst char *tsc_version(void);\n";

    #[test]
    fn reads_every_kind_of_declaration() {
        let h = parse(H);
        assert_eq!(h.enums.len(), 1);
        assert_eq!(h.enums[0].doc.0, "Status.");
        assert_eq!(h.enums[0].values[1].0, "TSC_STATUS_BAD");
        assert_eq!(h.enums[0].values[1].1, 7);
        assert_eq!(h.enums[0].values[0].2 .0, "Fine.");
        assert_eq!(h.opaques[0].name, "tsc_x");
        assert_eq!(h.callbacks[0].name, "tsc_cb_fn");
        assert_eq!(h.callbacks[0].params[1].ty, "size_t");
        assert_eq!(h.macros[0].value, "INT64_MIN");
        let f = &h.functions[0];
        assert_eq!(f.name, "tsc_x_get");
        assert_eq!(f.ret, "tsc_status");
        assert_eq!(f.params[0].ty, "const tsc_x *");
        assert_eq!(f.params[1].ty, "tsc_x **");
        assert_eq!(f.params[2].name, "err");
        assert_eq!(f.doc.0, "Gets it.\n\nMore.");
        assert_eq!(h.functions[1].ret, "const char *");
        assert!(h.functions[1].params.is_empty());
    }
}
