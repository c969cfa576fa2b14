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
    get_with(port, path, "Host: 127.0.0.1\r\n")
}

/// GET `path` with `headers` (each ending in CRLF): status and body.
fn get_with(port: u16, path: &str, headers: &str) -> (u16, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\n{headers}Connection: close\r\n\r\n"
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
    // A chart's PNG is drawn when asked for (a rebuild does not draw it).
    let (status, png) = get(port, "/reports/demo-2024/projects/projects-by-lead.png");
    assert_eq!(status, 200);
    assert!(png.contains("\u{fffd}PNG\r\n"), "not a PNG");
    assert!(!png.contains("<svg"), "the SVG it is drawn from");

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

#[test]
fn other_sites_get_no_content() {
    let site = Site::fixture("minimal");
    let server = start(&site);
    let port = server.port;
    for host in [
        "attacker.example".to_string(),
        format!("attacker.example:{port}"),
        format!("127.0.0.1:{}", port.wrapping_add(1)),
    ] {
        let (status, body) = get_with(port, "/reports/demo-2024/", &format!("Host: {host}\r\n"));
        assert_eq!(status, 421, "Host: {host}");
        assert!(!body.contains("Kế hoạch"), "Host: {host}: {body}");
    }
    let (status, _) = get_with(port, "/reports/demo-2024/", "");
    assert_ne!(status, 200, "no Host at all");
    for host in [
        format!("localhost:{port}"),
        format!("[::1]:{port}"),
        format!("127.0.0.1:{port}"),
    ] {
        let (status, body) = get_with(port, "/reports/demo-2024/", &format!("Host: {host}\r\n"));
        assert_eq!(status, 200, "Host: {host}");
        assert!(body.contains("Kế hoạch"));
    }
    let (status, body) = get_with(
        port,
        "/__minhbach/wait?v=0",
        &format!("Host: 127.0.0.1:{port}\r\nOrigin: http://attacker.example\r\n"),
    );
    assert_eq!(status, 403, "{body}");
    let (status, _) = get_with(
        port,
        "/",
        &format!("Host: 127.0.0.1:{port}\r\nOrigin: http://localhost:{port}\r\n"),
    );
    assert_eq!(status, 200);
}

#[test]
fn a_redirect_to_a_folder_with_a_vietnamese_name_is_answered() {
    let site = Site::fixture("minimal");
    let dir = site.dir.path().join("themes/mine/static/giao-diện");
    std::fs::create_dir_all(&dir).unwrap();
    let yaml = site.read("site.yaml");
    site.write("site.yaml", &format!("{yaml}\ntheme: mine\n"));
    std::fs::write(dir.join("index.html"), "<p>x</p>").unwrap();
    let server = start(&site);
    let (status, _) = get(server.port, "/static/giao-di%E1%BB%87n/");
    assert_eq!(status, 200, "the folder is served");
    let mut s = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    write!(
        s,
        "GET /static/giao-di%E1%BB%87n HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut buf = String::new();
    s.read_to_string(&mut buf).unwrap();
    assert!(buf.starts_with("HTTP/1.1 301"), "{buf}");
    assert!(
        buf.contains("Location: /static/giao-di%E1%BB%87n/"),
        "{buf}"
    );
}

#[cfg(target_os = "linux")]
#[test]
fn a_flood_of_requests_is_served_by_a_bounded_pool() {
    let site = Site::fixture("minimal");
    let server = start(&site);
    let port = server.port;
    let threads = || {
        std::fs::read_to_string(format!("/proc/{}/status", server.child.id()))
            .unwrap()
            .lines()
            .find_map(|l| l.strip_prefix("Threads:"))
            .unwrap()
            .trim()
            .parse::<usize>()
            .unwrap()
    };
    let idle = threads();
    // Long polls that hold their connection for 25 s.
    let mut open = Vec::new();
    for _ in 0..100 {
        let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
        write!(
            s,
            "GET /__minhbach/wait?v=1 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
        )
        .unwrap();
        open.push(s);
    }
    std::thread::sleep(Duration::from_millis(500));
    let start = Instant::now();
    let (status, _) = get(port, "/");
    assert_eq!(status, 200, "pages are still served");
    assert!(start.elapsed() < Duration::from_secs(5));
    // The HTTP library keeps a thread per open connection; the server adds
    // a fixed pool, not one more each.
    let busy = threads();
    assert!(
        busy < idle + 100 + 40,
        "{idle} threads idle, {busy} with 100 connections"
    );
}

#[test]
fn a_content_folder_made_again_is_watched_again() {
    let site = Site::fixture("minimal");
    let server = start(&site);
    let port = server.port;
    let backup = site.dir.path().join("backup");
    common::copy_dir(&site.content(), &backup);
    std::fs::remove_dir_all(site.content()).unwrap();
    std::thread::sleep(Duration::from_millis(700));
    std::fs::rename(&backup, site.content()).unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    site.edit(
        "reports/demo-2024/han-che.md",
        "Nhân lực còn thiếu.",
        "Nhân lực sau khi khôi phục còn thiếu.",
    );
    wait_for(port, "/reports/demo-2024/han-che/", |b| {
        b.contains("Nhân lực sau khi khôi phục còn thiếu.")
    });
}
