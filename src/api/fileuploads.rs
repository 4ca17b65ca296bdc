//! `server.file_uploads()` (Python `server.fileuploads`): upload sessions for callers who stream
//! their own uploads. `initiate` opens a session and gives its id; `append` streams one chunk
//! (a file, or `size` bytes of a reader) into it as one `PUT`. The publish calls use the same
//! requests internally (`file_uploads.rs`) for files of 64 MiB and more.

use crate::api::file_uploads;
use crate::error::Result;
use crate::server::Server;
use crate::transport::progress::Tracker;
use crate::transport::{Source, TransferOptions};

/// `server.file_uploads()`.
pub struct FileUploads<'a> {
    server: &'a Server,
}

impl Server {
    /// The upload-session endpoints.
    pub fn file_uploads(&self) -> FileUploads<'_> {
        FileUploads { server: self }
    }
}

impl FileUploads<'_> {
    /// Opens an upload session (`POST fileUploads`); returns its id (`uploadSessionId`).
    pub fn initiate(&self) -> Result<String> {
        file_uploads::initiate(self.server)
    }

    /// Appends the whole of `source` to the session `upload_id` as one chunk (`PUT
    /// fileUploads/{id}`), with `transfer`'s progress callback and cancel token.
    pub fn append(
        &self,
        upload_id: &str,
        source: Source<'_>,
        transfer: &mut TransferOptions<'_>,
    ) -> Result<()> {
        let id = crate::api::require_id(upload_id, "Upload session ID undefined.")?;
        let mut src = source.open()?;
        let mut tracker = Tracker::new(transfer, Some(src.size));
        tracker.report()?;
        file_uploads::append(
            self.server,
            id,
            &mut src.reader,
            src.size,
            &src.what,
            &mut tracker,
        )?;
        tracker.check()
    }
}
