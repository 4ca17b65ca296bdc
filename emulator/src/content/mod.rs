//! Tableau content files: what the emulator needs to know about uploaded
//! workbooks and data sources, and the sample content the project writes
//! itself.
//!
//! * [`kind`]: file kinds by extension ([`FileKind`]) and by magic bytes
//!   ([`sniff`]).
//! * [`inspect`]: streaming, bounded-memory inspection of `.twb`/`.twbx`
//!   (sheets: worksheets, dashboards, stories; data-source connections) and
//!   of `.tds`/`.tdsx`/`.hyper`/`.tde` (connections), with a human-readable
//!   [`InspectError`] for files Tableau Server would refuse.
//! * [`png`]: small, valid, deterministic preview PNGs; [`pdf`], [`xlsx`] and [`pptx`]: valid
//!   export files; [`zipped`]: zip archives in memory.
//! * [`samples`]: realistic `.twb`/`.twbx`/`.tds`/`.tdsx`/`.hyper` sample
//!   content for `--seed demo`, tests, examples and benchmarks.

pub mod inspect;
pub mod kind;
pub mod pdf;
pub mod png;
pub mod pptx;
pub mod samples;
pub mod svg;
pub mod xlsx;
pub mod zipped;

pub use inspect::{
    inspect_datasource, inspect_workbook, Connection, InspectError, Inspected, Sheet, SheetType,
};
pub use kind::{sniff, FileKind, SniffedFormat, HYPER_MAGIC, TDE_MAGIC, ZIP_MAGIC};
pub use png::preview_png;
pub use samples::{
    datasource_tds, datasource_tdsx, hyper_file, sample_workbooks, workbook_twb,
    workbook_twb_with_stories, workbook_twbx, workbook_twbx_with_stories, write_sample_set,
    SampleConnection,
};
