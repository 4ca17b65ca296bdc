//! The handle families: constructors and setters of the option, credential and transfer handles,
//! and the server's local reads. None makes a request. Each `call` works on the handle's Rust
//! side (`src/capi/<handle>.rs`), where the few helpers these rows use live.

use super::Arg::*;
use super::{h, Family, Ret};

const NOT_SIGNED_IN: (&str, &str) = ("NOT_SIGNED_IN", "not signed in");
const SESSION: &str = "The value is copied: it stays valid after sign-out.";

pub(super) const FAMILIES: &[Family] = &[
    Family {
        name: "server_options",
        doc: "where the server is and how to reach it",
        methods: &[
            h(
                "tsc_server_options_new",
                &[Str("url")],
                Ret::Handle("tsc_server_options"),
                "ServerOptions::new(url).map(|inner| tsc_server_options { inner })",
            )
            .doc(
                "Creates options for the server at `url` (e.g. \"https://tableau.example.com\"; \
                 http:// and https:// only). No network access happens here.",
            )
            .statuses(&[("INVALID_ARGUMENT", "the URL is not an http:// or https:// URL")]),
            h(
                "tsc_server_options_set_connect_timeout_ms",
                &[
                    Mut("opts", "tsc_server_options"),
                    U32("ms", "milliseconds, at least 1 (default 30000)"),
                ],
                Ret::Nothing,
                "rebuild(&mut opts.inner, |o| Ok(o.connect_timeout(millis(ms, \"the connect timeout\")?)))",
            )
            .doc("Sets the connect timeout."),
            h(
                "tsc_server_options_set_timeout_ms",
                &[
                    Mut("opts", "tsc_server_options"),
                    U32("ms", "milliseconds, at least 1 (default 120000)"),
                ],
                Ret::Nothing,
                "rebuild(&mut opts.inner, |o| Ok(o.request_timeout(millis(ms, \"the request timeout\")?)))",
            )
            .doc(
                "Sets the request timeout: how long the server may take to start answering, and \
                 how long any read or write of a transfer may stall.",
            ),
            h(
                "tsc_server_options_set_deadline_ms",
                &[
                    Mut("opts", "tsc_server_options"),
                    U32("ms", "milliseconds; 0 for no deadline (default 300000)"),
                ],
                Ret::Nothing,
                "rebuild(&mut opts.inner, |o| Ok(o.deadline(deadline_ms(ms))))",
            )
            .doc(
                "Sets the deadline: the longest time a call that reads a whole reply may take, \
                 retries and redirects included; past it the call fails with \
                 `TSC_STATUS_TIMEOUT`. Downloads and uploads have no deadline: each of their \
                 reads and writes has the request timeout, and their progress callback and \
                 cancel token stop them.",
            ),
            h(
                "tsc_server_options_set_retries",
                &[
                    Mut("opts", "tsc_server_options"),
                    U32("max_attempts", "attempts in all, at least 1; 1 turns retries off (default 4)"),
                    U32("max_wait_ms", "the longest total wait between the attempts of one call (default 60000)"),
                ],
                Ret::Nothing,
                "rebuild(&mut opts.inner, |o| Ok(o.retries(retry_policy(max_attempts, max_wait_ms)?)))",
            )
            .doc(
                "Sets how requests that are safe to repeat (GET, and sign-in) are retried: on \
                 HTTP 429 and 503 after the server's Retry-After, on 502 and 504, and when the \
                 connection breaks before any reply, with jittered exponential backoff from \
                 0.5 s. A Retry-After longer than the wait left is not waited for: the error \
                 carries it (`tsc_error_retry_after`). A request that creates or changes \
                 something, an upload or a publish is never repeated. `tsc_server_retry_count` \
                 counts the retries.",
            )
            .statuses(&[("INVALID_ARGUMENT", "`max_attempts` is 0")]),
            h(
                "tsc_server_options_set_reauthenticate",
                &[
                    Mut("opts", "tsc_server_options"),
                    Flag("yes", "signing in again when the session expires (1, the default)"),
                ],
                Ret::Nothing,
                "rebuild(&mut opts.inner, |o| Ok(o.reauthenticate(yes)))",
            )
            .doc(
                "Whether a call that the server refuses because the session expired or was \
                 ended (Tableau error 401002) signs in again with the credentials of the last \
                 `tsc_auth_sign_in` and is made once more. One thread signs in for all: the \
                 others wait and reuse the new session. A request whose body was streamed \
                 (uploads, publishes) is not made again. JWT sign-ins are not repeated (the \
                 server accepts a JWT once). With a personal access token, signing in again \
                 ends the token's other session: a PAT allows one session at a time. \
                 `tsc_server_reauthentication_count` counts them.",
            ),
            h(
                "tsc_server_options_set_ca_bundle_file",
                &[Mut("opts", "tsc_server_options"), Str("path")],
                Ret::Nothing,
                "rebuild(&mut opts.inner, |o| Ok(o.ca_bundle(path)))",
            )
            .doc(
                "Trusts the CA certificates of the PEM file at `path` instead of the system's \
                 root certificates; the file is read by `tsc_server_new`.",
            ),
            // TLS: client certificates (mTLS) and the minimum version.
            h(
                "tsc_server_options_set_client_certificate_files",
                &[Mut("opts", "tsc_server_options"), Str("cert_path"), Str("key_path")],
                Ret::Nothing,
                "rebuild(&mut opts.inner, |o| Ok(o.client_certificate(cert_path, key_path)))",
            )
            .doc(
                "Presents a client certificate to servers that require one (mutual TLS): \
                 `cert_path` is a PEM file with the certificate chain, the client's own \
                 certificate first; `key_path` a PEM file with its private key (PKCS#8, RSA or \
                 EC; may be the same file). Both are read and checked by `tsc_server_new`: a \
                 missing file gives `TSC_STATUS_FILE` there, a file that is not PEM, holds no \
                 certificate or key, or a key that does not belong to the certificate \
                 `TSC_STATUS_TLS`. A server that refuses the certificate fails requests with \
                 `TSC_STATUS_TLS`.",
            ),
            h(
                "tsc_server_options_set_min_tls_version",
                &[
                    Mut("opts", "tsc_server_options"),
                    I32(
                        "version",
                        "a `tsc_tls_version` (default `TSC_TLS_VERSION_V1_2`); other values give `TSC_STATUS_INVALID_ARGUMENT`",
                    ),
                ],
                Ret::Nothing,
                "rebuild(&mut opts.inner, |o| Ok(o.min_tls_version(crate::tls::TlsVersion::try_from(version)?)))",
            )
            .doc(
                "Sets the lowest TLS version connections may use: with `TSC_TLS_VERSION_V1_3`, a \
                 server that only speaks TLS 1.2 fails requests with `TSC_STATUS_TLS`.",
            ),
            // End of the TLS rows.
            h(
                "tsc_server_options_set_accept_invalid_certs",
                &[
                    Mut("opts", "tsc_server_options"),
                    Flag("yes", "skipping TLS certificate verification: INSECURE, for test servers only (0, the default, verifies)"),
                ],
                Ret::Nothing,
                "rebuild(&mut opts.inner, |o| Ok(o.accept_invalid_certs(yes)))",
            )
            .doc("Whether TLS certificates are verified."),
            h(
                "tsc_server_options_set_proxy",
                &[
                    Mut("opts", "tsc_server_options"),
                    OptStr(
                        "url",
                        "uses the environment (HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY; the default)",
                    ),
                ],
                Ret::Nothing,
                "rebuild(&mut opts.inner, |o| Ok(o.proxy(proxy_setting(url))))",
            )
            .doc(
                "Sets the proxy: \"\" uses none, anything else is a proxy URL such as \
                 \"http://user:pass@proxy:3128\".",
            ),
            h(
                "tsc_server_options_set_api_version",
                &[Mut("opts", "tsc_server_options"), Str("version")],
                Ret::Nothing,
                "rebuild(&mut opts.inner, |o| o.api_version(version))",
            )
            .doc("Pins the REST API version (e.g. \"3.19\") instead of using the server's highest.")
            .statuses(&[("INVALID_ARGUMENT", "`version` is not MAJOR.MINOR")]),
            h(
                "tsc_server_options_set_user_agent_suffix",
                &[Mut("opts", "tsc_server_options"), Str("suffix")],
                Ret::Nothing,
                "rebuild(&mut opts.inner, |o| Ok(o.user_agent_suffix(suffix)))",
            )
            .doc("Appends text to the User-Agent header (\"libtsc/VERSION text\")."),
        ],
    },
    Family {
        name: "workbook",
        doc: "what a fetched workbook carries beyond its fields",
        methods: &[h(
            "tsc_workbook_views",
            &[Item("workbook", "workbook")],
            Ret::List("view"),
            "workbook.views_page()",
        )
        .doc(
            "The views `workbook` came with: `tsc_workbooks_get_by_id` and the publish calls keep \
             the views the server's reply lists (an empty list when it listed none, as in \
             listings; `tsc_workbooks_populate_views` asks for them). Each view carries the \
             workbook's id. The list is a copy: it stays valid after `workbook` is freed.",
        )],
    },
    Family {
        name: "server",
        doc: "the server handle and its signed-in state, as owned copies",
        methods: &[
            h(
                "tsc_server_new",
                &[Handle("opts", "tsc_server_options")],
                Ret::Handle("tsc_server"),
                "tsc_server::open(&opts.inner)",
            )
            .doc(
                "Creates a server handle from `opts`, which may be freed afterwards or reused. \
                 No network access happens here.",
            )
            .statuses(&[
                ("FILE", "the CA bundle, the client certificate or its key cannot be read"),
                ("TLS", "one of them is not PEM or holds no certificate or key, or the key does not belong to the client certificate"),
            ]),
            h(
                "tsc_server_api_version",
                &[Local],
                Ret::OwnedStr("while the version is not known yet (before sign-in, unless pinned)"),
                "Ok(s.api_version()?.map(|v| v.to_string()))",
            )
            .doc("The REST API version in use (\"3.25\")."),
            h(
                "tsc_server_site_id",
                &[Local],
                Ret::OwnedStr("never"),
                "Ok(Some(s.session()?.site_id().to_string()))",
            )
            .doc("The LUID of the signed-in site.")
            .more(SESSION)
            .statuses(&[NOT_SIGNED_IN]),
            h(
                "tsc_server_site_content_url",
                &[Local],
                Ret::OwnedStr("never"),
                "Ok(Some(s.session()?.site_content_url().to_string()))",
            )
            .doc("The content URL of the signed-in site (\"\" for the Default site).")
            .more(SESSION)
            .statuses(&[NOT_SIGNED_IN]),
            h(
                "tsc_server_user_id",
                &[Local],
                Ret::OwnedStr("never"),
                "Ok(Some(s.session()?.user_id().to_string()))",
            )
            .doc("The LUID of the signed-in user.")
            .more(SESSION)
            .statuses(&[NOT_SIGNED_IN]),
            h(
                "tsc_server_auth_token",
                &[Local],
                Ret::OwnedStr("never"),
                "Ok(Some(s.session()?.token().expose().to_string()))",
            )
            .doc("The session token (the X-Tableau-Auth value). A secret: do not log it.")
            .more(SESSION)
            .statuses(&[NOT_SIGNED_IN]),
        ],
    },
    Family {
        name: "credentials",
        doc: "what to sign in with",
        methods: &[
            h(
                "tsc_credentials_new_password",
                &[Str("username"), Secret("password"), Str("site")],
                Ret::Handle("tsc_credentials"),
                "Credentials::password(username, password, site).map(|inner| tsc_credentials { inner })",
            )
            .doc(
                "Credentials from a user name and password for the site with content URL `site` \
                 (\"\" is the Default site).",
            ),
            h(
                "tsc_credentials_new_pat",
                &[Str("token_name"), Secret("token_secret"), Str("site")],
                Ret::Handle("tsc_credentials"),
                "Credentials::personal_access_token(token_name, token_secret, site)\
                 .map(|inner| tsc_credentials { inner })",
            )
            .doc(
                "Credentials from a personal access token's name and secret (signing in with \
                 them needs REST API 3.6).",
            ),
            h(
                "tsc_credentials_new_jwt",
                &[Secret("jwt"), Str("site")],
                Ret::Handle("tsc_credentials"),
                "Credentials::jwt(jwt, site).map(|inner| tsc_credentials { inner })",
            )
            .doc(
                "Credentials from a JWT signed by a connected app (signing in with them needs \
                 REST API 3.17).",
            ),
            h(
                "tsc_credentials_set_impersonate",
                &[
                    Mut("creds", "tsc_credentials"),
                    OptStr("user_id", "signs in as the credentials' own user"),
                ],
                Ret::Nothing,
                "rebuild(&mut creds.inner, |c| c.impersonate(user_id))",
            )
            .doc("Signs in on behalf of the user with this LUID (server administrators only)."),
            h(
                "tsc_credentials_set_unified_access_token",
                &[
                    Mut("creds", "tsc_credentials"),
                    Flag("yes", "a unified access token (JWT credentials only; 0 is the default)"),
                ],
                Ret::Nothing,
                "rebuild(&mut creds.inner, |c| Ok(c.unified_access_token(yes)))",
            )
            .doc("Marks JWT credentials as a unified access token; ignored for other kinds."),
        ],
    },
    Family {
        name: "request_options",
        doc: "page size and number, filters, sorts and fields for listing calls",
        methods: &[
            h(
                "tsc_request_options_new",
                &[],
                Ret::Handle("tsc_request_options"),
                "Ok(tsc_request_options { inner: RequestOptions::new() })",
            )
            .doc("Creates empty options (the server's defaults)."),
            h(
                "tsc_request_options_set_page_size",
                &[
                    Mut("opts", "tsc_request_options"),
                    I32("page_size", "1 to 1000; other values give `TSC_STATUS_INVALID_ARGUMENT`"),
                ],
                Ret::Nothing,
                "opts.inner.set_page_size(unsigned(page_size, \"page size\")?)",
            )
            .doc("Sets the page size."),
            h(
                "tsc_request_options_set_page_number",
                &[
                    Mut("opts", "tsc_request_options"),
                    I32("page_number", "from 1; other values give `TSC_STATUS_INVALID_ARGUMENT`"),
                ],
                Ret::Nothing,
                "opts.inner.set_page_number(unsigned(page_number, \"page number\")?)",
            )
            .doc("Sets the page number."),
            h(
                "tsc_request_options_add_filter",
                &[
                    Mut("opts", "tsc_request_options"),
                    Str("field"),
                    I32("op", "a `tsc_filter_op`; other values give `TSC_STATUS_INVALID_ARGUMENT`"),
                    Str("value"),
                ],
                Ret::Nothing,
                "opts.inner.add_filter(field, FilterOp::try_from(op)?, value)",
            )
            .doc(
                "Adds the filter `field:op:value`; filters combine with AND. `field` is a REST \
                 field name such as \"name\" or \"ownerName\". `TSC_FILTER_OP_IN` takes `value` \
                 as a one-element list (use `tsc_request_options_add_filter_in` for more). \
                 Values may hold spaces, colons, brackets and any Unicode, and commas except \
                 with `TSC_FILTER_OP_IN` (where a comma separates values) or before text that \
                 reads as another filter (`,field:op:`): those give \
                 `TSC_STATUS_INVALID_ARGUMENT`, as does an unmatched `[` or `]` with \
                 `TSC_FILTER_OP_IN`.",
            ),
            h(
                "tsc_request_options_add_filter_in",
                &[Mut("opts", "tsc_request_options"), Str("field"), StrArray("values")],
                Ret::Nothing,
                "opts.inner.add_filter_in(field, &values)",
            )
            .doc(
                "Adds the filter `field:in:[values...]` with at least one value; a value \
                 containing a comma or an unmatched `[` or `]` (which would end the list early \
                 or run it into the next filter) gives `TSC_STATUS_INVALID_ARGUMENT`.",
            ),
            h(
                "tsc_request_options_add_sort",
                &[
                    Mut("opts", "tsc_request_options"),
                    Str("field"),
                    I32(
                        "direction",
                        "a `tsc_sort_direction`; other values give `TSC_STATUS_INVALID_ARGUMENT`",
                    ),
                ],
                Ret::Nothing,
                "opts.inner.add_sort(field, SortDirection::try_from(direction)?)",
            )
            .doc("Adds a sort key; keys apply in the order added."),
            h(
                "tsc_request_options_add_field",
                &[Mut("opts", "tsc_request_options"), Str("field")],
                Ret::Nothing,
                "opts.inner.add_field(field)",
            )
            .doc("Adds a name to the `fields` list (\"_all_\", \"_default_\", \"name\", \"owner.email\", ...).")
            .statuses(&[("INVALID_ARGUMENT", "the name is not a field name")]),
        ],
    },
    Family {
        name: "transfer_options",
        doc: "progress, cancellation, chunk size and extract options of transfers",
        methods: &[
            h(
                "tsc_transfer_options_new",
                &[],
                Ret::Handle("tsc_transfer_options"),
                "Ok(tsc_transfer_options::default())",
            )
            .doc("Creates transfer options with the defaults."),
            h(
                "tsc_transfer_options_set_cancel_token",
                &[
                    Mut("opts", "tsc_transfer_options"),
                    OptHandle("token", "tsc_cancel_token", "removes the token"),
                ],
                Ret::Nothing,
                "{ opts.cancel = token.map(|t| t.inner.clone()); Ok(()) }",
            )
            .doc(
                "Makes transfers stop when `token` is cancelled. The options keep their own \
                 reference, so the token may be freed first.",
            ),
            h(
                "tsc_transfer_options_set_chunk_size",
                &[
                    Mut("opts", "tsc_transfer_options"),
                    U64(
                        "bytes",
                        "`TSC_MIN_CHUNK_SIZE` (64 KiB) to `TSC_MAX_CHUNK_SIZE` (64 MiB); default \
                         `TSC_DEFAULT_CHUNK_SIZE` (8 MiB); other values give \
                         `TSC_STATUS_INVALID_ARGUMENT`",
                    ),
                ],
                Ret::Nothing,
                "{ opts.chunk_size = TransferOptions::new().chunk_size(bytes)?.chunk_size; Ok(()) }",
            )
            .doc(
                "Sets the size of each upload-session chunk. Chunks are streamed from the file, \
                 so memory use does not depend on it. For very large files the chunk grows so \
                 that no session needs more than `TSC_MAX_UPLOAD_CHUNKS` chunks.",
            ),
            h(
                "tsc_transfer_options_set_single_request_limit",
                &[
                    Mut("opts", "tsc_transfer_options"),
                    U64(
                        "bytes",
                        "0 (always a session) to `TSC_MAX_SINGLE_REQUEST` (64 MiB, Tableau's limit \
                         for one request; the default); larger values give \
                         `TSC_STATUS_INVALID_ARGUMENT`",
                    ),
                ],
                Ret::Nothing,
                "{ opts.single_request_limit = TransferOptions::new()\
                 .single_request_limit(bytes)?.single_request_limit; Ok(()) }",
            )
            .doc("Sets the file size from which a publish uses an upload session instead of one request."),
            h(
                "tsc_transfer_options_set_include_extract",
                &[
                    Mut("opts", "tsc_transfer_options"),
                    Flag(
                        "yes",
                        "downloads with the extract (the default; 0 asks `includeExtract=false`, \
                         and a packaged workbook may then come back as a plain `.twb`)",
                    ),
                ],
                Ret::Nothing,
                "{ opts.include_extract = yes; Ok(()) }",
            )
            .doc("Whether downloads include the extract."),
        ],
    },
    Family {
        name: "cancel_token",
        doc: "a cancel switch for transfers, usable from any thread",
        methods: &[h(
            "tsc_cancel_token_new",
            &[],
            Ret::Handle("tsc_cancel_token"),
            "Ok(tsc_cancel_token { inner: CancelToken::new() })",
        )
        .doc(
            "Creates a cancel token, not cancelled; set it with \
             `tsc_transfer_options_set_cancel_token`, cancel it with `tsc_cancel_token_cancel` from \
             any thread.",
        )],
    },
    Family {
        name: "publish_options",
        doc: "publish settings beyond the item, the file and the mode",
        methods: &[
            h(
                "tsc_publish_options_new",
                &[],
                Ret::Handle("tsc_publish_options"),
                "Ok(tsc_publish_options { inner: PublishOptions::new() })",
            )
            .doc(
                "Creates publish options with the defaults: synchronous, connections checked, all \
                 views shown, no credentials.",
            ),
            h(
                "tsc_publish_options_set_as_job",
                &[
                    Mut("opts", "tsc_publish_options"),
                    Flag(
                        "yes",
                        "publishing asynchronously: the publish call then returns a `tsc_job` \
                         through `job_out` instead of the item (REST API 3.0); 0, the default, \
                         publishes synchronously",
                    ),
                ],
                Ret::Nothing,
                "rebuild(&mut opts.inner, |o| Ok(o.as_job(yes)))",
            )
            .doc("Whether a publish runs as a job."),
            h(
                "tsc_publish_options_set_skip_connection_check",
                &[
                    Mut("opts", "tsc_publish_options"),
                    Flag(
                        "yes",
                        "not testing the workbook's connections while publishing (workbooks only; \
                         0, the default, tests them)",
                    ),
                ],
                Ret::Nothing,
                "rebuild(&mut opts.inner, |o| Ok(o.skip_connection_check(yes)))",
            )
            .doc("Whether the server tests a workbook's connections while publishing."),
            h(
                "tsc_publish_options_add_hidden_view",
                &[Mut("opts", "tsc_publish_options"), Str("view_name")],
                Ret::Nothing,
                "rebuild(&mut opts.inner, |o| o.hide_view(view_name))",
            )
            .doc(
                "Hides the view (sheet) named `view_name` in the published workbook (workbooks \
                 only; call once per view).",
            ),
            h(
                "tsc_publish_options_set_connection_credentials",
                &[
                    Mut("opts", "tsc_publish_options"),
                    OptHandle("creds", "tsc_connection_credentials", "removes them"),
                ],
                Ret::Nothing,
                "rebuild(&mut opts.inner, |o| Ok(o.credentials(creds.map(|c| c.inner.clone()))))",
            )
            .doc(
                "Sets the credentials of the content's connection (copied). A publish with both \
                 credentials and connections fails with `TSC_STATUS_INVALID_ARGUMENT`.",
            ),
            h(
                "tsc_publish_options_add_connection",
                &[
                    Mut("opts", "tsc_publish_options"),
                    Item("connection", "connection"),
                    OptHandle(
                        "creds",
                        "tsc_connection_credentials",
                        "uses the connection's own user name, password and embed flag if it has a user name and password",
                    ),
                ],
                Ret::Nothing,
                "rebuild(&mut opts.inner, |o| Ok(o.connection(connection, creds.map(|c| c.inner.clone()))))",
            )
            .doc(
                "Adds a connection to publish with (copied): its server address (required) and \
                 port, and `creds` (REST API 2.8). `connection` is made with \
                 `tsc_connection_new` or cloned from a fetched one.",
            ),
            h(
                "tsc_publish_options_set_thumbnails_user_id",
                &[
                    Mut("opts", "tsc_publish_options"),
                    OptStr("user_id", "clears it"),
                ],
                Ret::Nothing,
                "rebuild(&mut opts.inner, |o| o.thumbnails_user_id(user_id))",
            )
            .doc("The user whose view generates the workbook's thumbnails (workbooks only)."),
            h(
                "tsc_publish_options_set_thumbnails_group_id",
                &[
                    Mut("opts", "tsc_publish_options"),
                    OptStr("group_id", "clears it"),
                ],
                Ret::Nothing,
                "rebuild(&mut opts.inner, |o| o.thumbnails_group_id(group_id))",
            )
            .doc(
                "The group whose view generates the workbook's thumbnails (workbooks only; the \
                 user, if set, wins).",
            ),
        ],
    },
    Family {
        name: "connection_credentials",
        doc: "database credentials for publishing",
        methods: &[h(
            "tsc_connection_credentials_new",
            &[
                Str("name"),
                Secret("password"),
                Flag("embed", "storing them with the content"),
                Flag("oauth", "an OAuth credential"),
            ],
            Ret::Handle("tsc_connection_credentials"),
            "ConnectionCredentials::new(name, password, embed, oauth)\
             .map(|inner| tsc_connection_credentials { inner })",
        )
        .doc("Creates database credentials: user `name` (not empty) and `password` (or token).")],
    },
    Family {
        name: "tag_targets",
        doc: "the items a batch tag call changes (any kind, by content type and LUID)",
        methods: &[
            h(
                "tsc_tag_targets_new",
                &[],
                Ret::Handle("tsc_tag_targets"),
                "Ok(tsc_tag_targets { inner: TagTargets::new() })",
            )
            .doc("Creates an empty content list."),
            h(
                "tsc_tag_targets_add",
                &[
                    Mut("list", "tsc_tag_targets"),
                    Str("content_type"),
                    Id("id"),
                ],
                Ret::Nothing,
                "list.inner.add(content_type, id)",
            )
            .doc(
                "Adds an item: its kind, one of Workbook, Datasource, View, Flow, Table, \
                 Database, Column, Metric or VirtualConnection (any case; others give \
                 `TSC_STATUS_INVALID_ARGUMENT`), and its LUID.",
            ),
        ],
    },
    Family {
        name: "export_options",
        doc: "what a view or workbook export asks for",
        methods: &[
            h(
                "tsc_export_options_new",
                &[],
                Ret::Handle("tsc_export_options"),
                "Ok(tsc_export_options { inner: ExportOptions::new() })",
            )
            .doc("Creates export options with the server's defaults."),
            h(
                "tsc_export_options_set_high_resolution",
                &[
                    Mut("opts", "tsc_export_options"),
                    Flag("yes", "images at high resolution (`resolution=high`)"),
                ],
                Ret::Nothing,
                "{ opts.inner.set_high_resolution(yes); Ok(()) }",
            )
            .doc("Whether images are rendered at high resolution (images only)."),
            h(
                "tsc_export_options_set_image_format",
                &[Mut("opts", "tsc_export_options"), Str("format")],
                Ret::Nothing,
                "opts.inner.set_image_format(format)",
            )
            .doc(
                "The format of view images: \"PNG\" (the default) or \"SVG\" (any case; other \
                 values give `TSC_STATUS_INVALID_ARGUMENT`). An SVG export needs REST API 3.29 \
                 (`TSC_STATUS_UNSUPPORTED` from an older server, before any request).",
            ),
            h(
                "tsc_export_options_set_max_age",
                &[
                    Mut("opts", "tsc_export_options"),
                    U32("minutes", "at least 1"),
                ],
                Ret::Nothing,
                "opts.inner.set_max_age(minutes)",
            )
            .doc("The oldest cached export the server may answer with, in minutes."),
            h(
                "tsc_export_options_set_viz_size",
                &[
                    Mut("opts", "tsc_export_options"),
                    U32("width", "pixels, at least 1"),
                    U32("height", "pixels, at least 1"),
                ],
                Ret::Nothing,
                "opts.inner.set_viz_size(width, height)",
            )
            .doc("The size the viz is rendered at (images and PDFs)."),
            h(
                "tsc_export_options_set_page_type",
                &[Mut("opts", "tsc_export_options"), Str("page_type")],
                Ret::Nothing,
                "opts.inner.set_page_type(page_type)",
            )
            .doc(
                "The page type of PDFs: A3, A4, A5, B4, B5, Executive, Folio, Ledger, Legal, \
                 Letter, Note, Quarto, Tabloid or Unspecified (any case); other values give \
                 `TSC_STATUS_INVALID_ARGUMENT`.",
            ),
            h(
                "tsc_export_options_set_landscape",
                &[
                    Mut("opts", "tsc_export_options"),
                    Flag("yes", "landscape pages; 0 portrait"),
                ],
                Ret::Nothing,
                "{ opts.inner.set_landscape(yes); Ok(()) }",
            )
            .doc("The orientation of PDF pages."),
            h(
                "tsc_export_options_add_view_filter",
                &[Mut("opts", "tsc_export_options"), Str("field"), Str("value")],
                Ret::Nothing,
                "opts.inner.add_view_filter(field, value)",
            )
            .doc(
                "Shows only the marks whose `field` (not empty) has `value` \
                 (`vf_<field>=<value>`); several values of one field go in one call, separated \
                 by commas.",
            ),
            h(
                "tsc_export_options_add_parameter",
                &[Mut("opts", "tsc_export_options"), Str("name"), Str("value")],
                Ret::Nothing,
                "opts.inner.add_parameter(name, value)",
            )
            .doc(
                "Sets the view parameter `name` (not empty) to `value` for image, PDF, CSV and \
                 Excel exports (Python `parameter(name, value)`): sent as \
                 `vf_Parameters.<name>=<value>`; a name that already starts with `Parameters.` \
                 or `vf_Parameters.` is sent as it is, with `vf_` put before it when missing. \
                 PowerPoint exports send no parameters.",
            ),
        ],
    },
];
