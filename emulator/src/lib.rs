pub fn placeholder() {}
pub mod content;
