//! A file over 64 MiB through the C functions (called from Rust through the rlib): published
//! through an upload session with the default options (one initiate, one append per 8 MiB
//! chunk, one commit: counted on the emulator), downloaded back and compared byte for byte, with
//! progress reported from 0 to the size. Not a C program because valgrind would take minutes on
//! 70 MiB; the C programs cover the same paths with 1 MiB files.

mod common;

use std::ffi::{c_void, CStr, CString};
use std::io::{Read, Write};
use std::ptr;
use tsc::capi::credentials::*;
use tsc::capi::error::*;
use tsc::capi::gen::endpoints::*;
use tsc::capi::gen::*;
use tsc::capi::publish::tsc_publish_mode;
use tsc::capi::server::*;
use tsc::capi::strings::tsc_string_free;
use tsc::capi::transfer::*;
use tsc::Status;

const SIZE: u64 = 70 * 1024 * 1024 + 12345;

#[derive(Default)]
struct Progress {
    calls: u64,
    last: u64,
    total: i64,
    monotonic: bool,
}

unsafe extern "C" fn on_progress(ud: *mut c_void, done: u64, total: i64) -> i32 {
    let p = &mut *(ud as *mut Progress);
    if p.calls == 0 {
        p.monotonic = done == 0;
    } else if done < p.last {
        p.monotonic = false;
    }
    p.calls += 1;
    p.last = done;
    p.total = total;
    0
}

/// `requestsServed` of the emulator's health endpoint.
fn requests_served(url: &str) -> u64 {
    let addr = url.trim_start_matches("http://");
    let mut c = std::net::TcpStream::connect(addr).unwrap();
    write!(
        c,
        "GET /_emulator/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut s = String::new();
    c.read_to_string(&mut s).unwrap();
    let i = s.find("requestsServed=\"").unwrap() + 16;
    s[i..].split('"').next().unwrap().parse().unwrap()
}

fn check(st: Status, err: *mut tsc_error, what: &str) {
    if st != Status::Ok {
        let msg = unsafe { CStr::from_ptr(tsc_error_message(err)) }
            .to_string_lossy()
            .into_owned();
        tsc_error_free(err);
        panic!("{what}: {st:?}: {msg}");
    }
}

fn files_equal(a: &std::path::Path, b: &std::path::Path) -> bool {
    let (mut x, mut y) = (
        std::fs::File::open(a).unwrap(),
        std::fs::File::open(b).unwrap(),
    );
    let (mut bx, mut by) = (vec![0u8; 1 << 20], vec![0u8; 1 << 20]);
    loop {
        let n = x.read(&mut bx).unwrap();
        let mut got = 0;
        while got < n {
            let m = y.read(&mut by[got..n]).unwrap();
            if m == 0 {
                return false;
            }
            got += m;
        }
        if n == 0 {
            return y.read(&mut by).unwrap() == 0;
        }
        if bx[..n] != by[..n] {
            return false;
        }
    }
}

#[test]
fn a_70_mib_hyper_file_round_trips_through_an_upload_session() {
    let emu = common::emulator();
    let dir = std::env::temp_dir().join(format!("tsc-large-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("down")).unwrap();
    let src = dir.join("Large.hyper");
    {
        let mut f = std::io::BufWriter::new(std::fs::File::create(&src).unwrap());
        tsc_emulator::content::hyper_file(SIZE, 99, &mut f).unwrap();
        f.flush().unwrap();
    }
    let mut err: *mut tsc_error = ptr::null_mut();
    let url = CString::new(emu.url()).unwrap();
    let mut opts = ptr::null_mut();
    let mut server = ptr::null_mut();
    check(
        tsc_server_options_new(url.as_ptr(), &mut opts, &mut err),
        err,
        "options",
    );
    check(tsc_server_new(opts, &mut server, &mut err), err, "server");
    tsc_server_options_free(opts);
    let mut creds = ptr::null_mut();
    check(
        tsc_credentials_new_password(
            c"admin".as_ptr(),
            c"admin".as_ptr(),
            c"".as_ptr(),
            &mut creds,
            &mut err,
        ),
        err,
        "credentials",
    );
    check(tsc_auth_sign_in(server, creds, &mut err), err, "sign in");
    tsc_credentials_free(creds);

    let mut progress = Progress::default();
    let mut to = ptr::null_mut();
    check(
        tsc_transfer_options_new(&mut to, &mut err),
        err,
        "transfer options",
    );
    check(
        tsc_transfer_options_set_progress(
            to,
            Some(on_progress),
            &mut progress as *mut Progress as *mut c_void,
            &mut err,
        ),
        err,
        "progress",
    );

    let mut item = ptr::null_mut();
    check(
        tsc_datasource_new(c"Large".as_ptr(), c"".as_ptr(), &mut item, &mut err),
        err,
        "item",
    );
    check(
        tsc_datasource_set_project_id(item, ptr::null(), &mut err),
        err,
        "project",
    );
    let path = CString::new(src.to_str().unwrap()).unwrap();
    let before = requests_served(&emu.url());
    let mut ds = ptr::null_mut();
    check(
        tsc_datasources_publish(
            server,
            item,
            path.as_ptr(),
            tsc_publish_mode::CreateNew as i32,
            ptr::null(),
            to,
            &mut ds,
            ptr::null_mut(),
            &mut err,
        ),
        err,
        "publish",
    );
    let requests = requests_served(&emu.url()) - before - 1;
    // initiate + ceil(SIZE / 8 MiB) appends + commit
    let chunks = SIZE.div_ceil(8 * 1024 * 1024);
    assert_eq!(requests, 1 + chunks + 1, "requests of the upload session");
    assert!(progress.monotonic && progress.last == SIZE && progress.total == SIZE as i64);
    assert!(progress.calls > chunks);

    let id = unsafe { CStr::from_ptr(tsc_datasource_id(ds)) }.to_owned();
    let down = CString::new(dir.join("down").to_str().unwrap()).unwrap();
    let mut out: *mut std::ffi::c_char = ptr::null_mut();
    progress = Progress::default();
    check(
        tsc_datasources_download(server, id.as_ptr(), down.as_ptr(), to, &mut out, &mut err),
        err,
        "download",
    );
    let got = unsafe { CStr::from_ptr(out) }.to_str().unwrap().to_string();
    tsc_string_free(out);
    assert!(got.ends_with("/down/Large.hyper"), "{got}");
    assert!(files_equal(&src, std::path::Path::new(&got)));
    assert!(progress.monotonic && progress.last == SIZE && progress.total == SIZE as i64);
    assert_eq!(std::fs::read_dir(dir.join("down")).unwrap().count(), 1);

    check(
        tsc_datasources_delete(server, id.as_ptr(), &mut err),
        err,
        "delete",
    );
    tsc_datasource_free(ds);
    tsc_datasource_free(item);
    tsc_transfer_options_free(to);
    tsc_server_free(server);
    std::fs::remove_dir_all(&dir).unwrap();
}
