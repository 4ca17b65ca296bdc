//! The method table: one row per generated C function (`tsc_<family>_<method>`), beside the
//! model table of `spec.rs`: the endpoint families that make requests (`endpoints.rs`) and the
//! functions of the option, credential and transfer handles (`handles.rs`). A row names the C function, its arguments by kind, its result kind,
//! the Rust API call it translates, its doc sentence, the statuses that matter and the lowest REST
//! API version it needs. `gen calls` turns it into `src/capi/gen/endpoints/<family>.rs` (signature,
//! boundary body, doc comment in the fixed wording of `shared/design/c-api.md`), and `gen api`
//! describes it in `include/tsc-api.json`.
//!
//! In `call`, each argument is bound under its own name: ids and strings as `&str` (optional ones
//! as `Option<&str>`), items as `&Model`, `opts` as `Option<&RequestOptions>`, flags as `bool`,
//! string arrays as `Vec<&str>`, the server as `s`, a handle changed in place as `&mut` handle; a publish source as `source`, a download
//! destination as `dest`, publish options as `publish_opts`, transfer options as
//! `transfer_opts` (pass `&mut transfer_opts`). `call` is an expression of type `Result<T>`.

/// An argument of an endpoint function, by kind.
#[derive(Clone, Copy)]
pub enum Arg {
    /// `const tsc_server *server`, required; bound as `s`. The function makes requests.
    Server,
    /// `const tsc_server *server`, required, for a local read (allowed inside callbacks); bound
    /// as `s`.
    Local,
    /// A handle changed in place: `<type> *name`, required (name, C type); bound as `&mut`.
    Mut(&'static str, &'static str),
    /// A LUID: `const char *name`, required.
    Id(&'static str),
    /// Text: `const char *name`, required.
    Str(&'static str),
    /// Optional text: `const char *name`; the second string says what NULL means.
    OptStr(&'static str, &'static str),
    /// A secret (password): `const char *name`, optional; the second string says what NULL means.
    OptSecret(&'static str, &'static str),
    /// An item: `const tsc_<model> *name`, required (name, model C name).
    Item(&'static str, &'static str),
    /// Another handle, borrowed: `const <type> *name`, required (name, C type).
    Handle(&'static str, &'static str),
    /// An optional handle: `const <type> *name` (name, C type, what NULL means); bound as
    /// `Option<&type>`.
    OptHandle(&'static str, &'static str, &'static str),
    /// A secret (password, token): `const char *name`, required, never kept in messages.
    Secret(&'static str),
    /// `int32_t name`, checked by the call (an enum value, a signed number): (name, doc).
    I32(&'static str, &'static str),
    /// `uint32_t name`: (name, doc).
    U32(&'static str, &'static str),
    /// `uint64_t name`: (name, doc).
    U64(&'static str, &'static str),
    /// `const tsc_request_options *opts`: NULL for the server's defaults.
    Options,
    /// `int32_t name`, 0 or 1 (other values: `TSC_STATUS_INVALID_ARGUMENT`); the second string
    /// says what 1 means.
    Flag(&'static str, &'static str),
    /// `uint32_t read_ahead`: pages a pager fetches ahead in parallel.
    ReadAhead,
    /// `const char *const *name, size_t count`: `count` required strings.
    StrArray(&'static str),
    /// `const char *path`: the file to publish; bound as `source`.
    SourcePath,
    /// `const char *file_name, uint64_t size, tsc_read_fn read, void *userdata`: the file to
    /// publish, from a read callback; bound as `source`.
    SourceReader,
    /// `int32_t mode`: a `tsc_publish_mode`.
    PublishMode,
    /// `const tsc_publish_options *publish_opts`: NULL for defaults.
    PublishOptions,
    /// `const tsc_transfer_options *transfer_opts`: NULL for defaults.
    TransferOptions,
    /// `const char *dir`: a download's directory (NULL: the current one); bound as `dest`.
    DestDir,
    /// `const char *path`: a download's file; bound as `dest`.
    DestFile,
    /// `tsc_write_fn write, void *userdata`: a download's write callback; bound as `dest`.
    DestWriter,
}

/// What an endpoint function produces.
#[derive(Clone, Copy)]
pub enum Ret {
    /// Only the status.
    Nothing,
    /// `tsc_<model> **out`: an owned item.
    Item(&'static str),
    /// `tsc_<model>_list **out`: an owned list.
    List(&'static str),
    /// `tsc_<model>_pager **out`: an owned pager (with `Arg::ReadAhead`).
    Pager(&'static str),
    /// `tsc_bytes **out`: owned bytes; `call` gives `Vec<u8>`.
    Bytes,
    /// `<type> **out`: another owned handle; `call` gives the handle value (C type, its free).
    Handle(&'static str),
    /// `tsc_<model> **out, tsc_job **job_out`: the published item, or its job with `as_job`.
    Published(&'static str),
    /// `char **path_out` (may be NULL): the downloaded file's path; `call` gives `Downloaded`.
    DownloadPath,
    /// `char **out`: an owned string; `call` gives `Option<String>` (the text says when NULL).
    OwnedStr(&'static str),
}

/// One exported endpoint function.
pub struct Method {
    /// The C name, `tsc_<family>_<method>`.
    pub c: &'static str,
    pub args: &'static [Arg],
    pub ret: Ret,
    /// The Rust API call (see the module doc).
    pub call: &'static str,
    /// What it does, for C readers (the generator adds ownership, NULL, statuses, version and
    /// thread phrases).
    pub doc: &'static str,
    /// A second paragraph for the doc, shared by rows of one shape (transfers, pagers).
    pub more: &'static str,
    /// Statuses that matter beyond misuse and transport: (`NOT_FOUND`, when).
    pub statuses: &'static [(&'static str, &'static str)],
    /// The lowest REST API version it needs ("" for functions that make no request).
    pub since: &'static str,
}

/// The endpoint functions of one family (`server.<family>` in the Python client).
pub struct Family {
    /// The file name: the Python endpoint (`projects`) or the handle (`server_options`).
    pub name: &'static str,
    /// What the family covers, for the module doc.
    pub doc: &'static str,
    pub methods: &'static [Method],
}

mod endpoints;
mod handles;

/// Every family: the endpoints, then the handles.
pub const TABLES: &[&[Family]] = &[endpoints::FAMILIES, handles::FAMILIES];

/// A row of an endpoint family.
const fn m(c: &'static str, args: &'static [Arg], ret: Ret, call: &'static str) -> Method {
    Method {
        c,
        args,
        ret,
        call,
        doc: "",
        more: "",
        statuses: &[],
        since: "2.0",
    }
}

/// A row of a handle family (no request, no minimum version).
const fn h(c: &'static str, args: &'static [Arg], ret: Ret, call: &'static str) -> Method {
    Method {
        since: "",
        ..m(c, args, ret, call)
    }
}

impl Method {
    /// Whether the function makes requests.
    pub fn requests(&self) -> bool {
        self.args.iter().any(|a| matches!(a, Arg::Server))
    }

    const fn doc(mut self, doc: &'static str) -> Self {
        self.doc = doc;
        self
    }
    const fn more(mut self, more: &'static str) -> Self {
        self.more = more;
        self
    }
    const fn statuses(mut self, s: &'static [(&'static str, &'static str)]) -> Self {
        self.statuses = s;
        self
    }
    const fn since(mut self, v: &'static str) -> Self {
        self.since = v;
        self
    }
}
