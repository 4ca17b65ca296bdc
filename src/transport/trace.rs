//! Tracing: one line per request (method, URL, status, milliseconds, bytes, Tableau's error
//! code), per retry and per re-sign-in, to the caller's log callback or, when the `TSC_LOG`
//! environment variable names a level (`error`, `warn`, `info`, `debug`), to stderr. Lines never
//! hold a secret: the session token travels in a header, which is never logged, and credentials
//! travel in bodies, which are never logged either.

use std::fmt;
use std::sync::Arc;

/// How much the library logs: `TSC_LOG_LEVEL_OFF` (nothing) up to `TSC_LOG_LEVEL_DEBUG` (every
/// request). Each level includes the ones before it.
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum tsc_log_level {
    /// Nothing.
    Off = 0,
    /// Calls that failed for good.
    Error = 1,
    /// Failures that were dealt with, such as an expired session signed in again.
    Warn = 2,
    /// Retries, re-sign-ins and redirects.
    Info = 3,
    /// Every request: method, URL, status, milliseconds and bytes.
    Debug = 4,
}

/// Rust-facing name of [`tsc_log_level`].
pub type LogLevel = tsc_log_level;

impl LogLevel {
    /// The level a `TSC_LOG` value names (`off`, `error`, `warn`, `info`, `debug`, `trace`).
    pub fn parse(s: &str) -> Option<LogLevel> {
        Some(match s.trim().to_ascii_lowercase().as_str() {
            "" | "0" | "off" | "none" => LogLevel::Off,
            "1" | "error" => LogLevel::Error,
            "2" | "warn" | "warning" => LogLevel::Warn,
            "3" | "info" => LogLevel::Info,
            "4" | "debug" | "trace" | "all" => LogLevel::Debug,
            _ => return None,
        })
    }

    /// `"debug"`, ... as lines show it.
    pub fn name(self) -> &'static str {
        match self {
            LogLevel::Off => "off",
            LogLevel::Error => "error",
            LogLevel::Warn => "warn",
            LogLevel::Info => "info",
            LogLevel::Debug => "debug",
        }
    }
}

/// Receives each log line at or below the chosen level. Called on the thread that made the call
/// (read-ahead threads included), possibly from several threads at once.
pub type LogSink = Arc<dyn Fn(LogLevel, &str) + Send + Sync>;

/// Where log lines go.
#[derive(Clone, Default)]
pub enum LogSetting {
    /// `TSC_LOG` from the environment, to stderr (the default; unset means off).
    #[default]
    FromEnvironment,
    /// Lines up to this level to stderr.
    Stderr(LogLevel),
    /// Lines up to this level to the sink.
    Sink(LogLevel, LogSink),
}

impl fmt::Debug for LogSetting {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LogSetting::FromEnvironment => f.write_str("FromEnvironment"),
            LogSetting::Stderr(l) => write!(f, "Stderr({l:?})"),
            LogSetting::Sink(l, _) => write!(f, "Sink({l:?})"),
        }
    }
}

/// The logger of one server handle.
pub(crate) struct Tracer {
    level: LogLevel,
    sink: Option<LogSink>,
}

impl Tracer {
    pub(crate) fn new(setting: &LogSetting) -> Tracer {
        match setting {
            LogSetting::FromEnvironment => Tracer {
                level: std::env::var("TSC_LOG")
                    .ok()
                    .and_then(|v| LogLevel::parse(&v))
                    .unwrap_or(LogLevel::Off),
                sink: None,
            },
            LogSetting::Stderr(level) => Tracer {
                level: *level,
                sink: None,
            },
            LogSetting::Sink(level, sink) => Tracer {
                level: *level,
                sink: Some(sink.clone()),
            },
        }
    }

    /// Whether lines of `level` are wanted (to skip building them).
    pub(crate) fn enabled(&self, level: LogLevel) -> bool {
        level != LogLevel::Off && level <= self.level
    }

    /// Emits the line `line()` builds, if `level` is wanted.
    pub(crate) fn log(&self, level: LogLevel, line: impl FnOnce() -> String) {
        if !self.enabled(level) {
            return;
        }
        let line = line();
        match &self.sink {
            Some(sink) => sink(level, &line),
            None => eprintln!("libtsc {}: {line}", level.name()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    #[test]
    fn levels_parse_and_filter() {
        assert_eq!(LogLevel::parse(" DEBUG "), Some(LogLevel::Debug));
        assert_eq!(LogLevel::parse("warning"), Some(LogLevel::Warn));
        assert_eq!(LogLevel::parse("loud"), None);
        let lines = Arc::new(Mutex::new(Vec::new()));
        let l2 = lines.clone();
        let sink: LogSink = Arc::new(move |lvl, s| l2.lock().unwrap().push((lvl, s.to_string())));
        let t = Tracer::new(&LogSetting::Sink(LogLevel::Info, sink));
        t.log(LogLevel::Debug, || unreachable!("not built when filtered"));
        t.log(LogLevel::Info, || "retry".into());
        t.log(LogLevel::Error, || "failed".into());
        assert_eq!(
            *lines.lock().unwrap(),
            vec![
                (LogLevel::Info, "retry".to_string()),
                (LogLevel::Error, "failed".to_string())
            ]
        );
        assert!(!Tracer::new(&LogSetting::Stderr(LogLevel::Off)).enabled(LogLevel::Error));
    }
}
