//! Helpers for the content tests: multipart bodies, publishing, upload sessions, sample
//! files. Built on `common` (raw-socket HTTP, no client crate).
#![allow(dead_code)]

use std::net::SocketAddr;

use crate::common::{req_bytes, Api, Resp};
use tsc_emulator::content::{self, SampleConnection, TDE_MAGIC};

pub const BOUNDARY: &str = "6691a87289ac461bab2c945741f136e6";
pub const MP: &str = "multipart/mixed; boundary=6691a87289ac461bab2c945741f136e6";

/// One part: the Content-Disposition value, the Content-Type and the bytes.
pub struct Part<'a> {
    pub disposition: String,
    pub content_type: &'a str,
    pub data: &'a [u8],
}

/// TSC's form: `form-data; name="request_payload"; filename=""`.
pub fn payload_part(xml: &str) -> Part<'_> {
    Part {
        disposition: "form-data; name=\"request_payload\"; filename=\"\"".into(),
        content_type: "text/xml",
        data: xml.as_bytes(),
    }
}

/// The documented bare form: `name="tableau_workbook"; filename="x.twbx"`.
pub fn file_part<'a>(name: &str, filename: &str, data: &'a [u8]) -> Part<'a> {
    Part {
        disposition: format!("name=\"{name}\"; filename=\"{filename}\""),
        content_type: "application/octet-stream",
        data,
    }
}

pub fn multipart(parts: &[Part]) -> Vec<u8> {
    let mut v = Vec::new();
    for p in parts {
        v.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: {}\r\nContent-Type: {}\r\n\r\n",
                p.disposition, p.content_type
            )
            .as_bytes(),
        );
        v.extend_from_slice(p.data);
        v.extend_from_slice(b"\r\n");
    }
    v.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    v
}

pub fn post_mp(api: &Api, path: &str, parts: &[Part]) -> Resp {
    req_bytes(
        api.addr(),
        "POST",
        path,
        Some(&api.token),
        Some(&multipart(parts)),
        Some(MP),
    )
}

pub fn put_mp(api: &Api, path: &str, parts: &[Part]) -> Resp {
    req_bytes(
        api.addr(),
        "PUT",
        path,
        Some(&api.token),
        Some(&multipart(parts)),
        Some(MP),
    )
}

pub fn wb_payload(name: &str, project: Option<&str>) -> String {
    let p = project
        .map(|p| format!("<project id=\"{p}\"/>"))
        .unwrap_or_default();
    format!("<tsRequest><workbook name=\"{name}\">{p}</workbook></tsRequest>")
}

pub fn ds_payload(name: &str, project: Option<&str>) -> String {
    let p = project
        .map(|p| format!("<project id=\"{p}\"/>"))
        .unwrap_or_default();
    format!("<tsRequest><datasource name=\"{name}\">{p}</datasource></tsRequest>")
}

/// Publishes a workbook file in one request.
pub fn publish_wb(api: &Api, query: &str, payload: &str, filename: &str, data: &[u8]) -> Resp {
    post_mp(
        api,
        &api.s(&format!("workbooks{query}")),
        &[
            payload_part(payload),
            file_part("tableau_workbook", filename, data),
        ],
    )
}

/// Publishes a data source file in one request.
pub fn publish_ds(api: &Api, query: &str, payload: &str, filename: &str, data: &[u8]) -> Resp {
    post_mp(
        api,
        &api.s(&format!("datasources{query}")),
        &[
            payload_part(payload),
            file_part("tableau_datasource", filename, data),
        ],
    )
}

/// The `id` of the first `<elem>` (direct child of tsResponse).
pub fn id_of(r: &Resp, elem: &str) -> String {
    r.xml()
        .child(elem)
        .unwrap_or_else(|| panic!("no <{elem}> in {}", r.text()))
        .attr("id")
        .unwrap()
        .to_string()
}

pub fn attr_of(r: &Resp, elem: &str, attr: &str) -> String {
    r.xml()
        .child(elem)
        .unwrap_or_else(|| panic!("no <{elem}> in {}", r.text()))
        .attr(attr)
        .unwrap_or("")
        .to_string()
}

/// Starts an upload session; returns its id.
pub fn initiate(api: &Api) -> String {
    let r = req_bytes(
        api.addr(),
        "POST",
        &api.s("fileUploads"),
        Some(&api.token),
        Some(b""),
        Some("text/xml"),
    );
    assert_eq!(r.status, 201, "{}", r.text());
    let x = r.xml();
    let fu = x.child("fileUpload").unwrap();
    assert_eq!(fu.attr("fileSize"), Some("0"));
    fu.attr("uploadSessionId").unwrap().to_string()
}

/// Appends one chunk (TSC's form: empty payload, `tableau_file; filename="file"`).
pub fn append(api: &Api, session: &str, chunk: &[u8]) -> Resp {
    put_mp(
        api,
        &api.s(&format!("fileUploads/{session}")),
        &[
            payload_part(""),
            Part {
                disposition: "form-data; name=\"tableau_file\"; filename=\"file\"".into(),
                content_type: "application/octet-stream",
                data: chunk,
            },
        ],
    )
}

/// Commits a session by publishing with only the payload part.
pub fn commit(api: &Api, family: &str, query: &str, payload: &str) -> Resp {
    post_mp(
        api,
        &api.s(&format!("{family}?{query}")),
        &[payload_part(payload)],
    )
}

pub fn twb(name: &str, sheets: &[&str], dashboards: &[&str]) -> Vec<u8> {
    content::workbook_twb(name, sheets, dashboards, &SampleConnection::default())
}

pub fn twbx(name: &str) -> Vec<u8> {
    content::workbook_twbx_with_stories(
        name,
        &["Sales by Region", "Profit"],
        &["Overview"],
        &["Story"],
        &SampleConnection::default(),
    )
}

pub fn hyper(size: u64, seed: u64) -> Vec<u8> {
    let mut v = Vec::new();
    content::hyper_file(size, seed, &mut v).unwrap();
    v
}

pub fn tde(size: usize) -> Vec<u8> {
    let mut v = TDE_MAGIC.to_vec();
    v.extend((0..size).map(|i| (i % 253) as u8));
    v
}

/// Downloads `path` and returns the response (body = the bytes).
pub fn download(api: &Api, path: &str) -> Resp {
    api.get(path)
}

pub fn addr(api: &Api) -> SocketAddr {
    api.addr()
}
