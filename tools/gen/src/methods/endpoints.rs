//! The endpoint families: the functions that make requests, one family per Python endpoint
//! (`server.<family>`), in the order of the header's sections.

use super::Arg::*;
use super::{m, Family, Ret};

const NOT_FOUND: (&str, &str) = ("NOT_FOUND", "no item has this id");
const PAGER_DOC: &str = "No request is made until the first `_next` call; the pager keeps what \
     it needs, so the server may be freed first. `opts` sets the page size (default 1000) and \
     the first page (default 1).";
const PUBLISH_DOC: &str = "Files under the single-request limit (64 MiB) go in one request, \
     streamed; larger ones through an upload session, chunk by chunk. Memory use does not grow \
     with the file. A failed, aborted or cancelled upload commits nothing. Checks happen before \
     any request. Without `as_job` the published item comes back in `*out` (and `*job_out`, if \
     `job_out` is not NULL, is set to NULL); with `as_job` the job comes back in `*job_out` (and \
     `*out`, if not NULL, is set to NULL). The output the call produces must not be NULL.";
const PUBLISH_STATUSES: &[(&str, &str)] = &[
    ("FILE", "the file cannot be read"),
    (
        "INVALID_ARGUMENT",
        "another file extension, or a mode this kind refuses",
    ),
    ("ABORTED_BY_CALLBACK", "a callback returned non-zero"),
    (
        "CANCELLED",
        "the transfer options' cancel token was cancelled",
    ),
];
const DOWNLOAD_DOC: &str = "The bytes go to a temporary file (on Linux one without a name, so \
     not even a crash leaves it behind) that replaces the target only when complete: a failed, \
     aborted or cancelled download leaves no file behind. An existing file of that name is \
     replaced.";
const DOWNLOAD_STATUSES: &[(&str, &str)] = &[
    NOT_FOUND,
    ("FILE", "the file cannot be written"),
    ("ABORTED_BY_CALLBACK", "a callback returned non-zero"),
    (
        "CANCELLED",
        "the transfer options' cancel token was cancelled",
    ),
];

const REFRESH_STATUSES: &[(&str, &str)] = &[
    NOT_FOUND,
    (
        "CONFLICT",
        "a refresh of it is already queued or running (Tableau error 409093; the Python client \
         returns None there)",
    ),
    (
        "INVALID_ARGUMENT",
        "`incremental` on a server older than REST API 3.25",
    ),
];

const SCHEDULE_STATUSES: &[(&str, &str)] = &[
    (
        "INVALID_ARGUMENT",
        "a missing name, type, frequency or start time, or intervals that do not parse",
    ),
    (
        "BAD_REQUEST",
        "the server refuses the intervals for the frequency (e.g. hours=3 hourly)",
    ),
    ("CONFLICT", "the name is taken"),
];
const ADD_STATUSES: &[(&str, &str)] = &[
    ("NOT_FOUND", "no such schedule or item"),
    ("CONFLICT", "the item is already on the schedule"),
    (
        "BAD_REQUEST",
        "the schedule's type does not run this kind of item",
    ),
];

const WRITER_STATUSES: &[(&str, &str)] = &[
    NOT_FOUND,
    (
        "ABORTED_BY_CALLBACK",
        "`write` or the progress callback returned non-zero",
    ),
    (
        "CANCELLED",
        "the transfer options' cancel token was cancelled",
    ),
];

const BATCH_TAG_STATUSES: &[(&str, &str)] = &[
    (
        "NOT_FOUND",
        "an item of `targets` does not exist (nothing is changed)",
    ),
    (
        "INVALID_ARGUMENT",
        "`count` is 0, a label is empty, or `targets` is empty",
    ),
    ("UNSUPPORTED", "the server's API is older than 3.9"),
];
const PERMISSION_STATUSES: &[(&str, &str)] = &[
    (
        "NOT_FOUND",
        "no item has this id, or a rule's user (404002), group or group set (404012) does not \
         exist",
    ),
    (
        "BAD_REQUEST",
        "a capability this kind of content does not have (400009)",
    ),
    (
        "CONFLICT",
        "a capability given twice for one grantee (409003)",
    ),
    (
        "INVALID_ARGUMENT",
        "no rules, or a rule without capabilities",
    ),
    (
        "UNSUPPORTED",
        "the server's API is older than the kind needs",
    ),
];
const PERMISSION_MORE: &str = "Rules are `tsc_permissions_rule`s: a grantee (user, group or \
     group set, by LUID) and capabilities, each Allow or Deny.";

/// One of the three permission rows of a kind of item (`ItemKind` variant `$kind`): populate
/// (one GET), update (one PUT with every rule of the list) or delete (one DELETE per capability
/// of the rule). Their Rust side is one generic implementation, `api/permissions.rs`.
macro_rules! permission_method {
    (populate, $fam:literal, $kind:ident, $id:literal, $noun:literal, $since:literal) => {
        m(
            concat!("tsc_", $fam, "_populate_permissions"),
            &[Server, Id($id)],
            Ret::List("permissions_rule"),
            concat!(
                "s.permissions(crate::api::ItemKind::",
                stringify!($kind),
                ").populate(",
                $id,
                ")"
            ),
        )
        .doc(concat!(
            "The explicit permissions of the ",
            $noun,
            " with this LUID: one rule per grantee \
             (one request)."
        ))
        .more(PERMISSION_MORE)
        .statuses(PERMISSION_STATUSES)
        .since($since)
    };
    (update, $fam:literal, $kind:ident, $id:literal, $noun:literal, $since:literal) => {
        m(
            concat!("tsc_", $fam, "_update_permissions"),
            &[
                Server,
                Id($id),
                Handle("rules", "tsc_permissions_rule_list"),
            ],
            Ret::List("permissions_rule"),
            concat!(
                "s.permissions(crate::api::ItemKind::",
                stringify!($kind),
                ").update(",
                $id,
                ", &rules.models())"
            ),
        )
        .doc(concat!(
            "Adds the rules of `rules` (from `tsc_permissions_rule_list_new`, or a list another \
             call returned) to the ",
            $noun,
            " with this LUID, in one request; a capability the \
             grantee has takes the new mode. `*out` holds the rules as the server answered."
        ))
        .more(PERMISSION_MORE)
        .statuses(PERMISSION_STATUSES)
        .since($since)
    };
    (delete, $fam:literal, $kind:ident, $id:literal, $noun:literal, $since:literal) => {
        m(
            concat!("tsc_", $fam, "_delete_permission"),
            &[Server, Id($id), Item("rule", "permissions_rule")],
            Ret::Nothing,
            concat!(
                "s.permissions(crate::api::ItemKind::",
                stringify!($kind),
                ").delete(",
                $id,
                ", rule)"
            ),
        )
        .doc(concat!(
            "Deletes every capability of `rule` from the ",
            $noun,
            " with this LUID: one \
             request per capability (`…/permissions/{users|groups|groupSets}/{id}/{capability}/\
             {mode}`), in order; the first failure stops, the capabilities before it stay \
             deleted."
        ))
        .more(PERMISSION_MORE)
        .statuses(PERMISSION_STATUSES)
        .since($since)
    };
}

/// One of the three rows of a kind of a project's default permissions (`DefaultKind` variant
/// `$kind`; `$py` is the Python client's name in `populate_{py}_default_permissions`).
macro_rules! default_permission_method {
    (populate, $py:literal, $kind:ident, $nouns:literal, $since:literal) => {
        m(
            concat!("tsc_projects_populate_", $py, "_default_permissions"),
            &[Server, Id("project_id")],
            Ret::List("permissions_rule"),
            concat!(
                "s.default_permissions(crate::api::DefaultKind::",
                stringify!($kind),
                ").populate(project_id)"
            ),
        )
        .doc(concat!(
            "The default permissions the project with this LUID gives new ",
            $nouns,
            ": one \
             rule per grantee (one request)."
        ))
        .more(PERMISSION_MORE)
        .statuses(PERMISSION_STATUSES)
        .since($since)
    };
    (update, $py:literal, $kind:ident, $nouns:literal, $since:literal) => {
        m(
            concat!("tsc_projects_update_", $py, "_default_permissions"),
            &[
                Server,
                Id("project_id"),
                Handle("rules", "tsc_permissions_rule_list"),
            ],
            Ret::List("permissions_rule"),
            concat!(
                "s.default_permissions(crate::api::DefaultKind::",
                stringify!($kind),
                ").update(project_id, &rules.models())"
            ),
        )
        .doc(concat!(
            "Adds the rules of `rules` to the default permissions the project with this LUID \
             gives new ",
            $nouns,
            ", in one request; a capability the grantee has takes the new \
             mode. `*out` holds the rules as the server answered."
        ))
        .more(PERMISSION_MORE)
        .statuses(PERMISSION_STATUSES)
        .since($since)
    };
    (delete, $py:literal, $kind:ident, $nouns:literal, $since:literal) => {
        m(
            concat!("tsc_projects_delete_", $py, "_default_permissions"),
            &[Server, Id("project_id"), Item("rule", "permissions_rule")],
            Ret::Nothing,
            concat!(
                "s.default_permissions(crate::api::DefaultKind::",
                stringify!($kind),
                ").delete(project_id, rule)"
            ),
        )
        .doc(concat!(
            "Deletes every capability of `rule` from the default permissions the project with \
             this LUID gives new ",
            $nouns,
            ": one request per capability, in order; the first \
             failure stops, the capabilities before it stay deleted."
        ))
        .more(PERMISSION_MORE)
        .statuses(PERMISSION_STATUSES)
        .since($since)
    };
}

/// `rows` followed by the permission rows of one kind of item.
macro_rules! with_permissions {
    ($fam:literal, $kind:ident, $id:literal, $noun:literal, $since:literal, [$($row:expr),* $(,)?]) => {
        &[
            $($row,)*
            permission_method!(populate, $fam, $kind, $id, $noun, $since),
            permission_method!(update, $fam, $kind, $id, $noun, $since),
            permission_method!(delete, $fam, $kind, $id, $noun, $since),
        ]
    };
}

/// `rows` followed by the default-permission rows of every kind in the table.
macro_rules! with_default_permissions {
    ([$($row:expr),* $(,)?], [$(($py:literal, $kind:ident, $nouns:literal, $since:literal)),* $(,)?]) => {
        &[
            $($row,)*
            $(
                default_permission_method!(populate, $py, $kind, $nouns, $since),
                default_permission_method!(update, $py, $kind, $nouns, $since),
                default_permission_method!(delete, $py, $kind, $nouns, $since),
            )*
        ]
    };
}

/// One form of an export: into memory (`memory`: `tsc_<family>_populate_<what>`), into a file
/// (`file`: `…_to_file`) or to a write callback (`writer`: `…_to_writer`). `$kind` names an
/// `Export` variant.
macro_rules! export {
    (memory, $fam:literal, $id:literal, $what:literal, $kind:literal, $doc:literal, $since:literal) => {
        m(
            concat!("tsc_", $fam, "_populate_", $what),
            &[Server, Id($id), OptHandle("opts", "tsc_export_options", "the server's defaults")],
            Ret::Bytes,
            concat!("s.", $fam, "_exports().get(", $id, ", Export::", $kind, ", opts.map(|o| &o.inner))"),
        )
        .doc($doc)
        .statuses(&[NOT_FOUND])
        .since($since)
    };
    (file, $fam:literal, $id:literal, $what:literal, $kind:literal, $since:literal) => {
        m(
            concat!("tsc_", $fam, "_populate_", $what, "_to_file"),
            &[Server, Id($id), OptHandle("opts", "tsc_export_options", "the server's defaults"), DestFile, TransferOptions],
            Ret::DownloadPath,
            concat!("s.", $fam, "_exports().download(", $id, ", Export::", $kind, ", opts.map(|o| &o.inner), dest, &mut transfer_opts)"),
        )
        .doc(concat!("Like `tsc_", $fam, "_populate_", $what, "`, but streamed into exactly `path` (its directory must exist)."))
        .more(DOWNLOAD_DOC)
        .statuses(DOWNLOAD_STATUSES)
        .since($since)
    };
    (writer, $fam:literal, $id:literal, $what:literal, $kind:literal, $since:literal) => {
        m(
            concat!("tsc_", $fam, "_populate_", $what, "_to_writer"),
            &[Server, Id($id), OptHandle("opts", "tsc_export_options", "the server's defaults"), DestWriter, TransferOptions],
            Ret::Nothing,
            concat!("s.", $fam, "_exports().download(", $id, ", Export::", $kind, ", opts.map(|o| &o.inner), dest, &mut transfer_opts).map(drop)"),
        )
        .doc(concat!("Like `tsc_", $fam, "_populate_", $what, "`, but to `write`, block by block in order. On failure the blocks already written stay written."))
        .statuses(WRITER_STATUSES)
        .since($since)
    };
}

const REVISION_STATUSES: &[(&str, &str)] = &[
    (
        "NOT_FOUND",
        "no item has this id, or it has no such revision (or it was removed)",
    ),
    ("INVALID_ARGUMENT", "`revision_number` is 0"),
    ("UNSUPPORTED", "the server is older than REST API 2.3"),
];

/// One revision row of a content family (`$fam`, its item `$model`, id `$id`, noun `$noun`):
/// the list (`list`), a revision's file into a directory (`dir`), into a file (`file`), to a
/// write callback (`writer`), and removing one (`delete`). The transfers are the
/// `tsc_<family>_download*` rows with a revision number.
macro_rules! revision {
    (list, $fam:literal, $model:literal) => {
        m(
            concat!("tsc_", $fam, "_populate_revisions"),
            &[Server, Item($model, $model)],
            Ret::List("revision"),
            concat!("s.", $fam, "().populate_revisions(", $model, ")"),
        )
        .doc(concat!(
            "The revisions of `", $model, "` (which must have an id), oldest first, the current \
             one last (`tsc_revision_current`); removed ones are listed with \
             `tsc_revision_deleted` 1 (Python `", $fam, ".populate_revisions`). Nothing is \
             written into `", $model, "`."
        ))
        .statuses(&[NOT_FOUND, ("UNSUPPORTED", "the server is older than REST API 2.3")])
        .since("2.3")
    };
    (dir, $fam:literal, $id:literal, $noun:literal, $fallback:literal) => {
        m(
            concat!("tsc_", $fam, "_download_revision"),
            &[Server, Id($id), U32("revision_number", "the revision's number (`tsc_revision_revision_number`), at least 1"), DestDir, TransferOptions],
            Ret::DownloadPath,
            concat!("s.", $fam, "().download_revision(", $id, ", revision_number, dest, &mut transfer_opts)"),
        )
        .doc(concat!(
            "Downloads revision `revision_number` of the ", $noun, " (Python `", $fam,
            ".download_revision`) into the existing directory `dir`, under the name the server \
             announces made safe, or `<", $id, ">.", $fallback, "` when there is none: the \
             bytes published then. The transfer options' include_extract applies."
        ))
        .more(DOWNLOAD_DOC)
        .statuses(REVISION_STATUSES)
        .since("2.3")
    };
    (file, $fam:literal, $id:literal) => {
        m(
            concat!("tsc_", $fam, "_download_revision_to_file"),
            &[Server, Id($id), U32("revision_number", "the revision's number, at least 1"), DestFile, TransferOptions],
            Ret::DownloadPath,
            concat!("s.", $fam, "().download_revision(", $id, ", revision_number, dest, &mut transfer_opts)"),
        )
        .doc(concat!(
            "Like `tsc_", $fam, "_download_revision`, but to exactly `path` (its directory must \
             exist)."
        ))
        .more(DOWNLOAD_DOC)
        .statuses(REVISION_STATUSES)
        .since("2.3")
    };
    (writer, $fam:literal, $id:literal) => {
        m(
            concat!("tsc_", $fam, "_download_revision_to_writer"),
            &[Server, Id($id), U32("revision_number", "the revision's number, at least 1"), DestWriter, TransferOptions],
            Ret::Nothing,
            concat!("s.", $fam, "().download_revision(", $id, ", revision_number, dest, &mut transfer_opts).map(drop)"),
        )
        .doc(concat!(
            "Like `tsc_", $fam, "_download_revision`, but to `write`, block by block in order. \
             On failure the blocks already written stay written."
        ))
        .statuses(REVISION_STATUSES)
        .since("2.3")
    };
    (delete, $fam:literal, $id:literal, $noun:literal) => {
        m(
            concat!("tsc_", $fam, "_delete_revision"),
            &[Server, Id($id), U32("revision_number", "the revision's number, at least 1")],
            Ret::Nothing,
            concat!("s.", $fam, "().delete_revision(", $id, ", revision_number)"),
        )
        .doc(concat!(
            "Removes revision `revision_number` of the ", $noun, " with this LUID (Python `",
            $fam, ".delete_revision`): its content can no longer be downloaded; the list \
             still shows it, removed. The current revision cannot be removed \
             (`TSC_STATUS_FORBIDDEN`: publish a new one first)."
        ))
        .statuses(&[
            ("NOT_FOUND", "no item has this id, or it has no such revision (or it was removed)"),
            ("FORBIDDEN", "it is the current revision, or the caller is neither an administrator nor the owner"),
            ("INVALID_ARGUMENT", "`revision_number` is 0"),
        ])
        .since("2.3")
    };
}

/// The family of a kind of publishable content: the rows every such kind has (query, publish,
/// update, delete, download, connections) in the kind's own words, then its `extra` rows.
macro_rules! content_family {
    (
        family: $fam:literal,
        model: $model:literal,
        id: $id:literal,
        noun: $noun:literal,
        nouns: $nouns:literal,
        doc: $doc:literal,
        get_by_id: $get_by_id:literal,
        publish: $publish:literal,
        example: $example:literal,
        update: $update:literal,
        fallback: $fallback:literal,
        connections: $conns:literal,
        permissions: ($pkind:ident, $psince:literal),
        extra: [$($extra:expr),* $(,)?] $(,)?
    ) => {
        Family {
            name: $fam,
            doc: $doc,
            methods: &[
                m(
                    concat!("tsc_", $fam, "_get"),
                    &[Server, Options],
                    Ret::List($model),
                    concat!("s.", $fam, "().get(opts)"),
                )
                .doc(concat!("One page of the signed-in site's ", $nouns, ".")),
                m(
                    concat!("tsc_", $fam, "_pager"),
                    &[Server, Options, ReadAhead],
                    Ret::Pager($model),
                    concat!("Ok(s.", $fam, "().pager(opts))"),
                )
                .doc(concat!("A pager over every one of the signed-in site's ", $nouns, "."))
                .more(PAGER_DOC),
                m(
                    concat!("tsc_", $fam, "_get_by_id"),
                    &[Server, Id($id)],
                    Ret::Item($model),
                    concat!("s.", $fam, "().get_by_id(", $id, ")"),
                )
                .doc($get_by_id)
                .statuses(&[NOT_FOUND]),
                m(
                    concat!("tsc_", $fam, "_publish"),
                    &[Server, Item("item", $model), SourcePath, PublishMode, PublishOptions, TransferOptions],
                    Ret::Published($model),
                    concat!("s.", $fam, "().publish(item, source, mode, publish_opts, &mut transfer_opts)"),
                )
                .doc($publish)
                .more(PUBLISH_DOC)
                .statuses(PUBLISH_STATUSES),
                m(
                    concat!("tsc_", $fam, "_publish_from_reader"),
                    &[Server, Item("item", $model), SourceReader, PublishMode, PublishOptions, TransferOptions],
                    Ret::Published($model),
                    concat!("s.", $fam, "().publish(item, source, mode, publish_opts, &mut transfer_opts)"),
                )
                .doc(concat!(
                    "Like `tsc_", $fam, "_publish`, but the file's `size` bytes come from `read`; \
                     `file_name` (e.g. \"", $example, "\") gives the type and the name announced \
                     to the server."
                ))
                .more(PUBLISH_DOC)
                .statuses(PUBLISH_STATUSES),
                m(
                    concat!("tsc_", $fam, "_update"),
                    &[Server, Item("item", $model)],
                    Ret::Item($model),
                    concat!("s.", $fam, "().update(item)"),
                )
                .doc($update),
                m(
                    concat!("tsc_", $fam, "_delete"),
                    &[Server, Id($id)],
                    Ret::Nothing,
                    concat!("s.", $fam, "().delete(", $id, ")"),
                )
                .doc(concat!("Deletes the ", $noun, " with this LUID."))
                .statuses(&[NOT_FOUND]),
                m(
                    concat!("tsc_", $fam, "_download"),
                    &[Server, Id($id), DestDir, TransferOptions],
                    Ret::DownloadPath,
                    concat!("s.", $fam, "().download(", $id, ", dest, &mut transfer_opts)"),
                )
                .doc(concat!(
                    "Downloads the ", $noun, "'s file into the existing directory `dir`, under \
                     the name the server announces in Content-Disposition made safe (a single \
                     file name: no directories, no `..`, no control characters, no leading \
                     dot), or `<", $id, ">.", $fallback, "` when there is none."
                ))
                .more(DOWNLOAD_DOC)
                .statuses(DOWNLOAD_STATUSES),
                m(
                    concat!("tsc_", $fam, "_download_to_file"),
                    &[Server, Id($id), DestFile, TransferOptions],
                    Ret::DownloadPath,
                    concat!("s.", $fam, "().download(", $id, ", dest, &mut transfer_opts)"),
                )
                .doc(concat!(
                    "Like `tsc_", $fam, "_download`, but to exactly `path` (its directory must \
                     exist)."
                ))
                .more(DOWNLOAD_DOC)
                .statuses(DOWNLOAD_STATUSES),
                m(
                    concat!("tsc_", $fam, "_download_to_writer"),
                    &[Server, Id($id), DestWriter, TransferOptions],
                    Ret::Nothing,
                    concat!("s.", $fam, "().download(", $id, ", dest, &mut transfer_opts).map(drop)"),
                )
                .doc(concat!(
                    "Downloads the ", $noun, "'s file to `write`, block by block in order. On \
                     failure the blocks already written stay written."
                ))
                .statuses(WRITER_STATUSES),
                m(
                    concat!("tsc_", $fam, "_add_tags"),
                    &[Server, Id($id), StrArray("labels")],
                    Ret::Handle("tsc_string_list"),
                    concat!("s.", $fam, "().add_tags(", $id, ", &labels).and_then(tsc_string_list::of)"),
                )
                .doc(concat!(
                    "Adds the tag `labels` to the ", $noun, " with this LUID (one request); \
                     `*out` is its tags as the server answers them."
                ))
                .statuses(&[NOT_FOUND, ("INVALID_ARGUMENT", "`count` is 0 or a label is empty")]),
                m(
                    concat!("tsc_", $fam, "_delete_tags"),
                    &[Server, Id($id), StrArray("labels")],
                    Ret::Nothing,
                    concat!("s.", $fam, "().delete_tags(", $id, ", &labels)"),
                )
                .doc(concat!(
                    "Deletes the tag `labels` from the ", $noun, " with this LUID, one request \
                     per label, in order; on failure the labels before it are deleted."
                ))
                .statuses(&[NOT_FOUND, ("INVALID_ARGUMENT", "`count` is 0 or a label is empty")]),
                m(
                    concat!("tsc_", $fam, "_update_tags"),
                    &[Server, Item("item", $model)],
                    Ret::Item($model),
                    concat!("s.", $fam, "().update_tags(item)"),
                )
                .doc(concat!(
                    "Sends the tags added to `item` (`tsc_", $model, "_add_tag`) and removed from \
                     it (`tsc_", $model, "_remove_tag`, `tsc_", $model, "_clear_tags`) since the \
                     server answered it: the added ones in one request, then one request per \
                     removed one (a removed label the ", $noun, " no longer has is not an \
                     error). Tags others changed meanwhile are left as they are. `*out` is \
                     `item` with its tags as sent, to make further changes from. \
                     `tsc_", $fam, "_update` does the same before it updates the ", $noun, "."
                )),
                m(
                    concat!("tsc_", $fam, "_populate_connections"),
                    &[Server, Item($model, $model)],
                    Ret::List("connection"),
                    concat!("s.", $fam, "().populate_connections(", $model, ")"),
                )
                .doc($conns),
                m(
                    concat!("tsc_", $fam, "_update_connection"),
                    &[Server, Item($model, $model), Item("connection", "connection")],
                    Ret::Item("connection"),
                    concat!("s.", $fam, "().update_connection(", $model, ", connection)"),
                )
                .doc(concat!(
                    "Updates one connection of `", $model, "` (which must have an id): \
                     `connection` (a clone of one from `tsc_", $fam, "_populate_connections`, \
                     changed with its setters) names the connection by id and carries the new \
                     server address, port, user name, password, embed flag, query tagging and \
                     authentication type (those set are sent); `*out` is the updated \
                     connection."
                ))
                .since("2.3"),
                m(
                    concat!("tsc_", $fam, "_update_connections"),
                    &[
                        Server,
                        Item($model, $model),
                        StrArray("connection_ids"),
                        Str("authentication_type"),
                        OptStr("user_name", "sends no user name"),
                        OptSecret("password", "sends no password"),
                        I32("embed_password", "1 embeds the password, 0 does not, -1 sends no embed flag; other values give `TSC_STATUS_INVALID_ARGUMENT`"),
                    ],
                    Ret::List("connection"),
                    concat!(
                        "s.", $fam, "().update_connections(", $model, ", &connection_ids, \
                         &crate::api::ConnectionsUpdate { authentication_type, \
                         username: user_name, password, embed_password: \
                         crate::capi::items::bool_arg(embed_password)? })"
                    ),
                )
                .doc(concat!(
                    "Updates the `count` (at least 1) connections `connection_ids` of `", $model, "` \
                     (which must have an id) in one request (Python `update_connections`): each \
                     gets `authentication_type` (e.g. \"username-password\") and the user name, \
                     password and embed flag given; `*out` is the connections the server updated."
                ))
                .statuses(&[
                    ("NOT_FOUND", "no item has this id, or a connection id is not one of its connections"),
                    ("INVALID_ARGUMENT", "no connection ids, an empty one, or an empty authentication type"),
                    ("UNSUPPORTED", "the server's API is older than 3.26"),
                ])
                .since("3.26"),
                revision!(list, $fam, $model),
                revision!(dir, $fam, $id, $noun, $fallback),
                revision!(file, $fam, $id),
                revision!(writer, $fam, $id),
                revision!(delete, $fam, $id, $noun),
                $($extra,)*
                permission_method!(populate, $fam, $pkind, $id, $noun, $psince),
                permission_method!(update, $fam, $pkind, $id, $noun, $psince),
                permission_method!(delete, $fam, $pkind, $id, $noun, $psince),
            ],
        }
    };
}

pub(super) const FAMILIES: &[Family] = &[
    Family {
        name: "auth",
        doc: "signing in and out, switching sites",
        methods: &[
            m(
                "tsc_auth_sign_in",
                &[Server, Handle("creds", "tsc_credentials")],
                Ret::Nothing,
                "s.auth().sign_in(&creds.inner)",
            )
            .doc(
                "Signs in. The REST API version is first learnt from the server unless it was \
                 pinned. On success the server handle holds the session for every later call \
                 from any thread.",
            )
            .statuses(&[
                ("UNAUTHORIZED", "wrong credentials or an unknown site"),
                ("UNSUPPORTED", "the server's API is too old for these credentials"),
            ]),
            m("tsc_auth_sign_out", &[Server], Ret::Nothing, "s.auth().sign_out()").doc(
                "Signs out and forgets the session, even if the server already ended it. Does \
                 nothing when not signed in.",
            ),
            m(
                "tsc_auth_attach_session",
                &[
                    Server,
                    Secret("token"),
                    Id("site_id"),
                    Id("user_id"),
                    OptStr("site_content_url", "leaves the content URL \"\" (the Default site's)"),
                ],
                Ret::Nothing,
                "s.auth().attach_session(token, site_id, user_id, site_content_url)",
            )
            .doc(
                "Uses an existing session (its token, site LUID and user LUID, e.g. from another \
                 program's sign-in) instead of signing in. The REST API version is negotiated \
                 first unless it was pinned; no request checks the token, the first call made \
                 with it tells (`TSC_STATUS_UNAUTHORIZED`, Tableau error 401002). An attached \
                 session is not signed in again when it expires: the handle has no credentials.",
            )
            .statuses(&[("INVALID_ARGUMENT", "an id or the token is empty")]),
            m(
                "tsc_auth_switch_site",
                &[Server, Str("content_url")],
                Ret::Nothing,
                "s.auth().switch_site(content_url)",
            )
            .doc(
                "Switches the session to the site with this content URL (\"\" is the Default \
                 site; Tableau Server only). Switching to the current site succeeds and changes \
                 nothing.",
            )
            .statuses(&[("UNSUPPORTED", "the server's API is older than 2.6")])
            .since("2.6"),
        ],
    },
    Family {
        name: "server_info",
        doc: "the server's product and REST API versions",
        methods: &[m(
            "tsc_server_info_get",
            &[Server],
            Ret::Handle("tsc_server_info"),
            "s.server_info().map(|inner| tsc_server_info { inner })",
        )
        .doc("The server's product version, build and highest REST API version; no sign-in needed.")],
    },
    Family {
        name: "sites",
        doc: "sites (Python `server.sites`)",
        methods: &[
            m("tsc_sites_get", &[Server, Options], Ret::List("site"), "s.sites().get(opts)")
                .doc("One page of the sites the signed-in user can see."),
            m(
                "tsc_sites_pager",
                &[Server, Options, ReadAhead],
                Ret::Pager("site"),
                "Ok(s.sites().pager(opts))",
            )
            .doc("A pager over every site the signed-in user can see.")
            .more(PAGER_DOC),
            m(
                "tsc_sites_get_by_id",
                &[Server, Id("site_id")],
                Ret::Item("site"),
                "s.sites().get_by_id(site_id)",
            )
            .doc("The site with this LUID.")
            .statuses(&[NOT_FOUND]),
            m(
                "tsc_sites_get_by_name",
                &[Server, Str("name")],
                Ret::Item("site"),
                "s.sites().get_by_name(name)",
            )
            .doc("The site with this name.")
            .statuses(&[("NOT_FOUND", "no site has this name")]),
            m(
                "tsc_sites_get_by_content_url",
                &[Server, Str("content_url")],
                Ret::Item("site"),
                "s.sites().get_by_content_url(content_url)",
            )
            .doc("The site with this content URL (\"\" is the Default site).")
            .statuses(&[("NOT_FOUND", "no site has this content URL")]),
            m(
                "tsc_sites_create",
                &[Server, Item("site", "site")],
                Ret::Item("site"),
                "s.sites().create(site)",
            )
            .doc(
                "Creates a site from `site` (made with `tsc_site_new`; server administrators \
                 only); `*out` is the new site as stored.",
            )
            .statuses(&[("CONFLICT", "the name or content URL is taken")]),
            m(
                "tsc_sites_update",
                &[Server, Item("site", "site")],
                Ret::Item("site"),
                "s.sites().update(site)",
            )
            .doc(
                "Updates the site with `tsc_site_id(site)` from every attribute set on `site` (a \
                 fetched site changed through `tsc_site_clone` and setters); `*out` is the \
                 updated site. The user quota is not sent when a tier capacity is set (the \
                 server takes one or the other).",
            )
            .statuses(&[(
                "INVALID_ARGUMENT",
                "the name is set but empty, or admin_mode ContentOnly comes with a user quota",
            )]),
            m(
                "tsc_sites_delete",
                &[Server, Id("site_id")],
                Ret::Nothing,
                "s.sites().delete(site_id)",
            )
            .doc(
                "Deletes the site with this LUID and everything in it. Deleting the signed-in \
                 site ends the session.",
            ),
        ],
    },
    Family {
        name: "projects",
        doc: "projects (Python `server.projects`)",
        methods: with_default_permissions!(
            [
            m(
                "tsc_projects_get",
                &[Server, Options],
                Ret::List("project"),
                "s.projects().get(opts)",
            )
            .doc("One page of the signed-in site's projects."),
            m(
                "tsc_projects_pager",
                &[Server, Options, ReadAhead],
                Ret::Pager("project"),
                "Ok(s.projects().pager(opts))",
            )
            .doc("A pager over every project of the signed-in site.")
            .more(PAGER_DOC),
            m(
                "tsc_projects_get_by_id",
                &[Server, Id("project_id")],
                Ret::Item("project"),
                "s.projects().get_by_id(project_id)",
            )
            .doc("The project with this LUID.")
            .statuses(&[NOT_FOUND]),
            m(
                "tsc_projects_get_by_path",
                &[Server, Str("path")],
                Ret::Item("project"),
                "s.projects().get_by_path(path)",
            )
            .doc(
                "The project at `path`: project names from the top level down, separated by `/` \
                 (\"Marketing/Q1 Reports\"), one filtered query per level as the Python \
                 client's `get_by_path`. Names match as the server matches them (regardless of \
                 case; an exact-case match first).",
            )
            .statuses(&[
                ("NOT_FOUND", "a project on the path does not exist; the message names it"),
                ("INVALID_ARGUMENT", "the path is empty or has an empty name"),
            ]),
            m(
                "tsc_projects_create",
                &[Server, Item("project", "project")],
                Ret::Item("project"),
                "s.projects().create(project)",
            )
            .doc(
                "Creates a project from `project` (made with `tsc_project_new`; set `parent_id` \
                 to nest it); `*out` is the new project.",
            )
            .statuses(&[("CONFLICT", "a sibling has the same name")]),
            m(
                "tsc_projects_update",
                &[Server, Item("project", "project")],
                Ret::Item("project"),
                "s.projects().update(project)",
            )
            .doc(
                "Updates the project with `tsc_project_id(project)` from every attribute set on \
                 `project`; `*out` is the updated project.",
            ),
            m(
                "tsc_projects_create_with_samples",
                &[Server, Item("project", "project")],
                Ret::Item("project"),
                "s.projects().create_with(project, true)",
            )
            .doc(
                "Like `tsc_projects_create`, and the server publishes its sample workbooks into \
                 the new project (Python `create(item, samples=True)`, `?publishSamples=True`).",
            )
            .statuses(&[("CONFLICT", "a sibling has the same name")]),
            m(
                "tsc_projects_update_with_samples",
                &[Server, Item("project", "project")],
                Ret::Item("project"),
                "s.projects().update_with(project, true)",
            )
            .doc(
                "Like `tsc_projects_update`, and the server publishes its sample workbooks into \
                 the project (Python `update(item, samples=True)`); a project that already holds \
                 them is left as it is.",
            ),
            m(
                "tsc_projects_delete",
                &[Server, Id("project_id")],
                Ret::Nothing,
                "s.projects().delete(project_id)",
            )
            .doc("Deletes the project with this LUID, its child projects and their content."),
                permission_method!(populate, "projects", Project, "project_id", "project", "2.0"),
                permission_method!(update, "projects", Project, "project_id", "project", "2.0"),
                permission_method!(delete, "projects", Project, "project_id", "project", "2.0"),
            ],
            // (Python name, DefaultKind, what it applies to, version); the lens segment is
            // `lenses` (api/permissions.rs).
            [
                ("workbook", Workbook, "workbooks", "2.1"),
                ("datasource", Datasource, "data sources", "2.1"),
                ("metric", Metric, "metrics", "3.2"),
                ("datarole", Datarole, "data roles", "3.4"),
                ("flow", Flow, "flows", "3.4"),
                ("lens", Lens, "Ask Data lenses", "3.4"),
                ("virtualconnection", VirtualConnection, "virtual connections", "3.23"),
                ("database", Database, "databases", "3.23"),
                ("table", Table, "tables", "3.23"),
            ]
        ),
    },
    content_family! {
        family: "workbooks",
        model: "workbook",
        id: "workbook_id",
        noun: "workbook",
        nouns: "workbooks",
        doc: "workbooks (Python `server.workbooks`): query, publish, update, delete, download, \
              revisions, views, connections, preview, PDF and PowerPoint exports",
        get_by_id: "The workbook with this LUID, with its views when the server includes them.",
        publish: "Publishes the `.twb` or `.twbx` file at `path` as `item` (made with \
                  `tsc_workbook_new`: its name, or the file name without extension when the \
                  name is \"\"; its project; show_tabs and description when set). \
                  `TSC_PUBLISH_MODE_APPEND` and `TSC_PUBLISH_MODE_REPLACE` are refused for \
                  workbooks.",
        example: "Sales.twbx",
        update: "Updates the workbook `tsc_workbook_id(item)` from the name, show_tabs, \
                 description, project, owner, data acceleration (enabled, accelerate now) and \
                 data freshness policy set on `item` (a clone of a fetched workbook), after \
                 sending its tag changes as `tsc_workbooks_update_tags` does; `*out` is the \
                 updated workbook. A freshness policy missing what its option needs (FreshEvery: \
                 frequency and value; FreshAt: frequency, time, and intervals of the frequency's \
                 kind) is refused before any request (`TSC_STATUS_INVALID_ARGUMENT`).",
        fallback: "twbx`/`.twb",
        connections: "The data connections of `workbook` (which must have an id). Nothing is \
                      written into `workbook`.",
        permissions: (Workbook, "2.0"),
        extra: [
            m(
                    "tsc_workbooks_update_with_view_acceleration_status",
                    &[Server, Item("item", "workbook")],
                    Ret::Item("workbook"),
                    "s.workbooks().update_with(item, true)",
                )
                .doc(
                    "Like `tsc_workbooks_update`, and the answer's views carry their data \
                     acceleration status (`tsc_workbook_views`, then \
                     `tsc_view_data_acceleration_enabled` and `_status`; Python \
                     `update(item, include_view_acceleration_status=True)`).",
                )
                .statuses(&[("UNSUPPORTED", "the server's API is older than 3.22")])
                .since("3.22"),
            m(
                    "tsc_workbooks_populate_views",
                    &[
                        Server,
                        Item("workbook", "workbook"),
                        Flag("usage", "usage statistics (`tsc_view_total_views`)"),
                    ],
                    Ret::List("view"),
                    "s.workbooks().populate_views(workbook, usage)",
                )
                .doc(
                    "The views of `workbook` (which must have an id); each view's `workbook_id` is \
                     the workbook's. Nothing is written into `workbook`.",
                ),
            m(
                    "tsc_workbooks_populate_preview_image",
                    &[Server, Item("workbook", "workbook")],
                    Ret::Bytes,
                    "s.workbooks().populate_preview_image(workbook)",
                )
                .doc(
                    "The preview image (PNG) of `workbook` (which must have an id). Nothing is \
                     written into `workbook`.",
                ),
            export!(
                memory, "workbooks", "workbook_id", "pdf", "Pdf",
                "The workbook as a PDF, a page per view (Python `workbooks.populate_pdf`): \
                 `opts` may ask for a page type and orientation, a viz size, a maximum age and \
                 view filters.",
                "3.4"
            ),
            export!(file, "workbooks", "workbook_id", "pdf", "Pdf", "3.4"),
            export!(writer, "workbooks", "workbook_id", "pdf", "Pdf", "3.4"),
            export!(
                memory, "workbooks", "workbook_id", "powerpoint", "Powerpoint",
                "The workbook as a PowerPoint presentation, `.pptx`, a slide per view (Python \
                 `workbooks.populate_powerpoint`): of `opts` only the maximum age applies.",
                "3.8"
            ),
            export!(file, "workbooks", "workbook_id", "powerpoint", "Powerpoint", "3.8"),
            export!(writer, "workbooks", "workbook_id", "powerpoint", "Powerpoint", "3.8"),
            m(
                    "tsc_workbooks_refresh",
                    &[Server, Id("workbook_id"), Flag("incremental", "an incremental refresh (REST API 3.25+)")],
                    Ret::Item("job"),
                    "s.workbooks().refresh(workbook_id, incremental)",
                )
                .doc(
                    "Refreshes the extracts of the workbook with this LUID now; `*out` is the \
                     job (wait for it with `tsc_jobs_wait_for_job`).",
                )
                .statuses(REFRESH_STATUSES)
                .since("2.8"),
            m(
                    "tsc_workbooks_create_extract",
                    &[Server, Id("workbook_id"), Flag("encrypt", "encrypted extracts")],
                    Ret::Item("job"),
                    "s.workbooks().create_extract(workbook_id, encrypt, None)",
                )
                .doc(
                    "Creates extracts for every data source of the workbook with this LUID; \
                     `*out` is the job.",
                )
                .statuses(&[NOT_FOUND])
                .since("3.5"),
            m(
                    "tsc_workbooks_create_extract_for",
                    &[Server, Id("workbook_id"), Flag("encrypt", "encrypted extracts"), StrArray("datasource_ids")],
                    Ret::Item("job"),
                    "s.workbooks().create_extract(workbook_id, encrypt, Some(&datasource_ids))",
                )
                .doc(
                    "Creates extracts for these `count` (at least 1) data sources (LUIDs) of the \
                     workbook with this LUID; `*out` is the job.",
                )
                .statuses(&[NOT_FOUND])
                .since("3.5"),
            m(
                    "tsc_workbooks_delete_extract",
                    &[Server, Id("workbook_id")],
                    Ret::Item("job"),
                    "s.workbooks().delete_extract(workbook_id, None)",
                )
                .doc(
                    "Removes the extracts of every data source of the workbook with this LUID; \
                     `*out` is the job.",
                )
                .statuses(&[NOT_FOUND])
                .since("3.3"),
            m(
                    "tsc_workbooks_delete_extract_for",
                    &[Server, Id("workbook_id"), StrArray("datasource_ids")],
                    Ret::Item("job"),
                    "s.workbooks().delete_extract(workbook_id, Some(&datasource_ids))",
                )
                .doc(
                    "Removes the extracts of these `count` (at least 1) data sources (LUIDs) of \
                     the workbook with this LUID; `*out` is the job.",
                )
                .statuses(&[NOT_FOUND])
                .since("3.3"),
        ],
    },
    Family {
        name: "views",
        doc: "views (Python `server.views`)",
        methods: with_permissions!(
            "views",
            View,
            "view_id",
            "view",
            "3.2",
            [
            m(
                "tsc_views_get",
                &[
                    Server,
                    Options,
                    Flag("usage", "usage statistics (`tsc_view_total_views`)"),
                ],
                Ret::List("view"),
                "s.views().get(opts, usage)",
            )
            .doc("One page of the signed-in site's views.")
            .since("2.2"),
            m(
                "tsc_views_pager",
                &[
                    Server,
                    Options,
                    Flag("usage", "usage statistics (`tsc_view_total_views`)"),
                    ReadAhead,
                ],
                Ret::Pager("view"),
                "Ok(s.views().pager(opts, usage))",
            )
            .doc("A pager over every view of the signed-in site.")
            .more(PAGER_DOC)
            .since("2.2"),
            m(
                "tsc_views_get_by_id",
                &[
                    Server,
                    Id("view_id"),
                    Flag("usage", "usage statistics"),
                ],
                Ret::Item("view"),
                "s.views().get_by_id(view_id, usage)",
            )
            .doc("The view with this LUID.")
            .statuses(&[NOT_FOUND, ("UNSUPPORTED", "the server's API is older than 3.1")])
            .since("3.1"),
            m(
                "tsc_views_delete",
                &[Server, Id("view_id")],
                Ret::Nothing,
                "s.views().delete(view_id)",
            )
            .doc(
                "Deletes the view with this LUID from its workbook (Python `views.delete`); the \
                 workbook keeps its other views.",
            )
            .statuses(&[NOT_FOUND, ("UNSUPPORTED", "the server's API is older than 3.27")])
            .since("3.27"),
            m(
                "tsc_views_add_tags",
                &[Server, Id("view_id"), StrArray("labels")],
                Ret::Handle("tsc_string_list"),
                "s.views().add_tags(view_id, &labels).and_then(tsc_string_list::of)",
            )
            .doc(
                "Adds the tag `labels` to the view with this LUID (one request); `*out` is its \
                 tags as the server answers them.",
            )
            .statuses(&[NOT_FOUND, ("INVALID_ARGUMENT", "`count` is 0 or a label is empty")]),
            m(
                "tsc_views_update_tags",
                &[Server, Item("item", "view")],
                Ret::Item("view"),
                "s.views().update_tags(item)",
            )
            .doc(
                "Sends the tags added to `item` (`tsc_view_add_tag`) and removed from it \
                 (`tsc_view_remove_tag`, `tsc_view_clear_tags`) since the server answered it: \
                 the added ones in one request, then one request per removed one (a removed \
                 label the view no longer has is not an error). Tags others changed meanwhile \
                 are left as they are. `*out` is `item` with its tags as sent.",
            )
            .statuses(&[NOT_FOUND, ("INVALID_ARGUMENT", "`item` has no id")]),
            m(
                "tsc_views_update",
                &[Server, Item("item", "view")],
                Ret::Item("view"),
                "s.views().update_tags(item)",
            )
            .doc(
                "Updates the view as the Python client's `views.update` does: only its tags can \
                 change (everything else is the workbook's), so this sends the tag changes of \
                 `item` as `tsc_views_update_tags` does; `*out` is `item` with its tags as sent.",
            )
            .statuses(&[NOT_FOUND, ("INVALID_ARGUMENT", "`item` has no id")]),
            m(
                "tsc_views_delete_tags",
                &[Server, Id("view_id"), StrArray("labels")],
                Ret::Nothing,
                "s.views().delete_tags(view_id, &labels)",
            )
            .doc(
                "Deletes the tag `labels` from the view with this LUID, one request per label, \
                 in order; on failure the labels before it are deleted.",
            )
            .statuses(&[NOT_FOUND, ("INVALID_ARGUMENT", "`count` is 0 or a label is empty")]),
            export!(
                memory, "views", "view_id", "image", "Image",
                "The view as a PNG image (Python `views.populate_image`): `opts` may ask for SVG \
                 instead, high resolution, a viz size, a maximum age and view filters.",
                "2.5"
            ),
            export!(file, "views", "view_id", "image", "Image", "2.5"),
            export!(writer, "views", "view_id", "image", "Image", "2.5"),
            export!(
                memory, "views", "view_id", "csv", "Csv",
                "The view's data as CSV (Python `views.populate_csv`): `opts` may ask for a \
                 maximum age and view filters.",
                "2.7"
            ),
            export!(file, "views", "view_id", "csv", "Csv", "2.7"),
            export!(writer, "views", "view_id", "csv", "Csv", "2.7"),
            export!(
                memory, "views", "view_id", "excel", "Excel",
                "The view's crosstab as an Excel workbook, `.xlsx` (Python \
                 `views.populate_excel`): `opts` may ask for a maximum age and view filters.",
                "3.8"
            ),
            export!(file, "views", "view_id", "excel", "Excel", "3.8"),
            export!(writer, "views", "view_id", "excel", "Excel", "3.8"),
            export!(
                memory, "views", "view_id", "pdf", "Pdf",
                "The view as a PDF (Python `views.populate_pdf`): `opts` may ask for a page \
                 type and orientation, a viz size, a maximum age and view filters.",
                "2.7"
            ),
            export!(file, "views", "view_id", "pdf", "Pdf", "2.7"),
            export!(writer, "views", "view_id", "pdf", "Pdf", "2.7"),
            m(
                "tsc_views_populate_preview_image",
                &[Server, Item("view", "view")],
                Ret::Bytes,
                "s.views().populate_preview_image(view)",
            )
            .doc(
                "The preview image (PNG) of `view`, which needs its id and its workbook's id, as \
                 views from `tsc_views_get` and `tsc_workbooks_populate_views` have. Nothing is \
                 written into `view`.",
            ),
            ]
        ),
    },
    Family {
        name: "custom_views",
        doc: "custom views (Python `server.custom_views`): query, update, delete, exports, \
              download and publish of the JSON definition",
        methods: &[
            m(
                "tsc_custom_views_get",
                &[Server, Options],
                Ret::List("custom_view"),
                "s.custom_views().get(opts)",
            )
            .doc(
                "One page of the custom views the signed-in user may see (administrators: all \
                 of the site; others: their own and the shared ones). Filter on `viewId`, \
                 `workbookId` or `ownerId` with `opts`.",
            )
            .statuses(&[("UNSUPPORTED", "the server's API is older than 3.18")])
            .since("3.18"),
            m(
                "tsc_custom_views_pager",
                &[Server, Options, ReadAhead],
                Ret::Pager("custom_view"),
                "Ok(s.custom_views().pager(opts))",
            )
            .doc("A pager over every custom view the signed-in user may see.")
            .more(PAGER_DOC)
            .since("3.18"),
            m(
                "tsc_custom_views_get_by_id",
                &[Server, Id("custom_view_id")],
                Ret::Item("custom_view"),
                "s.custom_views().get_by_id(custom_view_id)",
            )
            .doc("The custom view with this LUID.")
            .statuses(&[NOT_FOUND, ("UNSUPPORTED", "the server's API is older than 3.18")])
            .since("3.18"),
            m(
                "tsc_custom_views_update",
                &[Server, Item("custom_view", "custom_view")],
                Ret::Item("custom_view"),
                "s.custom_views().update(custom_view)",
            )
            .doc(
                "Updates the custom view `tsc_custom_view_id(custom_view)` (a clone of a fetched \
                 one) from the name and owner set on it, as the Python client does: Update \
                 Custom View takes no shared flag, so `shared` is not sent. `*out` is the \
                 custom view as stored; when neither name, owner nor shared is set, no request \
                 is made and `*out` is a copy of `custom_view`.",
            )
            .statuses(&[
                ("NOT_FOUND", "no custom view has this id, or no user the owner id"),
                ("INVALID_ARGUMENT", "`custom_view` has no id"),
            ])
            .since("3.18"),
            m(
                "tsc_custom_views_delete",
                &[Server, Id("custom_view_id")],
                Ret::Nothing,
                "s.custom_views().delete(custom_view_id)",
            )
            .doc("Deletes the custom view with this LUID.")
            .statuses(&[NOT_FOUND, ("UNSUPPORTED", "the server's API is older than 3.19")])
            .since("3.19"),
            export!(
                memory, "custom_views", "custom_view_id", "image", "Image",
                "The custom view as a PNG image, its saved filters applied (Python \
                 `custom_views.populate_image`): `opts` may ask for high resolution, a viz \
                 size, a maximum age and view filters.",
                "3.18"
            ),
            export!(file, "custom_views", "custom_view_id", "image", "Image", "3.18"),
            export!(writer, "custom_views", "custom_view_id", "image", "Image", "3.18"),
            export!(
                memory, "custom_views", "custom_view_id", "pdf", "Pdf",
                "The custom view as a PDF, its saved filters applied (Python \
                 `custom_views.populate_pdf`): `opts` may ask for a page type and orientation, \
                 a viz size, a maximum age and view filters.",
                "3.23"
            ),
            export!(file, "custom_views", "custom_view_id", "pdf", "Pdf", "3.23"),
            export!(writer, "custom_views", "custom_view_id", "pdf", "Pdf", "3.23"),
            export!(
                memory, "custom_views", "custom_view_id", "csv", "Csv",
                "The custom view's data as CSV, its saved filters applied (Python \
                 `custom_views.populate_csv`): `opts` may ask for a maximum age and view \
                 filters.",
                "3.23"
            ),
            export!(file, "custom_views", "custom_view_id", "csv", "Csv", "3.23"),
            export!(writer, "custom_views", "custom_view_id", "csv", "Csv", "3.23"),
            m(
                "tsc_custom_views_download",
                &[Server, Id("custom_view_id")],
                Ret::Bytes,
                "s.custom_views().download_bytes(custom_view_id)",
            )
            .doc(
                "The JSON definition of the custom view with this LUID, in memory (Python \
                 `custom_views.download`; `GET /api/exp/sites/{site}/customviews/{id}/content`). \
                 It may hold filter values: keep it as private as the data.",
            )
            .statuses(&[NOT_FOUND, ("UNSUPPORTED", "the server's API is older than 3.21")])
            .since("3.21"),
            m(
                "tsc_custom_views_download_to_file",
                &[Server, Id("custom_view_id"), DestFile, TransferOptions],
                Ret::DownloadPath,
                "s.custom_views().download(custom_view_id, dest, &mut transfer_opts)",
            )
            .doc(
                "Like `tsc_custom_views_download`, but streamed into exactly `path` (its \
                 directory must exist).",
            )
            .more(DOWNLOAD_DOC)
            .statuses(DOWNLOAD_STATUSES)
            .since("3.21"),
            m(
                "tsc_custom_views_download_to_writer",
                &[Server, Id("custom_view_id"), DestWriter, TransferOptions],
                Ret::Nothing,
                "s.custom_views().download(custom_view_id, dest, &mut transfer_opts).map(drop)",
            )
            .doc(
                "Like `tsc_custom_views_download`, but to `write`, block by block in order. On \
                 failure the blocks already written stay written.",
            )
            .statuses(WRITER_STATUSES)
            .since("3.21"),
            m(
                "tsc_custom_views_publish",
                &[Server, Item("item", "custom_view"), SourcePath, TransferOptions],
                Ret::Item("custom_view"),
                "s.custom_views().publish(item, source, &mut transfer_opts)",
            )
            .doc(
                "Publishes the custom view definition (JSON, as `tsc_custom_views_download` \
                 gives it) in the file at `path` as `item` (made with `tsc_custom_view_new`: \
                 its name, shared flag (false when not set), owner id and workbook id, all but \
                 shared required), to `POST /api/exp/sites/{site}/customviews` as the Python \
                 client's `custom_views.publish`; the file part is named after the file. \
                 `*out` is the new custom view.",
            )
            .more(
                "Files under the single-request limit (64 MiB) go in one request, streamed; \
                 larger ones through an upload session. Checks happen before any request.",
            )
            .statuses(&[
                ("FILE", "the file cannot be read"),
                ("INVALID_ARGUMENT", "`item` lacks a name, owner id or workbook id"),
                ("NOT_FOUND", "no such workbook or owner"),
                ("BAD_REQUEST", "the file is not a custom view definition"),
                ("UNSUPPORTED", "the server's API is older than 3.21"),
            ])
            .since("3.21"),
            m(
                "tsc_custom_views_publish_from_reader",
                &[Server, Item("item", "custom_view"), SourceReader, TransferOptions],
                Ret::Item("custom_view"),
                "s.custom_views().publish(item, source, &mut transfer_opts)",
            )
            .doc(
                "Like `tsc_custom_views_publish`, but the definition's `size` bytes come from \
                 `read`; `file_name` (e.g. \"East only.json\") is the name announced to the \
                 server.",
            )
            .statuses(&[
                ("INVALID_ARGUMENT", "`item` lacks a name, owner id or workbook id"),
                ("ABORTED_BY_CALLBACK", "`read` or the progress callback returned non-zero"),
                ("NOT_FOUND", "no such workbook or owner"),
                ("BAD_REQUEST", "the file is not a custom view definition"),
            ])
            .since("3.21"),
        ],
    },
    content_family! {
        family: "datasources",
        model: "datasource",
        id: "datasource_id",
        noun: "data source",
        nouns: "data sources",
        doc: "data sources (Python `server.datasources`): query, publish, update, delete, \
              download, revisions, connections",
        get_by_id: "The data source with this LUID.",
        publish: "Publishes the `.tds`, `.tdsx`, `.tde`, `.hyper` or `.parquet` file at `path` as \
                  `item` (made with `tsc_datasource_new`: its name, or the file name without \
                  extension when the name is \"\"; its project; description, certification \
                  and Ask Data setting when set). `TSC_PUBLISH_MODE_APPEND` adds to an \
                  existing extract; `TSC_PUBLISH_MODE_REPLACE` replaces the data of the data \
                  source of that name (`replace=true`), keeping its id.",
        example: "Sales.hyper",
        update: "Updates the data source `tsc_datasource_id(item)` from the attributes set on \
                 `item` (a clone of a fetched data source): name, description, certification, \
                 encryption, remote query agent, project, owner, Ask Data, after sending its tag \
                 changes as `tsc_datasources_update_tags` does; `*out` is the updated data \
                 source.",
        fallback: "<tdsx|tds|hyper|tde>",
        connections: "The data connections of `datasource` (which must have an id); each \
                      carries the data source's id and name. Nothing is written into \
                      `datasource`.",
        permissions: (Datasource, "2.0"),
        extra: [
            m(
                    "tsc_datasources_refresh",
                    &[Server, Id("datasource_id"), Flag("incremental", "an incremental refresh (REST API 3.25+)")],
                    Ret::Item("job"),
                    "s.datasources().refresh(datasource_id, incremental)",
                )
                .doc(
                    "Refreshes the extract of the data source with this LUID now; `*out` is the \
                     job (wait for it with `tsc_jobs_wait_for_job`).",
                )
                .statuses(REFRESH_STATUSES)
                .since("2.8"),
            m(
                    "tsc_datasources_create_extract",
                    &[Server, Id("datasource_id"), Flag("encrypt", "an encrypted extract")],
                    Ret::Item("job"),
                    "s.datasources().create_extract(datasource_id, encrypt)",
                )
                .doc("Creates an extract of the data source with this LUID; `*out` is the job.")
                .statuses(&[NOT_FOUND])
                .since("3.5"),
            m(
                    "tsc_datasources_update_hyper_data",
                    &[
                        Server,
                        Id("datasource_id"),
                        Str("request_id"),
                        Str("actions"),
                        OptStr("payload_path", "no payload (actions that read no rows: update, delete)"),
                    ],
                    Ret::Item("job"),
                    "s.datasources().update_hyper_data(datasource_id, request_id, actions, payload_path.map(std::path::Path::new))",
                )
                .doc(
                    "Applies `actions`, a JSON array of Tableau's hyper update actions \
                     (`[{\"action\": \"insert\", \"source-table\": …, \"target-table\": …}, …]`), \
                     to the extract of the data source with this LUID: the `.hyper` file at \
                     `payload_path` holds the rows they read and goes through an upload \
                     session first; `request_id` (sent as the `RequestID` header) makes the \
                     request idempotent. `*out` is the job applying them.",
                )
                .statuses(&[
                    NOT_FOUND,
                    ("FILE", "the payload cannot be read"),
                    ("INVALID_ARGUMENT", "an empty request id, or actions that are not a JSON array"),
                    ("BAD_REQUEST", "the server refuses the actions"),
                ])
                .since("3.13"),
            m(
                    "tsc_datasources_delete_extract",
                    &[Server, Id("datasource_id")],
                    Ret::Nothing,
                    "s.datasources().delete_extract(datasource_id)",
                )
                .doc("Removes the extract of the data source with this LUID.")
                .statuses(&[NOT_FOUND])
                .since("3.5"),
        ],
    },
    Family {
        name: "fileuploads",
        doc: "upload sessions (Python `server.fileuploads`): initiate, append",
        methods: &[
            m(
                "tsc_fileuploads_initiate",
                &[Server],
                Ret::OwnedStr("the session id"),
                "s.file_uploads().initiate().map(Some)",
            )
            .doc(
                "Opens an upload session (Python `fileuploads.initiate`); `*out` is its id \
                 (`uploadSessionId`, e.g. \"7720:170fe6b1c1c7422dadff20f944d58a52-1:0\"), for \
                 `tsc_fileuploads_append`. A session nothing commits publishes nothing.",
            ),
            m(
                "tsc_fileuploads_append",
                &[Server, Id("upload_id"), SourcePath, TransferOptions],
                Ret::Nothing,
                "s.file_uploads().append(upload_id, source, &mut transfer_opts)",
            )
            .doc(
                "Appends the whole file at `path` to the upload session `upload_id` as one chunk \
                 (one request, streamed; Python `fileuploads.append`). The server takes chunks \
                 of up to 64 MiB.",
            )
            .statuses(&[
                ("NOT_FOUND", "no open session has this id (404015)"),
                ("FILE", "the file cannot be read"),
                ("ABORTED_BY_CALLBACK", "a callback returned non-zero"),
                ("CANCELLED", "the transfer options' cancel token was cancelled"),
            ]),
            m(
                "tsc_fileuploads_append_from_reader",
                &[Server, Id("upload_id"), SourceReader, TransferOptions],
                Ret::Nothing,
                "s.file_uploads().append(upload_id, source, &mut transfer_opts)",
            )
            .doc(
                "Like `tsc_fileuploads_append`, but the chunk's `size` bytes come from `read` \
                 (`file_name` is the name announced in the chunk's part).",
            )
            .statuses(&[
                ("NOT_FOUND", "no open session has this id (404015)"),
                ("ABORTED_BY_CALLBACK", "`read` or the progress callback returned non-zero"),
                ("CANCELLED", "the transfer options' cancel token was cancelled"),
            ]),
        ],
    },
    Family {
        name: "users",
        doc: "users (Python `server.users`)",
        methods: &[
            m("tsc_users_get", &[Server, Options], Ret::List("user"), "s.users().get(opts)")
                .doc("One page of the signed-in site's users, with every attribute unless `opts` names `fields`.")
                .statuses(&[(
                    "BAD_REQUEST",
                    "a filter or sort on an unknown field, or an operator the field does not support",
                )]),
            m(
                "tsc_users_pager",
                &[Server, Options, ReadAhead],
                Ret::Pager("user"),
                "Ok(s.users().pager(opts))",
            )
            .doc("A pager over every user of the signed-in site.")
            .more(PAGER_DOC),
            m(
                "tsc_users_get_by_id",
                &[Server, Id("user_id")],
                Ret::Item("user"),
                "s.users().get_by_id(user_id)",
            )
            .doc("The user with this LUID, with every attribute.")
            .statuses(&[NOT_FOUND]),
            m(
                "tsc_users_add",
                &[Server, Item("user", "user")],
                Ret::Item("user"),
                "s.users().add(user)",
            )
            .doc(
                "Adds `user` (made with `tsc_user_new`) to the site. Sent: the name, the site \
                 role, and the auth setting and IdP configuration when set; set the full name, \
                 e-mail and password afterwards with `tsc_users_update`, as Tableau requires. \
                 `*out` is the new user as the server stored it (its role may differ when no \
                 licence is free).",
            )
            .statuses(&[
                ("CONFLICT", "the name is taken (or the role is \"Guest\")"),
                ("BAD_REQUEST", "the server refuses the role"),
            ]),
            m(
                "tsc_users_update",
                &[
                    Server,
                    Item("user", "user"),
                    OptSecret("password", "keeps the password"),
                ],
                Ret::Item("user"),
                "s.users().update(user, password)",
            )
            .doc(
                "Updates the user with `tsc_user_id(user)` (a fetched user changed through \
                 `tsc_user_clone` and setters): its full name, e-mail, site role, auth setting \
                 and IdP configuration when set (a \"ServerAdministrator\" role is never sent), \
                 and the password when `password` is not NULL (never kept in messages; \"\" \
                 gives `TSC_STATUS_INVALID_ARGUMENT`); `*out` is the updated user.",
            ),
            m(
                "tsc_users_remove",
                &[
                    Server,
                    Id("user_id"),
                    OptStr("map_assets_to", "gives their content to the signed-in user"),
                ],
                Ret::Nothing,
                "s.users().remove(user_id, map_assets_to)",
            )
            .doc(
                "Removes the user with this LUID from the site. What they own goes to the user \
                 `map_assets_to` (a LUID).",
            )
            .statuses(&[
                ("NOT_FOUND", "no user has this id"),
                ("CONFLICT", "the user still owns content and `map_assets_to` is NULL"),
            ]),
            m(
                "tsc_users_populate_workbooks",
                &[
                    Server,
                    Item("user", "user"),
                    Options,
                    Flag("owned_only", "only the workbooks they own"),
                ],
                Ret::List("workbook"),
                "s.users().populate_workbooks(user, opts, owned_only)",
            )
            .doc("One page of the workbooks `user` (which must have an id) can use."),
            m(
                "tsc_users_workbooks_pager",
                &[
                    Server,
                    Item("user", "user"),
                    Options,
                    Flag("owned_only", "only the workbooks they own"),
                    ReadAhead,
                ],
                Ret::Pager("workbook"),
                "s.users().workbooks_pager(user, opts, owned_only)",
            )
            .doc("A pager over every workbook of `tsc_users_populate_workbooks`.")
            .more(PAGER_DOC),
            m(
                "tsc_users_populate_favorites",
                &[Server, Item("user", "user"), Options],
                Ret::List("favorite"),
                "s.users().populate_favorites(user, opts)",
            )
            .doc(
                "One page of the favorites of `user` (which must have an id): workbooks, views, \
                 data sources, projects, flows.",
            ),
            m(
                "tsc_users_populate_groups",
                &[Server, Item("user", "user"), Options],
                Ret::List("group"),
                "s.users().populate_groups(user, opts)",
            )
            .doc("One page of the groups `user` (which must have an id) belongs to.")
            .statuses(&[("UNSUPPORTED", "the server's API is older than 3.7")])
            .since("3.7"),
            m(
                "tsc_users_groups_pager",
                &[Server, Item("user", "user"), Options, ReadAhead],
                Ret::Pager("group"),
                "s.users().groups_pager(user, opts)",
            )
            .doc("A pager over every group of `tsc_users_populate_groups`.")
            .more(PAGER_DOC)
            .since("3.7"),
        ],
    },
    Family {
        name: "groups",
        doc: "groups and their members (Python `server.groups`)",
        methods: &[
            m("tsc_groups_get", &[Server, Options], Ret::List("group"), "s.groups().get(opts)")
                .doc("One page of the signed-in site's groups."),
            m(
                "tsc_groups_pager",
                &[Server, Options, ReadAhead],
                Ret::Pager("group"),
                "Ok(s.groups().pager(opts))",
            )
            .doc("A pager over every group of the signed-in site.")
            .more(PAGER_DOC),
            m(
                "tsc_groups_create",
                &[Server, Item("group", "group")],
                Ret::Item("group"),
                "s.groups().create(group)",
            )
            .doc(
                "Creates a group from `group` (made with `tsc_group_new`): a local group, or an \
                 Active Directory import when its domain name is set to a domain other than \
                 \"local\"; `*out` is the new group.",
            )
            .statuses(&[
                ("CONFLICT", "the name is taken"),
                ("FORBIDDEN", "an Active Directory import on a server without it"),
            ]),
            m(
                "tsc_groups_update",
                &[Server, Item("group", "group")],
                Ret::Item("group"),
                "s.groups().update(group)",
            )
            .doc(
                "Updates the group with `tsc_group_id(group)`: its name and minimum site role; \
                 `*out` is the updated group.",
            )
            .statuses(&[("NOT_FOUND", "no group has this id")]),
            m(
                "tsc_groups_create_as_job",
                &[Server, Item("group", "group")],
                Ret::Item("job"),
                "s.groups().create_as_job(group)",
            )
            .doc(
                "Imports the Active Directory group `group` (its domain name set to a domain \
                 other than \"local\", its minimum site role and licence mode as wanted) as a \
                 background job; `*out` is the job (wait for it with `tsc_jobs_wait_for_job`).",
            )
            .statuses(&[
                ("INVALID_ARGUMENT", "a local group"),
                ("FORBIDDEN", "the server has no Active Directory"),
                ("CONFLICT", "the name is taken"),
            ]),
            m(
                "tsc_groups_update_as_job",
                &[Server, Item("group", "group")],
                Ret::Item("job"),
                "s.groups().update_as_job(group)",
            )
            .doc(
                "Updates (synchronises) the Active Directory group with \
                 `tsc_group_id(group)` as a background job, from its name, minimum site role \
                 (required) and licence mode; `*out` is the job.",
            )
            .statuses(&[
                ("INVALID_ARGUMENT", "a local group, or no minimum site role"),
                ("NOT_FOUND", "no group has this id"),
            ]),
            m(
                "tsc_groups_delete",
                &[Server, Id("group_id")],
                Ret::Nothing,
                "s.groups().delete(group_id)",
            )
            .doc("Deletes the group with this LUID; its members stay on the site.")
            .statuses(&[NOT_FOUND]),
            m(
                "tsc_groups_populate_users",
                &[Server, Item("group", "group"), Options],
                Ret::List("user"),
                "s.groups().populate_users(group, opts)",
            )
            .doc("One page of the members of `group` (which must have an id).")
            .statuses(&[("NOT_FOUND", "no group has this id")]),
            m(
                "tsc_groups_users_pager",
                &[Server, Item("group", "group"), Options, ReadAhead],
                Ret::Pager("user"),
                "s.groups().users_pager(group, opts)",
            )
            .doc("A pager over every member of `group` (which must have an id).")
            .more(PAGER_DOC),
            m(
                "tsc_groups_add_user",
                &[Server, Item("group", "group"), Id("user_id")],
                Ret::Item("user"),
                "s.groups().add_user(group, user_id)",
            )
            .doc(
                "Adds the user with LUID `user_id` to `group` (which must have an id); `*out` \
                 is the user.",
            )
            .statuses(&[
                ("NOT_FOUND", "no such group or user"),
                ("CONFLICT", "the user is already in the group"),
            ]),
            m(
                "tsc_groups_remove_user",
                &[Server, Item("group", "group"), Id("user_id")],
                Ret::Nothing,
                "s.groups().remove_user(group, user_id)",
            )
            .doc("Removes the user with LUID `user_id` from `group` (which must have an id).")
            .statuses(&[("NOT_FOUND", "no such group or user, or not a member")]),
            m(
                "tsc_groups_add_users",
                &[Server, Item("group", "group"), StrArray("user_ids")],
                Ret::List("user"),
                "s.groups().add_users(group, &user_ids)",
            )
            .doc(
                "Adds the users with these `count` (at least 1) LUIDs to `group` (which must \
                 have an id) in one request; `*out` lists the users.",
            )
            .statuses(&[("UNSUPPORTED", "the server's API is older than 3.21")])
            .since("3.21"),
            m(
                "tsc_groups_remove_users",
                &[Server, Item("group", "group"), StrArray("user_ids")],
                Ret::Nothing,
                "s.groups().remove_users(group, &user_ids)",
            )
            .doc(
                "Removes the users with these `count` (at least 1) LUIDs from `group` (which \
                 must have an id) in one request.",
            )
            .statuses(&[("UNSUPPORTED", "the server's API is older than 3.21")])
            .since("3.21"),
        ],
    },
    Family {
        name: "jobs",
        doc: "asynchronous jobs: query, cancel, wait (Python `server.jobs`)",
        methods: &[
            m(
                "tsc_jobs_get",
                &[Server, Options],
                Ret::List("background_job"),
                "s.jobs().get(opts)",
            )
            .doc("One page of the signed-in site's background jobs (administrators only).")
            .since("3.1"),
            m(
                "tsc_jobs_pager",
                &[Server, Options, ReadAhead],
                Ret::Pager("background_job"),
                "Ok(s.jobs().pager(opts))",
            )
            .doc("A pager over every background job of the signed-in site.")
            .more(PAGER_DOC)
            .since("3.1"),
            m(
                "tsc_jobs_get_by_id",
                &[Server, Id("job_id")],
                Ret::Item("job"),
                "s.jobs().get_by_id(job_id)",
            )
            .doc(
                "The job with this LUID: type, progress, times, finish code, notes and what it \
                 is about (workbook, data source, flow run).",
            )
            .statuses(&[("NOT_FOUND", "no job has this id (Tableau error 404018)")])
            .since("2.6"),
            m(
                "tsc_jobs_cancel",
                &[Server, Id("job_id")],
                Ret::Nothing,
                "s.jobs().cancel(job_id)",
            )
            .doc("Cancels the job with this LUID (administrators only).")
            .statuses(&[
                ("NOT_FOUND", "no job has this id"),
                ("FORBIDDEN", "not an administrator, or the job has already completed (403091)"),
            ])
            .since("3.1"),
            m(
                "tsc_jobs_wait_for_job",
                &[
                    Server,
                    Id("job_id"),
                    U64("timeout_ms", "the longest the whole wait may take, in milliseconds (0: no limit)"),
                    OptHandle("cancel", "tsc_cancel_token", "the wait cannot be cancelled"),
                ],
                Ret::Item("job"),
                "s.jobs().wait_for_job(job_id, (timeout_ms > 0).then(|| std::time::Duration::from_millis(timeout_ms)), cancel.map(|c| &c.inner))",
            )
            .doc(
                "Waits until the job with this LUID ends and sets `*out` to it when it \
                 succeeded. Polls the job as the Python client does (at once, then 0.5 s later, \
                 each wait 1.4 times longer, at most 30 s) until its progress gives its pace, \
                 then at the end that pace predicts; waits at least the `Retry-After` the \
                 server asks for (the polls go on after a 429 or 503). Waits on queued jobs \
                 through one server handle from several threads share their looks: one \
                 `GET …/jobs` listing answers all of them (when the server allows the signed-in \
                 user to list jobs; otherwise each polls its own job). `cancel`, cancelled from \
                 another thread, ends the wait within milliseconds (the job goes on).",
            )
            .statuses(&[
                ("JOB_FAILED", "the job failed (finish code 1); the message has its notes"),
                ("JOB_CANCELLED", "the job was cancelled (finish code 2); the message has its notes"),
                ("TIMEOUT", "`timeout_ms` passed before the job ended"),
                ("CANCELLED", "`cancel` was cancelled"),
                ("NOT_FOUND", "no job has this id"),
            ])
            .since("2.6"),
        ],
    },
    Family {
        name: "schedules",
        doc: "server schedules and what runs on them (Python `server.schedules`)",
        methods: &[
            m(
                "tsc_schedules_get",
                &[Server, Options],
                Ret::List("schedule"),
                "s.schedules().get(opts)",
            )
            .doc("One page of the server's schedules.")
            .since("2.3"),
            m(
                "tsc_schedules_pager",
                &[Server, Options, ReadAhead],
                Ret::Pager("schedule"),
                "Ok(s.schedules().pager(opts))",
            )
            .doc("A pager over every schedule of the server.")
            .more(PAGER_DOC)
            .since("2.3"),
            m(
                "tsc_schedules_get_by_id",
                &[Server, Id("schedule_id")],
                Ret::Item("schedule"),
                "s.schedules().get_by_id(schedule_id)",
            )
            .doc("The schedule with this LUID.")
            .statuses(&[NOT_FOUND])
            .since("3.8"),
            m(
                "tsc_schedules_create",
                &[Server, Item("schedule", "schedule")],
                Ret::Item("schedule"),
                "s.schedules().create(schedule)",
            )
            .doc(
                "Creates a schedule from `schedule` (made with `tsc_schedule_new`, its intervals \
                 set with `tsc_schedule_set_intervals`; a Daily schedule may have none); `*out` \
                 is the new schedule.",
            )
            .statuses(SCHEDULE_STATUSES)
            .since("2.3"),
            m(
                "tsc_schedules_update",
                &[Server, Item("schedule", "schedule")],
                Ret::Item("schedule"),
                "s.schedules().update(schedule)",
            )
            .doc(
                "Updates the schedule with `tsc_schedule_id(schedule)` from its name, priority, \
                 execution order, state, frequency, times and intervals as set (a clone of a \
                 fetched schedule changed with the setters); `*out` is the updated schedule.",
            )
            .statuses(SCHEDULE_STATUSES)
            .since("2.3"),
            m(
                "tsc_schedules_delete",
                &[Server, Id("schedule_id")],
                Ret::Nothing,
                "s.schedules().delete(schedule_id)",
            )
            .doc("Deletes the schedule with this LUID and its tasks.")
            .statuses(&[NOT_FOUND])
            .since("2.3"),
            m(
                "tsc_schedules_add_workbook",
                &[Server, Id("schedule_id"), Id("workbook_id")],
                Ret::Nothing,
                "s.schedules().add_to_schedule(schedule_id, crate::api::schedules::Scheduled::Workbook, workbook_id)",
            )
            .doc("Adds an extract refresh task of the workbook with LUID `workbook_id` to the schedule.")
            .statuses(ADD_STATUSES)
            .since("2.8"),
            m(
                "tsc_schedules_add_workbook_data_acceleration",
                &[Server, Id("schedule_id"), Id("workbook_id")],
                Ret::Nothing,
                "s.schedules().add_to_schedule(schedule_id, crate::api::schedules::Scheduled::WorkbookAcceleration, workbook_id)",
            )
            .doc(
                "Adds a data acceleration task of the workbook with LUID `workbook_id` to the \
                 schedule (a DataAcceleration schedule).",
            )
            .statuses(ADD_STATUSES)
            .since("2.8"),
            m(
                "tsc_schedules_add_datasource",
                &[Server, Id("schedule_id"), Id("datasource_id")],
                Ret::Nothing,
                "s.schedules().add_to_schedule(schedule_id, crate::api::schedules::Scheduled::Datasource, datasource_id)",
            )
            .doc("Adds an extract refresh task of the data source with LUID `datasource_id` to the schedule.")
            .statuses(ADD_STATUSES)
            .since("2.8"),
            m(
                "tsc_schedules_add_flow",
                &[Server, Id("schedule_id"), Id("flow_id")],
                Ret::Nothing,
                "s.schedules().add_to_schedule(schedule_id, crate::api::schedules::Scheduled::Flow, flow_id)",
            )
            .doc("Adds a run task of the flow with LUID `flow_id` to the schedule (a Flow schedule).")
            .statuses(ADD_STATUSES)
            .since("3.3"),
            m(
                "tsc_schedules_get_extract_refresh_tasks",
                &[Server, Id("schedule_id"), Options],
                Ret::List("extract"),
                "s.schedules().get_extract_refresh_tasks(schedule_id, opts)",
            )
            .doc("One page of the extract refresh tasks of the schedule on the signed-in site.")
            .statuses(&[NOT_FOUND])
            .since("2.3"),
            m(
                "tsc_schedules_batch_update_state",
                &[Server, StrArray("schedule_ids"), Str("state")],
                Ret::Nothing,
                "s.schedules().batch_update_state(Some(&schedule_ids), state)",
            )
            .doc(
                "Sets the state (\"Active\" or \"Suspended\") of these `count` (at least 1) \
                 schedules in one request.",
            )
            .statuses(&[("UNSUPPORTED", "the server's API is older than 3.27")])
            .since("3.27"),
            m(
                "tsc_schedules_update_all_states",
                &[Server, Str("state")],
                Ret::Nothing,
                "s.schedules().batch_update_state(None, state)",
            )
            .doc("Sets the state (\"Active\" or \"Suspended\") of every schedule in one request.")
            .statuses(&[("UNSUPPORTED", "the server's API is older than 3.27")])
            .since("3.27"),
        ],
    },
    Family {
        name: "tasks",
        doc: "extract refresh, data acceleration and flow run tasks (Python `server.tasks`)",
        methods: &[
            m(
                "tsc_tasks_get",
                &[Server, OptStr("task_type", "extract refresh tasks"), Options],
                Ret::List("task"),
                "s.tasks().get(task_type, opts)",
            )
            .doc(
                "One page of the signed-in site's tasks of `task_type`: \"extractRefresh\", \
                 \"dataAcceleration\" (REST API 3.8+) or \"runFlow\".",
            )
            .statuses(&[("INVALID_ARGUMENT", "another task type")])
            .since("2.6"),
            m(
                "tsc_tasks_pager",
                &[Server, OptStr("task_type", "extract refresh tasks"), Options, ReadAhead],
                Ret::Pager("task"),
                "s.tasks().pager(task_type, opts)",
            )
            .doc("A pager over every task of `task_type` of the signed-in site.")
            .more(PAGER_DOC)
            .since("2.6"),
            m(
                "tsc_tasks_get_by_id",
                &[Server, Id("task_id")],
                Ret::Item("task"),
                "s.tasks().get_by_id(task_id)",
            )
            .doc("The extract refresh task with this LUID.")
            .statuses(&[NOT_FOUND])
            .since("2.6"),
            m(
                "tsc_tasks_create",
                &[
                    Server,
                    Item("schedule", "schedule"),
                    Str("target_type"),
                    Id("target_id"),
                    Flag("incremental", "an incremental refresh"),
                ],
                Ret::Item("task"),
                "s.tasks().create(schedule, target_type, target_id, incremental)",
            )
            .doc(
                "Creates an extract refresh task of the workbook or data source (`target_type` \
                 \"workbook\" or \"datasource\", `target_id` its LUID) on its own schedule: \
                 the frequency, start and end times and intervals of `schedule` (made with \
                 `tsc_schedule_new`; its name and type are not sent); `*out` is the task.",
            )
            .statuses(&[
                ("NOT_FOUND", "no such workbook or data source"),
                ("BAD_REQUEST", "the server refuses the schedule's intervals"),
                ("UNSUPPORTED", "the server's API is older than 3.19"),
            ])
            .since("3.19"),
            m(
                "tsc_tasks_run",
                &[Server, Id("task_id")],
                Ret::Item("job"),
                "s.tasks().run(task_id)",
            )
            .doc(
                "Runs the extract refresh task with this LUID now; `*out` is the job (wait for \
                 it with `tsc_jobs_wait_for_job`).",
            )
            .statuses(&[NOT_FOUND])
            .since("2.6"),
            m(
                "tsc_tasks_delete",
                &[Server, Id("task_id"), OptStr("task_type", "an extract refresh task")],
                Ret::Nothing,
                "s.tasks().delete(task_id, task_type)",
            )
            .doc("Deletes the task with this LUID, of `task_type` (as for `tsc_tasks_get`).")
            .statuses(&[NOT_FOUND])
            .since("3.6"),
        ],
    },
    Family {
        name: "subscriptions",
        doc: "e-mail subscriptions to views and workbooks (Python `server.subscriptions`)",
        methods: &[
            m(
                "tsc_subscriptions_get",
                &[Server, Options],
                Ret::List("subscription"),
                "s.subscriptions().get(opts)",
            )
            .doc("One page of the signed-in site's subscriptions.")
            .since("2.3"),
            m(
                "tsc_subscriptions_pager",
                &[Server, Options, ReadAhead],
                Ret::Pager("subscription"),
                "Ok(s.subscriptions().pager(opts))",
            )
            .doc("A pager over every subscription of the signed-in site.")
            .more(PAGER_DOC)
            .since("2.3"),
            m(
                "tsc_subscriptions_get_by_id",
                &[Server, Id("subscription_id")],
                Ret::Item("subscription"),
                "s.subscriptions().get_by_id(subscription_id)",
            )
            .doc("The subscription with this LUID.")
            .statuses(&[NOT_FOUND])
            .since("2.3"),
            m(
                "tsc_subscriptions_create",
                &[Server, Item("subscription", "subscription")],
                Ret::Item("subscription"),
                "s.subscriptions().create(subscription)",
            )
            .doc(
                "Creates a subscription from `subscription` (made with `tsc_subscription_new`; \
                 message, attachments, page options and sendIfViewEmpty when set); `*out` is \
                 the new subscription.",
            )
            .statuses(&[
                ("NOT_FOUND", "no such schedule, user, view or workbook"),
                ("BAD_REQUEST", "the schedule is not a Subscription schedule"),
            ])
            .since("2.3"),
            m(
                "tsc_subscriptions_update",
                &[Server, Item("subscription", "subscription")],
                Ret::Item("subscription"),
                "s.subscriptions().update(subscription)",
            )
            .doc(
                "Updates the subscription with `tsc_subscription_id(subscription)` from the \
                 subject, message, attachments, page options, suspended flag, schedule and \
                 sendIfViewEmpty set on it; `*out` is the updated subscription.",
            )
            .statuses(&[NOT_FOUND])
            .since("2.3"),
            m(
                "tsc_subscriptions_delete",
                &[Server, Id("subscription_id")],
                Ret::Nothing,
                "s.subscriptions().delete(subscription_id)",
            )
            .doc("Deletes the subscription with this LUID.")
            .statuses(&[NOT_FOUND])
            .since("2.3"),
        ],
    },
    Family {
        name: "tags",
        doc: "tags of many items at once (Python `server.tags`)",
        methods: &[
            m(
                "tsc_tags_batch_add",
                &[Server, StrArray("labels"), Handle("targets", "tsc_tag_targets")],
                Ret::Handle("tsc_string_list"),
                "s.tags().batch_add(&labels, &targets.inner).and_then(tsc_string_list::of)",
            )
            .doc(
                "Adds the tag `labels` to every item of `targets` (workbooks, data sources, \
                 views, flows, …) in one request; `*out` is the labels as the server answers \
                 them. The server changes all the items or none.",
            )
            .statuses(BATCH_TAG_STATUSES)
            .since("3.9"),
            m(
                "tsc_tags_batch_delete",
                &[Server, StrArray("labels"), Handle("targets", "tsc_tag_targets")],
                Ret::Handle("tsc_string_list"),
                "s.tags().batch_delete(&labels, &targets.inner).and_then(tsc_string_list::of)",
            )
            .doc(
                "Removes the tag `labels` from every item of `targets` in one request (an item \
                 without one of the labels is not an error); `*out` is the labels as the \
                 server answers them. The server changes all the items or none.",
            )
            .statuses(BATCH_TAG_STATUSES)
            .since("3.9"),
        ],
    },
    Family {
        name: "favorites",
        doc: "a user's favorites (Python `server.favorites`)",
        methods: &[
            m(
                "tsc_favorites_add",
                &[Server, Item("user", "user"), Item("favorite", "favorite")],
                Ret::Nothing,
                "s.favorites().add(user, favorite)",
            )
            .doc(
                "Adds `favorite` (made with `tsc_favorite_new(label, content_type, \
                 content_id)`) to the favorites of `user` (which must have an id).",
            )
            .statuses(&[
                ("NOT_FOUND", "unknown content"),
                ("CONFLICT", "the content is already a favorite, or the label is taken"),
            ])
            .since("2.5"),
            m(
                "tsc_favorites_delete",
                &[Server, Item("user", "user"), Item("favorite", "favorite")],
                Ret::Nothing,
                "s.favorites().delete(user, favorite)",
            )
            .doc(
                "Removes from the favorites of `user` (which must have an id) the favorite \
                 pointing at the content of `favorite` (one from a favorites list, or made with \
                 `tsc_favorite_new`; only its content type and id count).",
            )
            .statuses(&[("NOT_FOUND", "the content is not a favorite")])
            .since("2.5"),
            m(
                "tsc_favorites_pager",
                &[Server, Item("user", "user"), Options, ReadAhead],
                Ret::Pager("favorite"),
                "s.favorites().pager(user, opts)",
            )
            .doc("A pager over every favorite of `user` (which must have an id).")
            .more(PAGER_DOC)
            .since("2.5"),
        ],
    },
];
