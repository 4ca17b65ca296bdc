//! The file rules of publishable content (workbooks, data sources; flows later): the publish
//! query parameter and multipart part, the accepted extensions and the message for others,
//! whether `Append` is valid, whether workbook-only options apply, and the extension of
//! downloaded content the server names no file for. The URLs and id messages are the
//! [`Resource`]'s.

use crate::api::resource::{self, Resource};
use crate::error::{Error, Result};

/// How one kind of content is published and how its downloaded files are named.
pub(crate) struct PublishRules {
    /// The resource the files become.
    pub resource: &'static Resource,
    /// The publish query parameter naming the file type: "workbookType".
    pub type_param: &'static str,
    /// The multipart part carrying the file: "tableau_workbook".
    pub file_part: &'static str,
    /// Accepted file extensions, lower-case.
    pub extensions: &'static [&'static str],
    /// The message for any other extension.
    pub bad_extension: &'static str,
    /// Whether `Append` and `Replace` are valid publish modes (data sources).
    pub appendable: bool,
    /// Whether workbook-only publish options (hidden views, connection check, thumbnails) apply.
    pub workbook_options: bool,
    /// The extension of downloaded content from its first bytes, when the server names no file.
    pub sniff: fn(&[u8]) -> &'static str,
}

const ZIP: &[u8] = b"PK\x03\x04";

pub(crate) static WORKBOOK_FILES: PublishRules = PublishRules {
    resource: &resource::WORKBOOK,
    type_param: "workbookType",
    file_part: "tableau_workbook",
    extensions: &["twb", "twbx"],
    bad_extension: "Only .twb or .twbx files can be published as workbooks.",
    appendable: false,
    workbook_options: true,
    sniff: |b| if b.starts_with(ZIP) { "twbx" } else { "twb" },
};

pub(crate) static DATASOURCE_FILES: PublishRules = PublishRules {
    resource: &resource::DATASOURCE,
    type_param: "datasourceType",
    file_part: "tableau_datasource",
    extensions: &["tds", "tdsx", "tde", "hyper", "parquet"],
    bad_extension:
        "Only .tds, .tdsx, .tde, .hyper or .parquet files can be published as datasources.",
    appendable: true,
    workbook_options: false,
    sniff: |b| {
        if b.starts_with(ZIP) {
            "tdsx"
        } else if b.len() >= 6 && b.starts_with(b"Hyper") && b[5] < 0x20 {
            "hyper"
        } else if b.starts_with(b"\x20\x02\x01\x62") {
            "tde"
        } else if b.starts_with(b"PAR1") {
            "parquet"
        } else {
            "tds"
        }
    },
};

impl PublishRules {
    /// The lower-case extension of `file_name` if these rules accept it.
    pub(crate) fn check_extension(&self, file_name: &str) -> Result<String> {
        let ext = file_name
            .rsplit_once('.')
            .map(|(_, e)| e.to_ascii_lowercase())
            .unwrap_or_default();
        if self.extensions.contains(&ext.as_str()) {
            Ok(ext)
        } else {
            Err(Error::invalid(format!(
                "{} ('{}')",
                self.bad_extension,
                crate::error::echo(file_name)
            )))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_by_kind() {
        assert_eq!(WORKBOOK_FILES.check_extension("a.TWBX").unwrap(), "twbx");
        assert!(WORKBOOK_FILES.check_extension("a.tds").is_err());
        assert!(WORKBOOK_FILES.check_extension("noext").is_err());
        for ok in ["a.tds", "b.tdsx", "c.tde", "d.hyper", "e.parquet"] {
            assert!(DATASOURCE_FILES.check_extension(ok).is_ok());
        }
        let e = DATASOURCE_FILES.check_extension("x.twbx").unwrap_err();
        assert!(e
            .message()
            .starts_with("Only .tds, .tdsx, .tde, .hyper or .parquet files"));
        assert_eq!((DATASOURCE_FILES.sniff)(b"Hyper\x08\x00"), "hyper");
        assert_eq!((WORKBOOK_FILES.sniff)(b"PK\x03\x04xx"), "twbx");
        assert_eq!((WORKBOOK_FILES.sniff)(b"<?xml"), "twb");
    }

    #[test]
    fn rules_point_at_their_resource() {
        assert_eq!(WORKBOOK_FILES.resource.segment, "workbooks");
        assert_eq!(DATASOURCE_FILES.resource.segment, "datasources");
        assert!(DATASOURCE_FILES.appendable && !WORKBOOK_FILES.appendable);
    }
}
