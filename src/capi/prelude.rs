//! What the generated functions of the method table (`gen/endpoints/`) use: the boundary and argument helpers,
//! the handle types and the result writers, in one glob import so the generator stays simple.

pub(crate) use crate::api::exports::{Export, ExportOptions};
pub(crate) use crate::api::TagTargets;
pub(crate) use crate::auth::Credentials;
pub(crate) use crate::capi::boundary::{
    arg_flag, arg_mut, arg_opt_ref, arg_opt_str, arg_out, arg_ref, arg_str, arg_str_array, call,
    put_box, put_owned_str, rebuild,
};
pub(crate) use crate::capi::callbacks::{tsc_read_fn, tsc_write_fn};
pub(crate) use crate::capi::content::{publish_outs, put_path, reader_of, writer_of};
pub(crate) use crate::capi::credentials::tsc_credentials;
pub(crate) use crate::capi::error::tsc_error;
pub(crate) use crate::capi::exports::tsc_export_options;
pub(crate) use crate::capi::gen::*;
pub(crate) use crate::capi::items::{model, put_item, put_list};
pub(crate) use crate::capi::options::{options_of, tsc_request_options, unsigned};
pub(crate) use crate::capi::pagers::put_pager;
pub(crate) use crate::capi::permissions::{tsc_permissions_rule, tsc_permissions_rule_list};
pub(crate) use crate::capi::publish::{
    mode_of, publish_options_of, tsc_connection_credentials, tsc_publish_options,
};
pub(crate) use crate::capi::server::{
    deadline_ms, millis, proxy_setting, retry_policy, server_local, server_of, tsc_server,
    tsc_server_options,
};
pub(crate) use crate::capi::server_info::tsc_server_info;
pub(crate) use crate::capi::string_list::tsc_string_list;
pub(crate) use crate::capi::tag_targets::tsc_tag_targets;
pub(crate) use crate::capi::transfer::{
    transfer_of, tsc_bytes, tsc_cancel_token, tsc_transfer_options,
};
pub(crate) use crate::error::tsc_status;
pub(crate) use crate::models::{ConnectionCredentials, PublishOptions};
pub(crate) use crate::query::{FilterOp, RequestOptions, SortDirection};
pub(crate) use crate::server::ServerOptions;
pub(crate) use crate::transport::{CancelToken, Destination, Source, TransferOptions};
pub(crate) use std::ffi::{c_char, c_void};
pub(crate) use std::path::Path;
