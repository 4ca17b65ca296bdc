//! `Secret`: a password, token, PAT secret or JWT. Its bytes are wiped when dropped and it never
//! shows up in `Debug` or `Display` output, so secrets cannot leak into messages or logs.

use crate::error::Result;
use crate::text::Text;
use std::fmt;

/// A secret string: redacted in `Debug`, zeroed on drop.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(Box<str>);

impl Secret {
    /// Wraps a secret; fails if it contains a NUL byte (it could not be sent intact).
    pub fn new(s: &str) -> Result<Secret> {
        Text::new(s)?; // same rule as every string the library sends
        Ok(Secret(s.into()))
    }

    /// The secret itself. Use only to put it on the wire.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl Drop for Secret {
    fn drop(&mut self) {
        // SAFETY: writing zero bytes keeps the str valid UTF-8 (NUL is a valid one-byte char).
        let bytes = unsafe { self.0.as_bytes_mut() };
        for b in bytes.iter_mut() {
            // volatile so the wipe is not optimised away
            unsafe { std::ptr::write_volatile(b, 0) };
        }
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("\"<redacted>\"")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_secret() {
        let s = Secret::new("hunter2").unwrap();
        assert_eq!(format!("{s:?}"), "\"<redacted>\"");
        assert_eq!(s.expose(), "hunter2");
    }
}
