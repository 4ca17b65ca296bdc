//! The caller's callbacks: the C typedefs (`tsc_progress_fn`, `tsc_read_fn`, `tsc_write_fn`),
//! their return values (`tsc_cb`), the adapters that turn them into Rust closures, readers and
//! writers, and the reentrancy guard: while a callback runs, a thread-local flag is set, and
//! [`check_not_in_callback`] (called wherever a request function takes its server handle) refuses
//! blocking calls from inside it with `TSC_STATUS_INVALID_ARGUMENT` instead of deadlocking.
//!
//! Callbacks run synchronously on the thread that made the call, only during that call, and are
//! never retained.

use crate::error::{Error, Result};
use crate::transport::progress::aborted;
use std::cell::Cell;
use std::ffi::c_void;
use std::io;
use std::ops::ControlFlow;

/// What a callback returns: `TSC_CB_CONTINUE` (0) to go on; any other value stops the transfer
/// with `TSC_STATUS_ABORTED_BY_CALLBACK`, and `tsc_error_callback_code` gives that value back
/// (`TSC_CB_ABORT` is a ready-made one).
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum tsc_cb {
    /// Go on.
    Continue = 0,
    /// Stop the transfer.
    Abort = 1,
}

/// Progress of a transfer: `done` bytes so far out of `total` (-1 when unknown). Called once at
/// the start (done = 0), then as blocks of data move (about every 128 KiB), the last time with
/// done = total. Return 0 to continue, non-zero to abort. Runs on the calling thread, during the
/// call only; it may call read-only getters and `tsc_cancel_token_cancel`, but a libtsc function
/// that makes requests fails with `TSC_STATUS_INVALID_ARGUMENT` there.
pub type tsc_progress_fn =
    Option<unsafe extern "C" fn(userdata: *mut c_void, done: u64, total: i64) -> i32>;

/// Supplies the bytes of a publish: copy at most `cap` bytes into `buf`, set `*out_len` to how
/// many, return 0. `*out_len = 0` means end of data (before the announced size, that is an
/// error). A non-zero return aborts the publish. Runs on the calling thread, during the call only;
/// the same restrictions as for `tsc_progress_fn` apply.
pub type tsc_read_fn = Option<
    unsafe extern "C" fn(
        userdata: *mut c_void,
        buf: *mut u8,
        cap: usize,
        out_len: *mut usize,
    ) -> i32,
>;

/// Receives the bytes of a download, in order: consume all `len` bytes at `data` (valid only
/// during the call) and return 0; a non-zero return aborts the download. Runs on the calling
/// thread, during the call only; the same restrictions as for `tsc_progress_fn` apply.
pub type tsc_write_fn =
    Option<unsafe extern "C" fn(userdata: *mut c_void, data: *const u8, len: usize) -> i32>;

thread_local! {
    static IN_CALLBACK: Cell<bool> = const { Cell::new(false) };
}

/// Restores the flag even if the body unwinds.
struct Guard(bool);

impl Drop for Guard {
    fn drop(&mut self) {
        IN_CALLBACK.with(|f| f.set(self.0));
    }
}

/// Runs `f` (which calls into the caller's code) with the "inside a callback" flag set.
pub(crate) fn invoke<T>(f: impl FnOnce() -> T) -> T {
    let _restore = Guard(IN_CALLBACK.with(|c| c.replace(true)));
    f()
}

/// Fails when called from inside a callback of a transfer running on this thread.
pub(crate) fn check_not_in_callback() -> Result<()> {
    if IN_CALLBACK.with(Cell::get) {
        return Err(Error::invalid(
            "called from inside a progress, read or write callback: a callback may only read items and cancel tokens; make requests after the transfer returns",
        ));
    }
    Ok(())
}

/// The progress closure for a C callback.
pub(crate) fn progress_closure(
    f: unsafe extern "C" fn(*mut c_void, u64, i64) -> i32,
    userdata: *mut c_void,
) -> impl FnMut(u64, Option<u64>) -> ControlFlow<i32> {
    move |done, total| {
        let total = total.map_or(-1, |t| i64::try_from(t).unwrap_or(i64::MAX));
        // SAFETY: f is the caller's callback, called with its own userdata (documented contract).
        match invoke(|| unsafe { f(userdata, done, total) }) {
            0 => ControlFlow::Continue(()),
            code => ControlFlow::Break(code),
        }
    }
}

/// A `Read` over a `tsc_read_fn`.
pub(crate) struct CallbackReader {
    pub f: unsafe extern "C" fn(*mut c_void, *mut u8, usize, *mut usize) -> i32,
    pub userdata: *mut c_void,
}

impl io::Read for CallbackReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let mut n = 0usize;
        // SAFETY: buf is writable for buf.len() bytes and n is a valid out pointer for the call.
        let rc = invoke(|| unsafe { (self.f)(self.userdata, buf.as_mut_ptr(), buf.len(), &mut n) });
        if rc != 0 {
            return Err(io::Error::other(aborted("read", rc)));
        }
        if n > buf.len() {
            return Err(io::Error::other(Error::invalid(format!(
                "the read callback reported {n} bytes for a buffer of {}",
                buf.len()
            ))));
        }
        Ok(n)
    }
}

/// A `Write` over a `tsc_write_fn`.
pub(crate) struct CallbackWriter {
    pub f: unsafe extern "C" fn(*mut c_void, *const u8, usize) -> i32,
    pub userdata: *mut c_void,
}

impl io::Write for CallbackWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        // SAFETY: buf is readable for buf.len() bytes during the call.
        let rc = invoke(|| unsafe { (self.f)(self.userdata, buf.as_ptr(), buf.len()) });
        if rc != 0 {
            return Err(io::Error::other(aborted("write", rc)));
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_flag_is_set_only_inside_callbacks() {
        assert!(check_not_in_callback().is_ok());
        invoke(|| {
            assert!(check_not_in_callback().is_err());
            invoke(|| assert!(check_not_in_callback().is_err()));
            assert!(check_not_in_callback().is_err());
        });
        assert!(check_not_in_callback().is_ok());
    }
}
