//! One `Server` used from 8 threads at once gives correct results: the Rust twin of
//! `tests/c/test_threads.c`, so that the shared connection pool, session and version lock run
//! under ThreadSanitizer (`make tsan`) with every crate instrumented. Each thread creates its
//! own project, finds it by a filtered listing and by id, lists sites and deletes it; then
//! exactly the projects of before are left.

mod common;

use tsc::models::Project;
use tsc::{Credentials, FilterOp, RequestOptions, Server, ServerOptions};

const THREADS: usize = 8;
const ROUNDS: usize = 5;

fn round(s: &Server, name: &str) -> tsc::Result<()> {
    let made = s.projects().create(&Project::new(name)?)?;
    assert_eq!(made.name(), Some(name));
    let id = made.id().expect("id");
    let mut o = RequestOptions::new();
    o.add_filter("name", FilterOp::Eq, name)?;
    let found = s.projects().get(Some(&o))?;
    assert_eq!(found.items.len(), 1);
    assert_eq!(found.items[0].id(), Some(id));
    assert_eq!(s.projects().get_by_id(id)?.name(), Some(name));
    assert!(!s.sites().get(None)?.items.is_empty());
    s.projects().delete(id)
}

#[test]
fn one_server_shared_by_threads() {
    let emu = common::emulator();
    let s = Server::new(&ServerOptions::new(&emu.url()).unwrap()).unwrap();
    s.auth()
        .sign_in(&Credentials::password("admin", "admin", "").unwrap())
        .unwrap();
    let total = |s: &Server| s.projects().get(None).unwrap().pagination.unwrap();
    let before = total(&s).total_available;
    std::thread::scope(|scope| {
        for t in 0..THREADS {
            let s = s.clone();
            scope.spawn(move || {
                for r in 0..ROUNDS {
                    round(&s, &format!("Thread {t} round {r}")).unwrap();
                }
            });
        }
    });
    assert_eq!(total(&s).total_available, before);
    s.auth().sign_out().unwrap();
}
