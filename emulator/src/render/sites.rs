//! `<site>`.

use super::*;

/// `<site id name contentUrl …all stored attributes…>` (+ `<usage/>` when asked).
pub fn site(x: &mut ReplyWriter, s: &Site, usage: Option<(usize, u64)>) {
    x.open("site")
        .attr("id", &s.id)
        .attr("name", &s.name)
        .attr("contentUrl", &s.content_url);
    for (k, v) in &s.attrs {
        x.attr(k, v);
    }
    match usage {
        Some((users, storage)) => {
            x.close();
            x.open("usage")
                .attr_num("numUsers", users)
                .attr_num("storage", storage)
                .empty();
            x.end("site");
        }
        None => {
            x.empty();
        }
    }
}
