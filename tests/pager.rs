//! The pager through the Rust API against the emulator: users added or removed while paging never
//! make it loop (the page count stays bounded by the first total) nor hand an item out twice;
//! exactly the needed requests are sent (none after an exact multiple of the page size, one for an
//! empty list); read-ahead overlaps the round trips; dropping a pager mid-way does not wait.

mod common;

use std::collections::HashSet;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};
use tsc::{Credentials, FilterOp, RequestOptions, Server, ServerOptions, SortDirection};
use tsc_emulator::Emulator;

fn signed_in(emu: &Emulator) -> Server {
    let s = Server::new(&ServerOptions::new(&emu.url()).unwrap()).unwrap();
    s.auth()
        .sign_in(&Credentials::password("admin", "admin", "").unwrap())
        .unwrap();
    s
}

/// Creates `count` users `{prefix}{start..}` through the emulator's bulk endpoint.
fn bulk_users(emu: &Emulator, prefix: &str, start: usize, count: usize) {
    let url = format!(
        "{}/_emulator/bulk/users?site=&count={count}&start={start}&prefix={prefix}",
        emu.url()
    );
    let resp = ureq::post(&url).send_empty().expect("bulk users");
    assert_eq!(resp.status(), 200);
}

fn requests(emu: &Emulator) -> u64 {
    emu.shared().requests_served.load(Ordering::SeqCst)
}

/// Users whose name contains `prefix`, sorted by name, `size` per page.
fn opts(prefix: &str, size: u32) -> RequestOptions {
    let mut o = RequestOptions::new();
    o.add_filter("name", FilterOp::Has, prefix).unwrap();
    o.add_sort("name", SortDirection::Asc).unwrap();
    o.set_page_size(size).unwrap();
    o
}

#[test]
fn users_added_while_paging_never_make_it_loop() {
    let emu = common::emulator();
    let s = signed_in(&emu);
    for read_ahead in [0, 4] {
        let prefix = format!("grow{read_ahead}.");
        bulk_users(&emu, &prefix, 1, 1000);
        let mut pager = s
            .users()
            .pager(Some(&opts(&prefix, 100)))
            .read_ahead(read_ahead)
            .unwrap();
        let before = requests(&emu);
        let mut seen = HashSet::new();
        let mut pages = 0;
        // Added users sort after the first 1000 (grow0.100000 > grow0.01000).
        let mut next_start = 100_000;
        while let Some(page) = pager.next_page().unwrap() {
            pages += 1;
            for u in &page.items {
                assert!(seen.insert(u.id().unwrap().to_string()), "twice: {u:?}");
            }
            // 250 more users after every page: more than a page each time.
            bulk_users(&emu, &prefix, next_start, 250);
            next_start += 250;
            assert!(
                pages <= 10,
                "the pager went past the first total's 10 pages"
            );
        }
        // 10 pages (the bound) plus the bulk calls made by the test itself.
        assert_eq!(pages, 10);
        assert_eq!(seen.len(), 1000);
        assert_eq!(requests(&emu) - before, 10 + 10);
    }
}

#[test]
fn users_removed_while_paging_end_the_walk_cleanly() {
    let emu = common::emulator();
    let s = signed_in(&emu);
    bulk_users(&emu, "gone.", 1, 500);
    for read_ahead in [0, 3] {
        let mut pager = s
            .users()
            .pager(Some(&opts("gone.", 50)))
            .read_ahead(read_ahead)
            .unwrap();
        let mut seen = HashSet::new();
        let mut pages = 0;
        while let Some(page) = pager.next_page().unwrap() {
            pages += 1;
            for u in &page.items {
                assert!(seen.insert(u.id().unwrap().to_string()));
            }
            // Remove 60 users that sort after this page: the list shrinks under the pager.
            let rest = s.users().get(Some(&opts("gone.", 1000))).unwrap();
            for u in rest.items.iter().rev().take(60) {
                s.users().remove(u.id().unwrap(), None).unwrap();
            }
            assert!(pages <= 10);
        }
        assert!(!seen.is_empty());
        // Nothing is left of the first 500 users that the pager did not see, except those
        // removed: every remaining one was handed out once.
        let left = s.users().pager(Some(&opts("gone.", 1000))).all().unwrap();
        assert!(left.iter().all(|u| seen.contains(u.id().unwrap())));
        // Refill for the next round.
        let n = left.len();
        for u in left {
            s.users().remove(u.id().unwrap(), None).unwrap();
        }
        assert!(n < 500);
        bulk_users(&emu, "gone.", 1000 * (read_ahead as usize + 1), 500);
    }
}

#[test]
fn only_the_needed_requests_are_sent() {
    let emu = common::emulator();
    let s = signed_in(&emu);
    bulk_users(&emu, "even.", 1, 1000);
    for (size, read_ahead, want) in [
        (250, 0, 4),
        (250, 3, 4),
        (1000, 0, 1),
        (300, 2, 4),
        (7, 0, 143),
    ] {
        let before = requests(&emu);
        let users = s
            .users()
            .pager(Some(&opts("even.", size)))
            .read_ahead(read_ahead)
            .unwrap()
            .all()
            .unwrap();
        assert_eq!(users.len(), 1000);
        let names: Vec<&str> = users.iter().map(|u| u.name().unwrap()).collect();
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(names, sorted);
        assert_eq!(requests(&emu) - before, want, "page size {size}");
    }
    // An empty list: one request, no page.
    let before = requests(&emu);
    let mut p = s
        .users()
        .pager(Some(&opts("nobody.", 10)))
        .read_ahead(5)
        .unwrap();
    assert!(p.next_page().unwrap().is_none());
    assert_eq!(p.total_available(), Some(0));
    assert_eq!(requests(&emu) - before, 1);
    // The default page size is the server's maximum.
    let before = requests(&emu);
    let mut o = RequestOptions::new();
    o.add_filter("name", FilterOp::Has, "even.").unwrap();
    let pages: Vec<_> = s.users().pager(Some(&o)).collect::<Result<_, _>>().unwrap();
    assert_eq!(pages.len(), 1);
    assert_eq!(pages[0].items.len(), 1000);
    assert_eq!(pages[0].pagination.unwrap().page_size, 1000);
    assert_eq!(requests(&emu) - before, 1);
}

#[test]
fn read_ahead_overlaps_round_trips_and_drop_does_not_wait() {
    let emu = common::emulator_with(|c| c.latency_ms = 40);
    let s = signed_in(&emu);
    bulk_users(&emu, "slow.", 1, 1000);
    let time = |read_ahead: u32| {
        let start = Instant::now();
        let users = s
            .users()
            .pager(Some(&opts("slow.", 100)))
            .read_ahead(read_ahead)
            .unwrap()
            .all()
            .unwrap();
        assert_eq!(users.len(), 1000);
        start.elapsed()
    };
    let sequential = time(0);
    let ahead = time(9);
    // 10 round trips of 40 ms one after the other, against 2 (the first page, then the rest
    // in parallel).
    assert!(sequential >= Duration::from_millis(400), "{sequential:?}");
    assert!(
        ahead * 2 < sequential,
        "read-ahead {ahead:?} vs sequential {sequential:?}"
    );

    let mut p = s
        .users()
        .pager(Some(&opts("slow.", 100)))
        .read_ahead(8)
        .unwrap();
    assert!(p.next_page().unwrap().is_some());
    let start = Instant::now();
    drop(p);
    assert!(start.elapsed() < Duration::from_millis(50));
}
