//! `examples/c/copy_default_permissions.c`, built with `-std=c99 -Wall -Wextra -Wpedantic
//! -Werror` and run against an emulator: with two project names it copies the source project's
//! default permissions of every kind to the target (checked here through the Rust API: the
//! target ends up with the source's rules, and kinds the source has none of stay empty); without
//! arguments it runs its demo (two projects of its own, made and deleted again).

mod common;

use common::run_with_timeout;
use std::process::Command;
use tsc::api::DefaultKind;
use tsc::models::{GranteeType, Group, Mode, PermissionsRule, Project};
use tsc::{Credentials, Server, ServerOptions};

fn build() -> std::path::PathBuf {
    common::build_c_example("copy_default_permissions", &[])
}

fn rule(kind: GranteeType, id: &str, caps: &[(&str, Mode)]) -> PermissionsRule {
    let mut r = PermissionsRule::new(kind, id).unwrap();
    for (c, m) in caps {
        r.set_capability(c, *m).unwrap();
    }
    r
}

/// (grantee id, [(capability, mode)]) of every rule, for comparing.
fn summary(rules: &[PermissionsRule]) -> Vec<(String, Vec<(String, Mode)>)> {
    let mut v: Vec<_> = rules
        .iter()
        .map(|r| {
            (
                r.grantee_id().to_string(),
                r.capabilities().map(|(n, m)| (n.to_string(), m)).collect(),
            )
        })
        .collect();
    v.sort_by(|a, b| a.0.cmp(&b.0));
    v
}

#[test]
fn the_example_copies_every_kind_of_default_permissions() {
    let exe = build();
    let emu = common::emulator();
    let s = Server::new(&ServerOptions::new(&emu.url()).unwrap()).unwrap();
    s.auth()
        .sign_in(&Credentials::password("admin", "admin", "").unwrap())
        .unwrap();
    let src = s
        .projects()
        .create(&Project::new("Copy source").unwrap())
        .unwrap();
    let dst = s
        .projects()
        .create(&Project::new("Copy target").unwrap())
        .unwrap();
    let (src, dst) = (src.id().unwrap(), dst.id().unwrap());
    let group = s.groups().create(&Group::new("Copiers").unwrap()).unwrap();
    let gid = group.id().unwrap();
    let me = s.session().unwrap().user_id().to_string();
    let given = [
        (
            DefaultKind::Workbook,
            vec![
                rule(
                    GranteeType::Group,
                    gid,
                    &[("Read", Mode::Allow), ("ExportXml", Mode::Deny)],
                ),
                rule(GranteeType::User, &me, &[("Write", Mode::Allow)]),
            ],
        ),
        (
            DefaultKind::Lens,
            vec![rule(GranteeType::Group, gid, &[("Read", Mode::Deny)])],
        ),
        (
            DefaultKind::Table,
            vec![rule(
                GranteeType::User,
                &me,
                &[("ChangePermissions", Mode::Allow)],
            )],
        ),
    ];
    for (kind, rules) in &given {
        let refs: Vec<&PermissionsRule> = rules.iter().collect();
        s.default_permissions(*kind).update(src, &refs).unwrap();
    }

    let mut cmd = Command::new(&exe);
    cmd.args(["Copy source", "Copy target"])
        .env("TSC_SERVER", emu.url())
        .env("TSC_USER", "admin")
        .env("TSC_PASSWORD", "admin");
    let out = run_with_timeout(cmd, 60);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("4 rules copied."), "{stdout}");

    let all = [
        DefaultKind::Workbook,
        DefaultKind::Datasource,
        DefaultKind::Flow,
        DefaultKind::Metric,
        DefaultKind::Datarole,
        DefaultKind::Lens,
        DefaultKind::VirtualConnection,
        DefaultKind::Database,
        DefaultKind::Table,
    ];
    for kind in all {
        let want = given
            .iter()
            .find(|(k, _)| *k == kind)
            .map(|(_, r)| summary(r))
            .unwrap_or_default();
        let got = s.default_permissions(kind).populate(dst).unwrap().items;
        assert_eq!(summary(&got), want, "{kind:?}");
    }

    // The demo: its own two projects, made and deleted again.
    let mut demo = Command::new(&exe);
    demo.env("TSC_SERVER", emu.url())
        .env("TSC_USER", "admin")
        .env("TSC_PASSWORD", "admin");
    let out = run_with_timeout(demo, 60);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && stdout.contains("2 rules copied."),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let left = s.projects().get(None).unwrap().items;
    assert!(
        !left
            .iter()
            .any(|p| p.name().is_some_and(|n| n.starts_with("Permissions "))),
        "the demo's projects were deleted"
    );
}
