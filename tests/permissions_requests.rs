//! The requests permissions calls make, read from the emulator's request log: a populate is one
//! GET (TSC#1301: the Python client repeats it), an update one PUT with every rule, a delete one
//! DELETE per capability at `…/permissions/{users|groups|groupSets}/{id}/{capability}/{mode}`;
//! the lens segment is `lenses`, virtual connections `virtualConnections`. Checks before any
//! request refuse empty rules (the log has no request of theirs).

mod common;

use tsc::api::{DefaultKind, ItemKind};
use tsc::models::{GranteeType, Mode, PermissionsRule, Project};
use tsc::{Credentials, Server, ServerOptions, Status};
use tsc_emulator::LogTarget;

/// (method, path) of each logged request to a permissions URL.
fn requests(log: &std::path::Path) -> Vec<(String, String)> {
    std::fs::read_to_string(log)
        .unwrap()
        .lines()
        .map(|l| {
            let f: Vec<&str> = l.split(' ').collect();
            (f[1].to_string(), f[2].to_string())
        })
        .filter(|(_, path)| path.contains("permissions"))
        .collect()
}

#[test]
fn one_request_per_populate_and_update_one_per_capability_deleted() {
    let dir = tsc_emulator::util::make_temp_dir().unwrap();
    let log = dir.join("requests.log");
    let emu = common::emulator_with(|c| c.log_requests = Some(LogTarget::File(log.clone())));
    let s = Server::new(&ServerOptions::new(&emu.url()).unwrap()).unwrap();
    s.auth()
        .sign_in(&Credentials::password("admin", "admin", "").unwrap())
        .unwrap();
    let p = s
        .projects()
        .create(&Project::new("Requests").unwrap())
        .unwrap();
    let p = p.id().unwrap();
    let me = s.session().unwrap().user_id().to_string();
    let gs = "6a1d5c2e-0000-4000-8000-0000000000aa";
    let r = ureq::post(&format!(
        "{}/_emulator/groupsets?site=&name=Requests&id={gs}",
        emu.url()
    ))
    .send_empty();
    assert!(r.is_ok());

    let mut user = PermissionsRule::new(GranteeType::User, &me).unwrap();
    for c in ["Read", "Write", "ChangePermissions"] {
        user.set_capability(c, Mode::Allow).unwrap();
    }
    let mut set = PermissionsRule::new(GranteeType::GroupSet, gs).unwrap();
    set.set_capability("Read", Mode::Deny).unwrap();

    let lens = s.default_permissions(DefaultKind::Lens);
    lens.update(p, &[&user, &set]).unwrap();
    let got = lens.populate(p).unwrap().items;
    assert_eq!(got.len(), 2);
    lens.delete(p, &user).unwrap();
    lens.delete(p, &set).unwrap();
    assert!(lens.populate(p).unwrap().items.is_empty());
    s.default_permissions(DefaultKind::VirtualConnection)
        .populate(p)
        .unwrap();
    s.permissions(ItemKind::Project).populate(p).unwrap();

    // Refused before any request: no rules, a rule without capabilities, an empty id.
    let empty = PermissionsRule::new(GranteeType::Group, "g").unwrap();
    for e in [
        lens.update(p, &[]).unwrap_err(),
        lens.update(p, &[&empty]).unwrap_err(),
        lens.delete(p, &empty).unwrap_err(),
        lens.populate(" ").unwrap_err(),
    ] {
        assert_eq!(e.status(), Status::InvalidArgument, "{e}");
    }
    let base = format!("/api/{}/sites/", s.api_version().unwrap().unwrap());
    emu.stop();
    let got: Vec<(String, String)> = requests(&log)
        .into_iter()
        .map(|(m, path)| {
            let rest = path.strip_prefix(&base).unwrap_or(&path);
            // drop the site id
            let rest = rest.split_once('/').map_or(rest, |(_, r)| r).to_string();
            (m, rest)
        })
        .collect();
    let d = format!("projects/{p}/default-permissions");
    let want: Vec<(String, String)> = [
        ("PUT", format!("{d}/lenses")),
        ("GET", format!("{d}/lenses")),
        ("DELETE", format!("{d}/lenses/users/{me}/Read/Allow")),
        ("DELETE", format!("{d}/lenses/users/{me}/Write/Allow")),
        (
            "DELETE",
            format!("{d}/lenses/users/{me}/ChangePermissions/Allow"),
        ),
        ("DELETE", format!("{d}/lenses/groupSets/{gs}/Read/Deny")),
        ("GET", format!("{d}/lenses")),
        ("GET", format!("{d}/virtualConnections")),
        ("GET", format!("projects/{p}/permissions")),
    ]
    .into_iter()
    .map(|(m, p)| (m.to_string(), p))
    .collect();
    // (The refused calls made none.)
    assert_eq!(got, want);
    let _ = std::fs::remove_dir_all(&dir);
}
