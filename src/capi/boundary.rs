//! The panic and error boundary every exported function goes through: checks `err`, runs the body
//! under `catch_unwind`, turns an [`Error`] or a panic into a status and an error object. Argument
//! helpers turn NULL pointers and invalid UTF-8 into errors naming the argument.

use crate::capi::error::tsc_error;
use crate::error::{tsc_status, Error, Result, Status};
use std::ffi::{c_char, CStr};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, Ordering};

static INJECT_PANIC: AtomicBool = AtomicBool::new(false);

/// Test hook: the next call through the boundary panics inside its body. Not part of the C API.
#[doc(hidden)]
pub fn inject_panic_once() {
    INJECT_PANIC.store(true, Ordering::SeqCst);
}

fn panic_text(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string())
}

/// Runs a fallible body for the exported function `name`.
pub(crate) fn call(
    name: &'static str,
    err: *mut *mut tsc_error,
    body: impl FnOnce() -> Result<()>,
) -> tsc_status {
    // SAFETY: a non-NULL err must point to a readable tsc_error* (documented contract).
    // The earlier error stays where it is: the caller still owns it and must free it.
    if !err.is_null() && unsafe { !(*err).is_null() } {
        return Status::ErrorNotCleared;
    }
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        if INJECT_PANIC.swap(false, Ordering::SeqCst) {
            panic!("injected test panic");
        }
        body()
    }));
    let error = match outcome {
        Ok(Ok(())) => return Status::Ok,
        Ok(Err(e)) => e.context(name),
        Err(payload) => Error::new(
            Status::Panic,
            format!(
                "{name}: internal error (panic: {}); please report it",
                panic_text(&*payload)
            ),
        ),
    };
    let status = error.status();
    if !err.is_null() {
        let boxed = Box::into_raw(Box::new(tsc_error::new(error)));
        // SAFETY: err is non-NULL and writable (documented contract).
        unsafe { *err = boxed };
    }
    status
}

/// Runs an infallible body (a getter); a panic gives `sentinel`.
pub(crate) fn getter<T>(sentinel: T, body: impl FnOnce() -> T) -> T {
    catch_unwind(AssertUnwindSafe(body)).unwrap_or(sentinel)
}

/// The error of a required pointer argument that is NULL.
pub(crate) fn null(name: &str) -> Error {
    Error::new(Status::NullArgument, format!("argument '{name}' is NULL"))
}

/// A required string argument.
pub(crate) fn arg_str<'a>(p: *const c_char, name: &str) -> Result<&'a str> {
    arg_opt_str(p, name)?.ok_or_else(|| null(name))
}

/// An optional string argument (NULL = None).
pub(crate) fn arg_opt_str<'a>(p: *const c_char, name: &str) -> Result<Option<&'a str>> {
    if p.is_null() {
        return Ok(None);
    }
    // SAFETY: non-NULL string arguments must be NUL-terminated (documented contract).
    let bytes = unsafe { CStr::from_ptr(p) }.to_bytes();
    std::str::from_utf8(bytes).map(Some).map_err(|e| {
        Error::new(
            Status::InvalidUtf8,
            format!(
                "argument '{name}' is not valid UTF-8 (invalid byte at offset {})",
                e.valid_up_to()
            ),
        )
    })
}

/// A 0/1 flag argument; other values give `InvalidArgument`.
pub(crate) fn arg_flag(v: i32, name: &str) -> Result<bool> {
    match v {
        0 => Ok(false),
        1 => Ok(true),
        v => Err(Error::invalid(format!(
            "argument '{name}' must be 0 or 1, not {v}"
        ))),
    }
}

/// An array of `count` required strings (`values[i]` named in errors); NULL only with a
/// `count` of 0 (an empty array, as C++'s and Go's empty vectors pass it).
pub(crate) fn arg_str_array<'a>(
    values: *const *const c_char,
    count: usize,
    name: &str,
) -> Result<Vec<&'a str>> {
    if values.is_null() {
        return if count == 0 {
            Ok(Vec::new())
        } else {
            Err(null(name))
        };
    }
    // SAFETY: a non-NULL array holds `count` string pointers (documented contract).
    let ptrs = unsafe { std::slice::from_raw_parts(values, count) };
    ptrs.iter()
        .enumerate()
        .map(|(i, p)| arg_str(*p, &format!("{name}[{i}]")))
        .collect()
}

/// A required handle argument, shared.
pub(crate) fn arg_ref<'a, T>(p: *const T, name: &str) -> Result<&'a T> {
    // SAFETY: non-NULL handles must be live pointers from this library (documented contract).
    unsafe { p.as_ref() }.ok_or_else(|| null(name))
}

/// A required handle argument, exclusive.
pub(crate) fn arg_mut<'a, T>(p: *mut T, name: &str) -> Result<&'a mut T> {
    // SAFETY: as arg_ref, and the caller gives exclusive access (documented contract).
    unsafe { p.as_mut() }.ok_or_else(|| null(name))
}

/// An optional handle argument (NULL = None).
pub(crate) fn arg_opt_ref<'a, T>(p: *const T) -> Option<&'a T> {
    // SAFETY: a non-NULL handle is a live pointer from this library (documented contract).
    unsafe { p.as_ref() }
}

/// Checks an output pointer before any work is done.
pub(crate) fn arg_out<T>(p: *mut T, name: &str) -> Result<*mut T> {
    if p.is_null() {
        Err(null(name))
    } else {
        Ok(p)
    }
}

/// Writes a result through a checked output pointer (only ever on success).
pub(crate) fn put<T>(out: *mut T, value: T) -> Result<()> {
    // SAFETY: out was checked non-NULL by arg_out and points to writable memory (contract).
    unsafe { out.write(value) };
    Ok(())
}

/// Writes a boxed handle through a checked output pointer.
pub(crate) fn put_box<T>(out: *mut *mut T, value: T) -> Result<()> {
    put(out, Box::into_raw(Box::new(value)))
}

/// Writes an owned string (or NULL for `None`) through a checked output pointer.
pub(crate) fn put_owned_str(out: *mut *mut c_char, value: Option<String>) -> Result<()> {
    put(
        out,
        value.map_or(std::ptr::null_mut(), |v| crate::capi::strings::owned(&v)),
    )
}

/// Replaces a handle's builder-style value with what `f` makes of a copy of it; on error the
/// value stays as it was (the options, credentials and publish settings setters).
pub(crate) fn rebuild<T: Clone>(value: &mut T, f: impl FnOnce(T) -> Result<T>) -> Result<()> {
    *value = f(value.clone())?;
    Ok(())
}

/// Frees a boxed handle (NULL ignored).
pub(crate) fn free_box<T>(p: *mut T) {
    if !p.is_null() {
        // SAFETY: p came from Box::into_raw in this library and is freed once (contract).
        drop(unsafe { Box::from_raw(p) });
    }
}
