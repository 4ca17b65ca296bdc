//! File uploads (`/api/{v}/sites/{site}/fileUploads`): the upload session a file too large for
//! one publish request goes through. `initiate` opens a session, `append` streams one chunk into
//! it; the publish call that names the session (`uploadSessionId`) commits it. A session that is
//! never committed publishes nothing (Tableau discards it). [`FileUploads`]
//! (`server.file_uploads()`, Python `server.fileuploads`) is the same pair for callers who
//! stream their own uploads: `append` there streams a whole file or `size` bytes of a reader as
//! one chunk.

use crate::error::{Error, Result, Status};
use crate::server::Server;
use crate::transport::progress::Tracker;
use crate::transport::upload::UploadBody;
use crate::transport::{Method, Source, TransferOptions};
use crate::xml;
use std::io::Read;

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
        initiate(self.server)
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
        append(
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

/// Opens an upload session; returns its id (`uploadSessionId`).
pub(crate) fn initiate(server: &Server) -> Result<String> {
    let url = server.site_url()?.0.path("fileUploads");
    let label = format!("POST {}", url.clone().build());
    let body = server.send(Method::Post, url, Some(Vec::new()))?;
    session_id(&body, &label)
}

/// Appends the next `len` bytes of `reader` to the session (one `PUT` with a multipart body: an
/// empty `request_payload` and the `tableau_file` part, streamed).
pub(crate) fn append(
    server: &Server,
    session: &str,
    reader: &mut dyn Read,
    len: u64,
    what: &str,
    tracker: &mut Tracker<'_, '_>,
) -> Result<()> {
    let url = server.site_url()?.0.path("fileUploads").segment(session);
    let label = format!("PUT {}", url.clone().build());
    let mut body = UploadBody::new(b"", "tableau_file", "file", reader, len, what, tracker);
    let ct = body.content_type().to_string();
    let n = body.len();
    let reply = server.send_stream(Method::Put, url, &ct, body.reader(), n)?;
    session_id(&reply, &label).map(|_| ())
}

/// `uploadSessionId` of the reply's `<fileUpload>`.
pub(crate) fn session_id(body: &[u8], label: &str) -> Result<String> {
    let reply = xml::parse_reply(body, label)?;
    reply
        .expect("fileUpload", label)?
        .attribute("uploadSessionId")
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .ok_or_else(|| {
            Error::new(
                Status::Protocol,
                format!(
                    "{}: the reply's <fileUpload> has no uploadSessionId",
                    crate::error::echo(label)
                ),
            )
        })
}
