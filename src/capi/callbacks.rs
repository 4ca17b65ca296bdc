//! The caller's callbacks: the C typedefs (`tsc_progress_fn`, `tsc_read_fn`, `tsc_write_fn`),
//! their return values (`tsc_cb`), the adapters that turn them into Rust closures, readers and
//! writers, and the reentrancy guard: while a callback runs, a thread-local marker holds the
//! stack address of the frame that called it, and [`check_not_in_callback`] (called wherever a
//! request function takes its server handle) refuses blocking calls from inside it with
//! `TSC_STATUS_INVALID_ARGUMENT` instead of deadlocking.
//!
//! Callbacks must return normally: no C++ exception, no `longjmp` across the library. One that
//! leaves by `longjmp` anyway skips the code that clears the marker; the next request from that
//! thread sees that its stack is no longer below the marker (stacks grow down on every platform
//! libtsc supports), so the callback's frame is gone, and clears it instead of refusing the call
//! forever. Memory and connections of the abandoned call are lost; nothing else is.
//!
//! Transfer callbacks run synchronously on the thread that made the call, only during that call,
//! and are never retained (the log callback of `capi/trace.rs` is the one retained callback).

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
    /// The stack address of the frame running a callback on this thread, or 0.
    static IN_CALLBACK: Cell<usize> = const { Cell::new(0) };
}

/// The address of a local variable: where the current frame is on the stack.
macro_rules! stack_here {
    () => {{
        let probe = 0u8;
        std::hint::black_box(&probe) as *const u8 as usize
    }};
}

/// Restores the marker even if the body unwinds.
struct Guard(usize);

impl Drop for Guard {
    fn drop(&mut self) {
        IN_CALLBACK.with(|f| f.set(self.0));
    }
}

/// Runs `f` (which calls into the caller's code) with the "inside a callback" marker set.
#[inline(never)]
pub(crate) fn invoke<T>(f: impl FnOnce() -> T) -> T {
    let here = stack_here!();
    let _restore = Guard(IN_CALLBACK.with(|c| c.replace(here)));
    f()
}

/// Fails when called from inside a callback running on this thread; clears a marker that a
/// callback which left by `longjmp` left behind.
#[inline(never)]
pub(crate) fn check_not_in_callback() -> Result<()> {
    let marker = IN_CALLBACK.with(Cell::get);
    if marker == 0 {
        return Ok(());
    }
    if stack_here!() < marker {
        return Err(Error::invalid(
            "called from inside a progress, read, write or log callback: a callback may only read items and cancel tokens; make requests after the call returns",
        ));
    }
    IN_CALLBACK.with(|c| c.set(0));
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

    /// Sets the marker from `depth` frames of 4 KiB further down the stack and returns without
    /// clearing it, as a callback that left by longjmp would.
    #[inline(never)]
    fn abandon_marker(depth: u32) {
        let pad = std::hint::black_box([0u8; 4096]);
        if depth > 0 {
            abandon_marker(depth - 1);
        } else {
            IN_CALLBACK.with(|c| c.set(std::hint::black_box(&pad) as *const _ as usize));
        }
    }

    #[test]
    fn a_marker_left_behind_by_longjmp_is_cleared() {
        abandon_marker(8);
        assert!(check_not_in_callback().is_ok());
        assert_eq!(IN_CALLBACK.with(Cell::get), 0);
    }
}
