//! Permissions rules from C: `tsc_permissions_rule` (a grantee and its capabilities, each Allow
//! or Deny), `tsc_permissions_rule_list` (what populate and update calls return, and what an
//! update sends), and the enums `tsc_grantee_type`, `tsc_capability` and
//! `tsc_permission`. The endpoint functions that take and return them
//! (`tsc_workbooks_populate_permissions`, `tsc_projects_update_lens_default_permissions`, ...)
//! are generated from the method table.

use crate::capi::boundary::{arg_mut, arg_ref, arg_str, call, getter};
use crate::capi::error::tsc_error;
use crate::capi::items::{self, ItemHandle, ItemList, ListHandle};
use crate::error::{tsc_status, Error, Result};
use crate::models::{GranteeType, Mode, PermissionsRule, CAPABILITIES};
use std::ffi::c_char;
use std::ptr;
use std::sync::Arc;

/// Who a permissions rule is for. Passed as `int32_t`; other values give
/// `TSC_STATUS_INVALID_ARGUMENT`.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum tsc_grantee_type {
    /// A user (`<user id/>`; deletes go to `…/permissions/users/{id}/…`).
    User = 0,
    /// A group (`<group id/>`, `…/groups/{id}/…`).
    Group = 1,
    /// A group set (`<groupSet id/>`, `…/groupSets/{id}/…`; REST API 3.22 and later).
    GroupSet = 2,
}

/// A capability's mode: Allow or Deny (Python `Permission.Mode`). Passed as `int32_t`; other
/// values give `TSC_STATUS_INVALID_ARGUMENT`.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum tsc_permission {
    /// The grantee may.
    Allow = 0,
    /// The grantee may not (Deny wins over Allow from another rule).
    Deny = 1,
}

/// A capability, every one Tableau defines (Python `Permission.Capability`). Which ones a kind
/// of content accepts is the server's rule (a workbook has no `ProjectLeader`: the server
/// answers 400009). Passed as `int32_t`; other values give `TSC_STATUS_INVALID_ARGUMENT`.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum tsc_capability {
    /// "AddComment": add comments (workbooks, views).
    AddComment = 0,
    /// "ChangeHierarchy": move the item, change its owner.
    ChangeHierarchy = 1,
    /// "ChangePermissions": set permissions.
    ChangePermissions = 2,
    /// "Connect": connect to a data source or virtual connection.
    Connect = 3,
    /// "Delete": delete the item.
    Delete = 4,
    /// "Execute": run a flow.
    Execute = 5,
    /// "ExportData": download summary data.
    ExportData = 6,
    /// "ExportImage": download images or PDFs.
    ExportImage = 7,
    /// "ExportXml": download the item's file.
    ExportXml = 8,
    /// "Filter": filter views.
    Filter = 9,
    /// "ProjectLeader": lead a project (projects only).
    ProjectLeader = 10,
    /// "Read": view the item.
    Read = 11,
    /// "ShareView": share customized views.
    ShareView = 12,
    /// "ViewComments": view comments.
    ViewComments = 13,
    /// "ViewUnderlyingData": download full data.
    ViewUnderlyingData = 14,
    /// "VizqlDataApiAccess": query a data source through the VizQL Data Service.
    VizqlDataApiAccess = 15,
    /// "WebAuthoring": edit in the browser.
    WebAuthoring = 16,
    /// "Write": overwrite (publish to a project).
    Write = 17,
    /// "RunExplainData": run Explain Data.
    RunExplainData = 18,
    /// "CreateRefreshMetrics": create and refresh metrics.
    CreateRefreshMetrics = 19,
    /// "SaveAs": save a copy.
    SaveAs = 20,
    /// "PulseMetricDefine": create Pulse metric definitions.
    PulseMetricDefine = 21,
    /// "ExtractRefresh": refresh extracts.
    ExtractRefresh = 22,
    /// "WebAuthoringForFlows": edit flows in the browser.
    WebAuthoringForFlows = 23,
}

fn grantee_of(v: i32) -> Result<GranteeType> {
    usize::try_from(v)
        .ok()
        .and_then(|i| GranteeType::all().get(i).copied())
        .ok_or_else(|| {
            Error::invalid(format!(
                "{v} is not a grantee type: use TSC_GRANTEE_TYPE_USER (0), TSC_GRANTEE_TYPE_GROUP (1) or TSC_GRANTEE_TYPE_GROUP_SET (2)"
            ))
        })
}

fn capability_of(v: i32) -> Result<&'static str> {
    usize::try_from(v)
        .ok()
        .and_then(|i| CAPABILITIES.get(i).copied())
        .ok_or_else(|| {
            Error::invalid(format!(
                "{v} is not a capability: use a tsc_capability value (0 to {})",
                CAPABILITIES.len() - 1
            ))
        })
}

fn mode_of(v: i32) -> Result<Mode> {
    match v {
        0 => Ok(Mode::Allow),
        1 => Ok(Mode::Deny),
        _ => Err(Error::invalid(format!(
            "{v} is not a capability mode: use TSC_PERMISSION_ALLOW (0) or TSC_PERMISSION_DENY (1)"
        ))),
    }
}

fn mode_value(m: Mode) -> i32 {
    match m {
        Mode::Allow => 0,
        Mode::Deny => 1,
    }
}

/// The C value of a capability name, -1 for a name libtsc does not know.
fn capability_value(name: &str) -> i32 {
    CAPABILITIES
        .iter()
        .position(|c| *c == name)
        .and_then(|i| i32::try_from(i).ok())
        .unwrap_or(-1)
}

/// A permissions rule (Python `PermissionsRule`): a grantee (a user, group or group set, by
/// LUID) and capabilities, each Allow or Deny. Make one with `tsc_permissions_rule_new` and
/// `tsc_permissions_rule_set_capability`; read the ones of a populate call from its list.
///
/// Thread safety: a rule from a list is immutable and may be read from any number of threads; a
/// rule from `_new` or `_clone` is used by one thread at a time while being changed.
pub struct tsc_permissions_rule {
    pub(crate) inner: Arc<PermissionsRule>,
}

impl ItemHandle for tsc_permissions_rule {
    type Model = PermissionsRule;
    fn wrap(inner: Arc<PermissionsRule>) -> Self {
        tsc_permissions_rule { inner }
    }
    fn arc(&self) -> &Arc<PermissionsRule> {
        &self.inner
    }
    fn arc_mut(&mut self) -> &mut Arc<PermissionsRule> {
        &mut self.inner
    }
}

/// Permissions rules: what `tsc_*_populate_*permissions` and `tsc_*_update_*permissions`
/// return, and what an update sends. Make one to send with `tsc_permissions_rule_list_new` and
/// `tsc_permissions_rule_list_append`, or send one a populate call returned (to copy
/// permissions).
///
/// Thread safety: a returned list is immutable and may be read from any number of threads; a
/// list from `_new` is used by one thread at a time while being changed.
pub struct tsc_permissions_rule_list {
    pub(crate) inner: ItemList<tsc_permissions_rule>,
}

impl ListHandle for tsc_permissions_rule_list {
    type Item = tsc_permissions_rule;
    fn wrap(inner: ItemList<tsc_permissions_rule>) -> Self {
        tsc_permissions_rule_list { inner }
    }
    fn list(&self) -> &ItemList<tsc_permissions_rule> {
        &self.inner
    }
}

impl tsc_permissions_rule_list {
    /// The rules, for an update call.
    pub(crate) fn models(&self) -> Vec<&PermissionsRule> {
        self.inner.items.iter().map(|r| &*r.inner).collect()
    }
}

fn with_rule<T: Copy>(
    rule: *const tsc_permissions_rule,
    sentinel: T,
    f: impl FnOnce(&PermissionsRule) -> T,
) -> T {
    getter(sentinel, || {
        // SAFETY: rule is NULL or a live handle from this library (documented contract).
        match unsafe { rule.as_ref() } {
            Some(r) => f(&r.inner),
            None => sentinel,
        }
    })
}

/// Makes a rule for the grantee `grantee_id` of type `grantee_type` (a `tsc_grantee_type`),
/// without capabilities yet: add them with `tsc_permissions_rule_set_capability`.
/// `grantee_id`: borrowed, NUL-terminated UTF-8, copied; must not be NULL or empty.
/// On success `*out` owns the rule: free it with `tsc_permissions_rule_free`.
/// Statuses: `TSC_STATUS_NULL_ARGUMENT`, `TSC_STATUS_INVALID_UTF8`, `TSC_STATUS_INVALID_ARGUMENT`
/// (another grantee type, an empty id).
///
/// Thread safety: any thread.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_permissions_rule_new(
    grantee_type: i32,
    grantee_id: *const c_char,
    out: *mut *mut tsc_permissions_rule,
    err: *mut *mut tsc_error,
) -> tsc_status {
    items::new_item("tsc_permissions_rule_new", out, err, || {
        let id = arg_str(grantee_id, "grantee_id")?;
        PermissionsRule::new(grantee_of(grantee_type)?, id)
    })
}

/// Returns an owned, mutable copy of `rule` (cheap: shared until changed), or NULL if `rule` is
/// NULL. Free it with `tsc_permissions_rule_free`.
///
/// Thread safety: any thread.
#[no_mangle]
pub extern "C" fn tsc_permissions_rule_clone(
    rule: *const tsc_permissions_rule,
) -> *mut tsc_permissions_rule {
    items::clone(rule)
}

/// Frees a rule from `tsc_permissions_rule_new` or `tsc_permissions_rule_clone`. NULL is
/// ignored. Never free a rule borrowed from a list. Must not be called twice.
///
/// Thread safety: any thread, once no other thread uses the rule.
#[no_mangle]
pub extern "C" fn tsc_permissions_rule_free(rule: *mut tsc_permissions_rule) {
    items::free(rule)
}

/// The rule's grantee type, a `tsc_grantee_type`; -1 if `rule` is NULL.
///
/// Thread safety: any thread; on a mutable rule, its owner thread.
#[no_mangle]
pub extern "C" fn tsc_permissions_rule_grantee_type(rule: *const tsc_permissions_rule) -> i32 {
    with_rule(rule, -1, |r| match r.grantee_type() {
        GranteeType::User => 0,
        GranteeType::Group => 1,
        GranteeType::GroupSet => 2,
    })
}

/// The LUID of the rule's user, group or group set. Borrowed: valid until `rule` is freed or
/// changed; do not free. NULL if `rule` is NULL.
///
/// Thread safety: any thread; on a mutable rule, its owner thread.
#[no_mangle]
pub extern "C" fn tsc_permissions_rule_grantee_id(
    rule: *const tsc_permissions_rule,
) -> *const c_char {
    with_rule(rule, ptr::null(), |r| r.grantee_id_text().as_ptr())
}

/// Number of capabilities of the rule; 0 if `rule` is NULL.
///
/// Thread safety: any thread; on a mutable rule, its owner thread.
#[no_mangle]
pub extern "C" fn tsc_permissions_rule_capability_count(
    rule: *const tsc_permissions_rule,
) -> usize {
    with_rule(rule, 0, PermissionsRule::capability_count)
}

/// The capability at `index` (in the order set or received), a `tsc_capability`; -1 if `rule`
/// is NULL, `index` is out of range, or the server named a capability libtsc does not know
/// (`tsc_permissions_rule_capability_name` gives its name).
///
/// Thread safety: any thread; on a mutable rule, its owner thread.
#[no_mangle]
pub extern "C" fn tsc_permissions_rule_capability(
    rule: *const tsc_permissions_rule,
    index: usize,
) -> i32 {
    with_rule(rule, -1, |r| {
        r.capability_at(index)
            .map_or(-1, |(n, _)| capability_value(n.as_str()))
    })
}

/// The name of the capability at `index` as Tableau spells it ("Read", "ExportXml", ...).
/// Borrowed: valid until `rule` is freed or changed; do not free. NULL if `rule` is NULL or
/// `index` is out of range.
///
/// Thread safety: any thread; on a mutable rule, its owner thread.
#[no_mangle]
pub extern "C" fn tsc_permissions_rule_capability_name(
    rule: *const tsc_permissions_rule,
    index: usize,
) -> *const c_char {
    with_rule(rule, ptr::null(), |r| {
        r.capability_at(index)
            .map_or(ptr::null(), |(n, _)| n.as_ptr())
    })
}

/// The mode of the capability at `index`, a `tsc_permission`; -1 if `rule` is NULL or
/// `index` is out of range.
///
/// Thread safety: any thread; on a mutable rule, its owner thread.
#[no_mangle]
pub extern "C" fn tsc_permissions_rule_capability_mode(
    rule: *const tsc_permissions_rule,
    index: usize,
) -> i32 {
    with_rule(rule, -1, |r| {
        r.capability_at(index).map_or(-1, |(_, m)| mode_value(m))
    })
}

/// The mode the rule gives `capability` (a `tsc_capability`), a `tsc_permission`; -1 if
/// the rule does not have it, `capability` is not a `tsc_capability` or `rule` is NULL.
///
/// Thread safety: any thread; on a mutable rule, its owner thread.
#[no_mangle]
pub extern "C" fn tsc_permissions_rule_mode(
    rule: *const tsc_permissions_rule,
    capability: i32,
) -> i32 {
    with_rule(rule, -1, |r| match capability_of(capability) {
        Ok(name) => r.mode(name).map_or(-1, mode_value),
        Err(_) => -1,
    })
}

/// Sets `capability` (a `tsc_capability`) to `permission` (a `tsc_permission`) on a
/// mutable rule (from `_new` or `_clone`), replacing the mode it had.
/// Statuses: `TSC_STATUS_NULL_ARGUMENT`, `TSC_STATUS_INVALID_ARGUMENT` (another capability or
/// mode value).
///
/// Thread safety: the rule's owner thread.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_permissions_rule_set_capability(
    rule: *mut tsc_permissions_rule,
    capability: i32,
    permission: i32,
    err: *mut *mut tsc_error,
) -> tsc_status {
    items::edit("tsc_permissions_rule_set_capability", rule, err, |r| {
        r.set_capability(capability_of(capability)?, mode_of(permission)?)
    })
}

/// Makes an empty rule list, to fill with `tsc_permissions_rule_list_append` and send with an
/// update call. On success `*out` owns the list: free it with `tsc_permissions_rule_list_free`.
/// Statuses: `TSC_STATUS_NULL_ARGUMENT`.
///
/// Thread safety: any thread.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_permissions_rule_list_new(
    out: *mut *mut tsc_permissions_rule_list,
    err: *mut *mut tsc_error,
) -> tsc_status {
    call("tsc_permissions_rule_list_new", err, || {
        let out = crate::capi::boundary::arg_out(out, "out")?;
        crate::capi::boundary::put_box(
            out,
            tsc_permissions_rule_list {
                inner: ItemList {
                    items: Vec::new(),
                    pagination: None,
                },
            },
        )
    })
}

/// Appends a copy of `rule` to a list from `tsc_permissions_rule_list_new`; `rule` stays the
/// caller's (later changes to it do not change the list).
/// Statuses: `TSC_STATUS_NULL_ARGUMENT`.
///
/// Thread safety: the list's owner thread.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_permissions_rule_list_append(
    list: *mut tsc_permissions_rule_list,
    rule: *const tsc_permissions_rule,
    err: *mut *mut tsc_error,
) -> tsc_status {
    call("tsc_permissions_rule_list_append", err, || {
        let list = arg_mut(list, "list")?;
        let rule = arg_ref(rule, "rule")?;
        list.inner.items.push(tsc_permissions_rule {
            inner: Arc::clone(&rule.inner),
        });
        Ok(())
    })
}

/// Number of rules in the list; 0 if `list` is NULL.
///
/// Thread safety: any thread; on a list from `_new`, its owner thread.
#[no_mangle]
pub extern "C" fn tsc_permissions_rule_list_count(list: *const tsc_permissions_rule_list) -> usize {
    items::list_count(list)
}

/// The rule at `index`, borrowed from the list: valid until the list is freed; do not free it
/// (`tsc_permissions_rule_clone` gives an owned copy). NULL if `list` is NULL or `index` is out
/// of range.
///
/// Thread safety: any thread; on a list from `_new`, its owner thread.
#[no_mangle]
pub extern "C" fn tsc_permissions_rule_list_get(
    list: *const tsc_permissions_rule_list,
    index: usize,
) -> *const tsc_permissions_rule {
    items::list_get(list, index)
}

/// Frees a list and every rule borrowed from it. NULL is ignored. Must not be called twice.
///
/// Thread safety: any thread, once no other thread uses the list.
#[no_mangle]
pub extern "C" fn tsc_permissions_rule_list_free(list: *mut tsc_permissions_rule_list) {
    getter((), || crate::capi::boundary::free_box(list))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_c_enums_follow_the_capability_table() {
        assert_eq!(
            CAPABILITIES.len(),
            tsc_capability::WebAuthoringForFlows as usize + 1
        );
        assert_eq!(capability_of(tsc_capability::Read as i32).unwrap(), "Read");
        assert_eq!(
            capability_of(tsc_capability::ExportXml as i32).unwrap(),
            "ExportXml"
        );
        assert_eq!(
            capability_of(tsc_capability::VizqlDataApiAccess as i32).unwrap(),
            "VizqlDataApiAccess"
        );
        assert_eq!(capability_value("WebAuthoringForFlows"), 23);
        assert_eq!(capability_value("Teleport"), -1);
        assert!(capability_of(24).is_err() && capability_of(-1).is_err());
        assert_eq!(
            grantee_of(tsc_grantee_type::GroupSet as i32).unwrap(),
            GranteeType::GroupSet
        );
        assert!(grantee_of(3).is_err());
        assert_eq!(mode_of(tsc_permission::Deny as i32).unwrap(), Mode::Deny);
        assert!(mode_of(2).is_err());
    }
}
