//! Progress and cancellation of transfers: the caller's [`TransferOptions`] (progress callback,
//! [`CancelToken`], chunk size, single-request limit, extract flag) and the per-transfer
//! [`Tracker`] that counts bytes, reports them and stops the transfer when asked to.
//!
//! An abort or a cancel is an [`Error`] with `AbortedByCallback` or `Cancelled`. Inside ureq it
//! travels as an `io::Error` wrapping that `Error` (see [`Tracker::io`]); `transport_error`
//! unwraps it again, so the caller sees the original status and callback code.

use crate::error::{Error, Result, Status};
use std::io::{self, Read};
use std::ops::ControlFlow;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// Largest file sent in one request; larger files go through an upload session (Tableau's limit).
pub const TSC_MAX_SINGLE_REQUEST: u64 = 64 * 1024 * 1024;
/// Default size of one upload-session chunk (see `tsc_transfer_options_set_chunk_size`).
pub const TSC_DEFAULT_CHUNK_SIZE: u64 = 8 * 1024 * 1024;
/// Smallest chunk size `tsc_transfer_options_set_chunk_size` accepts.
pub const TSC_MIN_CHUNK_SIZE: u64 = 64 * 1024;
/// Largest chunk size `tsc_transfer_options_set_chunk_size` accepts (Tableau refuses larger
/// appends).
pub const TSC_MAX_CHUNK_SIZE: u64 = 64 * 1024 * 1024;
/// Tableau accepts at most this many appends per upload session; chunks grow to stay under it.
pub const TSC_MAX_UPLOAD_CHUNKS: u64 = 1000;

/// A thread-safe cancel switch: clone it into a transfer's options, call [`CancelToken::cancel`]
/// from any thread, and the transfer stops with `Status::Cancelled` at its next block of data.
#[derive(Clone, Debug, Default)]
pub struct CancelToken(Arc<AtomicBool>);

impl CancelToken {
    /// A token that is not cancelled.
    pub fn new() -> CancelToken {
        CancelToken::default()
    }

    /// Cancels every transfer using this token (now and later). Cannot be undone.
    pub fn cancel(&self) {
        self.0.store(true, Ordering::SeqCst);
    }

    /// Whether [`cancel`](Self::cancel) was called.
    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }
}

/// The progress callback: `(bytes done, total bytes if known)`; `Break(code)` aborts the transfer
/// with `Status::AbortedByCallback` and `code` kept in the error (use a non-zero code).
pub type ProgressFn<'a> = dyn FnMut(u64, Option<u64>) -> ControlFlow<i32> + 'a;

/// How a transfer (publish or download) reports progress and can be stopped.
pub struct TransferOptions<'a> {
    pub(crate) progress: Option<Box<ProgressFn<'a>>>,
    pub(crate) cancel: Option<CancelToken>,
    pub(crate) chunk_size: u64,
    pub(crate) single_request_limit: u64,
    pub(crate) include_extract: bool,
}

impl Default for TransferOptions<'_> {
    fn default() -> Self {
        TransferOptions {
            progress: None,
            cancel: None,
            chunk_size: TSC_DEFAULT_CHUNK_SIZE,
            single_request_limit: TSC_MAX_SINGLE_REQUEST,
            include_extract: true,
        }
    }
}

impl std::fmt::Debug for TransferOptions<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TransferOptions")
            .field("progress", &self.progress.is_some())
            .field("cancel", &self.cancel)
            .field("chunk_size", &self.chunk_size)
            .field("single_request_limit", &self.single_request_limit)
            .field("include_extract", &self.include_extract)
            .finish()
    }
}

impl<'a> TransferOptions<'a> {
    /// Defaults: no progress, no cancel token, 8 MiB chunks, one request below 64 MiB, extracts
    /// included in downloads.
    pub fn new() -> TransferOptions<'a> {
        TransferOptions::default()
    }

    /// Calls `f(done, total)` as bytes move (synchronously, on the calling thread).
    pub fn progress(mut self, f: impl FnMut(u64, Option<u64>) -> ControlFlow<i32> + 'a) -> Self {
        self.progress = Some(Box::new(f));
        self
    }

    /// Stops the transfer when `token` is cancelled.
    pub fn cancel_token(mut self, token: &CancelToken) -> Self {
        self.cancel = Some(token.clone());
        self
    }

    /// Size of each upload-session chunk, [`TSC_MIN_CHUNK_SIZE`] to [`TSC_MAX_CHUNK_SIZE`] bytes. Chunks
    /// are streamed from the file, so this does not change how much memory a publish uses.
    pub fn chunk_size(mut self, bytes: u64) -> Result<Self> {
        if !(TSC_MIN_CHUNK_SIZE..=TSC_MAX_CHUNK_SIZE).contains(&bytes) {
            return Err(Error::invalid(format!(
                "chunk size {bytes} is out of range: use {TSC_MIN_CHUNK_SIZE} to {TSC_MAX_CHUNK_SIZE} bytes"
            )));
        }
        self.chunk_size = bytes;
        Ok(self)
    }

    /// Files of this size and more go through an upload session; smaller ones in one request.
    /// 0 to [`TSC_MAX_SINGLE_REQUEST`] (the default); 0 always uses an upload session.
    pub fn single_request_limit(mut self, bytes: u64) -> Result<Self> {
        if bytes > TSC_MAX_SINGLE_REQUEST {
            return Err(Error::invalid(format!(
                "single-request limit {bytes} is too large: Tableau accepts at most {TSC_MAX_SINGLE_REQUEST} bytes in one publish request"
            )));
        }
        self.single_request_limit = bytes;
        Ok(self)
    }

    /// Whether downloads include the extract (default true; false sends `includeExtract=false`).
    pub fn include_extract(mut self, yes: bool) -> Self {
        self.include_extract = yes;
        self
    }

    /// The chunk size to use for a file of `size` bytes: the configured one, raised when needed
    /// to stay within Tableau's [`TSC_MAX_UPLOAD_CHUNKS`] appends per session.
    pub(crate) fn effective_chunk_size(&self, size: u64) -> u64 {
        self.chunk_size
            .max(size.div_ceil(TSC_MAX_UPLOAD_CHUNKS))
            .min(TSC_MAX_CHUNK_SIZE)
    }
}

/// The error for a cancelled transfer.
pub(crate) fn cancelled() -> Error {
    Error::new(
        Status::Cancelled,
        "the transfer was cancelled through its cancel token",
    )
}

/// The error for a callback that returned `code` to stop.
pub(crate) fn aborted(what: &str, code: i32) -> Error {
    Error::new(
        Status::AbortedByCallback,
        format!("the {what} callback returned {code}: transfer aborted"),
    )
    .with_callback_code(code)
}

/// Counts the bytes of one transfer, reports them and enforces cancellation.
pub(crate) struct Tracker<'o, 'a> {
    opts: &'o mut TransferOptions<'a>,
    done: u64,
    total: Option<u64>,
}

impl<'o, 'a> Tracker<'o, 'a> {
    /// A tracker for a transfer of `total` bytes (None: unknown). Reports nothing yet.
    pub(crate) fn new(opts: &'o mut TransferOptions<'a>, total: Option<u64>) -> Self {
        Tracker {
            opts,
            done: 0,
            total,
        }
    }

    /// The options the tracker runs under.
    pub(crate) fn options(&self) -> &TransferOptions<'a> {
        self.opts
    }

    /// Sets the total once it is known (a download's Content-Length).
    pub(crate) fn set_total(&mut self, total: Option<u64>) {
        self.total = total;
    }

    /// Bytes counted so far.
    pub(crate) fn done(&self) -> u64 {
        self.done
    }

    /// Fails with `Cancelled` if the token was cancelled.
    pub(crate) fn check(&self) -> Result<()> {
        match &self.opts.cancel {
            Some(t) if t.is_cancelled() => Err(cancelled()),
            _ => Ok(()),
        }
    }

    /// Reports the current count (without adding to it), after checking for cancellation.
    pub(crate) fn report(&mut self) -> Result<()> {
        self.check()?;
        if let Some(f) = self.opts.progress.as_mut() {
            if let ControlFlow::Break(code) = f(self.done, self.total) {
                return Err(aborted("progress", code));
            }
        }
        Ok(())
    }

    /// Counts `n` more bytes and reports them.
    pub(crate) fn advance(&mut self, n: u64) -> Result<()> {
        self.done += n;
        self.report()
    }

    /// An [`Error`] carried through an `io::Error`, for readers and writers ureq drives.
    pub(crate) fn io(e: Error) -> io::Error {
        io::Error::other(e)
    }
}

/// A reader that counts what it yields on a [`Tracker`] (progress, cancel) and yields exactly
/// `len` bytes of `inner`: fewer is an error naming `what`, more is never read.
pub(crate) struct TrackedReader<'t, 'o, 'a, R> {
    inner: R,
    remaining: u64,
    len: u64,
    what: &'t str,
    tracker: &'t mut Tracker<'o, 'a>,
}

impl<'t, 'o, 'a, R: Read> TrackedReader<'t, 'o, 'a, R> {
    pub(crate) fn new(inner: R, len: u64, what: &'t str, tracker: &'t mut Tracker<'o, 'a>) -> Self {
        TrackedReader {
            inner,
            remaining: len,
            len,
            what,
            tracker,
        }
    }
}

impl<R: Read> Read for TrackedReader<'_, '_, '_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.remaining == 0 || buf.is_empty() {
            return Ok(0);
        }
        self.tracker.check().map_err(Tracker::io)?;
        let cap = buf
            .len()
            .min(usize::try_from(self.remaining).unwrap_or(usize::MAX));
        let n = loop {
            match self.inner.read(&mut buf[..cap]) {
                Ok(n) => break n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(source_error(e, self.what)),
            }
        };
        if n == 0 {
            let got = self.len - self.remaining;
            return Err(Tracker::io(Error::new(
                Status::File,
                format!(
                    "{} ended after {got} of the {} bytes announced",
                    self.what, self.len
                ),
            )));
        }
        self.remaining -= n as u64;
        self.tracker.advance(n as u64).map_err(Tracker::io)?;
        Ok(n)
    }
}

/// A read error of the source: our own error (a read callback's abort) as is, else a file error.
fn source_error(e: io::Error, what: &str) -> io::Error {
    if e.get_ref().is_some_and(|i| i.is::<Error>()) {
        return e;
    }
    Tracker::io(Error::new(Status::File, format!("cannot read {what}: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_validate_and_chunks_grow_for_huge_files() {
        assert!(TransferOptions::new().chunk_size(1).is_err());
        assert!(TransferOptions::new()
            .chunk_size(TSC_MAX_CHUNK_SIZE + 1)
            .is_err());
        assert!(TransferOptions::new()
            .single_request_limit(TSC_MAX_SINGLE_REQUEST + 1)
            .is_err());
        let o = TransferOptions::new()
            .chunk_size(TSC_MIN_CHUNK_SIZE)
            .unwrap();
        assert_eq!(o.effective_chunk_size(10 * 1024 * 1024), TSC_MIN_CHUNK_SIZE);
        // 20 GiB in at most 1000 chunks
        let big = 20 * 1024 * 1024 * 1024;
        let c = o.effective_chunk_size(big);
        assert!(big.div_ceil(c) <= TSC_MAX_UPLOAD_CHUNKS);
        assert_eq!(
            TransferOptions::new().effective_chunk_size(1 << 50),
            TSC_MAX_CHUNK_SIZE
        );
    }

    #[test]
    fn tracked_reader_reports_cancels_and_checks_length() {
        let mut seen = Vec::new();
        let mut opts = TransferOptions::new().progress(|d, t| {
            seen.push((d, t));
            ControlFlow::Continue(())
        });
        let mut t = Tracker::new(&mut opts, Some(5));
        let mut out = Vec::new();
        TrackedReader::new(&b"hello world"[..], 5, "the file", &mut t)
            .read_to_end(&mut out)
            .unwrap();
        assert_eq!(out, b"hello");
        drop(opts);
        assert_eq!(seen.last(), Some(&(5, Some(5))));

        let mut opts = TransferOptions::new();
        let mut t = Tracker::new(&mut opts, Some(10));
        let e = TrackedReader::new(&b"short"[..], 10, "the file", &mut t)
            .read_to_end(&mut Vec::new())
            .unwrap_err();
        let inner = e.get_ref().unwrap().downcast_ref::<Error>().unwrap();
        assert_eq!(inner.status(), Status::File);
        assert!(inner.message().contains("after 5 of the 10 bytes"));

        let token = CancelToken::new();
        token.cancel();
        let mut opts = TransferOptions::new().cancel_token(&token);
        let mut t = Tracker::new(&mut opts, None);
        let e = TrackedReader::new(&b"abc"[..], 3, "x", &mut t)
            .read(&mut [0u8; 3])
            .unwrap_err();
        let inner = e.get_ref().unwrap().downcast_ref::<Error>().unwrap();
        assert_eq!(inner.status(), Status::Cancelled);

        let mut opts = TransferOptions::new().progress(|_, _| ControlFlow::Break(42));
        let mut t = Tracker::new(&mut opts, None);
        let e = t.advance(1).unwrap_err();
        assert_eq!(e.status(), Status::AbortedByCallback);
        assert_eq!(e.callback_code(), 42);
    }
}
