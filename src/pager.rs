//! `Pager<T>`: walks every page of a listing, one page per call, each item once, over any
//! page-fetching closure. It asks for the largest page the server allows (1000) unless the options
//! set a size; it stops on `totalAvailable`, on an empty or a short page, and it bounds the page
//! count by the first total it sees, so items added or removed meanwhile never make it loop (a
//! page that has vanished, Tableau's `400006`, ends the walk too).
//!
//! Read-ahead N: once the total is known, up to N further pages are fetched in parallel, each on
//! a worker thread holding a clone of the closure (and so of the `Server`), and handed out in
//! order. Dropping a pager mid-way never waits: the workers finish their request and their result
//! is discarded.

use crate::error::{Error, Result, Status};
use crate::models::{Page, Pagination};
use crate::query::{RequestOptions, TSC_MAX_PAGE_SIZE};
use std::collections::VecDeque;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{mpsc, Arc};

/// The most pages a pager fetches ahead: the largest `read_ahead` the `tsc_<family>_pager`
/// constructors accept.
pub const TSC_MAX_READ_AHEAD: u32 = 64;

/// Fetches the page the options ask for.
type Fetch<T> = dyn Fn(&RequestOptions) -> Result<Page<T>> + Send + Sync;

/// A page being fetched on a worker thread: its number and where its result arrives.
type Pending<T> = (u32, mpsc::Receiver<Result<Page<T>>>);

/// Walks every page of a listing. Made by the `pager` methods of the endpoint families
/// (`server.users().pager(None)`), or by [`Pager::new`] over any page-fetching closure.
///
/// Iterating yields one `Result<Page<T>>` per page. After an error the pager stays at that page,
/// so the next call retries it. `Send`: one thread at a time, and it may move between threads.
pub struct Pager<T> {
    fetch: Arc<Fetch<T>>,
    /// The caller's filters, sorts and fields (page number and size are set per request).
    opts: RequestOptions,
    page_size: u32,
    /// The page number the next call hands out.
    next_page: u32,
    /// The last page to fetch, from the smallest total seen so far.
    last_page: Option<u32>,
    total: Option<i64>,
    read_ahead: u32,
    /// Pages being fetched ahead, in page order, starting at `next_page` or later.
    ahead: VecDeque<Pending<T>>,
    done: bool,
}

impl<T> std::fmt::Debug for Pager<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pager")
            .field("page_size", &self.page_size)
            .field("next_page", &self.next_page)
            .field("last_page", &self.last_page)
            .field("total", &self.total)
            .field("read_ahead", &self.read_ahead)
            .field("in_flight", &self.ahead.len())
            .field("done", &self.done)
            .finish()
    }
}

/// Pages needed for `total` items of `size` (0 for none).
fn pages_for(total: i64, size: u32) -> u32 {
    let total = total.max(0) as u64;
    u32::try_from(total.div_ceil(u64::from(size.max(1)))).unwrap_or(u32::MAX)
}

/// Tableau's "page number beyond the last page" (`400006`): the list shrank under the pager.
fn is_past_end(e: &Error) -> bool {
    e.status() == Status::BadRequest && e.code() == Some("400006")
}

impl<T: Send + 'static> Pager<T> {
    /// A pager over `fetch`, which gets the page each call asks for. `opts` (borrowed, copied)
    /// gives filters, sorts, fields, and optionally the page size (default 1000, the server's
    /// maximum) and the first page (default 1).
    pub fn new(
        opts: Option<&RequestOptions>,
        fetch: impl Fn(&RequestOptions) -> Result<Page<T>> + Send + Sync + 'static,
    ) -> Pager<T> {
        let opts = opts.cloned().unwrap_or_default();
        Pager {
            page_size: opts.page_size().unwrap_or(TSC_MAX_PAGE_SIZE),
            next_page: opts.page_number().unwrap_or(1),
            fetch: Arc::new(fetch),
            opts,
            last_page: None,
            total: None,
            read_ahead: 0,
            ahead: VecDeque::new(),
            done: false,
        }
    }

    /// Fetch up to `pages` pages ahead in parallel once the total is known (0, the default:
    /// none). At most [`TSC_MAX_READ_AHEAD`].
    pub fn read_ahead(mut self, pages: u32) -> Result<Pager<T>> {
        if pages > TSC_MAX_READ_AHEAD {
            return Err(Error::invalid(format!(
                "read-ahead of {pages} pages is too many: use 0 to {TSC_MAX_READ_AHEAD}"
            )));
        }
        self.read_ahead = pages;
        Ok(self)
    }

    /// The total the server reported with the latest page; `None` before the first page.
    pub fn total_available(&self) -> Option<i64> {
        self.total
    }

    /// The next page, never empty, or `None` once every page was handed out. On an error the
    /// pager stays at that page: the next call retries it.
    pub fn next_page(&mut self) -> Result<Option<Page<T>>> {
        if self.done {
            return Ok(None);
        }
        let n = self.next_page;
        let result = match self.ahead.front() {
            Some((p, _)) if *p == n => {
                let (_, rx) = self.ahead.pop_front().expect("front exists");
                rx.recv().unwrap_or_else(|_| {
                    Err(Error::new(
                        Status::Panic,
                        format!("the read-ahead of page {n} ended without an answer"),
                    ))
                })
            }
            _ => (self.fetch)(&self.opts.paged(n, self.page_size)),
        };
        let page = match result {
            Ok(page) => page,
            Err(e) if is_past_end(&e) && self.last_page.is_some() => {
                self.finish();
                return Ok(None);
            }
            Err(e) => return Err(e),
        };
        let last = match page.pagination {
            Some(p) if p.total_available >= 0 => self.learn(n, p)?,
            // Not paginated, or no total: this is the only page (as in the Python client).
            _ => n,
        };
        let count = page.items.len();
        if count == 0 {
            self.finish();
            return Ok(None);
        }
        if n >= last || count < self.page_size as usize {
            self.finish();
        } else {
            self.next_page = n + 1;
            self.ahead.retain(|(p, _)| *p <= last);
            self.top_up(last);
        }
        Ok(Some(page))
    }

    /// Everything that is left, in order.
    pub fn all(mut self) -> Result<Vec<T>> {
        let mut out = Vec::new();
        while let Some(page) = self.next_page()? {
            out.extend(page.items);
        }
        Ok(out)
    }

    /// Takes in the pagination of page `n`; returns the last page to fetch.
    fn learn(&mut self, n: u32, p: Pagination) -> Result<u32> {
        if p.page_number > 0 && p.page_number != i64::from(n) {
            return Err(Error::new(
                Status::Protocol,
                format!(
                    "the pager asked for page {n} but the server answered page {}",
                    p.page_number
                ),
            ));
        }
        // A server with a smaller maximum page size says so on page 1; later page numbers
        // count in its size.
        if n == 1 && p.page_size > 0 && p.page_size < i64::from(self.page_size) {
            self.page_size = p.page_size as u32;
        }
        self.total = Some(p.total_available);
        let last = pages_for(p.total_available, self.page_size);
        let last = self.last_page.map_or(last, |l| l.min(last));
        self.last_page = Some(last);
        Ok(last)
    }

    /// Starts fetches so that up to `read_ahead` pages up to `last` are on their way.
    fn top_up(&mut self, last: u32) {
        while self.ahead.len() < self.read_ahead as usize {
            let p = self.ahead.back().map_or(self.next_page, |(p, _)| p + 1);
            if p > last {
                break;
            }
            match self.spawn(p) {
                Some(rx) => self.ahead.push_back((p, rx)),
                None => break, // no thread available: later pages are fetched in line
            }
        }
    }

    /// Fetches page `p` on a worker thread.
    fn spawn(&self, p: u32) -> Option<mpsc::Receiver<Result<Page<T>>>> {
        let (tx, rx) = mpsc::sync_channel(1);
        let fetch = Arc::clone(&self.fetch);
        let opts = self.opts.paged(p, self.page_size);
        std::thread::Builder::new()
            .name("tsc-pager".into())
            .spawn(move || {
                let result = catch_unwind(AssertUnwindSafe(|| fetch(&opts))).unwrap_or_else(|_| {
                    Err(Error::new(
                        Status::Panic,
                        format!("internal error (panic) while fetching page {p}; please report it"),
                    ))
                });
                // The pager may be gone: then the page is simply dropped.
                let _ = tx.send(result);
            })
            .ok()
            .map(|_| rx)
    }

    /// Ends the walk; fetches still running are abandoned.
    fn finish(&mut self) {
        self.done = true;
        self.ahead.clear();
    }
}

impl<T: Send + 'static> Iterator for Pager<T> {
    type Item = Result<Page<T>>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_page().transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::User;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Mutex;
    use std::time::{Duration, Instant};

    /// Runs before each answer of the fake server (to add or remove items, fail, or sleep).
    type Hook = Box<dyn Fn(u32, &mut Vec<String>) -> Result<()> + Send + Sync>;

    /// A list on a fake server: answers pages like Tableau (400006 past the end) and can change
    /// between requests.
    struct Fake {
        items: Mutex<Vec<String>>,
        requests: Mutex<Vec<(u32, u32)>>,
        hook: Hook,
        paginated: bool,
    }

    impl Fake {
        fn new(n: usize) -> Arc<Fake> {
            Fake::with(n, |_, _| Ok(()))
        }

        fn with(
            n: usize,
            hook: impl Fn(u32, &mut Vec<String>) -> Result<()> + Send + Sync + 'static,
        ) -> Arc<Fake> {
            Arc::new(Fake {
                items: Mutex::new((0..n).map(|i| format!("item{i:06}")).collect()),
                requests: Mutex::new(Vec::new()),
                hook: Box::new(hook),
                paginated: true,
            })
        }

        fn get(&self, o: &RequestOptions) -> Result<Page<User>> {
            let number = o.page_number().unwrap_or(1);
            let size = o.page_size().unwrap_or(100);
            self.requests.lock().unwrap().push((number, size));
            let mut items = self.items.lock().unwrap();
            (self.hook)(number, &mut items)?;
            let start = (number as usize - 1) * size as usize;
            if number > 1 && start >= items.len() {
                return Err(Error::http(
                    400,
                    "GET fake",
                    Some("400006".into()),
                    Some("Bad Request".into()),
                    Some("The start index is greater than or equal to the total count.".into()),
                ));
            }
            let page = items
                .iter()
                .skip(start)
                .take(size as usize)
                .map(|n| {
                    let mut u = User::default();
                    u.set_name(Some(n)).unwrap();
                    u
                })
                .collect();
            Ok(Page {
                items: page,
                pagination: self.paginated.then_some(Pagination {
                    page_number: i64::from(number),
                    page_size: i64::from(size),
                    total_available: items.len() as i64,
                }),
            })
        }

        fn pager(self: &Arc<Self>, opts: Option<&RequestOptions>) -> Pager<User> {
            let me = Arc::clone(self);
            Pager::new(opts, move |o| me.get(o))
        }

        fn requests(&self) -> Vec<(u32, u32)> {
            self.requests.lock().unwrap().clone()
        }
    }

    fn names(p: &Page<User>) -> Vec<String> {
        p.items
            .iter()
            .map(|u| u.name().unwrap().to_string())
            .collect()
    }

    fn sized(n: u32) -> RequestOptions {
        let mut o = RequestOptions::new();
        o.set_page_size(n).unwrap();
        o
    }

    /// Every name, in order, and the page sizes handed out.
    fn walk(mut p: Pager<User>) -> (Vec<String>, Vec<usize>) {
        let (mut all, mut sizes) = (Vec::new(), Vec::new());
        while let Some(page) = p.next_page().unwrap() {
            sizes.push(page.items.len());
            all.extend(names(&page));
        }
        assert!(p.next_page().unwrap().is_none(), "the end is sticky");
        (all, sizes)
    }

    fn expected(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("item{i:06}")).collect()
    }

    #[test]
    fn default_page_size_is_the_server_maximum() {
        let f = Fake::new(2500);
        let (all, sizes) = walk(f.pager(None));
        assert_eq!(all, expected(2500));
        assert_eq!(sizes, [1000, 1000, 500]);
        assert_eq!(f.requests(), [(1, 1000), (2, 1000), (3, 1000)]);
    }

    #[test]
    fn empty_list_ends_at_once() {
        let f = Fake::new(0);
        let mut p = f.pager(None);
        assert!(p.next_page().unwrap().is_none());
        assert_eq!(p.total_available(), Some(0));
        assert_eq!(f.requests().len(), 1);
    }

    #[test]
    fn exact_multiple_needs_no_extra_request() {
        let f = Fake::new(20);
        let (all, sizes) = walk(f.pager(Some(&sized(10))));
        assert_eq!(all, expected(20));
        assert_eq!(sizes, [10, 10]);
        assert_eq!(f.requests().len(), 2);
    }

    #[test]
    fn page_size_one_and_a_later_first_page() {
        let f = Fake::new(5);
        let (all, _) = walk(f.pager(Some(&sized(1))));
        assert_eq!(all, expected(5));
        assert_eq!(f.requests().len(), 5);
        let mut o = sized(2);
        o.set_page_number(2).unwrap();
        let f = Fake::new(5);
        let (all, sizes) = walk(f.pager(Some(&o)));
        assert_eq!(all, expected(5)[2..]);
        assert_eq!(sizes, [2, 1]);
    }

    #[test]
    fn an_unpaginated_list_is_one_page() {
        let mut f = Fake::new(3);
        Arc::get_mut(&mut f).unwrap().paginated = false;
        let (all, _) = walk(f.pager(Some(&sized(1))));
        assert_eq!(all.len(), 1);
        assert_eq!(f.requests().len(), 1);
    }

    #[test]
    fn items_added_meanwhile_never_make_it_loop() {
        // Every request adds 150 items: more than a page each time.
        let f = Fake::with(1000, |_, items| {
            let n = items.len();
            items.extend((n..n + 150).map(|i| format!("item{i:06}")));
            Ok(())
        });
        let (all, _) = walk(f.pager(Some(&sized(100))));
        // The first answer said 1150 items: 12 pages, no more (the last one full by then).
        assert_eq!(f.requests().len(), 12);
        assert_eq!(all, expected(1200));
    }

    #[test]
    fn items_removed_meanwhile_end_the_walk() {
        // Every request removes 30 items from the front.
        let f = Fake::with(300, |_, items| {
            items.drain(..30.min(items.len()));
            Ok(())
        });
        let (all, _) = walk(f.pager(Some(&sized(100))));
        assert!(f.requests().len() <= 3, "{:?}", f.requests());
        let mut dedup = all.clone();
        dedup.dedup();
        assert_eq!(dedup, all, "no item twice");
        // With read-ahead too (pages past the shrunken end answer 400006).
        let f = Fake::with(300, |_, items| {
            items.drain(..30.min(items.len()));
            Ok(())
        });
        let p = f.pager(Some(&sized(50))).read_ahead(8).unwrap();
        let (all, _) = walk(p);
        assert!(f.requests().len() <= 6);
        let mut dedup = all.clone();
        dedup.dedup();
        assert_eq!(dedup, all);
    }

    #[test]
    fn read_ahead_hands_pages_out_in_order() {
        // Later pages answer faster, so they complete out of order.
        let f = Fake::with(1000, |n, _| {
            std::thread::sleep(Duration::from_millis(u64::from(
                40u32.saturating_sub(n * 3),
            )));
            Ok(())
        });
        let p = f.pager(Some(&sized(73))).read_ahead(5).unwrap();
        let (all, sizes) = walk(p);
        assert_eq!(all, expected(1000));
        assert_eq!(sizes.len(), 14);
        let mut asked: Vec<u32> = f.requests().iter().map(|r| r.0).collect();
        asked.sort();
        assert_eq!(
            asked,
            (1..=14).collect::<Vec<_>>(),
            "each page fetched once"
        );
    }

    #[test]
    fn read_ahead_fetches_in_parallel() {
        let in_flight = Arc::new(AtomicUsize::new(0));
        let peak = Arc::new(AtomicUsize::new(0));
        let (i2, p2) = (Arc::clone(&in_flight), Arc::clone(&peak));
        let f = Fake::new(1000);
        let inner = Arc::clone(&f);
        let p = Pager::new(Some(&sized(100)), move |o| {
            let now = i2.fetch_add(1, Ordering::SeqCst) + 1;
            p2.fetch_max(now, Ordering::SeqCst);
            // A page after the first waits (up to 5 s) for a second fetch to be in flight with
            // it: sequential fetching fails the peak check below, however slow the machine.
            let waited = Instant::now();
            while o.page_number().unwrap_or(1) > 1
                && p2.load(Ordering::SeqCst) < 2
                && waited.elapsed() < Duration::from_secs(5)
            {
                std::thread::sleep(Duration::from_millis(1));
            }
            i2.fetch_sub(1, Ordering::SeqCst);
            inner.get(o)
        })
        .read_ahead(4)
        .unwrap();
        let (all, _) = walk(p);
        assert_eq!(all.len(), 1000);
        let peak = peak.load(Ordering::SeqCst);
        assert!(
            (2..=4).contains(&peak),
            "{peak} fetches at once; read-ahead 4 allows 2 to 4"
        );
        assert!(Pager::new(None, move |o| f.get(o)).read_ahead(65).is_err());
    }

    #[test]
    fn an_error_surfaces_in_order_and_the_page_can_be_retried() {
        let fail_once = Arc::new(AtomicUsize::new(1));
        let fo = Arc::clone(&fail_once);
        let f = Fake::with(500, move |n, _| {
            if n == 3 && fo.fetch_sub(1, Ordering::SeqCst) == 1 {
                return Err(Error::new(Status::ServerError, "page 3 failed"));
            }
            Ok(())
        });
        let mut p = f.pager(Some(&sized(100))).read_ahead(3).unwrap();
        let mut seen = Vec::new();
        for _ in 0..2 {
            seen.extend(names(&p.next_page().unwrap().unwrap()));
        }
        let e = p.next_page().unwrap_err();
        assert_eq!(e.status(), Status::ServerError);
        while let Some(page) = p.next_page().unwrap() {
            seen.extend(names(&page));
        }
        assert_eq!(seen, expected(500));
        // The first page failing: the error comes back and the next call retries page 1.
        let fail_once = Arc::new(AtomicUsize::new(1));
        let f = Fake::with(5, move |_, _| {
            if fail_once.fetch_sub(1, Ordering::SeqCst) == 1 {
                return Err(Error::new(Status::Io, "dropped"));
            }
            Ok(())
        });
        let mut p = f.pager(None);
        assert_eq!(p.next_page().unwrap_err().status(), Status::Io);
        assert_eq!(p.next_page().unwrap().unwrap().items.len(), 5);
    }

    #[test]
    fn a_server_answering_another_page_is_a_protocol_error() {
        let mut p: Pager<User> = Pager::new(None, |_| {
            Ok(Page {
                items: vec![User::default()],
                pagination: Some(Pagination {
                    page_number: 7,
                    page_size: 1000,
                    total_available: 1,
                }),
            })
        });
        assert_eq!(p.next_page().unwrap_err().status(), Status::Protocol);
    }

    #[test]
    fn a_smaller_server_maximum_is_followed() {
        // The server caps pages at 100 whatever is asked.
        let f = Fake::new(250);
        let inner = Arc::clone(&f);
        let p = Pager::new(None, move |o| {
            inner.get(&o.paged(o.page_number().unwrap(), 100))
        });
        let (all, sizes) = walk(p);
        assert_eq!(all, expected(250));
        assert_eq!(sizes, [100, 100, 50]);
    }

    #[test]
    fn dropping_mid_way_does_not_wait_for_fetches() {
        let f = Fake::with(10_000, |n, _| {
            if n > 1 {
                std::thread::sleep(Duration::from_millis(400));
            }
            Ok(())
        });
        let mut p = f.pager(Some(&sized(100))).read_ahead(8).unwrap();
        assert!(p.next_page().unwrap().is_some());
        let start = Instant::now();
        drop(p);
        assert!(start.elapsed() < Duration::from_millis(100));
    }
}
