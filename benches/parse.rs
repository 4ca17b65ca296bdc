//! Parsing throughput: bytes of a listing reply to model values, for 1000-item pages of
//! workbooks (the reference: ~700 KB, the Python client parses it at ~2.4 MB/s), sites,
//! projects, users and views, shaped like Tableau Server's replies.
//!
//! Run: `cargo bench --bench parse` (release build). Prints MB/s per page type.

use std::time::{Duration, Instant};
use tsc::models::{Model, Page, Project, Site, User, View, Workbook};

fn uuid(i: usize, salt: u32) -> String {
    format!(
        "{:08x}-{:04x}-4{:03x}-8{:03x}-{:012x}",
        i as u32 ^ salt,
        i % 0xffff,
        i % 0xfff,
        (i * 7) % 0xfff,
        i * 7919
    )
}

fn envelope(list: &str, n: usize, items: String) -> Vec<u8> {
    format!(
        "<?xml version='1.0' encoding='UTF-8'?><tsResponse xmlns=\"http://tableau.com/api\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://tableau.com/api https://help.tableau.com/samples/en-us/rest_api/ts-api_3_25.xsd\"><pagination pageNumber=\"1\" pageSize=\"{n}\" totalAvailable=\"{n}\"/><{list}>{items}</{list}></tsResponse>"
    )
    .into_bytes()
}

fn workbooks(n: usize) -> Vec<u8> {
    let mut s = String::new();
    for i in 0..n {
        s.push_str(&format!(
            "<workbook id=\"{id}\" name=\"Superstore Sales Analysis {i}\" description=\"Quarterly sales &amp; profit by region, segment and category ({i})\" contentUrl=\"SuperstoreSalesAnalysis{i}\" webpageUrl=\"https://tableau.example.com/#/site/marketing/workbooks/{i}\" showTabs=\"true\" size=\"{size}\" createdAt=\"2024-03-1{d}T08:15:{d}2Z\" updatedAt=\"2025-01-2{d}T17:42:0{d}Z\" encryptExtracts=\"false\" defaultViewId=\"{v}\"><project id=\"{p}\" name=\"Marketing Analytics\"/><owner id=\"{o}\" name=\"analyst{i}@example.com\"/><tags><tag label=\"sales\"/><tag label=\"quarterly\"/></tags><dataAccelerationConfig accelerationEnabled=\"false\"/></workbook>",
            id = uuid(i, 1),
            v = uuid(i, 2),
            p = uuid(i % 20, 3),
            o = uuid(i % 50, 4),
            size = i % 90 + 1,
            d = i % 10,
        ));
    }
    envelope("workbooks", n, s)
}

fn sites(n: usize) -> Vec<u8> {
    let mut s = String::new();
    for i in 0..n {
        s.push_str(&format!(
            "<site id=\"{id}\" name=\"Site number {i}\" contentUrl=\"site{i}\" adminMode=\"ContentAndUsers\" state=\"Active\" storageQuota=\"1000\" userQuota=\"{q}\" disableSubscriptions=\"false\" revisionHistoryEnabled=\"true\" revisionLimit=\"25\" subscribeOthersEnabled=\"true\" allowSubscriptionAttachments=\"true\" guestAccessEnabled=\"false\" cacheWarmupEnabled=\"true\" commentingEnabled=\"true\" catalogingEnabled=\"true\" flowsEnabled=\"true\" extractEncryptionMode=\"enabled\" requestAccessEnabled=\"false\" runNowEnabled=\"true\" dataAlertsEnabled=\"true\" askDataMode=\"EnabledByDefault\" userVisibilityMode=\"FULL\" timeZone=\"UTC\"/>",
            id = uuid(i, 5),
            q = i % 500,
        ));
    }
    envelope("sites", n, s)
}

fn projects(n: usize) -> Vec<u8> {
    let mut s = String::new();
    for i in 0..n {
        s.push_str(&format!(
            "<project id=\"{id}\" name=\"Project {i}\" description=\"Everything about area {i}\" createdAt=\"2024-02-01T10:00:00Z\" updatedAt=\"2025-02-01T10:00:00Z\" contentPermissions=\"ManagedByOwner\" parentProjectId=\"{p}\" topLevelProject=\"false\" writeable=\"true\"><owner id=\"{o}\"/><contentsCounts projectCount=\"2\" workbookCount=\"{i}\" viewCount=\"31\" dataSourceCount=\"4\"/></project>",
            id = uuid(i, 6),
            p = uuid(i % 10, 6),
            o = uuid(i % 40, 4),
        ));
    }
    envelope("projects", n, s)
}

fn users(n: usize) -> Vec<u8> {
    let mut s = String::new();
    for i in 0..n {
        s.push_str(&format!(
            "<user id=\"{id}\" name=\"user{i}@example.com\" siteRole=\"Explorer\" lastLogin=\"2025-03-04T05:06:07Z\" externalAuthUserId=\"\" fullName=\"User Number {i}\" email=\"user{i}@example.com\" authSetting=\"ServerDefault\"><domain name=\"local\"/></user>",
            id = uuid(i, 7),
        ));
    }
    envelope("users", n, s)
}

fn views(n: usize) -> Vec<u8> {
    let mut s = String::new();
    for i in 0..n {
        s.push_str(&format!(
            "<view id=\"{id}\" name=\"Sales by Region {i}\" contentUrl=\"Superstore/sheets/SalesbyRegion{i}\" createdAt=\"2024-03-10T08:15:02Z\" updatedAt=\"2025-01-20T17:42:00Z\" viewUrlName=\"SalesbyRegion{i}\" sheetType=\"worksheet\"><workbook id=\"{w}\"/><owner id=\"{o}\"/><project id=\"{p}\"/><tags/><usage totalViewCount=\"{i}\"/></view>",
            id = uuid(i, 8),
            w = uuid(i / 5, 1),
            o = uuid(i % 50, 4),
            p = uuid(i % 20, 3),
        ));
    }
    envelope("views", n, s)
}

/// Parses `body` repeatedly for about a second; returns (MB/s, items per page).
fn measure<T: Model>(body: &[u8]) -> (f64, usize) {
    let n = Page::<T>::from_xml(body).expect("parse").items.len();
    let start = Instant::now();
    let mut rounds = 0u32;
    while start.elapsed() < Duration::from_secs(1) {
        let page = Page::<T>::from_xml(std::hint::black_box(body)).expect("parse");
        std::hint::black_box(page);
        rounds += 1;
    }
    let secs = start.elapsed().as_secs_f64();
    (body.len() as f64 * f64::from(rounds) / secs / 1e6, n)
}

fn main() {
    type Measure = fn(&[u8]) -> (f64, usize);
    let cases: [(&str, Vec<u8>, Measure); 5] = [
        ("workbooks", workbooks(1000), measure::<Workbook>),
        ("sites", sites(1000), measure::<Site>),
        ("projects", projects(1000), measure::<Project>),
        ("users", users(1000), measure::<User>),
        ("views", views(1000), measure::<View>),
    ];
    println!(
        "{:<10} {:>9} {:>7} {:>10}",
        "page", "bytes", "items", "MB/s"
    );
    for (name, body, f) in cases {
        let (mbps, n) = f(&body);
        println!("{name:<10} {:>9} {n:>7} {mbps:>10.1}", body.len());
    }
}
