//! `examples/c/export_views.c`, built with `-std=c99 -Wall -Wextra -Wpedantic -Werror -pthread`
//! and run against an emulator: given a workbook's name and a directory, it exports every view
//! of the workbook as a PNG and a PDF on several threads sharing one server; checked here: one
//! file of each kind per view, named after it, each a PNG (800×600) or a one-page PDF naming
//! the view, and the progress and the summary printed. An unknown workbook fails with a message.

mod common;

use common::{c_build_dir, run_with_timeout, samples_dir};
use std::process::Command;
use tsc::models::Workbook;
use tsc::{Credentials, PublishMode, PublishOptions, Published, Server, ServerOptions, Source};

fn build() -> std::path::PathBuf {
    common::build_c_example("export_views", &["-pthread"])
}

#[test]
fn the_example_exports_every_view_as_png_and_pdf() {
    let exe = build();
    let emu = common::emulator();
    let s = Server::new(&ServerOptions::new(&emu.url()).unwrap()).unwrap();
    s.auth()
        .sign_in(&Credentials::password("admin", "admin", "").unwrap())
        .unwrap();
    let project = s
        .projects()
        .get(None)
        .unwrap()
        .items
        .into_iter()
        .find(|p| p.name().is_some_and(|n| n.eq_ignore_ascii_case("default")))
        .expect("a default project");
    let item = Workbook::new("Exported Views", project.id().unwrap()).unwrap();
    let sample = samples_dir().join("Superstore.twbx");
    let wb = match s
        .workbooks()
        .publish(
            &item,
            Source::Path(&sample),
            PublishMode::CreateNew,
            &PublishOptions::default(),
            &mut tsc::TransferOptions::new(),
        )
        .unwrap()
    {
        Published::Item(w) => w,
        Published::Job(_) => panic!("published as a job"),
    };
    let views = s.workbooks().populate_views(&wb, false).unwrap().items;
    assert!(views.len() >= 2);

    let dir = tempfile_dir();
    let mut cmd = Command::new(&exe);
    cmd.arg("Exported Views")
        .arg(&dir)
        .env("TSC_SERVER", emu.url())
        .env("TSC_USER", "admin")
        .env("TSC_PASSWORD", "admin");
    let out = run_with_timeout(cmd, 120);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let n = views.len();
    assert!(
        stdout.contains(&format!("{} files exported, 0 failed.", 2 * n)),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!("{0} of {0} files", 2 * n)),
        "the progress: {stdout}"
    );
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), 2 * n, "{names:?}");
    for (i, v) in views.iter().enumerate() {
        let stem = format!("{:02} ", i + 1);
        let png = names
            .iter()
            .find(|f| f.starts_with(&stem) && f.ends_with(".png"))
            .unwrap_or_else(|| panic!("no PNG for view {i}: {names:?}"));
        let pdf = names
            .iter()
            .find(|f| f.starts_with(&stem) && f.ends_with(".pdf"))
            .unwrap_or_else(|| panic!("no PDF for view {i}: {names:?}"));
        let png = std::fs::read(dir.join(png)).unwrap();
        assert_eq!(&png[1..4], b"PNG");
        assert_eq!(&png[16..24], &[0, 0, 3, 0x20, 0, 0, 2, 0x58], "800x600");
        let pdf = std::fs::read(dir.join(pdf)).unwrap();
        let text = String::from_utf8_lossy(&pdf);
        assert!(text.starts_with("%PDF-") && text.contains("/Count 1 "));
        let name = v.name().unwrap();
        if name.is_ascii() && !name.contains(['(', ')', '\\']) {
            assert!(text.contains(name), "the PDF of {name} names it");
        }
    }

    let mut unknown = Command::new(&exe);
    unknown
        .arg("No Such Workbook")
        .arg(&dir)
        .env("TSC_SERVER", emu.url())
        .env("TSC_USER", "admin")
        .env("TSC_PASSWORD", "admin");
    let out = run_with_timeout(unknown, 60);
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("no workbook is named \"No Such Workbook\"")
    );
    s.workbooks().delete(wb.id().unwrap()).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A fresh directory for the exports (the example creates it).
fn tempfile_dir() -> std::path::PathBuf {
    let d = c_build_dir().join(format!("export-views-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    d
}
