//! C++ names for the C API's names: handle classes, enum values, methods, with C++ keywords
//! escaped by a trailing underscore.

/// C++ keywords and alternative tokens that cannot be identifiers.
const KEYWORDS: &[&str] = &[
    "alignas",
    "alignof",
    "and",
    "and_eq",
    "asm",
    "auto",
    "bitand",
    "bitor",
    "bool",
    "break",
    "case",
    "catch",
    "char",
    "class",
    "compl",
    "concept",
    "const",
    "const_cast",
    "consteval",
    "constexpr",
    "constinit",
    "continue",
    "co_await",
    "co_return",
    "co_yield",
    "decltype",
    "default",
    "delete",
    "do",
    "double",
    "dynamic_cast",
    "else",
    "enum",
    "explicit",
    "export",
    "extern",
    "false",
    "float",
    "for",
    "friend",
    "goto",
    "if",
    "inline",
    "int",
    "long",
    "mutable",
    "namespace",
    "new",
    "noexcept",
    "not",
    "not_eq",
    "nullptr",
    "operator",
    "or",
    "or_eq",
    "private",
    "protected",
    "public",
    "register",
    "reinterpret_cast",
    "requires",
    "return",
    "short",
    "signed",
    "sizeof",
    "static",
    "static_assert",
    "static_cast",
    "struct",
    "switch",
    "template",
    "this",
    "thread_local",
    "throw",
    "true",
    "try",
    "typedef",
    "typeid",
    "typename",
    "union",
    "unsigned",
    "using",
    "virtual",
    "void",
    "volatile",
    "wchar_t",
    "while",
    "xor",
    "xor_eq",
];

/// `name`, with a trailing `_` when it is a C++ keyword.
pub fn ident(name: &str) -> String {
    if KEYWORDS.contains(&name) {
        format!("{name}_")
    } else {
        name.to_string()
    }
}

/// `tsc_workbook` -> `workbook` (the C++ class in namespace `tsc`).
pub fn class(c_name: &str) -> String {
    ident(c_name.strip_prefix("tsc_").unwrap_or(c_name))
}

/// `tsc_workbook` -> `workbook_ref` (the borrowed view).
pub fn ref_class(c_name: &str) -> String {
    format!("{}_ref", c_name.strip_prefix("tsc_").unwrap_or(c_name))
}

/// `workbooks` -> `workbooks_api` (the endpoint group reached as `server.workbooks()`).
pub fn api_class(family: &str) -> String {
    format!("{family}_api")
}

/// The method name of `function` in `family`: the C name without `<family>_`; constructors
/// `<family>_new` are `create`, `<family>_new_<x>` are `<x>`.
pub fn method(function: &str, family: &str, constructor: bool) -> Option<String> {
    let rest = function.strip_prefix(family)?.strip_prefix('_')?;
    let rest = if constructor {
        match rest.strip_prefix("new") {
            Some("") => "create",
            Some(x) => x.strip_prefix('_').unwrap_or(rest),
            None => rest,
        }
    } else {
        rest
    };
    Some(ident(rest))
}

/// `TSC_STATUS_NOT_FOUND` in enum `tsc_status` -> `not_found`.
pub fn enum_value(value: &str, enum_name: &str) -> String {
    let prefix = format!("{}_", enum_name.to_uppercase());
    let rest = value
        .strip_prefix(&prefix)
        .or_else(|| value.strip_prefix("TSC_"))
        .unwrap_or(value);
    ident(&rest.to_lowercase())
}

/// `TSC_MAX_PAGE_SIZE` -> `max_page_size`.
pub fn constant(name: &str) -> String {
    let rest = name.strip_prefix("TSC_").unwrap_or(name);
    ident(&rest.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(ident("delete"), "delete_");
        assert_eq!(class("tsc_workbook_list"), "workbook_list");
        assert_eq!(
            method("tsc_projects_delete", "tsc_projects", false).unwrap(),
            "delete_"
        );
        assert_eq!(
            method("tsc_workbook_new", "tsc_workbook", true).unwrap(),
            "create"
        );
        assert_eq!(
            method("tsc_credentials_new_pat", "tsc_credentials", true).unwrap(),
            "pat"
        );
        assert_eq!(enum_value("TSC_CB_CONTINUE", "tsc_cb"), "continue_");
        assert_eq!(enum_value("TSC_FILTER_OP_IN", "tsc_filter_op"), "in");
        assert_eq!(constant("MAX_READ_AHEAD"), "max_read_ahead");
        assert!(method("tsc_other_x", "tsc_workbook", false).is_none());
    }
}
