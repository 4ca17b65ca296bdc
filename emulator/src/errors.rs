//! The catalogue of Tableau error codes the emulator answers with, and `ApiError`.
//!
//! Every error goes out as
//! `<tsResponse><error code="404002"><summary>…</summary><detail>…</detail></error></tsResponse>`
//! with the HTTP status taken from the first three digits of the code.
//!
//! Choices where the references are open (documented in README.md too):
//! * `403000` "Forbidden": the site LUID in the URL is not the site of the session.
//! * `403004` "Forbidden": the caller lacks the role for the operation (not an admin),
//!   and attempts to delete or rename the built-in "All Users" group.
//! * `400065` "Bad Request": unknown filter/sort field, operator not supported for a field,
//!   malformed filter/sort expression or a value of the wrong type (Tableau's wording for the
//!   unknown-key case is "The filter query contains a key which is not recognized for this
//!   api version.").
//! * `404002` for removing a user from a group the user is not a member of.
//! * `409007` for adding a favorite that already exists (or whose label is taken).
//! * `413000`, `431000`, `500000`, `503000`, `429000`: HTTP-level failures that Tableau answers
//!   without a documented code get `status * 1000`.

use crate::http::Response;
use crate::reply::{Format, ReplyWriter};

/// Summary text for a code, Tableau's wording where known.
pub fn summary_for(code: u32) -> &'static str {
    match code {
        400000 => "Bad Request",
        400005 => "Invalid label",
        400006 => "Invalid page number",
        400007 => "Invalid page size",
        400008 => "Invalid parameter value",
        400009 => "Invalid capability",
        400011 => "Publishing error",
        400013 => "Invalid site role",
        400016 => "File size too large",
        400019 => "Malformed request body",
        400020 => "Missing file data",
        400032 => "Deletion failed",
        400035 => "Bad Request",
        400055 => "Bad Request",
        400065 => "Bad Request",
        401000 | 401002 => "Unauthorized Access",
        401001 => "Signin Error",
        401003 => "Switch site error",
        403000 => "Forbidden",
        403002 => "Deletion not allowed.",
        403003 => "Deletion not allowed",
        403004 => "Forbidden",
        403005 => "Update forbidden",
        403007 => "Forbidden",
        403009 => "Licensing update on self forbidden",
        403011 => "ActiveDirectory not configured",
        403014 => "Page size limit exceeded",
        403070 => "Cannot switch to the same site",
        403091 => "Can not cancel job, because it's already complete.",
        403130 => "Publishing overwrite",
        404000..=404999 => "Resource Not Found",
        405000 => "Method Not Allowed",
        406000 => "Bad Request",
        409001 => "Site name conflict",
        409002 => "Site URL conflict",
        409003 => "User asset conflict",
        409004 => "Bad Request",
        409005 => "Guest user conflict",
        409006 => "Resource Conflict",
        409007 => "Label conflict",
        409009 => "Group name conflict",
        409011 => "User conflict",
        409000 => "User conflict",
        409008 | 409010 | 409012..=409999 => "Resource Conflict",
        413000 => "Request Entity Too Large",
        429000 => "Too Many Requests",
        431000 => "Request Header Fields Too Large",
        500000 => "Internal Server Error",
        501000 => "Not Implemented",
        503000 => "Service Unavailable",
        504000 => "Gateway Timeout",
        _ => match code / 1000 {
            400 => "Bad Request",
            401 => "Unauthorized Access",
            403 => "Forbidden",
            404 => "Resource Not Found",
            409 => "Resource Conflict",
            429 => "Too Many Requests",
            500..=599 => "Internal Server Error",
            _ => "Error",
        },
    }
}

/// A Tableau-style error answer.
#[derive(Debug, Clone)]
pub struct ApiError {
    pub status: u16,
    pub code: u32,
    pub summary: String,
    pub detail: String,
    /// Extra response headers (e.g. `Retry-After`).
    pub headers: Vec<(String, String)>,
}

impl ApiError {
    /// An error with the catalogue's summary; status = the code's first three digits.
    pub fn new(code: u32, detail: impl Into<String>) -> ApiError {
        ApiError {
            status: (code / 1000) as u16,
            code,
            summary: summary_for(code).to_string(),
            detail: detail.into(),
            headers: Vec::new(),
        }
    }

    pub fn with_summary(mut self, summary: impl Into<String>) -> ApiError {
        self.summary = summary.into();
        self
    }

    pub fn with_header(mut self, name: &str, value: impl Into<String>) -> ApiError {
        self.headers.push((name.to_string(), value.into()));
        self
    }

    /// 400000 "Payload is either malformed XML or incomplete".
    pub fn bad_request(detail: impl Into<String>) -> ApiError {
        ApiError::new(400000, detail)
    }

    pub fn malformed_xml() -> ApiError {
        ApiError::new(400000, "Payload is either malformed XML or incomplete")
    }

    pub fn unknown_resource(path: &str) -> ApiError {
        ApiError::new(
            404003,
            format!("Unknown resource '{path}' specified in URI."),
        )
    }

    pub fn method_not_allowed(method: &str) -> ApiError {
        ApiError::new(
            405000,
            format!("Request method '{method}' is not supported for this resource."),
        )
    }

    pub fn site_not_found(what: &str) -> ApiError {
        ApiError::new(404000, format!("Site '{what}' could not be found."))
    }

    pub fn user_not_found(id: &str) -> ApiError {
        ApiError::new(404002, format!("User '{id}' could not be found."))
    }

    pub fn project_not_found(id: &str) -> ApiError {
        ApiError::new(404005, format!("Project '{id}' could not be found."))
    }

    pub fn group_not_found(id: &str) -> ApiError {
        ApiError::new(404012, format!("Group '{id}' could not be found."))
    }

    pub fn workbook_not_found(id: &str) -> ApiError {
        ApiError::new(404006, format!("Workbook '{id}' could not be found."))
    }

    pub fn datasource_not_found(id: &str) -> ApiError {
        ApiError::new(404004, format!("Datasource '{id}' could not be found."))
    }

    pub fn view_not_found(id: &str) -> ApiError {
        ApiError::new(404011, format!("View '{id}' could not be found."))
    }

    pub fn job_not_found(id: &str) -> ApiError {
        ApiError::new(404018, format!("Job '{id}' could not be found."))
    }

    pub fn forbidden(detail: impl Into<String>) -> ApiError {
        ApiError::new(403004, detail)
    }

    pub fn internal(detail: impl Into<String>) -> ApiError {
        ApiError::new(500000, detail)
    }

    /// An error for a bare HTTP status (fault injection, transport failures).
    pub fn from_status(status: u16, detail: impl Into<String>) -> ApiError {
        let code = status as u32 * 1000;
        ApiError {
            status,
            code,
            summary: summary_for(code).to_string(),
            detail: detail.into(),
            headers: Vec::new(),
        }
    }

    /// The error document (`<tsResponse><error code><summary/><detail/></error>…`, or
    /// `{"error":{"code","summary","detail"}}`) naming the `version` schema.
    pub fn body_for(&self, version: &str, format: Format) -> Vec<u8> {
        let mut x = ReplyWriter::response_for(version, format, 256 + self.detail.len());
        x.open("error").attr("code", &self.code.to_string()).close();
        x.text_element("summary", &self.summary);
        x.text_element("detail", &self.detail);
        x.end("error");
        x.finish()
    }

    /// The answer: the status, the error document and the error's extra headers.
    pub fn into_response(self, version: &str, format: Format) -> Response {
        let mut r = Response::bytes(
            self.status,
            format.content_type(),
            self.body_for(version, format),
        );
        r.headers.extend(self.headers);
        r
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}: {}", self.code, self.summary, self.detail)
    }
}

impl std::error::Error for ApiError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_from_code() {
        let e = ApiError::new(404002, "x");
        assert_eq!(e.status, 404);
        assert_eq!(e.summary, "Resource Not Found");
        let body = String::from_utf8(e.body_for("3.25", Format::Xml)).unwrap();
        assert!(body.contains("<error code=\"404002\"><summary>Resource Not Found</summary><detail>x</detail></error>"), "{body}");
        assert_eq!(ApiError::from_status(503, "busy").code, 503000);
    }
}
