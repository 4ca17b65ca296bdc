//! The file a download is written to, invisible until it is complete.
//!
//! On Linux it is an anonymous file (`O_TMPFILE`) in the target's own directory: it has no name at
//! all while bytes arrive, so a failure, a cancel, a crash or even `kill -9` leaves nothing behind.
//! [`TempFile::persist`] gives it a hidden name (`linkat` through `/proc/self/fd`) and renames that
//! over the target in one step. Where `O_TMPFILE` is not available (other systems, some file
//! systems, no `/proc`) it is a hidden `.tsc-<random>.part` file, created exclusively and removed
//! when dropped unpersisted.

use crate::error::{Error, Result, Status};
use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// A file in `dir` that becomes visible only through [`persist`](Self::persist).
pub(crate) struct TempFile {
    pub(crate) file: File,
    dir: PathBuf,
    /// The hidden name of a named temporary file (None: anonymous).
    named: Option<PathBuf>,
    kept: bool,
}

fn file_error(message: String) -> Error {
    Error::new(Status::File, message)
}

/// `.tsc-<16 hex digits>.part`.
fn hidden_name() -> String {
    let mut r = [0u8; 8];
    let _ = getrandom::fill(&mut r);
    let hex: String = r.iter().map(|b| format!("{b:02x}")).collect();
    format!(".tsc-{hex}.part")
}

impl TempFile {
    /// A new, empty temporary file in `dir`.
    pub(crate) fn create_in(dir: &Path) -> Result<TempFile> {
        if let Some(file) = anonymous(dir) {
            return Ok(TempFile {
                file,
                dir: dir.to_path_buf(),
                named: None,
                kept: false,
            });
        }
        let mut last = None;
        for _ in 0..16 {
            let path = dir.join(hidden_name());
            match OpenOptions::new().write(true).create_new(true).open(&path) {
                Ok(file) => {
                    return Ok(TempFile {
                        file,
                        dir: dir.to_path_buf(),
                        named: Some(path),
                        kept: false,
                    })
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = Some(e),
                Err(e) => {
                    return Err(file_error(format!(
                        "cannot create a file in {}: {e}",
                        dir.display()
                    )))
                }
            }
        }
        Err(file_error(format!(
            "cannot create a temporary file in {}: {}",
            dir.display(),
            last.map(|e| e.to_string()).unwrap_or_default()
        )))
    }

    /// Writes all of `data`.
    pub(crate) fn write_all(&mut self, data: &[u8]) -> Result<()> {
        self.file
            .write_all(data)
            .map_err(|e| file_error(format!("cannot write into {}: {e}", self.dir.display())))
    }

    /// Flushes the file and puts it at `target`, replacing whatever is there in one step.
    pub(crate) fn persist(mut self, target: &Path) -> Result<()> {
        self.file
            .flush()
            .map_err(|e| file_error(format!("cannot write into {}: {e}", self.dir.display())))?;
        let hidden = match &self.named {
            Some(p) => p.clone(),
            None => self.link_hidden()?,
        };
        if let Err(e) = std::fs::rename(&hidden, target) {
            let _ = std::fs::remove_file(&hidden);
            return Err(file_error(format!(
                "cannot move the download into place at {}: {e}",
                target.display()
            )));
        }
        self.kept = true;
        Ok(())
    }

    /// Gives the anonymous file a hidden name in its directory; returns that path.
    #[cfg(target_os = "linux")]
    fn link_hidden(&self) -> Result<PathBuf> {
        use std::ffi::CString;
        use std::os::unix::ffi::OsStrExt;
        use std::os::unix::io::AsRawFd;
        let proc_path = CString::new(format!("/proc/self/fd/{}", self.file.as_raw_fd()))
            .map_err(|_| file_error("bad descriptor path".into()))?;
        let mut last = None;
        for _ in 0..16 {
            let path = self.dir.join(hidden_name());
            let c = CString::new(path.as_os_str().as_bytes())
                .map_err(|_| file_error(format!("{} contains a NUL byte", path.display())))?;
            // SAFETY: both paths are valid NUL-terminated strings for the duration of the call.
            let rc = unsafe {
                libc::linkat(
                    libc::AT_FDCWD,
                    proc_path.as_ptr(),
                    libc::AT_FDCWD,
                    c.as_ptr(),
                    libc::AT_SYMLINK_FOLLOW,
                )
            };
            if rc == 0 {
                return Ok(path);
            }
            let e = io::Error::last_os_error();
            if e.kind() != io::ErrorKind::AlreadyExists {
                return Err(file_error(format!(
                    "cannot name the download in {}: {e}",
                    self.dir.display()
                )));
            }
            last = Some(e);
        }
        Err(file_error(format!(
            "cannot name the download in {}: {}",
            self.dir.display(),
            last.map(|e| e.to_string()).unwrap_or_default()
        )))
    }

    #[cfg(not(target_os = "linux"))]
    fn link_hidden(&self) -> Result<PathBuf> {
        unreachable!("anonymous temporary files exist only on Linux")
    }
}

/// An anonymous file in `dir` (Linux `O_TMPFILE`), when the system and file system allow it and
/// `/proc/self/fd` is there to name it later.
#[cfg(target_os = "linux")]
fn anonymous(dir: &Path) -> Option<File> {
    use std::os::unix::fs::OpenOptionsExt;
    if !Path::new("/proc/self/fd").is_dir() {
        return None;
    }
    OpenOptions::new()
        .write(true)
        .custom_flags(libc::O_TMPFILE)
        .mode(0o666)
        .open(dir)
        .ok()
}

#[cfg(not(target_os = "linux"))]
fn anonymous(_dir: &Path) -> Option<File> {
    None
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if let (false, Some(p)) = (self.kept, &self.named) {
            let _ = std::fs::remove_file(p);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(dir: &Path) -> usize {
        std::fs::read_dir(dir).unwrap().count()
    }

    #[test]
    fn invisible_until_persisted_and_gone_when_dropped() {
        let dir = std::env::temp_dir().join(format!("tsc-tmpfile-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let mut t = TempFile::create_in(&dir).unwrap();
        t.write_all(b"partial").unwrap();
        if cfg!(target_os = "linux") {
            assert_eq!(entries(&dir), 0, "an anonymous file has no name");
        }
        drop(t);
        assert_eq!(entries(&dir), 0);

        let mut t = TempFile::create_in(&dir).unwrap();
        t.write_all(b"abc").unwrap();
        std::fs::write(dir.join("x.bin"), b"old").unwrap();
        t.persist(&dir.join("x.bin")).unwrap();
        assert_eq!(std::fs::read(dir.join("x.bin")).unwrap(), b"abc");
        assert_eq!(entries(&dir), 1);

        // a target that cannot be replaced (a directory): the error leaves nothing behind
        std::fs::create_dir(dir.join("sub")).unwrap();
        std::fs::write(dir.join("sub/f"), b"").unwrap();
        let t = TempFile::create_in(&dir).unwrap();
        assert!(t.persist(&dir.join("sub")).is_err());
        assert_eq!(entries(&dir), 2);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
