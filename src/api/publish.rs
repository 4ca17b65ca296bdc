//! Publishing a workbook or data source, written once for both kinds: checks before any request
//! (file, extension, mode, options), then either one streamed `multipart/mixed` POST (files under
//! the single-request limit, 64 MiB by default) or an upload session (initiate, one streamed PUT
//! per chunk, then the publish POST naming the session, with no file part). A failed, aborted or
//! cancelled upload never reaches that final POST, so nothing is committed.

use crate::api::file_uploads;
use crate::api::publish_rules::PublishRules;
use crate::error::{Error, Result};
use crate::models::{Job, Model, PublishMode, PublishOptions};
use crate::server::Server;
use crate::transport::multipart::Multipart;
use crate::transport::progress::Tracker;
use crate::transport::upload::{OpenSource, UploadBody};
use crate::transport::{Method, Source, TransferOptions, UrlBuilder};
use crate::xml;

/// What a publish returns: the item, or the job publishing it (`as_job`).
#[derive(Clone, Debug)]
pub enum Published<T> {
    /// The published item, as the server stored it.
    Item(T),
    /// The asynchronous job that publishes it (boxed: a job has many fields).
    Job(Box<Job>),
}

/// Publishes `source` as content following `rules`; `payload(name)` builds the `request_payload` XML for
/// the item name to use (the item's, or the file name without its extension).
#[allow(clippy::too_many_arguments)] // internal: the two public faces pass their arguments through
pub(crate) fn publish<T: Model>(
    server: &Server,
    rules: &PublishRules,
    item_name: Option<&str>,
    source: Source<'_>,
    mode: PublishMode,
    opts: &PublishOptions,
    transfer: &mut TransferOptions<'_>,
    payload: impl FnOnce(&str) -> Result<Vec<u8>>,
) -> Result<Published<T>> {
    let mut src = source.open()?;
    let ext = rules.check_extension(&src.file_name)?;
    if mode == PublishMode::Append && !rules.appendable {
        return Err(Error::invalid(format!(
            "{}s cannot be appended: use CreateNew or Overwrite",
            capitalised(rules.resource.noun)
        )));
    }
    if mode == PublishMode::Replace && !rules.appendable {
        return Err(Error::invalid(format!(
            "{}s cannot be published in Replace mode (it is for data sources): use Overwrite",
            capitalised(rules.resource.noun)
        )));
    }
    opts.validate(rules.workbook_options)?;
    if opts.as_job {
        server.require("3.0", "publishing as a job")?;
    }
    if !opts.connections.is_empty() {
        server.require("2.8", "publishing with connections")?;
    }
    let stem = src.file_name[..src.file_name.len() - ext.len() - 1].to_string();
    let name = match item_name {
        Some(n) if !n.is_empty() => n.to_string(),
        _ => stem,
    };
    let xml = payload(&name)?;

    let mut url = rules.resource.url(server)?.query(rules.type_param, &ext);
    match mode {
        PublishMode::CreateNew => {}
        PublishMode::Overwrite => url = url.query("overwrite", "true"),
        PublishMode::Append => url = url.query("append", "true"),
        PublishMode::Replace => url = url.query("replace", "true"),
    }
    if opts.as_job {
        url = url.query("asJob", "true");
    }
    if opts.skip_connection_check {
        url = url.query("skipConnectionCheck", "true");
    }

    let (label, reply) = send_file(server, url, &xml, rules.file_part, &mut src, transfer)?;
    let reply = reply.map_err(|e| {
        if e.http_status() == 504 && !opts.as_job {
            e.with_note("publishing took longer than the server's gateway allows: publish with as_job to avoid the timeout")
        } else {
            e
        }
    })?;
    let doc = xml::parse_reply(&reply, &label)?;
    if opts.as_job {
        Ok(Published::Job(Box::new(Job::from_xml(
            doc.expect(Job::ELEMENT, &label)?,
        )?)))
    } else {
        Ok(Published::Item(T::from_xml(
            doc.expect(T::ELEMENT, &label)?,
        )?))
    }
}

/// Sends `xml` and the file of `src` (as the multipart part `file_part`) in a POST to `url`:
/// in one streamed request under the single-request limit, else through an upload session
/// whose commit is the POST naming it (`uploadSessionId`) with no file part. Returns the
/// request's label for messages and the reply (custom views publish through this too).
/// Fails before the final POST (nothing committed) when the upload does.
pub(crate) fn send_file(
    server: &Server,
    url: UrlBuilder,
    xml: &[u8],
    file_part: &str,
    src: &mut OpenSource<'_>,
    transfer: &mut TransferOptions<'_>,
) -> Result<(String, Result<Vec<u8>>)> {
    let size = src.size;
    let chunked = size >= transfer.single_request_limit;
    let mut tracker = Tracker::new(transfer, Some(size));
    tracker.report()?;
    Ok(if chunked {
        let chunk = tracker.options().effective_chunk_size(size);
        let session = file_uploads::initiate(server)?;
        let mut left = size;
        while left > 0 {
            let n = left.min(chunk);
            file_uploads::append(
                server,
                &session,
                &mut src.reader,
                n,
                &src.what,
                &mut tracker,
            )?;
            left -= n;
        }
        tracker.check()?;
        let url = url.query("uploadSessionId", &session);
        let label = format!("POST {}", url.clone().build());
        let m = Multipart::new();
        let body = m.xml_only(xml);
        let len = body.len() as u64;
        let r = server.send_stream(Method::Post, url, &m.content_type(), &mut &body[..], len);
        (label, r)
    } else {
        let label = format!("POST {}", url.clone().build());
        let mut body = UploadBody::new(
            xml,
            file_part,
            &src.file_name,
            &mut src.reader,
            size,
            &src.what,
            &mut tracker,
        );
        let ct = body.content_type().to_string();
        let len = body.len();
        let r = server.send_stream(Method::Post, url, &ct, body.reader(), len);
        (label, r)
    })
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
