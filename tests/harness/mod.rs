//! A small test runner for test binaries built with `harness = false` whose tests are found at
//! run time (the C programs of `tests/c/`), speaking enough of libtest's command line and output
//! that `cargo test` and its filters work as with `#[test]`: `cargo test --test c_programs --
//! test_users` runs the trials whose name contains `test_users`; `--exact`, `--skip`, `--list`,
//! `--ignored`, `--include-ignored`, `--test-threads` (or `RUST_TEST_THREADS`), `-q` are understood,
//! libtest's other flags accepted and ignored. Trials run on a pool of threads (as many as
//! libtest would use), each failure is reported with its message at the end, and the closing
//! `test result:` line is libtest's.

use std::collections::VecDeque;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::process::ExitCode;
use std::sync::mpsc;
use std::sync::Mutex;
use std::time::Instant;

/// One test: a name and a body that returns its failure message.
pub struct Trial {
    name: String,
    ignored: bool,
    body: Box<dyn FnOnce() -> Result<(), String> + Send>,
}

impl Trial {
    /// A trial that fails when `body` returns an error or panics.
    pub fn new(
        name: impl Into<String>,
        body: impl FnOnce() -> Result<(), String> + Send + 'static,
    ) -> Trial {
        Trial {
            name: name.into(),
            ignored: false,
            body: Box::new(body),
        }
    }

    /// Marks the trial ignored (run only with `--ignored` or `--include-ignored`).
    pub fn ignored(mut self, yes: bool) -> Trial {
        self.ignored = yes;
        self
    }
}

/// What the command line asks for.
#[derive(Default)]
struct Args {
    filters: Vec<String>,
    skip: Vec<String>,
    exact: bool,
    list: bool,
    ignored: bool,
    include_ignored: bool,
    threads: Option<usize>,
    quiet: bool,
}

fn parse(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
    let mut a = Args::default();
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        let mut value = |what: &str| {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| format!("{what} needs a value"))
        };
        match flag.as_str() {
            "--exact" => a.exact = true,
            "--list" => a.list = true,
            "--ignored" => a.ignored = true,
            "--include-ignored" => a.include_ignored = true,
            "-q" | "--quiet" => a.quiet = true,
            "--skip" => a.skip.push(value("--skip")?),
            "--test-threads" => {
                let v = value("--test-threads")?;
                let n =
                    v.parse::<usize>().ok().filter(|n| *n > 0).ok_or_else(|| {
                        format!("--test-threads must be a positive number, not {v}")
                    })?;
                a.threads = Some(n);
            }
            // libtest options with a value that change nothing here.
            "--color" | "--format" | "--logfile" | "-Z" | "--shuffle-seed" => {
                value(&flag)?;
            }
            f if f.starts_with('-') => {} // --nocapture, --show-output, ...
            _ => a.filters.push(arg),
        }
    }
    Ok(a)
}

impl Args {
    fn selects(&self, name: &str) -> bool {
        let hit = |f: &String| {
            if self.exact {
                name == f
            } else {
                name.contains(f.as_str())
            }
        };
        (self.filters.is_empty() || self.filters.iter().any(hit)) && !self.skip.iter().any(hit)
    }

    fn threads(&self) -> usize {
        self.threads
            .or_else(|| std::env::var("RUST_TEST_THREADS").ok()?.parse().ok())
            .filter(|n| *n > 0)
            .unwrap_or_else(|| {
                std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
            })
    }
}

fn panic_text(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic with a non-string payload".to_string())
}

/// Runs the trials the command line selects, in the order given, and reports like libtest.
pub fn run(trials: Vec<Trial>) -> ExitCode {
    let args = match parse(std::env::args().skip(1)) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(101);
        }
    };
    let total = trials.len();
    let selected: Vec<Trial> = trials
        .into_iter()
        .filter(|t| args.selects(&t.name))
        .collect();
    let mut filtered_out = total - selected.len();
    if args.list {
        for t in &selected {
            println!("{}: test", t.name);
        }
        return ExitCode::SUCCESS;
    }
    let (to_run, ignored): (Vec<Trial>, Vec<Trial>) = if args.include_ignored {
        (selected, Vec::new())
    } else if args.ignored {
        let (ign, rest): (Vec<Trial>, Vec<Trial>) = selected.into_iter().partition(|t| t.ignored);
        filtered_out += rest.len();
        (ign, Vec::new())
    } else {
        selected.into_iter().partition(|t| !t.ignored)
    };
    println!(
        "\nrunning {} test{}",
        to_run.len() + ignored.len(),
        if to_run.len() + ignored.len() == 1 {
            ""
        } else {
            "s"
        }
    );
    for t in &ignored {
        if args.quiet {
            print!("i");
        } else {
            println!("test {} ... ignored", t.name);
        }
    }
    let start = Instant::now();
    let count = to_run.len();
    let queue = Mutex::new(to_run.into_iter().collect::<VecDeque<Trial>>());
    let (tx, rx) = mpsc::channel::<(String, Result<(), String>)>();
    let mut failures: Vec<(String, String)> = Vec::new();
    std::thread::scope(|scope| {
        for _ in 0..args.threads().min(count.max(1)) {
            let tx = tx.clone();
            let queue = &queue;
            scope.spawn(move || loop {
                let next = queue.lock().unwrap_or_else(|e| e.into_inner()).pop_front();
                let Some(t) = next else { break };
                let outcome = catch_unwind(AssertUnwindSafe(t.body))
                    .unwrap_or_else(|p| Err(format!("panicked: {}", panic_text(&*p))));
                if tx.send((t.name, outcome)).is_err() {
                    break;
                }
            });
        }
        drop(tx);
        for (name, outcome) in rx {
            let ok = outcome.is_ok();
            match (args.quiet, ok) {
                (true, _) => print!("{}", if ok { "." } else { "F" }),
                (false, true) => println!("test {name} ... ok"),
                (false, false) => println!("test {name} ... FAILED"),
            }
            let _ = std::io::Write::flush(&mut std::io::stdout());
            if let Err(msg) = outcome {
                failures.push((name, msg));
            }
        }
        if args.quiet {
            println!();
        }
    });
    let failed = failures.len();
    if failed > 0 {
        println!("\nfailures:\n");
        for (name, msg) in &failures {
            println!("---- {name} ----\n{msg}\n");
        }
        println!("failures:");
        for (name, _) in &failures {
            println!("    {name}");
        }
    }
    println!(
        "\ntest result: {}. {} passed; {failed} failed; {} ignored; 0 measured; {filtered_out} filtered out; finished in {:.2}s\n",
        if failed == 0 { "ok" } else { "FAILED" },
        count - failed,
        ignored.len(),
        start.elapsed().as_secs_f64()
    );
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(101)
    }
}

/// Checks the command line is read as libtest reads it (a trial of the binary using this runner).
pub fn self_test() -> Result<(), String> {
    let args = |v: &[&str]| parse(v.iter().map(|s| s.to_string()));
    let a = args(&[
        "test_users",
        "--skip",
        "valgrind",
        "--test-threads=3",
        "--nocapture",
    ])?;
    let picked = [
        "test_users::plain",
        "test_users::valgrind",
        "test_groups::plain",
    ]
    .into_iter()
    .filter(|n| a.selects(n))
    .collect::<Vec<_>>();
    if picked != ["test_users::plain"] || a.threads() != 3 {
        return Err(format!(
            "filter/skip/threads misread: {picked:?}, {}",
            a.threads()
        ));
    }
    let e = args(&["--exact", "test_users"])?;
    if e.selects("test_users::plain") || !e.selects("test_users") {
        return Err("--exact misread".into());
    }
    let all = args(&["-q", "--color", "never", "--format=pretty"])?;
    if !all.selects("anything") || !all.filters.is_empty() || !all.quiet {
        return Err("flags with values taken for filters".into());
    }
    if args(&["--test-threads", "0"]).is_ok() || args(&["--skip"]).is_ok() {
        return Err("a bad --test-threads or a missing value was accepted".into());
    }
    Ok(())
}
