//! Helpers shared by the end-to-end tests.
#![allow(dead_code)] // each test file uses its own subset

pub mod archive;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The project root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `../shared` beside the project, or None (with a loud message) in a user's clone.
pub fn shared() -> Option<PathBuf> {
    let p = root().join("../shared");
    if p.join("spec/event.schema.json").exists() && p.join("dev/gold.jsonl").exists() {
        Some(p)
    } else {
        eprintln!(
            "SKIPPED: ../shared is absent; this test needs the shared contract and labelled sets"
        );
        None
    }
}

/// The `layoffwatch` binary under test.
pub fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_layoffwatch"))
}

/// The JSON lines a run printed.
pub fn json_lines(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// Runs `layoffwatch ARGS --format jsonl --db DB`, which must succeed, and
/// returns its lines.
pub fn jsonl_command(db: &Path, args: &[&str]) -> Vec<serde_json::Value> {
    json_lines(&succeed(
        bin().args(args).args(["--format", "jsonl", "--db"]).arg(db),
    ))
}

/// A running `layoffwatch serve` on a free loopback port, stopped on drop.
pub struct Server {
    child: std::process::Child,
    pub base: String,
}

impl Server {
    /// Starts the server over `db`, with a write token when given.
    pub fn start(db: &Path, token: Option<&str>) -> Server {
        Self::start_with(db, token, &[])
    }

    /// Starts the server with more arguments.
    pub fn start_with(db: &Path, token: Option<&str>, args: &[&std::ffi::OsStr]) -> Server {
        Self::spawn(bin(), db, token, args)
    }

    /// Starts the server with a write token and one environment variable.
    pub fn start_env(db: &Path, token: &str, (key, value): (&str, &str)) -> Server {
        let mut cmd = bin();
        cmd.env(key, value);
        Self::spawn(cmd, db, Some(token), &[])
    }

    fn spawn(
        mut cmd: Command,
        db: &Path,
        token: Option<&str>,
        args: &[&std::ffi::OsStr],
    ) -> Server {
        use std::io::BufRead;
        // Tests serve fresh databases too; `serve` alone needs one to exist.
        cmd.args(["serve", "--create", "--addr", "127.0.0.1:0", "--db"])
            .arg(db);
        cmd.args(args);
        cmd.env_remove("LAYOFFWATCH_TOKEN");
        if let Some(t) = token {
            cmd.args(["--token", t]);
        }
        let mut child = cmd
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("starting the server");
        let mut line = String::new();
        std::io::BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let base = line
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .unwrap_or_else(|| panic!("no address in {line:?}"))
            .to_string();
        Server { child, base }
    }

    /// GET a path; the status and the JSON body.
    pub fn get(&self, path: &str) -> (u16, serde_json::Value) {
        Self::answer(ureq::get(&format!("{}{path}", self.base)).call())
    }

    /// POST a body with an optional bearer token.
    pub fn post(&self, path: &str, token: Option<&str>, body: &[u8]) -> (u16, serde_json::Value) {
        let mut req =
            ureq::post(&format!("{}{path}", self.base)).set("content-type", "application/json");
        if let Some(t) = token {
            req = req.set("authorization", &format!("Bearer {t}"));
        }
        Self::answer(req.send_bytes(body))
    }

    /// POST a body the server may refuse before reading it all (413): the
    /// body is written from another thread whose write errors are ignored,
    /// while this one reads the answer, so an early answer is never lost to
    /// a broken pipe.
    pub fn post_oversized(
        &self,
        path: &str,
        token: &str,
        body: Vec<u8>,
    ) -> (u16, serde_json::Value) {
        use std::io::{Read, Write};
        let addr = self.base.trim_start_matches("http://");
        let mut stream = std::net::TcpStream::connect(addr).unwrap();
        stream
            .set_read_timeout(Some(std::time::Duration::from_secs(60)))
            .unwrap();
        let head = format!(
            "POST {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\n\
             Authorization: Bearer {token}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        );
        let mut writer = stream.try_clone().unwrap();
        let sender = std::thread::spawn(move || {
            let _ = writer.write_all(head.as_bytes());
            let _ = writer.write_all(&body);
        });
        let mut raw = Vec::new();
        let _ = stream.read_to_end(&mut raw);
        let _ = sender.join();
        let text = String::from_utf8_lossy(&raw);
        let status: u16 = text
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("no HTTP status in: {text:.200}"));
        let json = match (text.find('{'), text.rfind('}')) {
            (Some(a), Some(b)) if a < b => &text[a..=b],
            _ => panic!("status {status}: no JSON body in: {text:.200}"),
        };
        let body = serde_json::from_str(json)
            .unwrap_or_else(|e| panic!("status {status}: not JSON ({e}): {json:.200}"));
        (status, body)
    }

    fn answer(r: Result<ureq::Response, ureq::Error>) -> (u16, serde_json::Value) {
        let resp = match r {
            Ok(resp) => resp,
            Err(ureq::Error::Status(_, resp)) => resp,
            Err(e) => panic!("request failed: {e}"),
        };
        let status = resp.status();
        let text = resp.into_string().unwrap();
        let body = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("status {status}: not JSON ({e}): {text:.200}"));
        (status, body)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Ingests paths into `db`, which must succeed.
pub fn ingest(db: &Path, paths: &[&Path]) {
    succeed(bin().arg("ingest").args(paths).arg("--db").arg(db));
}

/// Runs a command with its output captured, killing it when it runs longer
/// than `secs` seconds: a hang fails the test instead of stalling it.
pub fn with_deadline(mut cmd: Command, secs: u64) -> Output {
    use std::process::Stdio;
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed().as_secs() >= secs {
            let _ = child.kill();
            panic!("the command still ran after {secs} s");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    child.wait_with_output().unwrap()
}

/// Runs a command, which must succeed (else its stderr is shown).
pub fn succeed(cmd: &mut Command) -> Output {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// A new, empty database on the PostgreSQL cluster that
/// `LAYOFFWATCH_TEST_PG` names (a superuser URL; `scripts/test.sh` starts
/// a throwaway cluster and sets it), as a URL; None, with a message, when
/// no cluster is named, and a failure when `LAYOFFWATCH_REQUIRE_PG` is set.
pub fn pg_database(tag: &str) -> Option<String> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let Ok(admin) = std::env::var("LAYOFFWATCH_TEST_PG") else {
        assert!(
            std::env::var_os("LAYOFFWATCH_REQUIRE_PG").is_none(),
            "LAYOFFWATCH_REQUIRE_PG is set but LAYOFFWATCH_TEST_PG names no server"
        );
        eprintln!("SKIPPED: PostgreSQL; set LAYOFFWATCH_TEST_PG to a superuser URL");
        return None;
    };
    let name = format!(
        "{tag}_{}_{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    );
    succeed(Command::new("psql").args([admin.as_str(), "-qc", &format!("CREATE DATABASE {name}")]));
    let base = admin.split('?').next().unwrap();
    let (server, _) = base.rsplit_once('/').unwrap();
    Some(format!("{server}/{name}"))
}

/// What `psql` prints for a query (unaligned, tuples only).
pub fn psql(url: &str, sql: &str) -> String {
    let out = succeed(Command::new("psql").args([url, "-XAtc", sql]));
    String::from_utf8(out.stdout).unwrap()
}
