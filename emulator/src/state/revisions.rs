//! Revision histories of workbooks and data sources. Every publish that overwrites an item
//! (and every append to a data source) keeps the revision it replaces, with its own stored
//! file, so `…/revisions/{n}/content` answers the bytes published then. The current revision
//! is the item itself (`revision`, `file_path`, `published_at`, `publisher_id`); `History`
//! holds the ones before it, oldest first.
//!
//! Removing a revision keeps its entry (listed with `deleted="true"`, as Tableau lists removed
//! revisions) and drops its file. The site's `revisionLimit` (-1: no limit) caps how many
//! revisions are kept, the current one included: the oldest go first, entry and file.
//! Appends keep the data source's file, so one file may back several revisions: a file is only
//! given up once nothing refers to it any more.

use std::path::{Path, PathBuf};

use super::Garbage;

/// A past revision of a workbook or data source.
#[derive(Debug, Clone, Default)]
pub struct Revision {
    /// 1 for the first publish, then one more per overwrite or append.
    pub number: u32,
    pub file_path: PathBuf,
    /// The name its download announces, e.g. "Sales.twbx".
    pub file_name: String,
    /// The stored file's extension ("twbx", "tds", ...).
    pub file_ext: String,
    pub size_bytes: u64,
    pub published_at: i64,
    /// The user who published it.
    pub publisher_id: String,
    /// Removed (`DELETE …/revisions/{n}`): listed, but its content is gone.
    pub deleted: bool,
}

/// The past revisions of one item, oldest first.
#[derive(Debug, Clone, Default)]
pub struct History {
    pub past: Vec<Revision>,
}

impl History {
    /// Keeps `old` (the revision an overwrite replaces); `current` is the new current file and
    /// `limit` the site's `revisionLimit`. Returns the files no revision refers to any more.
    pub fn keep(&mut self, old: Revision, current: &Path, limit: Option<i64>) -> Garbage {
        self.past.push(old);
        let mut dropped = Vec::new();
        if let Some(limit) = limit.filter(|l| *l >= 1) {
            // The current revision counts towards the limit.
            while self.past.len() as i64 + 1 > limit {
                dropped.push(self.past.remove(0));
            }
        }
        dropped
            .into_iter()
            .filter(|r| !r.deleted)
            .map(|r| r.file_path)
            .filter(|p| !self.refers_to(p, current))
            .collect()
    }

    /// The past revision with this number (removed ones included).
    pub fn get(&self, number: u32) -> Option<&Revision> {
        self.past.iter().find(|r| r.number == number)
    }

    /// Marks the past revision `number` removed; returns its file when nothing else refers to
    /// it, `None` when there is no such (or no longer such) revision.
    pub fn remove(&mut self, number: u32, current: &Path) -> Option<Garbage> {
        let r = self
            .past
            .iter_mut()
            .find(|r| r.number == number && !r.deleted)?;
        r.deleted = true;
        let path = r.file_path.clone();
        Some(if self.refers_to(&path, current) {
            Vec::new()
        } else {
            vec![path]
        })
    }

    /// The files of the revisions that are still there (for deleting the item).
    pub fn files(&self, current: &Path) -> Garbage {
        let mut out: Garbage = Vec::new();
        for r in self.past.iter().filter(|r| !r.deleted) {
            if r.file_path != current && !out.contains(&r.file_path) {
                out.push(r.file_path.clone());
            }
        }
        out
    }

    fn refers_to(&self, path: &Path, current: &Path) -> bool {
        path == current || self.past.iter().any(|r| !r.deleted && r.file_path == path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rev(n: u32, file: &str) -> Revision {
        Revision {
            number: n,
            file_path: PathBuf::from(file),
            ..Revision::default()
        }
    }

    #[test]
    fn keeps_removes_and_limits() {
        let mut h = History::default();
        assert!(h.keep(rev(1, "a"), Path::new("b"), Some(25)).is_empty());
        assert_eq!(h.remove(1, Path::new("b")), Some(vec![PathBuf::from("a")]));
        assert_eq!(h.remove(1, Path::new("b")), None);
        assert!(h.get(1).unwrap().deleted);
        // An append's revision shares the current file: nothing to drop.
        assert!(h.keep(rev(2, "b"), Path::new("b"), None).is_empty());
        assert_eq!(h.remove(2, Path::new("b")), Some(vec![]));
        // A limit of 2 keeps one past revision beside the current one.
        let mut h = History::default();
        h.keep(rev(1, "a"), Path::new("b"), Some(2));
        assert_eq!(
            h.keep(rev(2, "b"), Path::new("c"), Some(2)),
            vec![PathBuf::from("a")]
        );
        assert_eq!(h.past.len(), 1);
        assert_eq!(h.files(Path::new("c")), vec![PathBuf::from("b")]);
    }
}
