//! The API description (`include/tsc-api.json`) read into the shapes the C# generator needs,
//! and the naming rules from C names to C# names.

use serde_json::Value;
use std::collections::BTreeMap;

/// One parameter of a function.
#[derive(Clone)]
pub struct Param {
    pub name: String,
    pub c_type: String,
    pub role: String,
    pub nullable: bool,
    pub handle: Option<String>,
    pub doc: String,
    /// `retained` for a callback the library keeps (then `kept_by` names the parameter whose
    /// handle keeps it).
    pub ownership: String,
    pub kept_by: Option<String>,
    /// For a handle: the parameter whose handle the library copies this one's retained callbacks into.
    pub callbacks_kept_by: Option<String>,
}

/// What a function returns.
#[derive(Clone)]
pub struct Ret {
    pub c_type: String,
    pub kind: String,
    pub ownership: String,
    pub handle: Option<String>,
}

/// One function of the C API.
#[derive(Clone)]
pub struct Func {
    pub name: String,
    pub family: String,
    pub kind: String,
    pub ret: Ret,
    pub params: Vec<Param>,
    pub doc: String,
    pub thread: String,
}

/// One field of an item handle.
#[derive(Clone)]
pub struct Field {
    pub name: String,
    pub ty: String,
    pub get: Option<String>,
    pub set: Option<String>,
    pub count: Option<String>,
    pub doc: String,
}

/// One handle type.
#[derive(Clone)]
pub struct Handle {
    pub name: String,
    pub kind: String,
    pub free: String,
    pub item: Option<String>,
    pub count: Option<String>,
    pub get: Option<String>,
    pub page: Option<String>,
    pub next: Option<String>,
    pub fields: Vec<Field>,
    pub doc: String,
    /// The handle's thread rule (`thread` in the description).
    pub thread: String,
}

/// One enum with its values.
pub struct Enum {
    pub name: String,
    pub doc: String,
    pub values: Vec<(String, i64, String)>,
}

/// One callback typedef.
pub struct Callback {
    pub name: String,
    pub returns: String,
    pub params: Vec<(String, String)>,
    pub doc: String,
    /// Kept by the library and called later from any thread (not during one call).
    pub retained: bool,
}

/// The whole description.
pub struct Api {
    pub functions: Vec<Func>,
    pub handles: BTreeMap<String, Handle>,
    pub enums: Vec<Enum>,
    pub callbacks: Vec<Callback>,
    pub constants: Vec<(String, String, String)>,
    pub version: String,
    pub soname: String,
}

/// A function's thread rule as text: its `text`, or one made from `rule`, `handle` and
/// `not_in_callback` when the description has no text.
fn thread_text(t: &Value) -> String {
    if let Some(text) = t["text"].as_str() {
        return text.to_string();
    }
    let mut out = match (t["rule"].as_str(), t["handle"].as_str()) {
        (Some("exclusive"), Some(h)) => format!("one thread at a time for `{h}`"),
        (Some("any"), _) => "any thread".to_string(),
        (Some(r), _) => r.to_string(),
        (None, _) => return String::new(),
    };
    if t["not_in_callback"].as_bool() == Some(true) {
        out.push_str("; not from inside a progress, read or write callback");
    }
    out
}

fn s(v: &Value) -> String {
    v.as_str().unwrap_or("").to_string()
}

fn opt(v: &Value) -> Option<String> {
    v.as_str().map(str::to_string)
}

fn arr(v: &Value) -> &[Value] {
    v.as_array().map(Vec::as_slice).unwrap_or(&[])
}

impl Api {
    /// Reads the description; fails on a function without the fields every function has.
    pub fn read(v: &Value) -> Result<Api, String> {
        let mut functions = Vec::new();
        for f in arr(&v["functions"]) {
            let name = f["name"]
                .as_str()
                .ok_or("a function without a name")?
                .to_string();
            let r = &f["returns"];
            let params = arr(&f["params"])
                .iter()
                .map(|p| Param {
                    name: s(&p["name"]),
                    c_type: s(&p["c_type"]),
                    role: s(&p["role"]),
                    nullable: p["nullable"].as_bool().unwrap_or(false),
                    handle: opt(&p["handle"]),
                    doc: s(&p["doc"]),
                    ownership: s(&p["ownership"]),
                    kept_by: opt(&p["kept_by"]),
                    callbacks_kept_by: opt(&p["callbacks_kept_by"]),
                })
                .collect();
            functions.push(Func {
                family: s(&f["family"]),
                kind: s(&f["kind"]),
                ret: Ret {
                    c_type: s(&r["c_type"]),
                    kind: s(&r["kind"]),
                    ownership: s(&r["ownership"]),
                    handle: opt(&r["handle"]),
                },
                params,
                doc: s(&f["doc"]),
                thread: thread_text(&f["thread"]),
                name,
            });
        }
        let mut handles = BTreeMap::new();
        for h in arr(&v["handles"]) {
            let fields = arr(&h["fields"])
                .iter()
                .map(|f| Field {
                    name: s(&f["name"]),
                    ty: s(&f["type"]),
                    get: opt(&f["get"]),
                    set: opt(&f["set"]),
                    count: opt(&f["count"]),
                    doc: s(&f["doc"]),
                })
                .collect();
            let name = s(&h["name"]);
            handles.insert(
                name.clone(),
                Handle {
                    name,
                    kind: s(&h["kind"]),
                    free: s(&h["free"]),
                    item: opt(&h["item"]),
                    count: opt(&h["count"]),
                    get: opt(&h["get"]),
                    page: opt(&h["page"]),
                    next: opt(&h["next"]),
                    fields,
                    doc: s(&h["doc"]),
                    thread: s(&h["thread"]),
                },
            );
        }
        let enums = arr(&v["enums"])
            .iter()
            .map(|e| Enum {
                name: s(&e["name"]),
                doc: s(&e["doc"]),
                values: arr(&e["values"])
                    .iter()
                    .map(|x| {
                        (
                            s(&x["name"]),
                            x["value"].as_i64().unwrap_or(0),
                            s(&x["doc"]),
                        )
                    })
                    .collect(),
            })
            .collect();
        let callbacks = arr(&v["callbacks"])
            .iter()
            .map(|c| Callback {
                name: s(&c["name"]),
                returns: s(&c["returns"]),
                params: arr(&c["params"])
                    .iter()
                    .map(|p| (s(&p["name"]), s(&p["c_type"])))
                    .collect(),
                doc: s(&c["doc"]),
                retained: c["retained"].as_bool().unwrap_or(false),
            })
            .collect();
        let constants = arr(&v["constants"])
            .iter()
            .map(|c| (s(&c["name"]), s(&c["value"]), s(&c["doc"])))
            .collect();
        Ok(Api {
            functions,
            handles,
            enums,
            callbacks,
            constants,
            version: s(&v["library"]["version"]),
            soname: s(&v["library"]["soname"]),
        })
    }

    pub fn func(&self, name: &str) -> Option<&Func> {
        self.functions.iter().find(|f| f.name == name)
    }

    /// The C# class name of a handle type or enum: `tsc_workbook_list` -> `WorkbookList`.
    pub fn class(&self, c_name: &str) -> String {
        pascal(c_name.strip_prefix("tsc_").unwrap_or(c_name))
    }
}

/// `page_size` -> `PageSize`.
pub fn pascal(snake: &str) -> String {
    snake
        .split('_')
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_ascii_uppercase().to_string() + c.as_str(),
                None => String::new(),
            }
        })
        .collect()
}

/// `page_size` -> `pageSize`, escaped when it is a C# keyword.
pub fn camel(snake: &str) -> String {
    let p = pascal(snake);
    let mut c = p.chars();
    let out = match c.next() {
        Some(f) => f.to_ascii_lowercase().to_string() + c.as_str(),
        None => "arg".to_string(),
    };
    const KEYWORDS: &[&str] = &[
        "abstract",
        "as",
        "base",
        "bool",
        "break",
        "byte",
        "case",
        "catch",
        "char",
        "checked",
        "class",
        "const",
        "continue",
        "decimal",
        "default",
        "delegate",
        "do",
        "double",
        "else",
        "enum",
        "event",
        "explicit",
        "extern",
        "false",
        "finally",
        "fixed",
        "float",
        "for",
        "foreach",
        "goto",
        "if",
        "implicit",
        "in",
        "int",
        "interface",
        "internal",
        "is",
        "lock",
        "long",
        "namespace",
        "new",
        "null",
        "object",
        "operator",
        "out",
        "override",
        "params",
        "private",
        "protected",
        "public",
        "readonly",
        "ref",
        "return",
        "sbyte",
        "sealed",
        "short",
        "sizeof",
        "stackalloc",
        "static",
        "string",
        "struct",
        "switch",
        "this",
        "throw",
        "true",
        "try",
        "typeof",
        "uint",
        "ulong",
        "unchecked",
        "unsafe",
        "ushort",
        "using",
        "virtual",
        "void",
        "volatile",
        "while",
    ];
    if KEYWORDS.contains(&out.as_str()) {
        format!("@{out}")
    } else {
        out
    }
}

/// A `doc` text as XML doc comment lines at `indent`, with the thread rule appended when the
/// text does not state one.
pub fn xml_doc(indent: &str, doc: &str, thread: &str) -> String {
    let mut text = doc.trim().to_string();
    if !thread.is_empty() && !text.contains("Thread safety") {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str("Thread safety: ");
        text.push_str(thread);
        text.push('.');
    }
    if text.is_empty() {
        return String::new();
    }
    let esc = text
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    let mut out = format!("{indent}/// <summary>\n");
    for para in esc.split("\n\n") {
        for line in wrap(para.trim(), 96) {
            out.push_str(&format!("{indent}/// {line}\n"));
        }
        out.push_str(&format!("{indent}/// <para/>\n"));
    }
    // drop the last paragraph break
    let cut = out.len() - format!("{indent}/// <para/>\n").len();
    out.truncate(cut);
    out.push_str(&format!("{indent}/// </summary>\n"));
    out
}

fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut cur = String::new();
    for w in text.split_whitespace() {
        if !cur.is_empty() && cur.len() + 1 + w.len() > width {
            lines.push(std::mem::take(&mut cur));
        }
        if !cur.is_empty() {
            cur.push(' ');
        }
        cur.push_str(w);
    }
    if !cur.is_empty() {
        lines.push(cur);
    }
    lines
}
