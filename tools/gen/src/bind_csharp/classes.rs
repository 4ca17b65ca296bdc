//! The managed classes: one `SafeHandle` subclass per handle type (its `ReleaseHandle` calls the
//! handle's `_free`), lists as `IReadOnlyList<T>`, pagers as `IEnumerable<T>`, item fields as
//! properties, one endpoint class per family (`server.Workbooks`), and static classes for the
//! functions of no handle (`Library`). Records which C# member covers each C function.

use super::members::{self, body, member_name, method, Ctx};
use super::model::{camel, pascal, xml_doc, Api, Func, Handle};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

/// C function -> the C# member that wraps it (or the runtime piece that uses it).
pub type Coverage = BTreeMap<String, String>;

const RESERVED: &[&str] = &[
    "Close",
    "Dispose",
    "IsInvalid",
    "IsClosed",
    "GetType",
    "Equals",
    "GetHashCode",
    "ToString",
    "SetHandle",
    "Retain",
];

fn ctx<'a>(self_idx: Option<usize>, self_expr: &'a str) -> Ctx<'a> {
    Ctx {
        self_idx,
        field_ty: None,
        value_name: None,
        retain_callbacks: false,
        self_expr,
    }
}

/// The doc comment of a function, without the C parameter list (`- \`x\`: ...`, which speaks
/// of C pointers); a method gets `<param>` tags instead (`doc_with_params`).
fn doc_of(f: &Func) -> String {
    let text: Vec<&str> = f
        .doc
        .split("\n\n")
        .filter(|para| !para.trim_start().starts_with("- `"))
        .collect();
    xml_doc("        ", &text.join("\n\n"), &f.thread)
}

/// The doc comment of a method: `doc_of` and a `<param>` for each C# parameter the C
/// parameter docs describe.
fn doc_with_params(f: &Func, b: &members::Body) -> String {
    let mut o = doc_of(f);
    for (_, name, _) in &b.params {
        let Some(p) = f.params.iter().find(|p| camel(&p.name) == *name) else {
            continue;
        };
        let text = p
            .doc
            .strip_prefix(&format!("`{}`: ", p.name))
            .unwrap_or(&p.doc)
            .trim();
        if text.is_empty() {
            continue;
        }
        let esc = text
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        let _ = writeln!(
            o,
            "        /// <param name=\"{}\">{esc}</param>",
            name.trim_start_matches('@')
        );
    }
    o
}

/// The index of the parameter of `f` that is a `handle` of type `h`, if it comes first.
fn self_param(f: &Func, h: &str) -> Option<usize> {
    let p = f.params.first()?;
    (p.role == "handle" && members::handle_of(&p.c_type, &p.handle).as_deref() == Some(h))
        .then_some(0)
}

/// Keeps member names unique in one class.
struct Names(BTreeSet<String>);

impl Names {
    fn take(&mut self, want: String) -> String {
        let mut n = want;
        if RESERVED.contains(&n.as_str()) {
            n.push_str("Value");
        }
        while !self.0.insert(n.clone()) {
            n.push('_');
        }
        n
    }
}

/// A getter-like function: only `this`, returns a value, no error.
fn is_property(f: &Func, self_idx: Option<usize>) -> bool {
    self_idx == Some(0)
        && f.params.len() == 1
        && !matches!(f.ret.kind.as_str(), "none" | "bytes")
        && f.kind != "clone"
}

fn property(name: &str, b: &members::Body, doc: &str) -> String {
    let mut o = String::from(doc);
    let _ = writeln!(
        o,
        "        public {} {name}\n        {{\n            get\n            {{",
        b.ret
    );
    for l in &b.lines {
        let _ = writeln!(o, "                {l}");
    }
    o.push_str("            }\n        }\n");
    o
}

/// One handle class.
fn handle_class(api: &Api, h: &Handle, cov: &mut Coverage) -> Result<String, String> {
    let cls = api.class(&h.name);
    let mut names = Names(BTreeSet::new());
    names.0.insert(cls.clone());
    let mut body_txt = String::new();
    let mut ifaces = String::new();
    let fam: Vec<&Func> = api
        .functions
        .iter()
        .filter(|f| f.family == h.name)
        .collect();
    let mut done: BTreeSet<String> = BTreeSet::new();
    let ts = if h.thread.is_empty() {
        String::new()
    } else {
        format!(
            " Thread safety: {}.",
            h.thread.replace('<', "&lt;").replace('>', "&gt;")
        )
    };

    // the destructor
    if api.func(&h.free).is_none() {
        return Err(format!("handle {} has no free function {}", h.name, h.free));
    }
    let _ = writeln!(
        body_txt,
        "        internal {cls}(IntPtr handle, TscHandle owner) : base(handle, owner) {{ }}\n\n        /// <summary>Frees the native handle with <c>{free}</c> (or releases the list it is borrowed from).</summary>\n        protected override bool ReleaseHandle()\n        {{\n            if (ReleaseOwner()) return true;\n            Native.{free}(handle);\n            return true;\n        }}\n",
        free = h.free
    );
    cov.insert(h.free.clone(), format!("{cls}.ReleaseHandle (SafeHandle)"));
    done.insert(h.free.clone());

    // a list: Count, the indexer, IReadOnlyList<T>
    if h.kind == "list" {
        let (count, get, item) = match (&h.count, &h.get, &h.item) {
            (Some(c), Some(g), Some(i)) => (c, g, i),
            _ => return Err(format!("list {} lacks count/get/item", h.name)),
        };
        let gf = api.func(get).ok_or(format!("list {}: no {get}", h.name))?;
        // a list of strings (its get returns `const char *`), or of handles
        let (icls, wrap) = if gf.ret.kind == "string" {
            ("string".to_string(), "Utf8.Borrowed(r)".to_string())
        } else if api.handles.contains_key(item) {
            let c = api.class(item);
            let w = format!("new {c}(r, this)");
            (c, w)
        } else {
            return Err(format!("list {}: item {item} is no handle", h.name));
        };
        ifaces = format!(", IReadOnlyList<{icls}>");
        names
            .0
            .extend(["Count".to_string(), "GetEnumerator".to_string()]);
        let _ = writeln!(
            body_txt,
            "        int count = -1;\n\n        /// <summary>The number of items (<c>{count}</c>).{ts}</summary>\n        public int Count\n        {{\n            get\n            {{\n                if (count < 0) using (new Lease(this)) count = checked((int)(ulong)Native.{count}(handle));\n                return count;\n            }}\n        }}\n\n        /// <summary>The item at <paramref name=\"index\"/> (<c>{get}</c>), borrowed from this list: valid until the list is disposed (then it throws ObjectDisposedException); Clone() it to keep it longer.{ts}</summary>\n        public {icls} this[int index]\n        {{\n            get\n            {{\n                if (index < 0 || index >= Count) throw new ArgumentOutOfRangeException(\"index\");\n                IntPtr r;\n                using (new Lease(this)) r = Native.{get}(handle, (UIntPtr)(uint)index);\n                return {wrap};\n            }}\n        }}\n\n        /// <summary>Every item of the list, in order.{ts}</summary>\n        public IEnumerator<{icls}> GetEnumerator()\n        {{\n            int n = Count;\n            for (int i = 0; i < n; i++) yield return this[i];\n        }}\n\n        IEnumerator IEnumerable.GetEnumerator() {{ return GetEnumerator(); }}\n"
        );
        cov.insert(count.clone(), format!("{cls}.Count"));
        cov.insert(get.clone(), format!("{cls}[int] (IReadOnlyList)"));
        done.insert(count.clone());
        done.insert(get.clone());
    }

    // a pager: Next(), Pages(), IEnumerable<T> over every item
    if h.kind == "pager" {
        let next = h
            .next
            .as_ref()
            .ok_or(format!("pager {} lacks next", h.name))?;
        let page = h
            .page
            .as_ref()
            .ok_or(format!("pager {} lacks page", h.name))?;
        let item = api
            .handles
            .get(page)
            .and_then(|p| p.item.clone())
            .ok_or(format!("pager {}: page {page} has no item", h.name))?;
        let (pcls, icls) = (api.class(page), api.class(&item));
        let nf = api
            .func(next)
            .ok_or(format!("pager {}: no {next}", h.name))?;
        let b = body(api, nf, &ctx(Some(0), "this"))?;
        body_txt.push_str(&method(&doc_with_params(nf, &b), "Next", false, &b));
        names
            .0
            .extend(["Next", "Pages", "GetEnumerator"].map(String::from));
        ifaces = format!(", IEnumerable<{icls}>");
        let _ = writeln!(
            body_txt,
            "\n        /// <summary>Every page, fetched one by one with <c>{next}</c>; dispose each page when done with it.{ts}</summary>\n        public IEnumerable<{pcls}> Pages()\n        {{\n            for (;;)\n            {{\n                {pcls} page = Next();\n                if (page == null) yield break;\n                yield return page;\n            }}\n        }}\n\n        /// <summary>Every item of every page. Items keep their page reachable; a page is freed by the GC once it and its items are unreachable (walk Pages() and dispose each page to free them sooner).{ts}</summary>\n        public IEnumerator<{icls}> GetEnumerator()\n        {{\n            for (;;)\n            {{\n                {pcls} page = Next();\n                if (page == null) yield break;\n                int n = page.Count;\n                for (int i = 0; i < n; i++) yield return page[i];\n            }}\n        }}\n\n        IEnumerator IEnumerable.GetEnumerator() {{ return GetEnumerator(); }}\n"
        );
        cov.insert(
            next.clone(),
            format!("{cls}.Next() (also Pages() and IEnumerable<{icls}>)"),
        );
        done.insert(next.clone());
    }

    // item fields as properties
    for fl in &h.fields {
        let pname = names.take(pascal(&fl.name));
        let rule = |f: &Option<String>| {
            f.as_ref()
                .and_then(|n| api.func(n))
                .map(|f| f.thread.clone())
                .unwrap_or_default()
        };
        let thread = match (rule(&fl.get), rule(&fl.set)) {
            (g, st) if st.is_empty() || st == g => g,
            (g, st) if g.is_empty() => st,
            (g, st) => format!("reading: {g}; setting: {st}"),
        };
        let fdoc = xml_doc("        ", &fl.doc, &thread);
        match (fl.ty.as_str(), &fl.count, &fl.get, &fl.set) {
            ("string_list", Some(count), Some(get), _) => {
                let _ = writeln!(
                    body_txt,
                    "{fdoc}        public IReadOnlyList<string> {pname}\n        {{\n            get\n            {{\n                using (new Lease(this))\n                {{\n                    long n = (long)(ulong)Native.{count}(handle);\n                    var list = new List<string>((int)n);\n                    for (long i = 0; i < n; i++) list.Add(Utf8.Borrowed(Native.{get}(handle, (UIntPtr)(ulong)i)));\n                    return list;\n                }}\n            }}\n        }}\n"
                );
                cov.insert(count.clone(), format!("{cls}.{pname} (count)"));
                cov.insert(get.clone(), format!("{cls}.{pname}"));
                done.insert(count.clone());
                done.insert(get.clone());
                if let Some(set) = &fl.set {
                    let sf = api.func(set).ok_or(format!("no {set}"))?;
                    let b = body(api, sf, &ctx(Some(0), "this"))?;
                    let mname = names.take(member_name(sf, &h.name));
                    body_txt.push_str(&method(&doc_with_params(sf, &b), &mname, false, &b));
                    cov.insert(set.clone(), format!("{cls}.{mname}()"));
                    done.insert(set.clone());
                }
            }
            (_, _, Some(get), set) => {
                let gf = api.func(get).ok_or(format!("no {get}"))?;
                let c = Ctx {
                    field_ty: Some(fl.ty.as_str()),
                    ..ctx(Some(0), "this")
                };
                let gb = body(api, gf, &c)?;
                let mut o = String::from(&fdoc);
                let _ = writeln!(
                    o,
                    "        public {} {pname}\n        {{\n            get\n            {{",
                    gb.ret
                );
                for l in &gb.lines {
                    let _ = writeln!(o, "                {l}");
                }
                o.push_str("            }\n");
                cov.insert(get.clone(), format!("{cls}.{pname} (get)"));
                done.insert(get.clone());
                if let Some(set) = set {
                    let sf = api.func(set).ok_or(format!("no {set}"))?;
                    let c = Ctx {
                        field_ty: Some(fl.ty.as_str()),
                        value_name: Some("value"),
                        ..ctx(Some(0), "this")
                    };
                    let sb = body(api, sf, &c)?;
                    if sb.params.len() != 1 || sb.params[0].0 != gb.ret {
                        return Err(format!("{set}: setter does not match {get}"));
                    }
                    o.push_str("            set\n            {\n");
                    for l in &sb.lines {
                        let _ = writeln!(o, "                {l}");
                    }
                    o.push_str("            }\n");
                    cov.insert(set.clone(), format!("{cls}.{pname} (set)"));
                    done.insert(set.clone());
                }
                o.push_str("        }\n");
                body_txt.push_str(&o);
            }
            _ => {} // a write-only field: its setter is a method below
        }
        body_txt.push('\n');
    }

    // bytes: the data getter and its length as ToArray()
    for f in fam.iter().filter(|f| f.ret.kind == "bytes") {
        let len_name = format!("{}_len", f.name.trim_end_matches("_data"));
        let len = api
            .func(&len_name)
            .ok_or(format!("{}: bytes without {len_name}", f.name))?;
        let _ = writeln!(
            body_txt,
            "        /// <summary>A copy of the bytes (<c>{data}</c> and <c>{len}</c>).{ts}</summary>\n        public byte[] ToArray()\n        {{\n            bool added = false;\n            try\n            {{\n                DangerousAddRef(ref added);\n                IntPtr p = Native.{data}(handle);\n                long n = (long)(ulong)Native.{len}(handle);\n                var b = new byte[n];\n                if (n > 0) Marshal.Copy(p, b, 0, checked((int)n));\n                return b;\n            }}\n            finally\n            {{\n                if (added) DangerousRelease();\n            }}\n        }}\n",
            data = f.name,
            len = len.name
        );
        names.0.insert("ToArray".into());
        cov.insert(f.name.clone(), format!("{cls}.ToArray()"));
        done.insert(f.name.clone());
    }

    // everything else of the family: properties, methods, static factories
    for f in fam.iter().filter(|f| !done.contains(&f.name)) {
        let si = self_param(f, &h.name);
        let retain = f.kind == "setter" && f.params.iter().any(|p| p.role == "callback");
        let c = Ctx {
            retain_callbacks: retain,
            ..ctx(si, "this")
        };
        let b = body(api, f, &c)?;
        let mname = names.take(member_name(f, &h.name));
        if is_property(f, si) {
            body_txt.push_str(&property(&mname, &b, &doc_of(f)));
            cov.insert(f.name.clone(), format!("{cls}.{mname}"));
        } else {
            body_txt.push_str(&method(&doc_with_params(f, &b), &mname, si.is_none(), &b));
            body_txt.push_str(&members::short_overload(
                &doc_of(f),
                &mname,
                si.is_none(),
                &b,
            ));
            let st = if si.is_none() { " (static)" } else { "" };
            cov.insert(f.name.clone(), format!("{cls}.{mname}(){st}"));
        }
        body_txt.push('\n');
    }

    // endpoint families whose functions take this handle first: server.Workbooks, ...
    for fam in endpoint_families(api, &h.name) {
        let ecls = format!("{}Endpoint", pascal(&fam));
        let pname = names.take(pascal(&fam));
        let _ = writeln!(
            body_txt,
            "        {ecls} ep_{fam};\n\n        /// <summary>The <c>tsc_{fam}_*</c> calls on this {cls}.{ts}</summary>\n        public {ecls} {pname}\n        {{\n            get {{ return ep_{fam} ?? (ep_{fam} = new {ecls}(this)); }}\n        }}\n"
        );
    }

    let mut o = String::new();
    o.push_str(&xml_doc("    ", &h.doc, &h.thread));
    let _ = writeln!(
        o,
        "    public sealed partial class {cls} : TscHandle{ifaces}\n    {{\n{}    }}\n",
        body_txt.trim_end_matches('\n').to_string() + "\n"
    );
    Ok(o)
}

/// The families of endpoint functions whose first parameter is a handle of type `h`.
fn endpoint_families(api: &Api, h: &str) -> Vec<String> {
    let mut v: Vec<String> = api
        .functions
        .iter()
        .filter(|f| !api.handles.contains_key(&f.family) && self_param(f, h).is_some())
        .map(|f| f.family.clone())
        .collect();
    v.dedup();
    let mut seen = BTreeSet::new();
    v.retain(|x| seen.insert(x.clone()));
    v
}

/// One endpoint class: the functions of `family`, with the handle `owner` as `this`.
fn endpoint_class(
    api: &Api,
    family: &str,
    owner: &str,
    cov: &mut Coverage,
) -> Result<String, String> {
    let ecls = format!("{}Endpoint", pascal(family));
    let ocls = api.class(owner);
    let mut names = Names(BTreeSet::new());
    let mut o = String::new();
    let _ = writeln!(
        o,
        "    /// <summary>The <c>tsc_{family}_*</c> calls: <c>{lower}.{p}</c> on a <see cref=\"{ocls}\"/>. Thread safety: as the {ocls} (see each call).</summary>\n    public sealed class {ecls}\n    {{\n        readonly {ocls} owner;\n\n        internal {ecls}({ocls} owner) {{ this.owner = owner; }}\n",
        lower = ocls.to_ascii_lowercase(),
        p = pascal(family)
    );
    for f in api
        .functions
        .iter()
        .filter(|f| f.family == family && self_param(f, owner).is_some())
    {
        let b = body(api, f, &ctx(Some(0), "owner"))?;
        let mname = names.take(member_name(f, family));
        o.push('\n');
        o.push_str(&method(&doc_with_params(f, &b), &mname, false, &b));
        o.push_str(&members::short_overload(&doc_of(f), &mname, false, &b));
        cov.insert(
            f.name.clone(),
            format!("{ocls}.{}.{mname}()", pascal(family)),
        );
    }
    o.push_str("    }\n\n");
    Ok(o)
}

/// A static class for the functions of a family that is no handle and takes none first.
fn static_class(
    api: &Api,
    family: &str,
    fs: &[&Func],
    cov: &mut Coverage,
) -> Result<String, String> {
    let cls = pascal(family);
    let mut names = Names(BTreeSet::new());
    let mut o = format!(
        "    /// <summary>The <c>{family}</c> functions of libtsc. Thread safety: as stated on each member.</summary>\n    public static class {cls}\n    {{\n"
    );
    for f in fs {
        let b = body(api, f, &ctx(None, ""))?;
        let mname = names.take(member_name(f, family));
        if f.params.is_empty() && !matches!(f.ret.kind.as_str(), "none" | "status") {
            let p = property(&mname, &b, &doc_of(f));
            o.push_str(&p.replacen("public ", "public static ", 1));
            cov.insert(f.name.clone(), format!("{cls}.{mname} (static)"));
        } else {
            o.push_str(&method(&doc_with_params(f, &b), &mname, true, &b));
            cov.insert(f.name.clone(), format!("{cls}.{mname}() (static)"));
        }
        o.push('\n');
    }
    o.push_str("    }\n\n");
    Ok(o)
}

/// The text of `Classes.g.cs` and the coverage it achieves.
pub fn classes(api: &Api) -> Result<(String, Coverage), String> {
    let mut cov = Coverage::new();
    let mut o = String::new();
    o.push_str(super::BANNER);
    o.push_str(
        "// The handle classes, endpoint classes and static functions of include/tsc-api.json.\n",
    );
    o.push_str("using System;\nusing System.Collections;\nusing System.Collections.Generic;\nusing System.Runtime.InteropServices;\n\nnamespace Tsc\n{\n");
    for h in api.handles.values() {
        o.push_str(&handle_class(api, h, &mut cov).map_err(|e| format!("{}: {e}", h.name))?);
        for fam in endpoint_families(api, &h.name) {
            o.push_str(&endpoint_class(api, &fam, &h.name, &mut cov)?);
        }
    }
    // the free function of owned strings is the runtime's (Utf8.TakeOwned)
    let frees: BTreeSet<&str> = api.handles.values().map(|h| h.free.as_str()).collect();
    for f in &api.functions {
        if f.kind == "free" && !frees.contains(f.name.as_str()) {
            if f.params.len() == 1 && f.params[0].c_type.trim() == "char *" {
                cov.insert(
                    f.name.clone(),
                    "runtime: Utf8.TakeOwned frees owned char* outputs with it".into(),
                );
            } else {
                return Err(format!("{}: a free function of no handle", f.name));
            }
        }
    }
    // the rest, by family, as static classes
    let mut rest: BTreeMap<String, Vec<&Func>> = BTreeMap::new();
    for f in &api.functions {
        if !cov.contains_key(&f.name) && !api.handles.contains_key(&f.family) {
            rest.entry(f.family.clone()).or_default().push(f);
        }
    }
    for (fam, fs) in &rest {
        o.push_str(&static_class(api, fam, fs, &mut cov)?);
    }
    o.push_str("}\n");
    Ok((o, cov))
}
