//! The log callback of the server options (`tsc_log_fn`, `tsc_server_options_set_log`) and the
//! server's counts of what it did on its own (retries, sign-ins again).

use crate::capi::boundary::{arg_mut, call, getter};
use crate::capi::callbacks::invoke;
use crate::capi::error::tsc_error;
use crate::capi::server::{tsc_server, tsc_server_options};
use crate::error::{tsc_status, Error, Result};
use crate::transport::{LogLevel, LogSetting, LogSink};
use std::ffi::{c_char, c_void, CString};
use std::sync::Arc;

/// Receives one log line: `level` is a `tsc_log_level`, `message` a NUL-terminated UTF-8 line
/// without a trailing newline, valid only during the call. It never holds a password, token or
/// secret. Return 0 (other values are reserved, and ignored today: a log line never stops a
/// call). Called on whichever thread makes a call with the server handle (read-ahead threads of
/// pagers included), possibly from several threads at once: it must be thread-safe, and it must
/// return normally (no exception, no longjmp). A libtsc function that makes requests fails with
/// `TSC_STATUS_INVALID_ARGUMENT` inside it.
pub type tsc_log_fn =
    Option<unsafe extern "C" fn(userdata: *mut c_void, level: i32, message: *const c_char) -> i32>;

/// The level a `level` argument names.
fn level_of(v: i32) -> Result<LogLevel> {
    Ok(match v {
        0 => LogLevel::Off,
        1 => LogLevel::Error,
        2 => LogLevel::Warn,
        3 => LogLevel::Info,
        4 => LogLevel::Debug,
        other => {
            return Err(Error::invalid(format!(
                "{other} is not a log level: use TSC_LOG_LEVEL_OFF (0) to TSC_LOG_LEVEL_DEBUG (4)"
            )))
        }
    })
}

/// The C callback and its userdata, shareable across threads (the caller promised that).
struct CSink {
    f: unsafe extern "C" fn(*mut c_void, i32, *const c_char) -> i32,
    userdata: usize,
}

impl CSink {
    fn emit(&self, level: LogLevel, line: &str) {
        let line = CString::new(line.replace('\0', "\u{FFFD}")).unwrap_or_default();
        // SAFETY: the caller's callback, called with its own userdata (documented contract).
        let _ = invoke(|| unsafe {
            (self.f)(self.userdata as *mut c_void, level as i32, line.as_ptr())
        });
    }
}

/// Sends log lines up to `level` (a `tsc_log_level`) to `callback` with `userdata` (passed back
/// as is, never freed), or, when `callback` is NULL, to stderr. `TSC_LOG_LEVEL_OFF` logs nothing.
/// Without this call, the `TSC_LOG` environment variable (`error`, `warn`, `info`, `debug`) sends
/// lines to stderr when the server handle is made. Each request logs at `TSC_LOG_LEVEL_DEBUG`
/// (method, URL, status, milliseconds, bytes, Tableau's error code), each retry, redirect and
/// sign-in again at `TSC_LOG_LEVEL_INFO` or `TSC_LOG_LEVEL_WARN`, each failed call at
/// `TSC_LOG_LEVEL_ERROR`. The callback and `userdata` are kept by every server handle made from
/// these options and must stay valid until those handles are freed; see `tsc_log_fn` for the
/// threads it runs on.
///
/// Returns `TSC_STATUS_OK`, `TSC_STATUS_NULL_ARGUMENT` if `opts` is NULL,
/// `TSC_STATUS_INVALID_ARGUMENT` if `level` is not a `tsc_log_level`. On failure `*err` (if `err`
/// is not NULL) receives an error to free with `tsc_error_free`. Thread safety: the options'
/// owner thread.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_server_options_set_log(
    opts: *mut tsc_server_options,
    level: i32,
    callback: tsc_log_fn,
    userdata: *mut c_void,
    err: *mut *mut tsc_error,
) -> tsc_status {
    call("tsc_server_options_set_log", err, || {
        let o = arg_mut(opts, "opts")?;
        let level = level_of(level)?;
        let setting = match callback {
            None => LogSetting::Stderr(level),
            Some(f) => {
                let sink = CSink {
                    f,
                    userdata: userdata as usize,
                };
                let sink: LogSink = Arc::new(move |l, line| sink.emit(l, line));
                LogSetting::Sink(level, sink)
            }
        };
        o.inner = o.inner.clone().log(setting);
        Ok(())
    })
}

/// How many times requests of `server` were retried (see `tsc_server_options_set_retries`)
/// since it was made; 0 if `server` is NULL. Thread safety: any thread.
#[no_mangle]
pub extern "C" fn tsc_server_retry_count(server: *const tsc_server) -> u64 {
    // SAFETY: server is NULL or a live handle (contract).
    getter(0, || {
        unsafe { server.as_ref() }.map_or(0, |s| s.inner.transport_counts().0)
    })
}

/// How many times `server` signed in again after its session expired (see
/// `tsc_server_options_set_reauthenticate`) since it was made; 0 if `server` is NULL.
/// Thread safety: any thread.
#[no_mangle]
pub extern "C" fn tsc_server_reauthentication_count(server: *const tsc_server) -> u64 {
    // SAFETY: server is NULL or a live handle (contract).
    getter(0, || {
        unsafe { server.as_ref() }.map_or(0, |s| s.inner.transport_counts().1)
    })
}
