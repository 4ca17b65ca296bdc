//! The `tsc-emulator` command line.

use std::io::Write;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use tsc_emulator::router::ApiVersion;
use tsc_emulator::{mint_jwt, Config, ConnectedApp, Emulator, LogTarget, TlsConfig};

mod args;
use args::Takes;

/// The flags of the server command.
const SERVE_FLAGS: &[(&str, Takes)] = &[
    ("-h", Takes::Nothing),
    ("--help", Takes::Nothing),
    ("-V", Takes::Nothing),
    ("--version", Takes::Nothing),
    ("--listen", Takes::Value),
    ("--admin-user", Takes::Value),
    ("--admin-password", Takes::Value),
    ("--pat", Takes::Value),
    ("--connected-app", Takes::Value),
    ("--api-version", Takes::Value),
    ("--latency-ms", Takes::Value),
    ("--data-dir", Takes::Value),
    ("--seed", Takes::Value),
    ("--session-idle-minutes", Takes::Value),
    ("--content-disposition", Takes::Value),
    ("--publish-limit-mb", Takes::Value),
    ("--chunk-limit-mb", Takes::Value),
    ("--tls-cert", Takes::Value),
    ("--tls-key", Takes::Value),
    ("--tls-self-signed", Takes::Value),
    ("--tls-client-ca", Takes::Value),
    ("--tls-max-version", Takes::Value),
    ("--log-requests", Takes::OptionalValue),
];

/// The flags of one command, or the exit code when it cannot go on: the help was asked for
/// (printed, success) or the command line is wrong (said, failure).
fn command_flags(
    args: &[String],
    spec: &[(&str, Takes)],
) -> Result<Vec<(String, Option<String>)>, ExitCode> {
    let flags = args::parse(args, spec).map_err(|m| fail(&m))?;
    if flags.iter().any(|(f, _)| f == "-h" || f == "--help") {
        print!("{HELP}");
        return Err(ExitCode::SUCCESS);
    }
    Ok(flags)
}

const HELP: &str = "\
tsc-emulator: an offline, stateful Tableau Server REST API emulator

USAGE:
    tsc-emulator [OPTIONS]
    tsc-emulator mint-jwt --connected-app CLIENT_ID:SECRET_ID:SECRET_VALUE --user NAME [--scope S]... [--ttl SECS]
    tsc-emulator samples --out DIR [--hyper-bytes N]
                                Write the sample content (Superstore.twbx, Regional.twb, Sales.tds,
                                Sales.tdsx, Extract.hyper; with --hyper-bytes also Big.hyper of N
                                bytes) into DIR and print the paths

OPTIONS:
    --listen ADDR:PORT          Address to listen on (default 127.0.0.1:8000; port 0 picks a free
                                port). The first line on stdout is `listening on http://ADDR:PORT`
                                (https:// with TLS).
    --admin-user NAME           Server administrator on every site (default admin)
    --admin-password PASSWORD   Its password (default admin)
    --pat NAME=SECRET           A personal access token of the admin (repeatable)
    --connected-app CLIENT_ID:SECRET_ID:SECRET_VALUE
                                Accept HS256 JWTs of this connected app (sign-in with jwt=...)
    --api-version X.Y           Highest REST API version served (default 3.29; one the emulator
                                implements: 2.3 to 2.8, or 3.0 to 3.29); URL versions 2.3 up to
                                it are accepted, newer ones answer 404 (404001)
    --latency-ms N              Sleep N ms before every answer (not /_emulator/ ones)
    --data-dir DIR              Where uploaded content is kept (default: a temp dir removed on exit)
    --seed demo                 Create demo content: sites Default (\"\"), Marketing (marketing),
                                Finance (finance); users alice, bob, carol, dave, erin (password =
                                name + \"pw\", e.g. alicepw; erin is Unlicensed); projects
                                (Sales, Samples, Finance, ...), groups, workbooks Superstore,
                                Regional, Finance Overview, Campaign Results, data sources Sales,
                                Sales Live, Orders Extract, and favorites
    --session-idle-minutes N    Idle expiry of session tokens (default 240)
    --content-disposition plain|rfc5987|none
                                How downloads name their file: filename=\"X.twbx\" (default),
                                filename*=UTF-8''X.twbx (Server 2023.1.7+), or no header at all
    --publish-limit-mb N        Largest file of a single publish request (default 64; larger:
                                400016, use an upload session)
    --chunk-limit-mb N          Largest part of one upload-session append (default 64; larger:
                                400016)
    --tls-cert FILE --tls-key FILE
                                Serve HTTPS with this PEM certificate chain (server certificate
                                first) and PEM private key; the first line says https://
    --tls-self-signed DIR       Serve HTTPS with a CA and a server certificate for 127.0.0.1, ::1
                                and localhost generated at start, written into DIR: ca.pem (the CA
                                for clients to trust), server.pem, server-key.pem, and client.pem,
                                client-key.pem (a client certificate of the same CA, for mTLS)
    --tls-client-ca FILE        Require client certificates issued by a CA of this PEM file (mTLS);
                                read after --tls-self-signed wrote DIR/ca.pem, which may be FILE
    --tls-max-version 1.2|1.3   Highest TLS version offered (default 1.3; 1.2 to test clients'
                                minimum version)
    --log-requests [FILE]       Log one line per request to stderr, or appended to FILE: time,
                                method, path?query, status, milliseconds, body bytes sent, e.g.
                                2026-01-01T12:00:00Z GET /api/3.25/serverinfo 200 0.4ms 331B
                                (never bodies or headers; secret-looking query values as ***)
    -h, --help                  This help
    -V, --version               Version

TEST-CONTROL ENDPOINTS (no authentication):
    GET    /_emulator/health
    POST   /_emulator/faults       body <fault method=\"GET\" path=\"/api/*/sites/*/workbooks/*/content\"
                                   count=\"1\" action=\"status|delay|reset|truncate\" status=\"503\"
                                   retryAfter=\"2\" delayMs=\"500\" afterBytes=\"1024\"/>
                                   (path: `*` matches within a segment, `**` across; count=\"*\" = always)
    GET    /_emulator/faults       list active faults;  DELETE /_emulator/faults  clears them
    POST   /_emulator/sessions/expire[?token=T]      end all sessions (or one): tokens answer 401002
    POST   /_emulator/bulk/users?site=CONTENTURL&count=N&prefix=u[&siteRole=Viewer][&password=P]
    POST   /_emulator/bulk/projects?site=CONTENTURL&count=N&prefix=p[&parent=PROJECT_ID]
    POST   /_emulator/jobs?site=CONTENTURL[&type=RefreshExtract][&delayMs=N][&finishCode=0]
    POST   /_emulator/bulk/workbooks?site=CONTENTURL&count=N[&prefix=wb][&project=ID][&owner=NAME][&sheets=K]
    POST   /_emulator/bulk/datasources?site=CONTENTURL&count=N[&prefix=ds][&type=hyper|tds|tdsx][&bytes=B]
    POST   /_emulator/settings?jobDelayMs=N          new jobs are queued for N/2 ms, then run,
                                                     and complete N ms after creation
    POST   /_emulator/settings?contentDisposition=plain|rfc5987|none
    POST   /_emulator/reset        back to the start state (seed content, no sessions, no faults,
                                   the settings of the command line)
    POST   /_emulator/collections?site=CONTENTURL&name=N[&id=LUID][&owner=USER]
                                   a collection (to make a favorite of)
    POST   /_emulator/panic        a panicking handler (answered 500)
    GET    /_emulator/blob?bytes=N N bytes streamed from a file

Stops cleanly on SIGINT/SIGTERM (removing the temp data dir).
";

/// The `--tls-*` flags as given.
#[derive(Default)]
struct TlsFlags {
    cert: Option<std::path::PathBuf>,
    key: Option<std::path::PathBuf>,
    self_signed: Option<std::path::PathBuf>,
    client_ca: Option<std::path::PathBuf>,
    max_version: Option<tsc_emulator::TlsVersion>,
}

impl TlsFlags {
    fn into_config(self) -> Result<Option<TlsConfig>, &'static str> {
        let mut cfg = match (self.cert, self.key, self.self_signed) {
            (None, None, None) => {
                if self.client_ca.is_some() || self.max_version.is_some() {
                    return Err("--tls-client-ca and --tls-max-version need --tls-cert and --tls-key, or --tls-self-signed");
                }
                return Ok(None);
            }
            (Some(c), Some(k), None) => TlsConfig::files(c, k),
            (None, None, Some(d)) => TlsConfig::self_signed(d),
            (_, _, Some(_)) => {
                return Err("--tls-self-signed cannot be combined with --tls-cert/--tls-key")
            }
            _ => return Err("--tls-cert and --tls-key go together"),
        };
        cfg.client_ca = self.client_ca;
        cfg.max_version = self.max_version;
        Ok(Some(cfg))
    }
}

fn fail(msg: &str) -> ExitCode {
    eprintln!("tsc-emulator: {msg}");
    eprintln!("Try 'tsc-emulator --help'.");
    ExitCode::from(2)
}

fn parse_app(v: &str) -> Option<ConnectedApp> {
    let mut it = v.splitn(3, ':');
    let (a, b, c) = (it.next()?, it.next()?, it.next()?);
    if a.is_empty() || b.is_empty() || c.is_empty() {
        return None;
    }
    Some(ConnectedApp {
        client_id: a.to_string(),
        secret_id: b.to_string(),
        secret_value: c.to_string(),
    })
}

fn mint(args: &[String]) -> ExitCode {
    let mut app = None;
    let mut user = None;
    let mut scopes: Vec<String> = Vec::new();
    let mut ttl: i64 = 300;
    let spec = [
        ("-h", Takes::Nothing),
        ("--help", Takes::Nothing),
        ("--connected-app", Takes::Value),
        ("--user", Takes::Value),
        ("--scope", Takes::Value),
        ("--ttl", Takes::Value),
    ];
    let flags = match command_flags(args, &spec) {
        Ok(f) => f,
        Err(code) => return code,
    };
    for (flag, val) in flags {
        let val = val.unwrap_or_default();
        match flag.as_str() {
            "--connected-app" => match parse_app(&val) {
                Some(a) => app = Some(a),
                None => return fail("--connected-app must be CLIENT_ID:SECRET_ID:SECRET_VALUE"),
            },
            "--user" => user = Some(val),
            "--scope" => scopes.push(val),
            _ => match val.parse() {
                Ok(n) => ttl = n,
                Err(_) => return fail("--ttl must be a number of seconds"),
            },
        }
    }
    let (Some(app), Some(user)) = (app, user) else {
        return fail("mint-jwt needs --connected-app and --user");
    };
    if scopes.is_empty() {
        scopes = vec![
            "tableau:content:read".into(),
            "tableau:content:write".into(),
        ];
    }
    let s: Vec<&str> = scopes.iter().map(String::as_str).collect();
    println!("{}", mint_jwt(&app, &user, &s, ttl));
    ExitCode::SUCCESS
}

/// `tsc-emulator samples --out DIR [--hyper-bytes N]`
fn samples(args: &[String]) -> ExitCode {
    let mut out = None;
    let mut hyper: Option<u64> = None;
    let spec = [
        ("-h", Takes::Nothing),
        ("--help", Takes::Nothing),
        ("--out", Takes::Value),
        ("--hyper-bytes", Takes::Value),
    ];
    let flags = match command_flags(args, &spec) {
        Ok(f) => f,
        Err(code) => return code,
    };
    for (flag, val) in flags {
        let val = val.unwrap_or_default();
        match flag.as_str() {
            "--out" => out = Some(std::path::PathBuf::from(val)),
            _ => match val.parse() {
                Ok(n) => hyper = Some(n),
                Err(_) => return fail("--hyper-bytes must be a number of bytes"),
            },
        }
    }
    let Some(dir) = out else {
        return fail("samples needs --out DIR");
    };
    let mut paths = match tsc_emulator::content::write_sample_set(&dir) {
        Ok(p) => p,
        Err(e) => {
            eprintln!(
                "tsc-emulator: cannot write samples into {}: {e}",
                dir.display()
            );
            return ExitCode::from(1);
        }
    };
    if let Some(n) = hyper {
        let p = dir.join("Big.hyper");
        let r = std::fs::File::create(&p).and_then(|f| {
            let mut w = std::io::BufWriter::with_capacity(1 << 20, f);
            tsc_emulator::content::hyper_file(n, 1, &mut w)?;
            w.flush()
        });
        if let Err(e) = r {
            eprintln!("tsc-emulator: cannot write {}: {e}", p.display());
            return ExitCode::from(1);
        }
        paths.push(p);
    }
    for p in paths {
        println!("{}", p.display());
    }
    ExitCode::SUCCESS
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("mint-jwt") => return mint(&args[1..]),
        Some("samples") => return samples(&args[1..]),
        _ => {}
    }
    let mut config = Config {
        listen: "127.0.0.1:8000".to_string(),
        ..Config::default()
    };
    let mut tls = TlsFlags::default();
    let flags = match command_flags(&args, SERVE_FLAGS) {
        Ok(f) => f,
        Err(code) => return code,
    };
    if flags.iter().any(|(f, _)| f == "-V" || f == "--version") {
        println!("tsc-emulator {}", env!("CARGO_PKG_VERSION"));
        return ExitCode::SUCCESS;
    }
    for (flag, val) in flags {
        if flag == "--log-requests" {
            config.log_requests = Some(match val {
                Some(f) => LogTarget::File(f.into()),
                None => LogTarget::Stderr,
            });
            continue;
        }
        let val = val.unwrap_or_default();
        match flag.as_str() {
            "--listen" => config.listen = val,
            "--admin-user" => {
                if val.is_empty() {
                    return fail("--admin-user cannot be empty");
                }
                config.admin_user = val
            }
            "--admin-password" => config.admin_password = val,
            "--pat" => match val.split_once('=') {
                Some((n, s)) if !n.is_empty() && !s.is_empty() => {
                    config.pats.push((n.into(), s.into()))
                }
                _ => return fail("--pat must be NAME=SECRET"),
            },
            "--connected-app" => match parse_app(&val) {
                Some(a) => config.connected_app = Some(a),
                None => return fail("--connected-app must be CLIENT_ID:SECRET_ID:SECRET_VALUE"),
            },
            "--api-version" => {
                if !ApiVersion::parse(&val).is_some_and(ApiVersion::is_implemented) {
                    return fail(&format!(
                        "--api-version '{val}' is not a REST API version the emulator implements ({})",
                        ApiVersion::IMPLEMENTED
                    ));
                }
                config.api_version = val
            }
            "--latency-ms" => match val.parse() {
                Ok(n) => config.latency_ms = n,
                Err(_) => return fail("--latency-ms must be a number"),
            },
            "--data-dir" => config.data_dir = Some(val.into()),
            "--seed" => {
                if val != "demo" {
                    return fail("--seed supports only 'demo'");
                }
                config.seed_demo = true
            }
            "--session-idle-minutes" => match val.parse() {
                Ok(n) if n > 0 => config.session_idle_minutes = n,
                _ => return fail("--session-idle-minutes must be a positive number"),
            },
            "--content-disposition" => match tsc_emulator::Disposition::parse(&val) {
                Some(d) => config.content_disposition = d,
                None => return fail("--content-disposition must be plain, rfc5987 or none"),
            },
            "--publish-limit-mb" => match val.parse::<u64>() {
                Ok(n) if n > 0 => config.max_publish_bytes = n * 1024 * 1024,
                _ => return fail("--publish-limit-mb must be a positive number"),
            },
            "--chunk-limit-mb" => match val.parse::<u64>() {
                Ok(n) if n > 0 => config.max_chunk_bytes = n * 1024 * 1024,
                _ => return fail("--chunk-limit-mb must be a positive number"),
            },
            "--tls-cert" => tls.cert = Some(val.into()),
            "--tls-key" => tls.key = Some(val.into()),
            "--tls-self-signed" => tls.self_signed = Some(val.into()),
            "--tls-client-ca" => tls.client_ca = Some(val.into()),
            "--tls-max-version" => match tsc_emulator::TlsVersion::parse(&val) {
                Some(v) => tls.max_version = Some(v),
                None => return fail("--tls-max-version must be 1.2 or 1.3"),
            },
            other => unreachable!("{other} is in SERVE_FLAGS but not handled"),
        }
    }
    config.tls = match tls.into_config() {
        Ok(t) => t,
        Err(m) => return fail(m),
    };

    let stop = Arc::new(AtomicBool::new(false));
    for sig in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
        if let Err(e) = signal_hook::flag::register(sig, stop.clone()) {
            eprintln!("tsc-emulator: cannot install a signal handler: {e}");
        }
    }
    let emu = match Emulator::start(config) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("tsc-emulator: cannot start: {e}");
            return ExitCode::from(1);
        }
    };
    {
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "listening on {}", emu.url());
        let _ = out.flush();
    }
    eprintln!("tsc-emulator: data dir {}", emu.data_dir().display());
    while !stop.load(Ordering::SeqCst) {
        std::thread::sleep(Duration::from_millis(100));
    }
    eprintln!("tsc-emulator: shutting down");
    emu.stop();
    ExitCode::SUCCESS
}
