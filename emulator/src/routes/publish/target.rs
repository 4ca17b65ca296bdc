//! What is being published (workbook or data source) and what differs between the two: part
//! and parameter names, accepted file kinds, job type and the error codes of each reference.

use crate::content::FileKind;
use crate::errors::ApiError;

/// What is being published.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Workbook,
    Datasource,
}

impl Target {
    /// The name of the file part (`tableau_workbook`), also used in downloads.
    pub fn file_part(self) -> &'static str {
        match self {
            Target::Workbook => "tableau_workbook",
            Target::Datasource => "tableau_datasource",
        }
    }

    pub(super) fn type_param(self) -> &'static str {
        match self {
            Target::Workbook => "workbookType",
            Target::Datasource => "datasourceType",
        }
    }

    pub(super) fn element(self) -> &'static str {
        match self {
            Target::Workbook => "workbook",
            Target::Datasource => "datasource",
        }
    }

    pub(super) fn accepts(self, kind: FileKind) -> bool {
        match self {
            Target::Workbook => kind.is_workbook(),
            Target::Datasource => kind.is_datasource(),
        }
    }

    pub(super) fn job_type(self) -> &'static str {
        match self {
            Target::Workbook => "PublishWorkbook",
            Target::Datasource => "PublishDatasource",
        }
    }

    /// 400020 (workbook) / 400010 (data source): the file name has a wrong extension.
    pub(super) fn bad_file_name(self, name: &str) -> ApiError {
        match self {
            Target::Workbook => ApiError::new(
                400020,
                format!("The workbook file name '{name}' does not end in .twb or .twbx."),
            )
            .with_summary("Invalid workbook file name"),
            Target::Datasource => ApiError::new(
                400010,
                format!(
                    "The data source file name '{name}' does not end in .hyper, .tds, .tdsx, .tde or .parquet."
                ),
            )
            .with_summary("Invalid data source filename"),
        }
    }

    /// 400035 (workbook) / 400010 (data source): `uploadSessionId` without a valid type.
    pub(super) fn bad_type(self, given: Option<&str>) -> ApiError {
        let what = match given {
            Some(t) => format!("the {} '{t}' is not valid", self.type_param()),
            None => format!("the {} parameter is missing", self.type_param()),
        };
        match self {
            Target::Workbook => ApiError::new(
                400035,
                format!("The request includes an uploadSessionId but {what}; use twb or twbx."),
            )
            .with_summary("Missing or invalid file type"),
            Target::Datasource => ApiError::new(
                400010,
                format!(
                    "The request includes an uploadSessionId but {what}; use hyper, tds, tdsx, tde or parquet."
                ),
            )
            .with_summary("Missing or invalid file type"),
        }
    }

    pub(super) fn unexpected_attachment(self, detail: &str) -> ApiError {
        let code = match self {
            Target::Workbook => 400000,
            Target::Datasource => 400010,
        };
        ApiError::new(code, detail.to_string()).with_summary("Unexpected attachments")
    }
}
