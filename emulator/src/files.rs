//! Where content bytes live on disk, and the guard that keeps half-received files from
//! lingering.
//!
//! Layout under the data directory (`Shared::site_dir`): `sites/{site}/incoming/` (files of
//! publish requests while they stream in), `sites/{site}/content/` (stored workbooks and data
//! sources, one file per revision, named by a fresh id) and `sites/{site}/uploads/` (upload
//! sessions). Deleting a site removes its directory.

use std::fs::{File, OpenOptions};
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use crate::util::new_id;

/// The directory of a site's files under the data directory.
pub fn site_dir(data_dir: &Path, site_id: &str) -> PathBuf {
    data_dir.join("sites").join(site_id)
}

pub fn incoming_dir(site_dir: &Path) -> PathBuf {
    site_dir.join("incoming")
}

pub fn content_dir(site_dir: &Path) -> PathBuf {
    site_dir.join("content")
}

pub fn uploads_dir(site_dir: &Path) -> PathBuf {
    site_dir.join("uploads")
}

/// A file that is deleted when dropped unless `keep()` is called: a publish that fails at
/// any step leaves nothing behind.
#[derive(Debug)]
pub struct Guarded {
    path: PathBuf,
    armed: bool,
}

impl Guarded {
    /// Creates a new, empty file with a fresh name and extension `ext` in `dir` (created on
    /// demand) and opens it for writing.
    pub fn create(dir: &Path, ext: &str) -> io::Result<(Guarded, File)> {
        std::fs::create_dir_all(dir)?;
        let path = dir.join(format!("{}.{ext}", new_id()));
        let file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)?;
        Ok((Guarded { path, armed: true }, file))
    }

    /// Takes charge of an existing file (e.g. a consumed upload session's).
    pub fn adopt(path: PathBuf) -> Guarded {
        Guarded { path, armed: true }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Moves the file into `dir` under a fresh name with extension `ext`; still guarded.
    pub fn move_to(mut self, dir: &Path, ext: &str) -> io::Result<Guarded> {
        std::fs::create_dir_all(dir)?;
        let dest = dir.join(format!("{}.{ext}", new_id()));
        std::fs::rename(&self.path, &dest)?;
        self.armed = false;
        Ok(Guarded {
            path: dest,
            armed: true,
        })
    }

    /// Disarms the guard and returns the path: the state now references the file.
    pub fn keep(mut self) -> PathBuf {
        self.armed = false;
        std::mem::take(&mut self.path)
    }
}

impl Drop for Guarded {
    fn drop(&mut self) {
        if self.armed && !self.path.as_os_str().is_empty() {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// Does the zip at `path` (a `.twbx` / `.tdsx`) carry an extract (`.hyper` or `.tde`)?
pub fn zip_has_extract(path: &Path) -> bool {
    let Ok(f) = File::open(path) else {
        return false;
    };
    let Ok(archive) = zip::ZipArchive::new(io::BufReader::new(f)) else {
        return false;
    };
    let found = archive.file_names().any(|n| {
        let l = n.to_ascii_lowercase();
        l.ends_with(".hyper") || l.ends_with(".tde")
    });
    found
}

/// Reads the first `n` bytes of a file (fewer if it is shorter).
pub fn head(path: &Path, n: u64) -> io::Result<Vec<u8>> {
    let mut v = Vec::new();
    File::open(path)?.take(n).read_to_end(&mut v)?;
    Ok(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guard_removes_unless_kept() {
        let dir = crate::util::make_temp_dir().unwrap();
        let (g, _f) = Guarded::create(&dir, "twb").unwrap();
        let p = g.path().to_path_buf();
        assert!(p.exists());
        drop(g);
        assert!(!p.exists());
        let (g, _f) = Guarded::create(&dir.join("a"), "twb").unwrap();
        let g = g.move_to(&dir.join("b"), "twbx").unwrap();
        let kept = g.keep();
        assert!(kept.exists() && kept.starts_with(dir.join("b")));
        std::fs::remove_dir_all(dir).unwrap();
    }
}
