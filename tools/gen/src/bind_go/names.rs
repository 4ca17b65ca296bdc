//! Go names for C names: `tsc_workbook_get_by_id` -> `GetByID`, `workbook_id` -> `workbookID`,
//! with Go's initialisms, and the Go type of each handle.

/// Parts of a C name written in capitals in Go.
const INITIALISMS: &[&str] = &[
    "id", "url", "api", "jwt", "pat", "http", "tls", "utf8", "xml", "luid", "ca", "uuid", "ip",
    "ok", "json", "uri", "ssl",
];

/// Go keywords and predeclared names a parameter must not shadow.
const RESERVED: &[&str] = &[
    "break",
    "case",
    "chan",
    "const",
    "continue",
    "default",
    "defer",
    "else",
    "fallthrough",
    "for",
    "func",
    "go",
    "goto",
    "if",
    "import",
    "interface",
    "map",
    "package",
    "range",
    "return",
    "select",
    "struct",
    "switch",
    "type",
    "var",
    "len",
    "cap",
    "string",
    "error",
    "bool",
    "byte",
    "int",
    "new",
    "make",
    "copy",
    "append",
    "close",
    "nil",
    "true",
    "false",
];

fn part(p: &str) -> String {
    if p == "ids" {
        return "IDs".into();
    }
    if INITIALISMS.contains(&p) {
        return p.to_uppercase();
    }
    let mut c = p.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// `get_by_id` -> `GetByID`.
pub fn camel(s: &str) -> String {
    s.split('_').filter(|p| !p.is_empty()).map(part).collect()
}

/// `workbook_id` -> `workbookID`; keywords and the generated locals get an `Arg` suffix.
pub fn param(s: &str) -> String {
    let mut parts = s.split('_').filter(|p| !p.is_empty());
    let first = parts.next().unwrap_or("arg").to_lowercase();
    let name: String = std::iter::once(first).chain(parts.map(part)).collect();
    if RESERVED.contains(&name.as_str()) || LOCALS.contains(&name.as_str()) {
        format!("{name}Arg")
    } else {
        name
    }
}

/// Locals of the generated bodies that a parameter name must not take.
pub const LOCALS: &[&str] = &[
    "x", "e", "ar", "cerr", "cres", "err", "ctx", "release", "ctxErr",
];

/// `tsc_workbook_list` -> `WorkbookList`.
pub fn go_type(handle: &str) -> String {
    camel(handle.strip_prefix("tsc_").unwrap_or(handle))
}

/// The C-side local for parameter `p`: `cWorkbookID`.
pub fn c_local(p: &str) -> String {
    format!("c{}", camel(p))
}

/// A doc comment: `// {first}` and the first paragraph of the C doc (the header has the rest),
/// kept to prose so that gofmt's doc-comment rules leave it as it is.
pub fn doc(first: &str, text: &str) -> String {
    let mut out = format!("// {first}\n");
    let para = text.trim().lines().next().unwrap_or("").trim();
    let prose = para
        .chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '`');
    if prose {
        out.push_str("//\n");
        out.push_str(&format!("// {para}\n"));
    }
    out
}
