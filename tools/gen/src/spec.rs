//! The model table: the one place where each model's fields, their types, their XML names (in both
//! directions) and their C accessors are declared. `gen models` turns it into
//! `src/models/gen/*.rs` (struct, getters, setters, XML reader and writer) and
//! `src/capi/gen/*.rs` (the `tsc_<item>_*` functions). Field order is the order attributes are
//! written in requests.
//!
//! `xml` forms:
//! - `"attr"`: an attribute of the element;
//! - `"child@attr"`: an attribute of a direct child element (written as `<child attr=".."/>`);
//! - `"child@"`: the name `child` itself, when such a child element is present (read only);
//! - `"child/text()"`: the text content of a direct child element, for `Str` fields: read as the
//!   element's text (`<notes/>` reads as ""), written as `<child>text</child>` after the
//!   attributes, with `&`, `<` and `>` escaped;
//! - `"primary|fallback"`: alternatives, the first one present wins (the primary is written).
//!
//! Reading rules, by kind: a `Str` that is empty in a reply reads as absent (`NULL`), unless the
//! field is marked `keep_empty` (the Default site's content URL is `""`); a `Str` marked `date`
//! reads as absent when it is not a possible date-time (`2016-06-31T20:34:04Z`); an `Int` or
//! `Bool` that is empty or does not parse reads as absent, and an `Int` marked `count` reads a
//! negative value as absent. The C getters' docs say which rule applies to each field.
//!
//! `Ty::Tags` fields use the container's name (`"tags"`): `<tags><tag label=".."/>...</tags>`.
//! `Read` tags have count and index getters; `ReadWrite` tags also `tsc_<c>_add_tag` and
//! `tsc_<c>_clear_tags`, and the writer sends them; `ReadSet` tags are settable but not written by
//! the generic writer. Enable settable tags only where the model's request carries `<tags>`.
//!
//! [`FIXTURES`] are models compiled only into the library's unit tests: they prove forms no real
//! model uses yet (element text, settable tags) without adding ABI nobody can use.

/// What a field holds.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Ty {
    /// Text; C: `const char*`, NULL when absent.
    Str,
    /// Integer; C: `int64_t`, `TSC_ABSENT_INT` when absent.
    Int,
    /// Boolean; C: `int32_t` 1/0, -1 when absent.
    Bool,
    /// Write-only secret (password): no getter, redacted in `Debug`.
    Secret,
    /// Tag labels from `<tags><tag label/></tags>`; C: count + index getters.
    Tags,
    /// Items of another model (its Rust name) in a container child element named by `xml`
    /// (`<views><view/>…</views>`), read only; C: a method-table function gives them as an owned
    /// list (`tsc_workbook_views`).
    Items(&'static str),
}

/// Who may change a field.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Read-only: set by parsing replies.
    Read,
    /// Read and write: has a setter and is written into requests.
    ReadWrite,
    /// Readable and settable locally, but never written by the generic request writer.
    ReadSet,
}

pub struct Field {
    pub name: &'static str,
    pub xml: &'static str,
    pub ty: Ty,
    pub access: Access,
    pub doc: &'static str,
    /// Allowed values for an enumerated string (checked by the setter); empty = any.
    pub values: &'static [&'static str],
    /// An `Int` that counts or measures something, so it cannot be negative: a negative value in
    /// a reply cannot be true and reads as absent.
    pub count: bool,
    /// A `Str` holding an ISO 8601 date-time (`2016-06-30T20:34:04Z`): one that is not a
    /// possible date (day of month, leap year, hour, minute, second out of range) reads as absent.
    pub date: bool,
    /// A `Str` for which `""` means something (the Default site's content URL), so an empty
    /// value in a reply is kept; every other `Str` reads an empty value as absent.
    pub keep_empty: bool,
    /// A setter with a rule beyond the type: the generated setter calls the hand-written
    /// `check_<name>(&self, value) -> Result<()>` (in `src/models/<model>.rs`) first and can fail.
    pub checked: bool,
}

impl Field {
    /// Marks an `Int` field as a count (see `count`).
    const fn count(mut self) -> Field {
        self.count = true;
        self
    }
    /// Marks a `Str` field as a date-time (see `date`).
    const fn date(mut self) -> Field {
        self.date = true;
        self
    }
    /// Marks a `Str` field whose empty value is meaningful (see `keep_empty`).
    const fn keep_empty(mut self) -> Field {
        self.keep_empty = true;
        self
    }
    /// Marks a settable field whose setter is checked (see `checked`).
    const fn checked(mut self) -> Field {
        self.checked = true;
        self
    }
}

pub struct Model {
    /// Rust type name.
    pub rust: &'static str,
    /// C item name: `tsc_<c>`, `tsc_<c>_list`.
    pub c: &'static str,
    /// XML element and list container.
    pub element: &'static str,
    pub list: &'static str,
    pub doc: &'static str,
    /// Whether callers may make one: `tsc_<c>_new` (with `new_args`) and a setter for each field
    /// that is not `Read`. A model that is not constructible is only ever received from the
    /// server: no `_new`, no setters (all its fields must be `Read`), still `_clone` and `_free`.
    pub constructible: bool,
    /// Required arguments of `tsc_<c>_new` (field names, all strings); empty when not constructible.
    pub new_args: &'static [&'static str],
    /// Whether some call returns a list of this model, so `tsc_<c>_list` and its
    /// `tsc_<c>_list_count/_get/_page_number/_page_size/_total_available/_free` are generated.
    pub listed: bool,
    /// Whether the generic request writer is generated (`write_attributes`).
    pub writer: bool,
    /// Whether listings of this model are paginated, so a `tsc_<c>_pager` is generated
    /// (its constructors are hand-written next to the listing calls).
    pub pager: bool,
    pub fields: &'static [Field],
}

use Access::*;
use Ty::*;

const fn f(
    name: &'static str,
    xml: &'static str,
    ty: Ty,
    access: Access,
    doc: &'static str,
) -> Field {
    Field {
        name,
        xml,
        ty,
        access,
        doc,
        values: &[],
        count: false,
        date: false,
        keep_empty: false,
        checked: false,
    }
}
const fn e(
    name: &'static str,
    xml: &'static str,
    access: Access,
    doc: &'static str,
    values: &'static [&'static str],
) -> Field {
    Field {
        name,
        xml,
        ty: Str,
        access,
        doc,
        values,
        count: false,
        date: false,
        keep_empty: false,
        checked: false,
    }
}

pub const SITE_ROLES: &[&str] = &[
    "Creator",
    "Explorer",
    "ExplorerCanPublish",
    "Guest",
    "Interactor",
    "Publisher",
    "ReadOnly",
    "ServerAdministrator",
    "SiteAdministrator",
    "SiteAdministratorCreator",
    "SiteAdministratorExplorer",
    "SupportUser",
    "Unlicensed",
    "UnlicensedWithPublish",
    "Viewer",
    "ViewerWithPublish",
];

/// What a favorite can point to (the singular element names Tableau uses).
pub const FAVORITE_TYPES: &[&str] = &[
    "workbook",
    "view",
    "datasource",
    "project",
    "flow",
    "metric",
    "collection",
];

pub const MODELS: &[Model] = &[
    Model {
        rust: "Site",
        c: "site",
        element: "site",
        list: "sites",
        doc: "A site (Python `SiteItem`).",
        constructible: true,
        new_args: &["name", "content_url"],
        listed: true,
        writer: true,
        pager: true,
        fields: &[
            f("id", "id", Str, Read, "The site's LUID."),
            f("name", "name", Str, ReadWrite, "The site's name."),
            f(
                "content_url",
                "contentUrl",
                Str,
                ReadWrite,
                "The site's content URL (\"\" for the Default site).",
            )
            .keep_empty(),
            e(
                "admin_mode",
                "adminMode",
                ReadWrite,
                "Who site administrators may manage.",
                &["ContentAndUsers", "ContentOnly"],
            ),
            e(
                "state",
                "state",
                ReadWrite,
                "Whether the site is active.",
                &["Active", "Suspended"],
            ),
            f(
                "user_quota",
                "userQuota",
                Int,
                ReadWrite,
                "Maximum number of users (-1: no limit). Not sent when a tier capacity is set \
                 (the server takes one or the other): clear the tier capacities to send it.",
            ),
            f(
                "storage_quota",
                "storageQuota",
                Int,
                ReadWrite,
                "Storage quota in megabytes.",
            ),
            f(
                "disable_subscriptions",
                "disableSubscriptions",
                Bool,
                ReadWrite,
                "Whether subscriptions are disabled.",
            ),
            f(
                "subscribe_others_enabled",
                "subscribeOthersEnabled",
                Bool,
                ReadWrite,
                "Whether users may subscribe others.",
            ),
            f(
                "revision_limit",
                "revisionLimit",
                Int,
                ReadWrite,
                "Revisions kept per item (-1, or 2 to 10000).",
            ),
            f(
                "revision_history_enabled",
                "revisionHistoryEnabled",
                Bool,
                ReadWrite,
                "Whether revision history is kept.",
            ),
            f(
                "data_acceleration_mode",
                "dataAccelerationMode",
                Str,
                ReadWrite,
                "Data acceleration mode.",
            ),
            f(
                "flows_enabled",
                "flowsEnabled",
                Bool,
                ReadWrite,
                "Whether flows are enabled (APIs before 3.10).",
            ),
            f(
                "cataloging_enabled",
                "catalogingEnabled",
                Bool,
                ReadWrite,
                "Whether cataloging is enabled.",
            ),
            f(
                "editing_flows_enabled",
                "editingFlowsEnabled",
                Bool,
                ReadWrite,
                "Whether flow editing is enabled.",
            ),
            f(
                "scheduling_flows_enabled",
                "schedulingFlowsEnabled",
                Bool,
                ReadWrite,
                "Whether flow scheduling is enabled.",
            ),
            f(
                "allow_subscription_attachments",
                "allowSubscriptionAttachments",
                Bool,
                ReadWrite,
                "Whether subscriptions may carry attachments.",
            ),
            f(
                "guest_access_enabled",
                "guestAccessEnabled",
                Bool,
                ReadWrite,
                "Whether guest access is enabled.",
            ),
            f(
                "cache_warmup_enabled",
                "cacheWarmupEnabled",
                Bool,
                ReadWrite,
                "Whether cache warm-up is enabled.",
            ),
            f(
                "commenting_enabled",
                "commentingEnabled",
                Bool,
                ReadWrite,
                "Whether commenting is enabled.",
            ),
            f(
                "extract_encryption_mode",
                "extractEncryptionMode",
                Str,
                ReadWrite,
                "Extract encryption mode (enforced, enabled, disabled).",
            ),
            f(
                "request_access_enabled",
                "requestAccessEnabled",
                Bool,
                ReadWrite,
                "Whether users may request access.",
            ),
            f(
                "run_now_enabled",
                "runNowEnabled",
                Bool,
                ReadWrite,
                "Whether \"run now\" is allowed.",
            ),
            f(
                "tier_creator_capacity",
                "tierCreatorCapacity",
                Int,
                ReadWrite,
                "Creator licence capacity.",
            ).count(),
            f(
                "tier_explorer_capacity",
                "tierExplorerCapacity",
                Int,
                ReadWrite,
                "Explorer licence capacity.",
            ).count(),
            f(
                "tier_viewer_capacity",
                "tierViewerCapacity",
                Int,
                ReadWrite,
                "Viewer licence capacity.",
            ).count(),
            f(
                "data_alerts_enabled",
                "dataAlertsEnabled",
                Bool,
                ReadWrite,
                "Whether data alerts are enabled.",
            ),
            f(
                "commenting_mentions_enabled",
                "commentingMentionsEnabled",
                Bool,
                ReadWrite,
                "Whether mentioning users in comments is enabled.",
            ),
            f(
                "catalog_obfuscation_enabled",
                "catalogObfuscationEnabled",
                Bool,
                ReadWrite,
                "Whether catalog obfuscation is enabled.",
            ),
            f(
                "flow_auto_save_enabled",
                "flowAutoSaveEnabled",
                Bool,
                ReadWrite,
                "Whether flow auto-save is enabled.",
            ),
            f(
                "web_extraction_enabled",
                "webExtractionEnabled",
                Bool,
                ReadWrite,
                "Whether web extraction is enabled.",
            ),
            f(
                "metrics_content_type_enabled",
                "metricsContentTypeEnabled",
                Bool,
                ReadWrite,
                "Whether metrics are enabled.",
            ),
            f(
                "notify_site_admins_on_throttle",
                "notifySiteAdminsOnThrottle",
                Bool,
                ReadWrite,
                "Whether site admins are notified on throttling.",
            ),
            f(
                "authoring_enabled",
                "authoringEnabled",
                Bool,
                ReadWrite,
                "Whether web authoring is enabled.",
            ),
            f(
                "custom_subscription_email_enabled",
                "customSubscriptionEmailEnabled",
                Bool,
                ReadWrite,
                "Whether a custom subscription e-mail is used.",
            ),
            f(
                "custom_subscription_email",
                "customSubscriptionEmail",
                Str,
                ReadWrite,
                "The custom subscription e-mail address.",
            ),
            f(
                "custom_subscription_footer_enabled",
                "customSubscriptionFooterEnabled",
                Bool,
                ReadWrite,
                "Whether a custom subscription footer is used.",
            ),
            f(
                "custom_subscription_footer",
                "customSubscriptionFooter",
                Str,
                ReadWrite,
                "The custom subscription footer.",
            ),
            f(
                "ask_data_mode",
                "askDataMode",
                Str,
                ReadWrite,
                "Ask Data mode.",
            ),
            f(
                "named_sharing_enabled",
                "namedSharingEnabled",
                Bool,
                ReadWrite,
                "Whether named sharing is enabled.",
            ),
            f(
                "mobile_biometrics_enabled",
                "mobileBiometricsEnabled",
                Bool,
                ReadWrite,
                "Whether mobile biometrics are enabled.",
            ),
            f(
                "sheet_image_enabled",
                "sheetImageEnabled",
                Bool,
                ReadWrite,
                "Whether sheet images are enabled.",
            ),
            f(
                "derived_permissions_enabled",
                "derivedPermissionsEnabled",
                Bool,
                ReadWrite,
                "Whether derived permissions are enabled.",
            ),
            f(
                "user_visibility_mode",
                "userVisibilityMode",
                Str,
                ReadWrite,
                "User visibility mode (FULL or LIMITED).",
            ),
            f(
                "use_default_time_zone",
                "useDefaultTimeZone",
                Bool,
                ReadWrite,
                "Whether the server's time zone is used.",
            ),
            f(
                "time_zone",
                "timeZone",
                Str,
                ReadWrite,
                "The site's time zone.",
            ),
            f(
                "auto_suspend_refresh_enabled",
                "autoSuspendRefreshEnabled",
                Bool,
                ReadWrite,
                "Whether refreshes of inactive content are suspended.",
            ),
            f(
                "auto_suspend_refresh_inactivity_window",
                "autoSuspendRefreshInactivityWindow",
                Int,
                ReadWrite,
                "Days of inactivity before refreshes are suspended.",
            ),
            f(
                "attribute_capture_enabled",
                "attributeCaptureEnabled",
                Bool,
                ReadWrite,
                "Whether user attribute capture is enabled.",
            ),
            f(
                "status_reason",
                "statusReason",
                Str,
                Read,
                "Why the site is suspended, if it is.",
            ),
            f(
                "num_users",
                "usage@numUsers",
                Int,
                Read,
                "Number of users (with usage statistics).",
            ).count(),
            f(
                "storage",
                "usage@storage",
                Int,
                Read,
                "Storage used in megabytes (with usage statistics).",
            ).count(),
        ],
    },
    Model {
        rust: "Project",
        c: "project",
        element: "project",
        list: "projects",
        doc: "A project (Python `ProjectItem`).",
        constructible: true,
        new_args: &["name"],
        listed: true,
        writer: true,
        pager: true,
        fields: &[
            f("id", "id", Str, Read, "The project's LUID."),
            f("name", "name", Str, ReadWrite, "The project's name."),
            f(
                "description",
                "description",
                Str,
                ReadWrite,
                "The project's description.",
            ),
            e(
                "content_permissions",
                "contentPermissions",
                ReadWrite,
                "How permissions of the content are managed.",
                &[
                    "ManagedByOwner",
                    "LockedToProject",
                    "LockedToProjectWithoutNested",
                ],
            ),
            f(
                "parent_id",
                "parentProjectId",
                Str,
                ReadWrite,
                "The parent project's LUID; absent for top-level projects.",
            ),
            f(
                "owner_id",
                "owner@id",
                Str,
                ReadWrite,
                "The owner's user LUID.",
            ),
            f(
                "top_level_project",
                "topLevelProject",
                Bool,
                Read,
                "Whether the project is at the top level.",
            ),
            f(
                "writeable",
                "writeable",
                Bool,
                Read,
                "Whether the signed-in user may write to it.",
            ),
            f(
                "created_at",
                "createdAt",
                Str,
                Read,
                "Creation time, ISO 8601 UTC.",
            ).date(),
            f(
                "updated_at",
                "updatedAt",
                Str,
                Read,
                "Last update time, ISO 8601 UTC.",
            ).date(),
            f(
                "project_count",
                "contentsCounts@projectCount",
                Int,
                Read,
                "Number of child projects (with fields=_all_).",
            ).count(),
            f(
                "workbook_count",
                "contentsCounts@workbookCount",
                Int,
                Read,
                "Number of workbooks (with fields=_all_).",
            ).count(),
            f(
                "view_count",
                "contentsCounts@viewCount",
                Int,
                Read,
                "Number of views (with fields=_all_).",
            ).count(),
            f(
                "datasource_count",
                "contentsCounts@dataSourceCount",
                Int,
                Read,
                "Number of data sources (with fields=_all_).",
            ).count(),
        ],
    },
    Model {
        rust: "Workbook",
        c: "workbook",
        element: "workbook",
        list: "workbooks",
        doc: "A workbook (Python `WorkbookItem`).",
        constructible: true,
        new_args: &["name", "project_id"],
        listed: true,
        writer: true,
        pager: true,
        fields: &[
            f("id", "id", Str, Read, "The workbook's LUID."),
            f("name", "name", Str, ReadWrite, "The workbook's name."),
            f(
                "description",
                "description",
                Str,
                ReadWrite,
                "The workbook's description (API 3.21+ on update).",
            ),
            f(
                "show_tabs",
                "showTabs",
                Bool,
                ReadWrite,
                "Whether views are shown as tabs.",
            ),
            f(
                "project_id",
                "project@id",
                Str,
                ReadWrite,
                "The containing project's LUID.",
            ),
            f(
                "owner_id",
                "owner@id",
                Str,
                ReadWrite,
                "The owner's user LUID.",
            ),
            f(
                "owner_name",
                "owner@name",
                Str,
                Read,
                "The owner's user name, when the reply carries it (listings with `fields` \
                 `_all_` or `owner.name`).",
            ),
            f(
                "owner_full_name",
                "owner@fullName",
                Str,
                Read,
                "The owner's full name, when the reply carries it (`fields` `_all_` or \
                 `owner.fullName`).",
            ),
            f(
                "owner_email",
                "owner@email",
                Str,
                Read,
                "The owner's e-mail address, when the reply carries it (`fields` `_all_` or \
                 `owner.email`).",
            ),
            f(
                "owner_site_role",
                "owner@siteRole",
                Str,
                Read,
                "The owner's site role, when the reply carries it (`fields` `_all_` or \
                 `owner.siteRole`).",
            ),
            f(
                "content_url",
                "contentUrl",
                Str,
                Read,
                "The workbook's content URL.",
            ),
            f(
                "webpage_url",
                "webpageUrl",
                Str,
                Read,
                "The workbook's web page URL.",
            ),
            f(
                "created_at",
                "createdAt",
                Str,
                Read,
                "Creation time, ISO 8601 UTC.",
            ).date(),
            f(
                "updated_at",
                "updatedAt",
                Str,
                Read,
                "Last update time, ISO 8601 UTC.",
            ).date(),
            f("size", "size", Int, Read, "Size in megabytes.").count(),
            f("sheet_count", "sheetCount", Int, Read, "Number of sheets."),
            f(
                "has_extracts",
                "hasExtracts",
                Bool,
                Read,
                "Whether the workbook has extracts.",
            ),
            f(
                "encrypt_extracts",
                "encryptExtracts",
                Bool,
                Read,
                "Whether its extracts are encrypted.",
            ),
            f(
                "default_view_id",
                "defaultViewId",
                Str,
                Read,
                "LUID of the default view.",
            ),
            f(
                "share_description",
                "shareDescription",
                Str,
                Read,
                "Sharing description.",
            ),
            f(
                "last_published_at",
                "lastPublishedAt",
                Str,
                Read,
                "Last publication time, ISO 8601 UTC.",
            ).date(),
            f(
                "project_name",
                "project@name",
                Str,
                Read,
                "The containing project's name.",
            ),
            f(
                "data_acceleration_enabled",
                "dataAccelerationConfig@accelerationEnabled",
                Bool,
                ReadSet,
                "Whether data acceleration is enabled (Python \
                 `data_acceleration_config[\"acceleration_enabled\"]`); `tsc_workbooks_update` \
                 sends it when set.",
            ),
            f(
                "data_acceleration_accelerate_now",
                "dataAccelerationConfig@accelerateNow",
                Bool,
                ReadSet,
                "Whether acceleration runs now (Python \
                 `data_acceleration_config[\"accelerate_now\"]`); `tsc_workbooks_update` sends \
                 it when set.",
            ),
            f(
                "data_acceleration_last_updated_at",
                "dataAccelerationConfig@lastUpdatedAt",
                Str,
                Read,
                "When acceleration was last updated, ISO 8601 UTC.",
            ).date(),
            f(
                "data_acceleration_status",
                "dataAccelerationConfig@accelerationStatus",
                Str,
                Read,
                "The data acceleration status.",
            ),
            e(
                "data_freshness_policy",
                "dataFreshnessPolicy@option",
                ReadSet,
                "Data freshness policy (Python `data_freshness_policy.option`): AlwaysLive, \
                 SiteDefault, FreshEvery (with `data_freshness_every_frequency` and `_value`) or \
                 FreshAt (with `data_freshness_at_frequency`, `_time`, `_timezone` and, for Week \
                 and Month, `_intervals`); `tsc_workbooks_update` sends it when set.",
                &["AlwaysLive", "SiteDefault", "FreshEvery", "FreshAt"],
            ),
            f(
                "data_freshness_every_frequency",
                ".//freshEverySchedule@frequency",
                Str,
                ReadSet,
                "How often a FreshEvery policy refreshes, the unit: Minutes, Hours, Days or Weeks \
                 (checked by `tsc_workbooks_update`).",
            ),
            f(
                "data_freshness_every_value",
                ".//freshEverySchedule@value",
                Str,
                ReadSet,
                "How many of `data_freshness_every_frequency` between refreshes of a FreshEvery \
                 policy, a positive integer in decimal (\"30\").",
            ),
            f(
                "data_freshness_at_frequency",
                ".//freshAtSchedule@frequency",
                Str,
                ReadSet,
                "When a FreshAt policy refreshes: Day, Week or Month (checked by \
                 `tsc_workbooks_update`).",
            ),
            f(
                "data_freshness_at_time",
                ".//freshAtSchedule@time",
                Str,
                ReadSet,
                "The time of day of a FreshAt policy, `HH:MM:SS`.",
            ),
            f(
                "data_freshness_at_timezone",
                ".//freshAtSchedule@timezone",
                Str,
                ReadSet,
                "The time zone of a FreshAt policy's time (e.g. \"America/Los_Angeles\").",
            ),
            f(
                "data_freshness_at_intervals",
                ".//interval@*",
                Str,
                ReadSet,
                "The days of a FreshAt policy of frequency Week (`weekDay=Monday,weekDay=Friday`) \
                 or Month (`monthDay=1,monthDay=LastDay`), as `occurrence=value` joined by \
                 commas; not sent for Day.",
            ),
            f(
                "location_id",
                "location@id",
                Str,
                Read,
                "LUID of the location (project or personal space).",
            ),
            f(
                "location_type",
                "location@type",
                Str,
                Read,
                "Location type (Project or PersonalSpace).",
            ),
            f(
                "location_name",
                "location@name",
                Str,
                Read,
                "Location name.",
            ),
            f(
                "tags",
                "tags",
                Tags,
                ReadSet,
                "Tag labels (settable: `tsc_workbooks_update` and `tsc_workbooks_update_tags` send the \
                 labels added and removed since the server answered).",
            ),
            f(
                "views",
                "views",
                Items("View"),
                Read,
                "The views the reply included (`get_by_id` and publish replies list them; \
                 listings do not).",
            ),
        ],
    },
    Model {
        rust: "View",
        c: "view",
        element: "view",
        list: "views",
        doc: "A view: a worksheet, dashboard or story of a workbook (Python `ViewItem`).",
        constructible: false,
        new_args: &[],
        listed: true,
        writer: false,
        pager: true,
        fields: &[
            f("id", "id", Str, Read, "The view's LUID."),
            f("name", "name", Str, Read, "The view's name."),
            f(
                "content_url",
                "contentUrl",
                Str,
                Read,
                "The view's content URL.",
            ),
            f(
                "created_at",
                "createdAt",
                Str,
                Read,
                "Creation time, ISO 8601 UTC.",
            ).date(),
            f(
                "updated_at",
                "updatedAt",
                Str,
                Read,
                "Last update time, ISO 8601 UTC.",
            ).date(),
            f(
                "sheet_type",
                "sheetType",
                Str,
                Read,
                "worksheet, dashboard or story.",
            ),
            f(
                "view_url_name",
                "viewUrlName",
                Str,
                Read,
                "The view's URL name.",
            ),
            f(
                "favorites_total",
                "favoritesTotal",
                Int,
                Read,
                "How many users marked it a favorite.",
            ).count(),
            f(
                "total_views",
                "usage@totalViewCount",
                Int,
                Read,
                "Total view count (with usage statistics).",
            ).count(),
            f(
                "workbook_id",
                "workbook@id",
                Str,
                Read,
                "The workbook's LUID.",
            ),
            f("owner_id", "owner@id", Str, Read, "The owner's user LUID."),
            f(
                "owner_name",
                "owner@name",
                Str,
                Read,
                "The owner's user name, when the reply carries it (listings with `fields` \
                 `_all_` or `owner.name`).",
            ),
            f(
                "owner_full_name",
                "owner@fullName",
                Str,
                Read,
                "The owner's full name, when the reply carries it (`fields` `_all_` or \
                 `owner.fullName`).",
            ),
            f(
                "owner_email",
                "owner@email",
                Str,
                Read,
                "The owner's e-mail address, when the reply carries it (`fields` `_all_` or \
                 `owner.email`).",
            ),
            f(
                "owner_site_role",
                "owner@siteRole",
                Str,
                Read,
                "The owner's site role, when the reply carries it (`fields` `_all_` or \
                 `owner.siteRole`).",
            ),
            f(
                "project_name",
                "project@name",
                Str,
                Read,
                "The containing project's name, when the reply carries it.",
            ),
            f("project_id", "project@id", Str, Read, "The project's LUID."),
            f(
                "location_id",
                "location@id",
                Str,
                Read,
                "LUID of the location (project or personal space).",
            ),
            f(
                "location_type",
                "location@type",
                Str,
                Read,
                "Location type (Project or PersonalSpace).",
            ),
            f(
                "location_name",
                "location@name",
                Str,
                Read,
                "Location name.",
            ),
            f(
                "data_acceleration_enabled",
                "dataAccelerationConfig@accelerationEnabled",
                Bool,
                Read,
                "Whether data acceleration is enabled.",
            ),
            f(
                "data_acceleration_status",
                "dataAccelerationConfig@accelerationStatus",
                Str,
                Read,
                "The data acceleration status.",
            ),
            f(
                "tags",
                "tags",
                Tags,
                Read,
                "Tag labels (changed with `tsc_views_add_tags` and `tsc_views_delete_tags`).",
            ),
        ],
    },
    Model {
        rust: "Datasource",
        c: "datasource",
        element: "datasource",
        list: "datasources",
        doc: "A published data source (Python `DatasourceItem`).",
        constructible: true,
        new_args: &["name", "project_id"],
        listed: true,
        writer: true,
        pager: true,
        fields: &[
            f("id", "id", Str, Read, "The data source's LUID."),
            f("name", "name", Str, ReadWrite, "The data source's name."),
            f(
                "description",
                "description",
                Str,
                ReadWrite,
                "The data source's description.",
            ),
            f(
                "certified",
                "isCertified",
                Bool,
                ReadWrite,
                "Whether the data source is certified.",
            ),
            f(
                "certification_note",
                "certificationNote",
                Str,
                ReadWrite,
                "The certification note.",
            ),
            f(
                "encrypt_extracts",
                "encryptExtracts",
                Bool,
                ReadWrite,
                "Whether its extracts are encrypted.",
            ),
            f(
                "use_remote_query_agent",
                "useRemoteQueryAgent",
                Bool,
                ReadWrite,
                "Whether Tableau Bridge is used.",
            ),
            f(
                "project_id",
                "project@id",
                Str,
                ReadWrite,
                "The containing project's LUID.",
            ),
            f(
                "owner_id",
                "owner@id",
                Str,
                ReadWrite,
                "The owner's user LUID.",
            ),
            f(
                "owner_name",
                "owner@name",
                Str,
                Read,
                "The owner's user name, when the reply carries it (listings with `fields` \
                 `_all_` or `owner.name`).",
            ),
            f(
                "owner_full_name",
                "owner@fullName",
                Str,
                Read,
                "The owner's full name, when the reply carries it (`fields` `_all_` or \
                 `owner.fullName`).",
            ),
            f(
                "owner_email",
                "owner@email",
                Str,
                Read,
                "The owner's e-mail address, when the reply carries it (`fields` `_all_` or \
                 `owner.email`).",
            ),
            f(
                "owner_site_role",
                "owner@siteRole",
                Str,
                Read,
                "The owner's site role, when the reply carries it (`fields` `_all_` or \
                 `owner.siteRole`).",
            ),
            e(
                "ask_data_enablement",
                "askData@enablement",
                ReadWrite,
                "Ask Data enablement.",
                &["Enabled", "Disabled", "SiteDefault"],
            ),
            f(
                "content_url",
                "contentUrl",
                Str,
                Read,
                "The data source's content URL.",
            ),
            f(
                "datasource_type",
                "type",
                Str,
                Read,
                "The connection type, e.g. sqlserver or hyper.",
            ),
            f(
                "created_at",
                "createdAt",
                Str,
                Read,
                "Creation time, ISO 8601 UTC.",
            ).date(),
            f(
                "updated_at",
                "updatedAt",
                Str,
                Read,
                "Last update time, ISO 8601 UTC.",
            ).date(),
            f(
                "has_extracts",
                "hasExtracts",
                Bool,
                Read,
                "Whether it has extracts.",
            ),
            f(
                "webpage_url",
                "webpageUrl",
                Str,
                Read,
                "The data source's web page URL.",
            ),
            f("size", "size", Int, Read, "Size in megabytes.").count(),
            f(
                "connected_workbooks_count",
                "connectedWorkbooksCount",
                Int,
                Read,
                "Number of connected workbooks.",
            ).count(),
            f(
                "favorites_total",
                "favoritesTotal",
                Int,
                Read,
                "How many users marked it a favorite.",
            ).count(),
            f(
                "has_alert",
                "hasAlert",
                Bool,
                Read,
                "Whether it has a data alert.",
            ),
            f(
                "is_published",
                "isPublished",
                Bool,
                Read,
                "Whether it is published.",
            ),
            f(
                "server_name",
                "serverName",
                Str,
                Read,
                "The database server's name.",
            ),
            f(
                "project_name",
                "project@name",
                Str,
                Read,
                "The containing project's name.",
            ),
            f(
                "tags",
                "tags",
                Tags,
                ReadSet,
                "Tag labels (settable: `tsc_datasources_update` and `tsc_datasources_update_tags` send the \
                 labels added and removed since the server answered).",
            ),
        ],
    },
    Model {
        rust: "Connection",
        c: "connection",
        element: "connection",
        list: "connections",
        doc: "A data connection of a workbook or data source (Python `ConnectionItem`).",
        constructible: true,
        new_args: &[],
        listed: true,
        writer: false,
        pager: false,
        fields: &[
            f("id", "id|connectionId", Str, Read, "The connection's LUID."),
            f(
                "connection_type",
                "type|dbClass",
                Str,
                Read,
                "The connection type, e.g. postgres.",
            ),
            f(
                "server_address",
                "serverAddress|server",
                Str,
                ReadSet,
                "The database server's address.",
            ),
            f(
                "server_port",
                "serverPort|port",
                Str,
                ReadSet,
                "The database server's port.",
            ),
            f(
                "database_name",
                "dbName",
                Str,
                ReadSet,
                "The database's name (Python `database_name`), read from `dbName`; a publish \
                 connection (`tsc_publish_options_add_connection`) sends it as `databaseName`, as \
                 the Python client does (its `update_connection` does not send it).",
            ),
            f(
                "username",
                "userName|username",
                Str,
                ReadSet,
                "The database user name.",
            ),
            f(
                "password",
                "password",
                Secret,
                ReadSet,
                "The database password (write-only).",
            ),
            f(
                "embed_password",
                "embedPassword",
                Bool,
                ReadSet,
                "Whether the password is embedded.",
            ),
            f(
                "query_tagging",
                "queryTagging",
                Bool,
                ReadSet,
                "Whether query tagging is enabled. Cannot be set on hyper, snowflake and \
                 teradata connections, where the server always has it on.",
            ).checked(),
            f(
                "auth_type",
                "authenticationType",
                Str,
                ReadSet,
                "The authentication type (sent by update_connection when set).",
            ),
            f(
                "datasource_id",
                "datasource@id",
                Str,
                Read,
                "LUID of the data source it belongs to.",
            ),
            f(
                "datasource_name",
                "datasource@name",
                Str,
                Read,
                "Name of the data source it belongs to.",
            ),
        ],
    },
    Model {
        rust: "User",
        c: "user",
        element: "user",
        list: "users",
        doc: "A user of a site (Python `UserItem`).",
        constructible: true,
        new_args: &["name", "site_role"],
        listed: true,
        writer: false,
        pager: true,
        fields: &[
            f("id", "id", Str, Read, "The user's LUID."),
            f(
                "name",
                "name",
                Str,
                ReadSet,
                "The user name (an e-mail address on Tableau Cloud).",
            ),
            e(
                "site_role",
                "siteRole",
                ReadSet,
                "The user's site role.",
                SITE_ROLES,
            ),
            f(
                "fullname",
                "fullName",
                Str,
                ReadSet,
                "The user's full name.",
            ),
            f("email", "email", Str, ReadSet, "The user's e-mail address."),
            e(
                "auth_setting",
                "authSetting",
                ReadSet,
                "How the user signs in.",
                &["ServerDefault", "SAML", "OpenID", "TableauIDWithMFA"],
            ),
            f(
                "idp_configuration_id",
                "idpConfigurationId",
                Str,
                ReadSet,
                "Identity provider configuration LUID (Tableau Cloud).",
            ),
            f(
                "last_login",
                "lastLogin",
                Str,
                Read,
                "Last sign-in time, ISO 8601 UTC; absent if never.",
            ).date(),
            f(
                "external_auth_user_id",
                "externalAuthUserId",
                Str,
                Read,
                "The user's id in the single sign-on system.",
            ),
            f("locale", "locale", Str, Read, "The user's locale."),
            f("language", "language", Str, Read, "The user's language."),
            f(
                "domain_name",
                "domain@name",
                Str,
                Read,
                "The user's domain (\"local\" for local users).",
            ),
        ],
    },
    Model {
        rust: "Group",
        c: "group",
        element: "group",
        list: "groups",
        doc: "A group of users (Python `GroupItem`).",
        constructible: true,
        new_args: &["name"],
        listed: true,
        writer: false,
        pager: true,
        fields: &[
            f("id", "id", Str, Read, "The group's LUID."),
            f("name", "name", Str, ReadSet, "The group's name."),
            e(
                "minimum_site_role",
                "import@siteRole|minimumSiteRole",
                ReadSet,
                "Site role granted to members on sign-in.",
                SITE_ROLES,
            ),
            f(
                "domain_name",
                "import@domainName|domain@name",
                Str,
                ReadSet,
                "The group's domain (\"local\" for local groups).",
            ),
            e(
                "license_mode",
                "import@grantLicenseMode",
                ReadSet,
                "When licences are granted (AD groups).",
                &["onLogin", "onSync"],
            ),
            f(
                "user_count",
                "userCount",
                Int,
                Read,
                "Number of members (in listings: with the fields _all_ or userCount).",
            ).count(),
        ],
    },
    Model {
        rust: "Job",
        c: "job",
        element: "job",
        list: "jobs",
        doc: "An asynchronous job on the server (Python `JobItem`).",
        constructible: false,
        new_args: &[],
        listed: false,
        writer: false,
        pager: false,
        fields: &[
            f("id", "id", Str, Read, "The job's LUID."),
            f(
                "job_type",
                "type",
                Str,
                Read,
                "The job type, e.g. PublishWorkbook.",
            ),
            f(
                "mode",
                "mode",
                Str,
                Read,
                "The job mode, e.g. Asynchronous.",
            ),
            f("progress", "progress", Int, Read, "Progress in percent."),
            f(
                "finish_code",
                "finishCode",
                Int,
                Read,
                "0 success, 1 failed, 2 cancelled; meaningful once completed_at is set.",
            ),
            f(
                "created_at",
                "createdAt",
                Str,
                Read,
                "Creation time, ISO 8601 UTC.",
            ).date(),
            f(
                "started_at",
                "startedAt",
                Str,
                Read,
                "Start time, ISO 8601 UTC.",
            ).date(),
            f(
                "updated_at",
                "updatedAt",
                Str,
                Read,
                "Last update time, ISO 8601 UTC.",
            ).date(),
            f(
                "completed_at",
                "completedAt",
                Str,
                Read,
                "Completion time, ISO 8601 UTC; absent while running.",
            ).date(),
            f(
                "notes",
                ".//notes/text()",
                Str,
                Read,
                "The job's notes (why it failed, what it did), one line per `<notes>` element.",
            ),
            f(
                "workbook_id",
                ".//workbook@id",
                Str,
                Read,
                "LUID of the workbook the job is about.",
            ),
            f(
                "workbook_name",
                ".//workbook@name",
                Str,
                Read,
                "Name of the workbook the job is about.",
            ),
            f(
                "datasource_id",
                ".//datasource@id",
                Str,
                Read,
                "LUID of the data source the job is about.",
            ),
            f(
                "datasource_name",
                ".//datasource@name",
                Str,
                Read,
                "Name of the data source the job is about.",
            ),
            f(
                "flow_id",
                ".//flow@id",
                Str,
                Read,
                "LUID of the flow the job runs.",
            ),
            f(
                "flow_run_id",
                ".//runFlowJobType@flowRunId",
                Str,
                Read,
                "LUID of the flow run (RunFlow jobs).",
            ),
        ],
    },
    Model {
        rust: "BackgroundJob",
        c: "background_job",
        element: "backgroundJob",
        list: "backgroundJobs",
        doc: "A background job as Query Jobs lists it (Python `BackgroundJobItem`).",
        constructible: false,
        new_args: &[],
        listed: true,
        writer: false,
        pager: true,
        fields: &[
            f("id", "id", Str, Read, "The job's LUID."),
            f(
                "job_type",
                "jobType",
                Str,
                Read,
                "The job type, e.g. refresh_extracts.",
            ),
            e(
                "status",
                "status",
                Read,
                "Pending, InProgress, Success, Failed or Cancelled.",
                &["Pending", "InProgress", "Success", "Failed", "Cancelled"],
            ),
            f(
                "created_at",
                "createdAt",
                Str,
                Read,
                "Creation time, ISO 8601 UTC.",
            ).date(),
            f(
                "started_at",
                "startedAt",
                Str,
                Read,
                "Start time, ISO 8601 UTC.",
            ).date(),
            f(
                "ended_at",
                "endedAt",
                Str,
                Read,
                "End time, ISO 8601 UTC; absent while running.",
            ).date(),
            f("priority", "priority", Int, Read, "Priority (1 highest to 100)."),
            f("title", "title", Str, Read, "The job's title."),
            f("subtitle", "subtitle", Str, Read, "The job's subtitle."),
        ],
    },
    Model {
        rust: "Schedule",
        c: "schedule",
        element: "schedule",
        list: "schedules",
        doc: "A server schedule for extract refreshes, subscriptions or flows (Python `ScheduleItem`).",
        constructible: true,
        new_args: &["name", "schedule_type", "frequency", "start_time"],
        listed: true,
        writer: false,
        pager: true,
        fields: &[
            f("id", "id", Str, Read, "The schedule's LUID."),
            f("name", "name", Str, ReadSet, "The schedule's name."),
            e(
                "state",
                "state",
                ReadSet,
                "Active or Suspended.",
                &["Active", "Suspended"],
            ),
            e(
                "schedule_type",
                "type",
                ReadSet,
                "What it runs: Extract, Subscription, Flow or DataAcceleration (fixed at creation).",
                &["Extract", "Subscription", "Flow", "DataAcceleration", "ActiveDirectorySync", "System"],
            ),
            e(
                "frequency",
                "frequency",
                ReadSet,
                "Hourly, Daily, Weekly or Monthly.",
                &["Hourly", "Daily", "Weekly", "Monthly"],
            ),
            f(
                "start_time",
                "frequencyDetails@start",
                Str,
                ReadSet,
                "The time of day it starts, `HH:MM:SS` (server time).",
            ),
            f(
                "end_time",
                "frequencyDetails@end",
                Str,
                ReadSet,
                "The time of day hourly and daily runs end, `HH:MM:SS`.",
            ),
            f(
                "intervals",
                ".//interval@*",
                Str,
                ReadSet,
                "The intervals, as `occurrence=value` joined by commas: `hours=2` or `minutes=30` \
                 (Hourly, Daily), `weekDay=Monday,weekDay=Friday` (Weekly), `monthDay=15` or \
                 `monthDay=LastDay` (Monthly). The server checks they fit the frequency.",
            ),
            f("priority", "priority", Int, ReadSet, "Priority, 1 (highest) to 100."),
            e(
                "execution_order",
                "executionOrder",
                ReadSet,
                "Parallel or Serial.",
                &["Parallel", "Serial"],
            ),
            f(
                "created_at",
                "createdAt",
                Str,
                Read,
                "Creation time, ISO 8601 UTC.",
            ).date(),
            f(
                "updated_at",
                "updatedAt",
                Str,
                Read,
                "Last update time, ISO 8601 UTC.",
            ).date(),
            f(
                "next_run_at",
                "nextRunAt",
                Str,
                Read,
                "When it runs next, ISO 8601 UTC.",
            ).date(),
            f(
                "end_schedule_at",
                "endScheduleAt",
                Str,
                Read,
                "When it stops running, ISO 8601 UTC; absent for no end.",
            ).date(),
        ],
    },
    Model {
        rust: "Extract",
        c: "extract",
        element: "extract",
        list: "extracts",
        doc: "An extract refresh task of a schedule (Python `ExtractItem`).",
        constructible: false,
        new_args: &[],
        listed: true,
        writer: false,
        pager: false,
        fields: &[
            f("id", "id", Str, Read, "The task's LUID."),
            f("priority", "priority", Int, Read, "Priority, 1 (highest) to 100."),
            f("extract_type", "type", Str, Read, "FullRefresh or IncrementalRefresh."),
            f(
                "workbook_id",
                "workbook@id",
                Str,
                Read,
                "LUID of the workbook it refreshes.",
            ),
            f(
                "datasource_id",
                "datasource@id",
                Str,
                Read,
                "LUID of the data source it refreshes.",
            ),
        ],
    },
    Model {
        rust: "Task",
        c: "task",
        element: "task",
        list: "tasks",
        doc: "A task of the site: an extract refresh, data acceleration or flow run on a schedule (Python `TaskItem`).",
        constructible: false,
        new_args: &[],
        listed: true,
        writer: false,
        pager: true,
        fields: &[
            f(
                "id",
                "extractRefresh@id|dataAcceleration@id|runFlow@id",
                Str,
                Read,
                "The task's LUID.",
            ),
            e(
                "task_type",
                "extractRefresh@|dataAcceleration@|runFlow@",
                Read,
                "What it does: extractRefresh, dataAcceleration or runFlow.",
                &["extractRefresh", "dataAcceleration", "runFlow"],
            ),
            f(
                "refresh_type",
                "extractRefresh@type",
                Str,
                Read,
                "FullRefresh or IncrementalRefresh (extract refreshes).",
            ),
            f(
                "priority",
                "extractRefresh@priority|dataAcceleration@priority|runFlow@priority",
                Int,
                Read,
                "Priority, 1 (highest) to 100.",
            ),
            f(
                "consecutive_failed_count",
                "extractRefresh@consecutiveFailedCount|dataAcceleration@consecutiveFailedCount|runFlow@consecutiveFailedCount",
                Int,
                Read,
                "How many runs in a row failed.",
            ).count(),
            f(
                "schedule_id",
                ".//schedule@id",
                Str,
                Read,
                "LUID of the server schedule it runs on (absent for a task with its own schedule).",
            ),
            f(
                "schedule_name",
                ".//schedule@name",
                Str,
                Read,
                "Name of the server schedule it runs on.",
            ),
            f(
                "frequency",
                ".//schedule@frequency",
                Str,
                Read,
                "The frequency of its schedule.",
            ),
            f(
                "workbook_id",
                ".//workbook@id",
                Str,
                Read,
                "LUID of the workbook it refreshes or accelerates.",
            ),
            f(
                "datasource_id",
                ".//datasource@id",
                Str,
                Read,
                "LUID of the data source it refreshes.",
            ),
            f(
                "flow_id",
                ".//flow@id",
                Str,
                Read,
                "LUID of the flow it runs.",
            ),
            f(
                "last_run_at",
                ".//lastRunAt/text()",
                Str,
                Read,
                "When it last ran, ISO 8601 UTC; absent if never.",
            ),
        ],
    },
    Model {
        rust: "Subscription",
        c: "subscription",
        element: "subscription",
        list: "subscriptions",
        doc: "A user's e-mail subscription to a view or workbook on a schedule (Python `SubscriptionItem`).",
        constructible: true,
        new_args: &["subject", "schedule_id", "user_id", "content_type", "content_id"],
        listed: true,
        writer: false,
        pager: true,
        fields: &[
            f("id", "id", Str, Read, "The subscription's LUID."),
            f("subject", "subject", Str, ReadSet, "The e-mail subject."),
            f("message", "message", Str, ReadSet, "The e-mail message."),
            f(
                "attach_image",
                "attachImage",
                Bool,
                ReadSet,
                "Whether the e-mail has an image of the content (the server's default: yes).",
            ),
            f(
                "attach_pdf",
                "attachPdf",
                Bool,
                ReadSet,
                "Whether the e-mail has a PDF of the content (the server's default: no).",
            ),
            e(
                "page_orientation",
                "pageOrientation",
                ReadSet,
                "The PDF's orientation.",
                &["Portrait", "Landscape"],
            ),
            e(
                "page_size_option",
                "pageSizeOption",
                ReadSet,
                "The PDF's page size.",
                &[
                    "A3", "A4", "A5", "B4", "B5", "Executive", "Folio", "Ledger", "Legal",
                    "Letter", "Note", "Quarto", "Tabloid", "Unspecified",
                ],
            ),
            f(
                "suspended",
                "suspended",
                Bool,
                ReadSet,
                "Whether it is suspended (sent by update only).",
            ),
            e(
                "content_type",
                "content@type",
                ReadSet,
                "What it sends: View or Workbook.",
                &["View", "Workbook"],
            ),
            f(
                "content_id",
                "content@id",
                Str,
                ReadSet,
                "LUID of the view or workbook it sends.",
            ),
            f(
                "send_if_view_empty",
                "content@sendIfViewEmpty",
                Bool,
                ReadSet,
                "Whether it is sent when the view has no data.",
            ),
            f(
                "schedule_id",
                "schedule@id",
                Str,
                ReadSet,
                "LUID of the (Subscription) schedule it is sent on.",
            ),
            f(
                "schedule_name",
                "schedule@name",
                Str,
                Read,
                "Name of the schedule it is sent on.",
            ),
            f(
                "user_id",
                "user@id",
                Str,
                ReadSet,
                "LUID of the user it is sent to.",
            ),
            f(
                "user_name",
                "user@name",
                Str,
                Read,
                "Name of the user it is sent to.",
            ),
        ],
    },
    Model {
        rust: "Favorite",
        c: "favorite",
        element: "favorite",
        list: "favorites",
        doc: "A user's favorite: a label and the workbook, view, data source, project, flow, metric or collection it points to (Python `favorites` entries).",
        constructible: true,
        new_args: &["label", "content_type", "content_id"],
        listed: true,
        writer: false,
        pager: true,
        fields: &[
            f(
                "label",
                "label",
                Str,
                ReadSet,
                "The favorite's label (by default the content's name).",
            ),
            e(
                "content_type",
                "workbook@|view@|datasource@|project@|flow@|metric@|collection@",
                ReadSet,
                "What the favorite points to: \"workbook\", \"view\", \"datasource\", \"project\", \"flow\", \"metric\" or \"collection\".",
                FAVORITE_TYPES,
            ),
            f(
                "content_id",
                "workbook@id|view@id|datasource@id|project@id|flow@id|metric@id|collection@id",
                Str,
                ReadSet,
                "The LUID of the content the favorite points to.",
            ),
            f(
                "content_name",
                "workbook@name|view@name|datasource@name|project@name|flow@name|metric@name|collection@name",
                Str,
                Read,
                "The name of the content the favorite points to.",
            ),
            f(
                "position",
                "position",
                Int,
                Read,
                "The favorite's position in the user's list.",
            ),
            f(
                "added_at",
                "addedAt",
                Str,
                Read,
                "When it was added, ISO 8601 UTC.",
            ).date(),
        ],
    },
];

/// Models for the library's unit tests only (`#[cfg(test)]`: no C ABI, no header): each uses the
/// table's forms that no model of [`MODELS`] needs yet, so the generated code is compiled and
/// exercised (`src/models/gen_forms.rs`).
pub const FIXTURES: &[Model] = &[Model {
    rust: "Fixture",
    c: "fixture",
    element: "fixture",
    list: "fixtures",
    doc: "A test-only model using element text and settable tags.",
    constructible: true,
    new_args: &["name"],
    listed: false,
    writer: true,
    pager: false,
    fields: &[
        f("id", "id", Str, Read, "The fixture's id."),
        f("name", "name", Str, ReadWrite, "The fixture's name."),
        f(
            "notes",
            "notes/text()",
            Str,
            ReadWrite,
            "Free text, the content of `<notes>`.",
        ),
        f("owner_id", "owner@id", Str, ReadWrite, "The owner's LUID."),
        f("tags", "tags", Tags, ReadWrite, "Tag labels."),
    ],
}];
