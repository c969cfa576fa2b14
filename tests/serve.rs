//! `minhbach serve`: serves the site, rebuilds after an edit, shows errors
//! over the last good site, and lets the browser know when to reload.

#![cfg(feature = "serve")]

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::Site;

struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(site: &Site) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_minhbach"))
        .args(["serve", "--port", "0"])
        .current_dir(site.dir.path())
        .env("MINHBACH_LANG", "en")
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if let Some(rest) = line.strip_prefix("Serving http://127.0.0.1:") {
                let port: u16 = rest.split('/').next().unwrap().parse().unwrap();
                let _ = tx.send(port);
            }
        }
    });
    let port = rx
        .recv_timeout(Duration::from_secs(20))
        .expect("server did not start");
    Server { child, port }
}

fn get(port: u16, path: &str) -> (u16, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).unwrap();
    let text = String::from_utf8_lossy(&buf).into_owned();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

fn wait_for(port: u16, path: &str, what: impl Fn(&str) -> bool) -> String {
    let start = Instant::now();
    loop {
        let (_, body) = get(port, path);
        if what(&body) {
            return body;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "timed out waiting on {path}; last body:\n{body}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn serves_rebuilds_after_an_edit_and_shows_errors() {
    let site = Site::fixture("minimal");
    let server = start(&site);
    let port = server.port;

    let (status, body) = get(port, "/reports/demo-2024/");
    assert_eq!(status, 200);
    assert!(body.contains("Kế hoạch thử năm 2024"));
    assert!(
        body.contains("/__minhbach/wait?v="),
        "reload script injected"
    );
    assert_eq!(get(port, "/reports/demo-2024").0, 301);
    let (status, body) = get(port, "/no/such/page/");
    assert_eq!(status, 404);
    assert!(body.contains("Không tìm thấy trang"));
    let (status, css) = get(port, "/static/style.css");
    assert_eq!(status, 200);
    assert!(css.contains("--brand"));

    // An edit is served without restarting.
    site.edit(
        "reports/demo-2024/han-che.md",
        "Nhân lực còn thiếu.",
        "Nhân lực chuyên trách còn thiếu.",
    );
    wait_for(port, "/reports/demo-2024/han-che/", |b| {
        b.contains("Nhân lực chuyên trách còn thiếu.")
    });

    // A mistake keeps the last good site and shows the error with file:line.
    site.edit(
        "reports/demo-2024/indicators.yaml",
        "  decimals: 2",
        "  decimls: 2",
    );
    let body = wait_for(port, "/reports/demo-2024/han-che/", |b| {
        b.contains("minhbach-errors")
    });
    assert!(
        body.contains(
            "content/reports/demo-2024/indicators.yaml:5:3: error: unknown field `decimls`"
        ),
        "{body}"
    );
    assert!(
        body.contains("Nhân lực chuyên trách còn thiếu."),
        "last good site still served"
    );

    // Fixing it removes the overlay.
    site.edit(
        "reports/demo-2024/indicators.yaml",
        "  decimls: 2",
        "  decimals: 2",
    );
    wait_for(port, "/reports/demo-2024/han-che/", |b| {
        !b.contains("minhbach-errors")
    });
}

#[test]
fn the_reload_endpoint_answers_when_the_site_changes() {
    let site = Site::fixture("minimal");
    let server = start(&site);
    let port = server.port;
    let (_, body) = get(port, "/");
    let v: u64 = body
        .split("var v=")
        .nth(1)
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let waiter = std::thread::spawn(move || get(port, &format!("/__minhbach/wait?v={v}")));
    std::thread::sleep(Duration::from_millis(300));
    site.edit(
        "reports/demo-2024/han-che.md",
        "Hạ tầng cấp xã",
        "Hạ tầng số cấp xã",
    );
    let (status, body) = waiter.join().unwrap();
    assert_eq!(status, 200);
    let new: u64 = body
        .trim_start_matches("{\"v\":")
        .trim_end_matches('}')
        .parse()
        .unwrap();
    assert!(new > v, "{body}");
}
