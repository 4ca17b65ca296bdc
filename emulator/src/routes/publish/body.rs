//! The publish request itself: query parameters (`Options`), the streaming `multipart/mixed`
//! body (payload into memory, file part to `incoming/` under the single-request limit) and the
//! file type.

use crate::content::FileKind;
use crate::errors::ApiError;
use crate::files::{self, Guarded};
use crate::query::Query;
use crate::router::{Ctx, Request};
use crate::xml::Element;

use super::Target;

/// Largest `request_payload` part.
const MAX_PAYLOAD: usize = 16 * 1024 * 1024;

/// The query parameters of a publish request.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub overwrite: bool,
    pub append: bool,
    pub as_job: bool,
    /// `workbookType` / `datasourceType`, as sent.
    pub file_type: Option<String>,
    pub session: Option<String>,
}

impl Options {
    pub fn parse(q: &Query, target: Target) -> Result<Options, ApiError> {
        let flag = |k: &str| q.bool(k).map(|v| v.unwrap_or(false));
        let overwrite = flag("overwrite")?;
        // TSC sends `replace=true` for PublishMode.Replace: the data is replaced, as with
        // an overwrite. `createnew=true` is the default mode.
        let replace = flag("replace")?;
        let _ = flag("createnew")?;
        let append = target == Target::Datasource && flag("append")?;
        if append && (overwrite || replace) {
            return Err(ApiError::new(
                400055,
                "The overwrite and append parameters cannot both be true.",
            )
            .with_summary("Incompatible overwrite and append values"));
        }
        Ok(Options {
            overwrite: overwrite || replace,
            append,
            as_job: flag("asJob")?,
            file_type: q
                .get_ci(target.type_param())
                .filter(|s| !s.is_empty())
                .map(str::to_string),
            session: q
                .get_ci("uploadSessionId")
                .filter(|s| !s.is_empty())
                .map(str::to_string),
        })
    }
}

/// The file part of a single-request publish, streamed to `incoming/`.
pub(super) struct Upload {
    pub(super) file: Guarded,
    pub(super) filename: Option<String>,
}

/// Reads the multipart body: the payload into memory, the file (if any) to disk.
pub(super) fn receive_body(
    ctx: &Ctx,
    req: &mut Request,
    target: Target,
    opts: &Options,
) -> Result<(Element, Option<Upload>), ApiError> {
    let limit = ctx.shared.config.max_publish_bytes;
    let incoming = files::incoming_dir(&ctx.site_dir(&ctx.auth().site_id));
    let mut mp = req.multipart()?;
    let mut payload: Option<(Option<String>, Vec<u8>)> = None;
    let mut upload: Option<Upload> = None;
    while let Some(part) = mp.next_part()? {
        let name = part.name.as_deref().unwrap_or("");
        if name == "request_payload" {
            if payload.is_some() {
                return Err(ApiError::bad_request(
                    "The request contains more than one request_payload part.",
                ));
            }
            payload = Some((part.content_type.clone(), mp.read_to_vec(MAX_PAYLOAD)?));
        } else if name == target.file_part() {
            if opts.session.is_some() {
                return Err(target.unexpected_attachment(
                    "The request has both an uploadSessionId parameter and a file attachment.",
                ));
            }
            if upload.is_some() {
                return Err(target
                    .unexpected_attachment("The request contains more than one file attachment."));
            }
            let (guard, mut file) = Guarded::create(&incoming, "part").map_err(|e| {
                ApiError::internal(format!("Could not store the uploaded file: {e}"))
            })?;
            mp.copy_to_limited(&mut file, limit, &|| too_large(limit))?;
            upload = Some(Upload {
                file: guard,
                filename: part.filename.clone(),
            });
        } else {
            return Err(ApiError::bad_request(format!(
                "Unexpected part '{name}' in the multipart body; a publish request has a request_payload part and, unless it commits an upload session, a {} part.",
                target.file_part()
            )));
        }
    }
    let (payload_type, payload) = payload
        .ok_or_else(|| ApiError::bad_request("The multipart body has no request_payload part."))?;
    if payload.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ApiError::bad_request(
            "The request_payload part is empty; it must hold a <tsRequest> document.",
        ));
    }
    let doc = crate::router::parse_document(payload_type.as_deref(), &payload)?;
    let el = crate::routes::payload(&doc, target.element())?.clone();
    if upload.is_none() && opts.session.is_none() {
        return Err(ApiError::bad_request(format!(
            "There is no {} attachment in the request and no uploadSessionId parameter.",
            target.file_part()
        ))
        .with_summary(match target {
            Target::Workbook => "Missing workbook",
            Target::Datasource => "Missing data source",
        }));
    }
    Ok((el, upload))
}

/// 400016 for a single request whose file part is larger than the limit.
pub fn too_large(limit: u64) -> ApiError {
    ApiError::new(
        400016,
        format!(
            "The file in this request is larger than {} MB ({limit} bytes), the maximum size of a file published in one request. Publish it in parts: POST fileUploads, PUT fileUploads/{{id}} for each part, then publish with uploadSessionId.",
            limit / (1024 * 1024)
        ),
    )
}

/// The file type: from the file name of a single request, from the type parameter when
/// committing an upload session.
pub(super) fn file_kind(
    target: Target,
    opts: &Options,
    upload: Option<&Upload>,
) -> Result<FileKind, ApiError> {
    let from_param = || {
        opts.file_type
            .as_deref()
            .and_then(FileKind::from_extension)
            .filter(|k| target.accepts(*k))
    };
    match upload {
        None => from_param().ok_or_else(|| target.bad_type(opts.file_type.as_deref())),
        Some(u) => match u.filename.as_deref().filter(|f| !f.is_empty()) {
            Some(f) => FileKind::from_file_name(f)
                .filter(|k| target.accepts(*k))
                .ok_or_else(|| target.bad_file_name(f)),
            None => from_param().ok_or_else(|| target.bad_file_name("")),
        },
    }
}
