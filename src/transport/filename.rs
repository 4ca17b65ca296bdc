//! File names from a server's `Content-Disposition` header, made safe before they touch the file
//! system. Parsing follows RFC 6266 and RFC 5987/8187: `filename*=UTF-8''percent%20encoded`
//! (also ISO-8859-1, and the quoted variant some Tableau versions send) wins over
//! `filename="quoted"` or a bare token. Sanitising keeps Unicode letters and ordinary punctuation
//! but guarantees a single, harmless path component: see [`sanitize`].

/// The file name a `Content-Disposition` value announces, decoded but not yet sanitised.
pub(crate) fn from_content_disposition(value: &str) -> Option<String> {
    let mut plain = None;
    let mut extended = None;
    for (name, raw) in params(value) {
        match name.to_ascii_lowercase().as_str() {
            "filename*" if extended.is_none() => extended = decode_ext_value(&raw),
            "filename" if plain.is_none() => plain = Some(raw),
            _ => {}
        }
    }
    extended.or(plain)
}

/// `name=value` parameters of a header value (`disposition; a=b; c="d; e"`), values unquoted.
fn params(value: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let chars: Vec<char> = value.chars().collect();
    let mut i = 0;
    let skip_ws = |i: &mut usize| {
        while *i < chars.len() && chars[*i].is_whitespace() {
            *i += 1;
        }
    };
    while i < chars.len() {
        skip_ws(&mut i);
        let start = i;
        while i < chars.len() && chars[i] != '=' && chars[i] != ';' {
            i += 1;
        }
        let name: String = chars[start..i]
            .iter()
            .collect::<String>()
            .trim()
            .to_string();
        if i >= chars.len() || chars[i] == ';' {
            i += 1; // a bare token such as `attachment`
            continue;
        }
        i += 1; // '='
        skip_ws(&mut i);
        let mut val = String::new();
        if i < chars.len() && chars[i] == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' && i + 1 < chars.len() {
                    i += 1;
                }
                val.push(chars[i]);
                i += 1;
            }
            i += 1; // closing quote
            while i < chars.len() && chars[i] != ';' {
                i += 1;
            }
        } else {
            while i < chars.len() && chars[i] != ';' {
                val.push(chars[i]);
                i += 1;
            }
            val = val.trim().to_string();
        }
        i += 1; // ';'
        if !name.is_empty() {
            out.push((name, val));
        }
    }
    out
}

/// Decodes an RFC 5987 `charset'language'percent-encoded` value (UTF-8 or ISO-8859-1). Tolerates
/// quotes around the encoded part, as some servers send (`UTF-8''"Sample datasource.tds"`).
fn decode_ext_value(raw: &str) -> Option<String> {
    let mut it = raw.splitn(3, '\'');
    let charset = it.next()?.trim().to_ascii_lowercase();
    let _language = it.next()?;
    let encoded = it.next()?.trim().trim_matches('"');
    let bytes = percent_decode(encoded);
    match charset.as_str() {
        "utf-8" | "utf8" | "" => String::from_utf8(bytes).ok(),
        "iso-8859-1" | "latin1" => Some(bytes.iter().map(|&b| char::from(b)).collect()),
        _ => None,
    }
}

pub(crate) fn percent_decode(s: &str) -> Vec<u8> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            let hex = |c: u8| (c as char).to_digit(16);
            if let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    out
}

/// Longest file name produced, in bytes (the common file-system limit is 255).
const MAX_NAME_BYTES: usize = 200;

/// Windows device names that cannot be file names whatever their extension.
const RESERVED: &[&str] = &[
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// A server-supplied name turned into one safe path component, or None if nothing usable is left.
///
/// - Only the last component counts: everything up to the last `/` or `\` is dropped, so
///   `../../etc/passwd` and `C:\x\y.twbx` cannot leave the target directory.
/// - Control characters (C0, DEL, C1) and invisible formatting characters (bidirectional
///   overrides that could disguise an extension, zero-width characters, BOM) are removed.
/// - Characters Windows forbids (`< > : " | ? *`) become `_`.
/// - Leading dots and spaces are removed (no hidden files, no `.`/`..`), as are trailing dots and
///   spaces (Windows drops them silently).
/// - Windows device names (`CON`, `NUL.twbx`, `com1`, ...) get a leading `_`.
/// - The result is cut to at most 200 bytes, keeping the extension.
pub(crate) fn sanitize(name: &str) -> Option<String> {
    let last = name.rsplit(['/', '\\']).next().unwrap_or("");
    let mut s: String = last
        .chars()
        .filter(|c| !c.is_control() && !is_invisible_format(*c))
        .map(|c| match c {
            '<' | '>' | ':' | '"' | '|' | '?' | '*' => '_',
            c => c,
        })
        .collect();
    s = s
        .trim_start_matches(|c: char| c == '.' || c.is_whitespace())
        .trim_end_matches(|c: char| c == '.' || c.is_whitespace())
        .to_string();
    if s.is_empty() || s.chars().all(|c| c == '_') {
        return None;
    }
    let stem = s
        .split('.')
        .next()
        .unwrap_or("")
        .trim_end()
        .to_ascii_lowercase();
    if RESERVED.contains(&stem.as_str()) {
        s.insert(0, '_');
    }
    Some(truncate_keeping_extension(&s, MAX_NAME_BYTES))
}

/// Zero-width and bidirectional formatting characters (Unicode category Cf, the usual suspects).
fn is_invisible_format(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{061C}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206F}' | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}')
}

fn truncate_keeping_extension(s: &str, max: usize) -> String {
    if s.len() <= max {
        return s.to_string();
    }
    let (stem, ext) = match s.rfind('.') {
        Some(i) if s.len() - i <= 16 && i > 0 => (&s[..i], &s[i..]),
        _ => (s, ""),
    };
    let mut cut = max - ext.len();
    while !stem.is_char_boundary(cut) {
        cut -= 1;
    }
    // The cut may fall after a dot or a space, which must not end a name (see `sanitize`).
    let stem = stem[..cut].trim_end_matches(|c: char| c == '.' || c.is_whitespace());
    format!("{stem}{ext}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(h: &str) -> Option<String> {
        from_content_disposition(h).and_then(|n| sanitize(&n))
    }

    #[test]
    fn parses_the_forms_tableau_sends() {
        assert_eq!(
            name("name=\"tableau_workbook\"; filename=\"RESTAPISample.twbx\"").as_deref(),
            Some("RESTAPISample.twbx")
        );
        assert_eq!(
            name("attachment; filename*=UTF-8''Sample%20workbook.twb").as_deref(),
            Some("Sample workbook.twb")
        );
        assert_eq!(
            name("name=\"tableau_datasource\"; filename*=UTF-8''\"Sample datasource.tds\"")
                .as_deref(),
            Some("Sample datasource.tds")
        );
        assert_eq!(
            name("attachment; filename*=UTF-8''Proje%C5%9Bt%20x.tdsx").as_deref(),
            Some("Projeśt x.tdsx")
        );
        assert_eq!(
            name("attachment; filename=\"fallback.twb\"; filename*=utf-8'en'Real%20%E6%9D%B1%E4%BA%AC.twb").as_deref(),
            Some("Real 東京.twb")
        );
        assert_eq!(
            name("attachment; filename*=iso-8859-1''Z%FCrich.tds").as_deref(),
            Some("Zürich.tds")
        );
        assert_eq!(
            name("attachment; filename=plain.hyper").as_deref(),
            Some("plain.hyper")
        );
        assert_eq!(
            name("attachment; filename=\"semi;colon \\\"q\\\".twbx\"").as_deref(),
            Some("semi;colon _q_.twbx")
        );
        assert_eq!(
            name("attachment; filename=\"Name,With,Commas & (Parens).twbx\"").as_deref(),
            Some("Name,With,Commas & (Parens).twbx")
        );
        assert_eq!(name("attachment"), None);
        assert_eq!(name(""), None);
        assert_eq!(
            name("attachment; filename*=UTF-8''%ZZbad"),
            Some("%ZZbad".into())
        );
    }

    #[test]
    fn hostile_names_stay_in_the_directory() {
        for (raw, want) in [
            ("../../etc/passwd", Some("passwd")),
            ("/etc/passwd", Some("passwd")),
            ("..\\..\\Windows\\system.ini", Some("system.ini")),
            ("C:\\Users\\x\\evil.twbx", Some("evil.twbx")),
            ("C:evil.twbx", Some("C_evil.twbx")),
            ("..", None),
            (".", None),
            ("../", None),
            ("", None),
            ("   ", None),
            ("...", None),
            (".bashrc", Some("bashrc")),
            ("..hidden.twbx", Some("hidden.twbx")),
            ("a\u{0}b\u{7}c\nd\r\u{1b}[31m.twbx", Some("abcd[31m.twbx")),
            ("report\u{202E}xbwt.exe", Some("reportxbwt.exe")),
            ("a<b>c:d\"e|f?g*h.tds", Some("a_b_c_d_e_f_g_h.tds")),
            ("trailing. . ", Some("trailing")),
            ("CON", Some("_CON")),
            ("nul.twbx", Some("_nul.twbx")),
            ("Com1.tds", Some("_Com1.tds")),
            ("console.twbx", Some("console.twbx")),
            ("???", None),
            ("Tōkyō 東京.twbx", Some("Tōkyō 東京.twbx")),
        ] {
            assert_eq!(sanitize(raw).as_deref(), want, "{raw:?}");
        }
        for h in [
            "attachment; filename=\"../../etc/passwd\"",
            "attachment; filename*=UTF-8''..%2F..%2Fetc%2Fpasswd",
            "attachment; filename*=UTF-8''%2E%2E",
            "attachment; filename=\"\\\\server\\share\\x.twb\"",
        ] {
            let n = name(h);
            assert!(
                n.as_deref()
                    .is_none_or(|n| !n.contains(['/', '\\']) && !n.starts_with('.') && n != ".."),
                "{h} -> {n:?}"
            );
        }
    }

    #[test]
    fn long_names_keep_their_extension() {
        let long = format!("{}.twbx", "é".repeat(300));
        let s = sanitize(&long).unwrap();
        assert!(s.len() <= MAX_NAME_BYTES);
        assert!(s.ends_with(".twbx"));
        assert!(s.starts_with('é'));
    }

    #[test]
    fn a_cut_never_leaves_a_trailing_dot_or_space() {
        // No extension kept (too long), and the cut falls just after a dot or a space.
        for sep in [".", " ", ". ."] {
            let long = format!("{}{sep}{}", "a".repeat(199), "b".repeat(20));
            let s = sanitize(&long).unwrap();
            assert!(!s.ends_with(['.', ' ']), "{s:?}");
            assert_eq!(sanitize(&s).as_deref(), Some(s.as_str()));
        }
    }
}
