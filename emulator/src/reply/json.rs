//! The JSON sink, mapping elements the way Tableau Server's JSON replies do:
//! - the `<tsResponse>` envelope is the top-level object;
//! - an element is an object; its attributes and its children are its keys, in order;
//! - every attribute value is a string, as in the XML (`"totalAvailable":"3"`);
//! - an element with only text is a string (`"summary":"Signin Error"`); one with attributes
//!   and text keeps the text under `"value"`;
//! - list members (`lists::is_list_member`) are gathered into one array, even a single one
//!   (`"projects":{"project":[{…}]}`); an element with nothing in it is `{}`.
//!
//! The output is streamed: each element's opening `{` is written when its first key comes, so
//! nothing is buffered beyond the document itself.

use super::lists::is_list_member;

struct Frame {
    name: String,
    /// `{` written (the element has keys).
    object: bool,
    /// Keys written so far.
    keys: usize,
    /// The list whose array is open among the children, if any.
    list: Option<String>,
    /// A text value written in place of an object.
    text: bool,
}

impl Frame {
    fn new(name: &str) -> Frame {
        Frame {
            name: name.to_string(),
            object: false,
            keys: 0,
            list: None,
            text: false,
        }
    }
}

pub struct JsonSink {
    buf: Vec<u8>,
    stack: Vec<Frame>,
}

impl JsonSink {
    pub fn new(capacity: usize) -> JsonSink {
        let mut root = Frame::new("tsResponse");
        root.object = true;
        let mut buf = Vec::with_capacity(capacity);
        buf.push(b'{');
        JsonSink {
            buf,
            stack: vec![root],
        }
    }

    fn top(&mut self) -> &mut Frame {
        self.stack
            .last_mut()
            .expect("the root frame is never popped")
    }

    /// Starts a key of the top element: `{` if it is the first, `,` otherwise.
    fn key(&mut self, name: &str) {
        let f = self.stack.last_mut().expect("root");
        debug_assert!(
            !f.text,
            "an element with text has no children or attributes"
        );
        let first = !f.object;
        let more = f.keys > 0;
        f.object = true;
        f.keys += 1;
        if first {
            self.buf.push(b'{');
        } else if more {
            self.buf.push(b',');
        }
        string_into(&mut self.buf, name);
        self.buf.push(b':');
    }

    /// Closes the array of list members open in the top element, if any.
    fn close_list(&mut self) {
        if self.top().list.take().is_some() {
            self.buf.push(b']');
        }
    }

    pub fn open(&mut self, name: &str) {
        let parent = self.top();
        let member = is_list_member(&parent.name, name);
        if member && parent.list.as_deref() == Some(name) {
            self.buf.push(b',');
        } else {
            self.close_list();
            self.key(name);
            if member {
                self.buf.push(b'[');
                self.top().list = Some(name.to_string());
            }
        }
        self.stack.push(Frame::new(name));
    }

    pub fn attr(&mut self, name: &str, value: &str) {
        self.key(name);
        string_into(&mut self.buf, value);
    }

    pub fn text(&mut self, s: &str) {
        let f = self.top();
        if f.object {
            self.close_list();
            self.key("value");
        } else {
            f.text = true;
        }
        string_into(&mut self.buf, s);
    }

    /// Ends the top element.
    pub fn end(&mut self) {
        self.close_list();
        let f = self.stack.pop().expect("end() matches an open()");
        debug_assert!(!self.stack.is_empty(), "end() without open()");
        if f.object {
            self.buf.push(b'}');
        } else if !f.text {
            self.buf.extend_from_slice(b"{}");
        }
    }

    pub fn finish(mut self) -> Vec<u8> {
        self.close_list();
        debug_assert_eq!(self.stack.len(), 1, "unclosed elements");
        self.buf.push(b'}');
        self.buf
    }
}

/// A JSON string literal (RFC 8259: `"`, `\` and control characters escaped).
fn string_into(buf: &mut Vec<u8>, s: &str) {
    buf.push(b'"');
    for &b in s.as_bytes() {
        match b {
            b'"' => buf.extend_from_slice(b"\\\""),
            b'\\' => buf.extend_from_slice(b"\\\\"),
            b'\n' => buf.extend_from_slice(b"\\n"),
            b'\r' => buf.extend_from_slice(b"\\r"),
            b'\t' => buf.extend_from_slice(b"\\t"),
            0..=0x1f => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                buf.extend_from_slice(b"\\u00");
                buf.push(HEX[(b >> 4) as usize]);
                buf.push(HEX[(b & 15) as usize]);
            }
            _ => buf.push(b),
        }
    }
    buf.push(b'"');
}
