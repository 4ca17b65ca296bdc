//! The header and the library's ABI hygiene: `include/tsc.h` compiles as C99, C11 and C++11 and
//! links from C++ with `extern "C"`; the library exports only `tsc_*` symbols and has its soname;
//! the header's version macros, `Cargo.toml` and the runtime agree.

mod common;

use common::{c_build_dir, repo};
use std::path::Path;
use std::process::Command;

fn compile_only(compiler: &str, std: &str, src: &Path) {
    let out = Command::new(compiler)
        .arg(format!("-std={std}"))
        .args([
            "-Wall",
            "-Wextra",
            "-pedantic",
            "-Werror",
            "-fsyntax-only",
            "-I",
        ])
        .arg(repo().join("include"))
        .arg(src)
        .output()
        .expect("run compiler");
    assert!(
        out.status.success(),
        "{compiler} -std={std} rejects tsc.h:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn header_compiles_as_c99_c11_and_cpp11() {
    let dir = c_build_dir();
    let c = dir.join("header_only.c");
    std::fs::write(
        &c,
        "#include \"tsc.h\"\nint main(void) { return TSC_STATUS_OK; }\n",
    )
    .unwrap();
    compile_only("gcc", "c99", &c);
    compile_only("gcc", "c11", &c);
    let cpp = dir.join("header_only.cpp");
    std::fs::write(
        &cpp,
        "#include \"tsc.h\"\nint main() { return TSC_STATUS_OK; }\n",
    )
    .unwrap();
    compile_only("g++", "c++11", &cpp);
}

#[test]
fn cpp_program_links_with_extern_c() {
    let dir = c_build_dir();
    let src = dir.join("linkage.cpp");
    std::fs::write(
        &src,
        "#include \"tsc.h\"\n#include <cstdio>\n#include <cstring>\nint main() {\n  std::printf(\"%s\\n\", tsc_version());\n  return tsc_version_number() == TSC_VERSION_NUMBER && std::strncmp(tsc_version(), \"libtsc \", 7) == 0 ? 0 : 1;\n}\n",
    )
    .unwrap();
    let exe = dir.join("linkage");
    let lib = common::c_link_dir();
    let out = Command::new("g++")
        .args(["-std=c++11", "-Wall", "-Werror", "-I"])
        .arg(repo().join("include"))
        .arg(&src)
        .arg("-o")
        .arg(&exe)
        .arg("-L")
        .arg(lib)
        .arg(format!("-Wl,-rpath,{}", lib.display()))
        .arg("-ltsc")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let run = Command::new(&exe).output().unwrap();
    assert!(run.status.success());
    assert!(String::from_utf8_lossy(&run.stdout)
        .starts_with(&format!("libtsc {}", env!("CARGO_PKG_VERSION"))));
}

#[test]
fn library_exports_only_tsc_symbols_and_has_a_soname() {
    let so = common::built_library();
    let nm = Command::new("nm")
        .args(["-D", "--defined-only"])
        .arg(&so)
        .output()
        .expect("nm");
    let text = String::from_utf8_lossy(&nm.stdout);
    let names: Vec<&str> = text
        .lines()
        .filter_map(|l| l.split_whitespace().nth(2))
        .collect();
    assert!(names.len() > 100, "too few exports: {}", names.len());
    let foreign: Vec<&&str> = names.iter().filter(|n| !n.starts_with("tsc_")).collect();
    assert!(foreign.is_empty(), "non-tsc_ exports: {foreign:?}");
    let readelf = Command::new("readelf")
        .arg("-d")
        .arg(&so)
        .output()
        .expect("readelf");
    let minor = env!("CARGO_PKG_VERSION_MINOR");
    assert!(String::from_utf8_lossy(&readelf.stdout).contains(&format!("[libtsc.so.0.{minor}]")));
}

#[test]
fn header_version_macros_match_cargo_toml_and_runtime() {
    let header = std::fs::read_to_string(repo().join("include/tsc.h")).unwrap();
    for (macro_name, value) in [
        ("TSC_VERSION_MAJOR", env!("CARGO_PKG_VERSION_MAJOR")),
        ("TSC_VERSION_MINOR", env!("CARGO_PKG_VERSION_MINOR")),
        ("TSC_VERSION_PATCH", env!("CARGO_PKG_VERSION_PATCH")),
    ] {
        assert!(
            header.contains(&format!("#define {macro_name} {value}\n")),
            "{macro_name} != {value}"
        );
    }
    let n = tsc::capi::strings::tsc_version_number();
    let expect = (env!("CARGO_PKG_VERSION_MAJOR").parse::<u32>().unwrap() << 16)
        | (env!("CARGO_PKG_VERSION_MINOR").parse::<u32>().unwrap() << 8)
        | env!("CARGO_PKG_VERSION_PATCH").parse::<u32>().unwrap();
    assert_eq!(n, expect);
}
