//! File kinds Tableau Server accepts for workbooks and data sources, by
//! extension and by content (magic bytes).

/// A publishable Tableau content file, as named by its extension (or by the
/// `workbookType` / `datasourceType` query parameter).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FileKind {
    /// Workbook XML.
    Twb,
    /// Packaged workbook: a zip holding a `.twb` plus data/images.
    Twbx,
    /// Data source XML.
    Tds,
    /// Packaged data source: a zip holding a `.tds` plus extracts.
    Tdsx,
    /// Hyper extract.
    Hyper,
    /// Legacy data-engine extract.
    Tde,
    /// Apache Parquet file (TSC 0.42 publishes `.parquet` data sources).
    Parquet,
}

/// The container format recognised from a file's first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SniffedFormat {
    /// A zip archive (`PK\x03\x04`): `.twbx` / `.tdsx`.
    Zip,
    /// An XML document: `.twb` / `.tds`.
    Xml,
    /// A Hyper database file.
    Hyper,
    /// A TDE (data-engine) extract.
    Tde,
    /// An Apache Parquet file (`PAR1`).
    Parquet,
}

/// Local-file-header signature of a zip archive.
pub const ZIP_MAGIC: &[u8; 4] = b"PK\x03\x04";

/// The Hyper file signature as checked by Tableau Server Client
/// (`filesys_helpers.get_file_type`): `"Hyper"` followed by
/// `08 00 00 01 00 00 00`. The sample generator writes it verbatim;
/// [`sniff`] accepts `"Hyper"` followed by any binary byte, so that files of
/// other Hyper format versions are recognised too.
pub const HYPER_MAGIC: &[u8; 12] = b"Hyper\x08\x00\x00\x01\x00\x00\x00";

/// The TDE signature as checked by Tableau Server Client.
pub const TDE_MAGIC: &[u8; 4] = b"\x20\x02\x01\x62";

/// The signature an Apache Parquet file starts (and ends) with.
pub const PARQUET_MAGIC: &[u8; 4] = b"PAR1";

impl FileKind {
    /// All kinds, workbooks first.
    pub const ALL: [FileKind; 7] = [
        FileKind::Twb,
        FileKind::Twbx,
        FileKind::Tds,
        FileKind::Tdsx,
        FileKind::Hyper,
        FileKind::Tde,
        FileKind::Parquet,
    ];

    /// The kind for an extension such as `"twbx"`, `"TWBX"` or `".twbx"`
    /// (case-insensitive, optional leading dot).
    pub fn from_extension(ext: &str) -> Option<FileKind> {
        let ext = ext.strip_prefix('.').unwrap_or(ext);
        FileKind::ALL
            .into_iter()
            .find(|k| k.extension().eq_ignore_ascii_case(ext))
    }

    /// The kind for a file name such as `"Sales Q1.twbx"` (by its last
    /// extension, case-insensitive).
    pub fn from_file_name(name: &str) -> Option<FileKind> {
        let (_, ext) = name.rsplit_once('.')?;
        FileKind::from_extension(ext)
    }

    /// The lower-case extension without the dot (`"twbx"`).
    pub fn extension(self) -> &'static str {
        match self {
            FileKind::Twb => "twb",
            FileKind::Twbx => "twbx",
            FileKind::Tds => "tds",
            FileKind::Tdsx => "tdsx",
            FileKind::Hyper => "hyper",
            FileKind::Tde => "tde",
            FileKind::Parquet => "parquet",
        }
    }

    /// `true` for `.twb` and `.twbx`.
    pub fn is_workbook(self) -> bool {
        matches!(self, FileKind::Twb | FileKind::Twbx)
    }

    /// `true` for `.tds`, `.tdsx`, `.hyper`, `.tde` and `.parquet`.
    pub fn is_datasource(self) -> bool {
        !self.is_workbook()
    }

    /// `true` for the packaged (zip) kinds `.twbx` and `.tdsx`.
    pub fn is_packaged(self) -> bool {
        matches!(self, FileKind::Twbx | FileKind::Tdsx)
    }

    /// The container format a file of this kind must have.
    pub fn expected_format(self) -> SniffedFormat {
        match self {
            FileKind::Twb | FileKind::Tds => SniffedFormat::Xml,
            FileKind::Twbx | FileKind::Tdsx => SniffedFormat::Zip,
            FileKind::Hyper => SniffedFormat::Hyper,
            FileKind::Tde => SniffedFormat::Tde,
            FileKind::Parquet => SniffedFormat::Parquet,
        }
    }

    /// Same as the free function [`sniff`].
    pub fn sniff(first_bytes: &[u8]) -> Option<SniffedFormat> {
        sniff(first_bytes)
    }
}

impl std::fmt::Display for FileKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.extension())
    }
}

impl SniffedFormat {
    /// A short human-readable description, for error details.
    pub fn describe(self) -> &'static str {
        match self {
            SniffedFormat::Zip => "a zip archive",
            SniffedFormat::Xml => "an XML document",
            SniffedFormat::Hyper => "a Hyper extract",
            SniffedFormat::Tde => "a TDE extract",
            SniffedFormat::Parquet => "a Parquet file",
        }
    }
}

/// Recognises the container format from a file's first bytes (32 are plenty;
/// fewer work as long as the signature is complete).
///
/// * zip: `PK\x03\x04`;
/// * XML: optional UTF-8 BOM, optional XML whitespace, then `<?xml` or `<`
///   followed by a character that can start a name, `!` or `?`;
/// * Hyper: `"Hyper"` followed by a byte below `0x20` (see [`HYPER_MAGIC`]);
/// * TDE: [`TDE_MAGIC`];
/// * Parquet: [`PARQUET_MAGIC`].
///
/// Anything else (including an empty slice) is `None`.
pub fn sniff(first_bytes: &[u8]) -> Option<SniffedFormat> {
    if first_bytes.starts_with(ZIP_MAGIC) {
        return Some(SniffedFormat::Zip);
    }
    if first_bytes.len() >= 6 && first_bytes.starts_with(b"Hyper") && first_bytes[5] < 0x20 {
        return Some(SniffedFormat::Hyper);
    }
    if first_bytes.starts_with(TDE_MAGIC) {
        return Some(SniffedFormat::Tde);
    }
    if first_bytes.starts_with(PARQUET_MAGIC) {
        return Some(SniffedFormat::Parquet);
    }
    let rest = first_bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(first_bytes);
    let start = rest
        .iter()
        .position(|b| !matches!(b, b' ' | b'\t' | b'\r' | b'\n'))?;
    let rest = &rest[start..];
    if rest.starts_with(b"<?xml") {
        return Some(SniffedFormat::Xml);
    }
    match rest {
        [b'<', c, ..] if c.is_ascii_alphabetic() || matches!(c, b'_' | b':' | b'!' | b'?') => {
            Some(SniffedFormat::Xml)
        }
        [b'<', c, ..] if *c >= 0x80 => Some(SniffedFormat::Xml), // non-ASCII name start
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_round_trip() {
        for k in FileKind::ALL {
            assert_eq!(FileKind::from_extension(k.extension()), Some(k));
            assert_eq!(
                FileKind::from_extension(&k.extension().to_ascii_uppercase()),
                Some(k)
            );
        }
        assert_eq!(FileKind::from_extension(".TwBx"), Some(FileKind::Twbx));
        assert_eq!(FileKind::from_extension("zip"), None);
        assert_eq!(FileKind::from_extension(""), None);
        assert_eq!(
            FileKind::from_file_name("My Sales.v2.TDSX"),
            Some(FileKind::Tdsx)
        );
        assert_eq!(FileKind::from_file_name("noext"), None);
        assert!(FileKind::Twb.is_workbook() && FileKind::Twbx.is_workbook());
        assert!(!FileKind::Hyper.is_workbook() && FileKind::Hyper.is_datasource());
    }

    #[test]
    fn sniffing() {
        assert_eq!(sniff(b"PK\x03\x04rest"), Some(SniffedFormat::Zip));
        assert_eq!(sniff(b"<?xml version='1.0'?>"), Some(SniffedFormat::Xml));
        assert_eq!(
            sniff(b"\xEF\xBB\xBF \r\n\t<workbook>"),
            Some(SniffedFormat::Xml)
        );
        assert_eq!(sniff(b"<!-- c --><a/>"), Some(SniffedFormat::Xml));
        assert_eq!(sniff(HYPER_MAGIC), Some(SniffedFormat::Hyper));
        assert_eq!(sniff(b"Hyper\x09\x00"), Some(SniffedFormat::Hyper));
        assert_eq!(sniff(b"Hyperion rocks"), None);
        assert_eq!(sniff(b"\x20\x02\x01\x62\x00\x00"), Some(SniffedFormat::Tde));
        assert_eq!(sniff(b""), None);
        assert_eq!(sniff(b"   "), None);
        assert_eq!(sniff(b"< a"), None);
        assert_eq!(sniff(b"PK\x05\x06"), None);
        assert_eq!(sniff(b"{\"json\": 1}"), None);
    }
}
