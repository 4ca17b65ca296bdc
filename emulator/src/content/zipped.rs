//! Zip archives built in memory (packaged workbooks and data sources, `.xlsx` exports), with one
//! fixed timestamp so the same parts always give the same bytes.

use std::io::{Cursor, Write};

/// How a part is stored.
#[derive(Clone, Copy)]
pub enum Method {
    Deflated,
    Stored,
}

/// An archive of `parts`: (name, bytes, method), in order.
pub fn archive(parts: &[(&str, &[u8], Method)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let when = zip::DateTime::from_date_and_time(2024, 1, 15, 10, 0, 0).unwrap_or_default();
    let deflated = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(when);
    let stored = deflated.compression_method(zip::CompressionMethod::Stored);
    let result = (|| -> zip::result::ZipResult<Vec<u8>> {
        for (name, bytes, method) in parts {
            let opts = match method {
                Method::Deflated => deflated,
                Method::Stored => stored,
            };
            zip.start_file(*name, opts)?;
            zip.write_all(bytes)?;
        }
        Ok(zip.finish()?.into_inner())
    })();
    result.expect("writing a zip archive to memory cannot fail")
}
