//! The shapes every item and list handle shares, so the generated accessors are one line each:
//! items hold an `Arc` of their model (cheap clones, copy-on-write setters); lists hold their
//! item handles and the pagination, and lend out `const` pointers into themselves.

use crate::capi::boundary::{self, arg_mut, arg_ref, call, getter, put_box};
use crate::capi::error::tsc_error;
use crate::capi::strings::TSC_ABSENT_INT;
use crate::error::{tsc_status, Error, Result};
use crate::models::{Page, Pagination};
use crate::text::Text;
use std::ffi::c_char;
use std::ptr;
use std::sync::Arc;

pub(crate) use boundary::arg_str;

/// An item handle type (`tsc_site`, ...).
pub(crate) trait ItemHandle: Sized + 'static {
    type Model: Clone + Send + Sync + 'static;
    fn wrap(inner: Arc<Self::Model>) -> Self;
    fn arc(&self) -> &Arc<Self::Model>;
    fn arc_mut(&mut self) -> &mut Arc<Self::Model>;
}

/// The contents of a list handle.
pub(crate) struct ItemList<H> {
    pub(crate) items: Vec<H>,
    pub(crate) pagination: Option<Pagination>,
}

/// A list handle type (`tsc_site_list`, ...).
pub(crate) trait ListHandle: Sized + 'static {
    type Item: ItemHandle;
    fn wrap(inner: ItemList<Self::Item>) -> Self;
    fn list(&self) -> &ItemList<Self::Item>;
}

/// Makes a list handle from a page of models.
pub(crate) fn list_from_page<L: ListHandle>(page: Page<<L::Item as ItemHandle>::Model>) -> L {
    L::wrap(ItemList {
        items: page
            .items
            .into_iter()
            .map(|m| L::Item::wrap(Arc::new(m)))
            .collect(),
        pagination: page.pagination,
    })
}

/// Writes an owned list handle for `page` through `out`.
pub(crate) fn put_list<L: ListHandle>(
    out: *mut *mut L,
    page: Page<<L::Item as ItemHandle>::Model>,
) -> Result<()> {
    put_box(out, list_from_page::<L>(page))
}

/// Writes an owned item handle for `model` through `out`.
pub(crate) fn put_item<H: ItemHandle>(out: *mut *mut H, model: H::Model) -> Result<()> {
    put_box(out, H::wrap(Arc::new(model)))
}

/// The model behind a required item argument.
pub(crate) fn model<'a, H: ItemHandle>(p: *const H, name: &str) -> Result<&'a H::Model> {
    Ok(arg_ref(p, name)?.arc())
}

fn with<H: ItemHandle, T: Copy>(p: *const H, sentinel: T, f: impl FnOnce(&H::Model) -> T) -> T {
    // SAFETY: p is NULL or a live handle (documented contract).
    getter(sentinel, || match unsafe { p.as_ref() } {
        Some(h) => f(h.arc()),
        None => sentinel,
    })
}

/// Borrowed text field (NULL if absent or `p` is NULL).
pub(crate) fn get_text<H: ItemHandle>(
    p: *const H,
    f: impl FnOnce(&H::Model) -> &Option<Text>,
) -> *const c_char {
    with(p, ptr::null(), |m| {
        f(m).as_ref().map_or(ptr::null(), Text::as_ptr)
    })
}

/// Integer field (`TSC_ABSENT_INT` if absent or `p` is NULL).
pub(crate) fn get_int<H: ItemHandle>(p: *const H, f: impl FnOnce(&H::Model) -> Option<i64>) -> i64 {
    with(p, TSC_ABSENT_INT, |m| f(m).unwrap_or(TSC_ABSENT_INT))
}

/// Boolean field: 1, 0, or -1 if absent or `p` is NULL.
pub(crate) fn get_bool<H: ItemHandle>(
    p: *const H,
    f: impl FnOnce(&H::Model) -> Option<bool>,
) -> i32 {
    with(p, -1, |m| f(m).map_or(-1, i32::from))
}

/// Number of tags.
pub(crate) fn tag_count<H: ItemHandle>(
    p: *const H,
    f: impl FnOnce(&H::Model) -> &Vec<Text>,
) -> usize {
    with(p, 0, |m| f(m).len())
}

/// Borrowed tag at `index`.
pub(crate) fn tag<H: ItemHandle>(
    p: *const H,
    index: usize,
    f: impl FnOnce(&H::Model) -> &Vec<Text>,
) -> *const c_char {
    with(p, ptr::null(), |m| {
        f(m).get(index).map_or(ptr::null(), Text::as_ptr)
    })
}

/// The model of a mutable item, copied first if it is shared.
fn model_mut<'a, H: ItemHandle>(p: *mut H, name: &str) -> Result<&'a mut H::Model> {
    Ok(Arc::make_mut(arg_mut(p, name)?.arc_mut()))
}

/// Any change to a mutable item (`p` checked first, then whatever `change` checks).
pub(crate) fn edit<H: ItemHandle>(
    name: &'static str,
    p: *mut H,
    err: *mut *mut tsc_error,
    change: impl FnOnce(&mut H::Model) -> Result<()>,
) -> tsc_status {
    call(name, err, || change(model_mut(p, "item")?))
}

/// Text setter (NULL clears).
pub(crate) fn set_text<H: ItemHandle>(
    name: &'static str,
    p: *mut H,
    value: *const c_char,
    err: *mut *mut tsc_error,
    set: fn(&mut H::Model, Option<&str>) -> Result<()>,
) -> tsc_status {
    call(name, err, || {
        let v = boundary::arg_opt_str(value, "value")?;
        set(model_mut(p, "item")?, v)
    })
}

/// Integer setter (`TSC_ABSENT_INT` clears).
pub(crate) fn set_int<H: ItemHandle>(
    name: &'static str,
    p: *mut H,
    value: i64,
    err: *mut *mut tsc_error,
    set: fn(&mut H::Model, Option<i64>),
) -> tsc_status {
    edit(name, p, err, |m| {
        set(m, (value != TSC_ABSENT_INT).then_some(value));
        Ok(())
    })
}

/// Boolean setter whose model setter can refuse the value: 1, 0, or -1 to clear.
pub(crate) fn set_bool_checked<H: ItemHandle>(
    name: &'static str,
    p: *mut H,
    value: i32,
    err: *mut *mut tsc_error,
    set: fn(&mut H::Model, Option<bool>) -> Result<()>,
) -> tsc_status {
    call(name, err, || {
        let v = bool_arg(value)?;
        set(model_mut(p, "item")?, v)
    })
}

/// A C boolean argument: 1, 0, or -1 for none.
pub(crate) fn bool_arg(value: i32) -> Result<Option<bool>> {
    match value {
        1 => Ok(Some(true)),
        0 => Ok(Some(false)),
        -1 => Ok(None),
        other => Err(Error::invalid(format!(
            "{other} is not a boolean value: use 1 (true), 0 (false) or -1 (clear)"
        ))),
    }
}

/// Boolean setter: 1, 0, or -1 to clear.
pub(crate) fn set_bool<H: ItemHandle>(
    name: &'static str,
    p: *mut H,
    value: i32,
    err: *mut *mut tsc_error,
    set: fn(&mut H::Model, Option<bool>),
) -> tsc_status {
    call(name, err, || {
        let v = bool_arg(value)?;
        set(model_mut(p, "item")?, v);
        Ok(())
    })
}

/// Makes a new mutable item.
pub(crate) fn new_item<H: ItemHandle>(
    name: &'static str,
    out: *mut *mut H,
    err: *mut *mut tsc_error,
    make: impl FnOnce() -> Result<H::Model>,
) -> tsc_status {
    call(name, err, || {
        let out = boundary::arg_out(out, "out")?;
        put_item(out, make()?)
    })
}

/// An owned copy of an item (shares the model until changed).
pub(crate) fn clone<H: ItemHandle>(p: *const H) -> *mut H {
    // SAFETY: p is NULL or a live handle (documented contract).
    getter(ptr::null_mut(), || match unsafe { p.as_ref() } {
        Some(h) => Box::into_raw(Box::new(H::wrap(Arc::clone(h.arc())))),
        None => ptr::null_mut(),
    })
}

/// Frees an owned item.
pub(crate) fn free<H: ItemHandle>(p: *mut H) {
    getter((), || boundary::free_box(p))
}

/// Number of items in a list.
pub(crate) fn list_count<L: ListHandle>(l: *const L) -> usize {
    // SAFETY: l is NULL or a live handle (documented contract).
    getter(0, || {
        unsafe { l.as_ref() }.map_or(0, |l| l.list().items.len())
    })
}

/// Borrowed item of a list.
pub(crate) fn list_get<L: ListHandle>(l: *const L, index: usize) -> *const L::Item {
    // SAFETY: l is NULL or a live handle (documented contract).
    getter(ptr::null(), || {
        unsafe { l.as_ref() }
            .and_then(|l| l.list().items.get(index))
            .map_or(ptr::null(), |h| h as *const L::Item)
    })
}

/// A pagination number of a list, or -1.
pub(crate) fn list_pagination<L: ListHandle>(
    l: *const L,
    f: impl FnOnce(&Pagination) -> i64,
) -> i64 {
    // SAFETY: l is NULL or a live handle (documented contract).
    getter(-1, || {
        unsafe { l.as_ref() }
            .and_then(|l| l.list().pagination.as_ref())
            .map_or(-1, f)
    })
}

/// Frees a list.
pub(crate) fn list_free<L: ListHandle>(l: *mut L) {
    getter((), || boundary::free_box(l))
}
