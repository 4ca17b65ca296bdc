//! `Text`: an immutable UTF-8 string without NUL bytes, stored NUL-terminated so the C API can hand
//! out borrowed `const char*` without copying. Every string field of a model is a `Text`.

use crate::error::{Error, Result, Status};
use std::ffi::{c_char, CStr, CString};
use std::fmt;

/// A NUL-free UTF-8 string that is also a valid C string.
#[derive(Clone, PartialEq, Eq, Hash, Default)]
pub struct Text(CString);

impl Text {
    /// Copies `s`; fails with `InvalidArgument` if it contains a NUL byte.
    pub fn new(s: &str) -> Result<Text> {
        CString::new(s)
            .map(Text)
            .map_err(|_| Error::invalid("strings may not contain NUL characters"))
    }

    /// Copies a string that came from the server; a NUL byte there is a protocol error.
    pub(crate) fn from_server(s: &str) -> Result<Text> {
        CString::new(s).map(Text).map_err(|_| {
            Error::new(
                Status::Protocol,
                "the server sent a string containing a NUL character",
            )
        })
    }

    /// The string.
    pub fn as_str(&self) -> &str {
        // Invariant: constructed only from &str, so the bytes are valid UTF-8.
        std::str::from_utf8(self.0.as_bytes()).unwrap_or_default()
    }

    /// The NUL-terminated string, for the C API.
    pub(crate) fn as_ptr(&self) -> *const c_char {
        self.0.as_ptr()
    }

    /// The NUL-terminated string.
    pub fn as_c_str(&self) -> &CStr {
        &self.0
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_refuses_nul() {
        let t = Text::new("Projeśt x").unwrap();
        assert_eq!(t.as_str(), "Projeśt x");
        assert_eq!(t.as_c_str().to_bytes(), "Projeśt x".as_bytes());
        assert_eq!(
            Text::new("a\0b").unwrap_err().status(),
            Status::InvalidArgument
        );
        assert_eq!(
            Text::from_server("a\0b").unwrap_err().status(),
            Status::Protocol
        );
    }
}
