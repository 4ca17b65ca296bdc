//! Command-line tokens of `tsc-emulator` and its subcommands (a module of the binary only):
//! flags that take a value (`--flag VALUE`, `--flag=VALUE`), flags whose value is optional
//! (`--log-requests [FILE]`: the next word is the value unless it starts with `-`) and
//! switches. An unknown flag and a stray word are errors that say which they are.

/// What a flag takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Takes {
    Value,
    OptionalValue,
    Nothing,
}

/// Splits `args` into (flag, value) pairs in order, checked against `spec`.
pub fn parse(
    args: &[String],
    spec: &[(&str, Takes)],
) -> Result<Vec<(String, Option<String>)>, String> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        i += 1;
        if !a.starts_with('-') || a == "-" {
            return Err(format!("unexpected argument '{a}'"));
        }
        let (flag, inline) = match a.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_string())),
            _ => (a, None),
        };
        let Some(&(_, takes)) = spec.iter().find(|(name, _)| *name == flag) else {
            return Err(format!("unknown option {flag}"));
        };
        let value = match (takes, inline) {
            (Takes::Nothing, Some(_)) => return Err(format!("{flag} takes no value")),
            (Takes::Nothing, None) => None,
            (_, Some(v)) => Some(v),
            (Takes::Value, None) => match args.get(i) {
                Some(v) => {
                    i += 1;
                    Some(v.clone())
                }
                None => return Err(format!("{flag} needs a value")),
            },
            (Takes::OptionalValue, None) => match args.get(i) {
                Some(v) if !v.starts_with('-') => {
                    i += 1;
                    Some(v.clone())
                }
                _ => None,
            },
        };
        out.push((flag.to_string(), value));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPEC: &[(&str, Takes)] = &[
        ("--listen", Takes::Value),
        ("--log-requests", Takes::OptionalValue),
        ("--help", Takes::Nothing),
    ];

    fn run(a: &[&str]) -> Result<Vec<(String, Option<String>)>, String> {
        parse(&a.iter().map(|s| s.to_string()).collect::<Vec<_>>(), SPEC)
    }

    #[test]
    fn flags_values_and_errors() {
        let v = run(&["--listen", "x:1", "--log-requests", "--help"]).unwrap();
        assert_eq!(v[0], ("--listen".into(), Some("x:1".into())));
        assert_eq!(v[1], ("--log-requests".into(), None));
        assert_eq!(v[2], ("--help".into(), None));
        let v = run(&["--log-requests", "f.log", "--listen=y:2"]).unwrap();
        assert_eq!(v[0].1.as_deref(), Some("f.log"));
        assert_eq!(v[1].1.as_deref(), Some("y:2"));
        assert_eq!(run(&["--bogus"]).unwrap_err(), "unknown option --bogus");
        assert_eq!(run(&["--bogus=1"]).unwrap_err(), "unknown option --bogus");
        assert_eq!(run(&["extra"]).unwrap_err(), "unexpected argument 'extra'");
        assert_eq!(run(&["--listen"]).unwrap_err(), "--listen needs a value");
        assert_eq!(run(&["--help=1"]).unwrap_err(), "--help takes no value");
    }
}
