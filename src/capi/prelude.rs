//! What the generated endpoint functions (`gen/endpoints/`) use: the boundary and argument helpers,
//! the handle types and the result writers, in one glob import so the generator stays simple.

pub(crate) use crate::capi::boundary::{
    arg_flag, arg_opt_str, arg_out, arg_ref, arg_str, arg_str_array, call, put_box,
};
pub(crate) use crate::capi::callbacks::{tsc_read_fn, tsc_write_fn};
pub(crate) use crate::capi::content::{publish_outs, put_path, reader_of, writer_of};
pub(crate) use crate::capi::credentials::tsc_credentials;
pub(crate) use crate::capi::error::tsc_error;
pub(crate) use crate::capi::gen::*;
pub(crate) use crate::capi::items::{model, put_item, put_list};
pub(crate) use crate::capi::options::{options_of, tsc_request_options};
pub(crate) use crate::capi::pagers::put_pager;
pub(crate) use crate::capi::publish::{mode_of, publish_options_of, tsc_publish_options};
pub(crate) use crate::capi::server::{server_of, tsc_server};
pub(crate) use crate::capi::server_info::tsc_server_info;
pub(crate) use crate::capi::transfer::{transfer_of, tsc_bytes, tsc_transfer_options};
pub(crate) use crate::error::tsc_status;
pub(crate) use crate::transport::{Destination, Source};
pub(crate) use std::ffi::{c_char, c_void};
pub(crate) use std::path::Path;
