//! `minhbach serve`: build into memory, serve on 127.0.0.1, rebuild when
//! content or theme files change, and reload the browser. A failed rebuild
//! keeps serving the last good site and shows the errors over every page.

mod access;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use crate::diagnostics::{Lang, Msg};
use crate::incremental::Incremental;
use crate::render::{escape, percent_decode};
use crate::BuildOptions;

/// What is being served, and how many times it changed.
struct Served {
    files: BTreeMap<String, Vec<u8>>,
    version: u64,
    /// Diagnostics of the last build when it failed, as printed.
    errors: Vec<String>,
    /// The language of messages, on the terminal and over the pages.
    lang: Lang,
}

type Shared = Arc<(Mutex<Served>, Condvar)>;

pub struct ServeOptions {
    pub content: PathBuf,
    pub port: u16,
    pub open: bool,
    /// The language of messages.
    pub lang: Lang,
}

/// Run the preview server until the process is stopped.
pub fn serve(options: &ServeOptions) -> Result<(), Msg> {
    if !options.content.join("site.yaml").is_file() {
        return Err(msg!("no-site",
            en: "{} has no site.yaml: run serve in the site's folder, pass --content DIR, or create a site with `minhbach init`",
            vi: "{} không có site.yaml: chạy serve trong thư mục của trang, thêm --content THƯ_MỤC, hoặc tạo trang bằng `minhbach init`",
            options.content.display()
        ));
    }
    let server = tiny_http::Server::http(("127.0.0.1", options.port))
        .map_err(|e| msg!("cannot-listen", en: "cannot listen on 127.0.0.1:{}: {e}", vi: "không mở được cổng 127.0.0.1:{}: {e}", options.port))?;
    let port = server
        .server_addr()
        .to_ip()
        .map(|a| a.port())
        .unwrap_or(options.port);
    let url = format!("http://127.0.0.1:{port}/");
    let build_options = BuildOptions {
        base_url: Some(url.clone()),
        strict: false,
    };

    let shared: Shared = Arc::new((
        Mutex::new(Served {
            files: BTreeMap::new(),
            version: 0,
            errors: Vec::new(),
            lang: options.lang,
        }),
        Condvar::new(),
    ));
    let site_root = options
        .content
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."));
    // Watch before the first build, so that no change made while it runs
    // goes unseen (rebuilds read only the reports a change was seen in).
    let themes = site_root.join("themes");
    let mut watched = watch(&options.content, &themes)?;
    let mut site = Incremental::new(&options.content, build_options);
    rebuild(&mut site, &shared, None);
    {
        let shared = shared.clone();
        let content = options.content.clone();
        std::thread::spawn(move || {
            let mut identity = folder_identity(&content);
            loop {
                let first = match watched.1.recv_timeout(Duration::from_millis(500)) {
                    Ok(first) => Some(first),
                    Err(mpsc::RecvTimeoutError::Timeout) => None,
                    Err(mpsc::RecvTimeoutError::Disconnected) => return,
                };
                // A folder deleted and made again (a backup restored, `git
                // checkout`) is a new folder: the old watch sees nothing of it.
                let now = folder_identity(&content);
                if now != identity && now.is_some() {
                    match watch(&content, &themes) {
                        Ok(w) => {
                            watched = w;
                            identity = now;
                            eprintln!(
                                "{} was replaced; watching the new folder and rebuilding",
                                content.display()
                            );
                            rebuild(&mut site, &shared, None);
                        }
                        Err(e) => eprintln!("error: {e}"),
                    }
                    continue;
                }
                let Some(first) = first else { continue };
                // Editors save in bursts (temp file, rename, chmod): wait for quiet.
                let mut changed = first;
                while let Ok(more) = watched.1.recv_timeout(Duration::from_millis(30)) {
                    changed = changed.zip(more).map(|(mut a, b)| {
                        a.extend(b);
                        a
                    });
                }
                rebuild(&mut site, &shared, changed.as_deref());
            }
        });
    }

    let m = msg!("serving",
        en: "Serving {url} (content: {}) — press Ctrl+C to stop",
        vi: "Đang phục vụ {url} (nội dung: {}) — bấm Ctrl+C để dừng",
        options.content.display()
    );
    eprintln!("{}", m.get(options.lang));
    if options.open {
        open_browser(&url, options.lang);
    }
    // A fixed pool of workers and a short queue: a flood of connections
    // gets "503 busy" instead of a thread each.
    let (queue, jobs) = mpsc::sync_channel::<tiny_http::Request>(QUEUE);
    let jobs = Arc::new(Mutex::new(jobs));
    for _ in 0..WORKERS {
        let (shared, jobs) = (shared.clone(), jobs.clone());
        std::thread::spawn(move || loop {
            let job = jobs.lock().unwrap_or_else(|e| e.into_inner()).recv();
            let Ok(request) = job else { return };
            respond(request, &shared, port);
        });
    }
    for request in server.incoming_requests() {
        if let Err(mpsc::TrySendError::Full(request)) = queue.try_send(request) {
            let _ = request.respond(tiny_http::Response::from_string("busy").with_status_code(503));
        }
    }
    Ok(())
}

/// Requests answered at once; reload long polls hold one each.
const WORKERS: usize = 16;
/// Requests waiting for a worker before more are turned away.
const QUEUE: usize = 64;

/// Long polls under way, at most [`MAX_WAITS`].
static WAITS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
const MAX_WAITS: usize = WORKERS / 2;

struct WaitSlot;

impl WaitSlot {
    fn take() -> Option<WaitSlot> {
        use std::sync::atomic::Ordering;
        let before = WAITS.fetch_add(1, Ordering::SeqCst);
        if before >= MAX_WAITS {
            WAITS.fetch_sub(1, Ordering::SeqCst);
            return None;
        }
        Some(WaitSlot)
    }
}

impl Drop for WaitSlot {
    fn drop(&mut self) {
        WAITS.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
    }
}

/// What tells one folder from another made in its place.
fn folder_identity(dir: &Path) -> Option<(u64, u64)> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(dir).ok().map(|m| (m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        std::fs::metadata(dir)
            .and_then(|m| m.created())
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map(|d| (d.as_secs(), u64::from(d.subsec_nanos())))
    }
}

/// Rebuild what changed and swap it into what is served.
fn rebuild(site: &mut Incremental, shared: &Shared, changed: Option<&[PathBuf]>) {
    let start = Instant::now();
    let update = site.rebuild_after(changed);
    let items = update.diags.into_sorted();
    let (lock, changed) = &**shared;
    let mut served = lock.lock().unwrap_or_else(|e| e.into_inner());
    let lang = served.lang;
    for d in &items {
        eprintln!("{}\n", d.display(lang));
    }
    served.version += 1;
    if update.ok {
        for path in &update.removed {
            served.files.remove(path);
        }
        let written = update.files.files.len();
        let mut files = update.files.files;
        served.files.append(&mut files);
        served.errors.clear();
        let m = msg!("rendered",
            en: "Rendered {} of {} parts ({written} files) in {} ms",
            vi: "Đã dựng {} trên {} phần ({written} tệp) trong {} ms",
            update.rendered,
            update.units,
            start.elapsed().as_millis()
        );
        eprintln!("{}", m.get(lang));
    } else {
        served.errors = items
            .iter()
            .filter(|d| d.is_error())
            .map(|d| d.display(lang).to_string())
            .collect();
        let m = msg!("build-failed",
            en: "Build failed with {} error(s); still serving the last good site",
            vi: "Xuất bản lỗi ({} lỗi); vẫn phục vụ bản tốt gần nhất của trang",
            served.errors.len()
        );
        eprintln!("{}", m.get(lang));
    }
    changed.notify_all();
}

/// The watcher, and the paths of each change it saw (`None` when it lost
/// track and every file must be looked at).
type Watch = (
    notify::RecommendedWatcher,
    mpsc::Receiver<Option<Vec<PathBuf>>>,
);

fn watch(content: &Path, themes: &Path) -> Result<Watch, Msg> {
    use notify::{RecursiveMode, Watcher};
    let (tx, rx) = mpsc::channel();
    let mut watcher =
        notify::recommended_watcher(move |event: notify::Result<notify::Event>| match event {
            Ok(e) if e.kind.is_access() => {}
            Ok(e) if !e.need_rescan() => {
                let _ = tx.send(Some(e.paths));
            }
            _ => {
                let _ = tx.send(None);
            }
        })
        .map_err(|e| msg!("cannot-watch", en: "cannot watch files: {e}", vi: "không theo dõi được các tệp: {e}"))?;
    watcher
        .watch(content, RecursiveMode::Recursive)
        .map_err(|e| msg!("cannot-watch", en: "cannot watch {}: {e}", vi: "không theo dõi được {}: {e}", content.display()))?;
    if themes.is_dir() {
        watcher
            .watch(themes, RecursiveMode::Recursive)
            .map_err(|e| msg!("cannot-watch", en: "cannot watch {}: {e}", vi: "không theo dõi được {}: {e}", themes.display()))?;
    }
    Ok((watcher, rx))
}

fn respond(request: tiny_http::Request, shared: &Shared, port: u16) {
    if let Some((status, why)) = access::refusal(&request, port) {
        let _ = request.respond(tiny_http::Response::from_string(why).with_status_code(status));
        return;
    }
    let raw = request.url().to_string();
    let (path, query) = raw.split_once('?').unwrap_or((raw.as_str(), ""));
    let (lock, changed) = &**shared;
    if path == "/__minhbach/wait" {
        // Long poll: answer when the site changes, or after a while anyway.
        // Only a few at once, so that pages are always answered; the page's
        // script asks again a second after a refusal.
        let Some(_slot) = WaitSlot::take() else {
            let _ = request.respond(tiny_http::Response::from_string("busy").with_status_code(503));
            return;
        };
        let seen: u64 = query
            .strip_prefix("v=")
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        let guard = lock.lock().unwrap_or_else(|e| e.into_inner());
        let (guard, _) = changed
            .wait_timeout_while(guard, Duration::from_secs(25), |s| s.version == seen)
            .unwrap_or_else(|e| e.into_inner());
        let body = format!("{{\"v\":{}}}", guard.version);
        drop(guard);
        let _ = request.respond(with_type(
            tiny_http::Response::from_string(body),
            "application/json",
        ));
        return;
    }
    let served = lock.lock().unwrap_or_else(|e| e.into_inner());
    let rel = percent_decode(path.trim_start_matches('/'));
    let (status, key) = if served.files.contains_key(&rel) {
        (200, rel.clone())
    } else if rel.is_empty() || rel.ends_with('/') {
        (200, format!("{rel}index.html"))
    } else if served.files.contains_key(&format!("{rel}/index.html")) {
        let to = access::header_safe(&format!("/{rel}/"));
        drop(served);
        let mut response = tiny_http::Response::empty(301);
        if let Ok(header) = tiny_http::Header::from_bytes("Location", to.as_bytes()) {
            response = response.with_header(header);
        }
        let _ = request.respond(response);
        return;
    } else {
        (404, String::new())
    };
    let (status, key) = if status == 200 && served.files.contains_key(&key) {
        (200, key)
    } else {
        // The 404 page of the language the address is in.
        let lang_404 = rel
            .split('/')
            .next()
            .map(|l| format!("{l}/404.html"))
            .filter(|p| served.files.contains_key(p));
        (404, lang_404.unwrap_or_else(|| "404.html".into()))
    };
    let body = served
        .files
        .get(&key)
        .cloned()
        .unwrap_or_else(|| b"Not found".to_vec());
    let content_type = content_type(&key);
    let body = if content_type.starts_with("text/html") {
        inject(
            body,
            served.version,
            &served.errors,
            !served.files.is_empty(),
            served.lang,
        )
    } else {
        body
    };
    drop(served);
    // A chart's PNG is drawn when asked for, not at every rebuild.
    let body = crate::render::export::draw_if_pending(body);
    let response = tiny_http::Response::from_data(body).with_status_code(status);
    let _ = request.respond(with_type(response, content_type));
}

fn with_type<R: std::io::Read>(
    r: tiny_http::Response<R>,
    content_type: &str,
) -> tiny_http::Response<R> {
    let header = tiny_http::Header::from_bytes("Content-Type", content_type.as_bytes())
        .expect("ASCII header");
    let no_cache =
        tiny_http::Header::from_bytes("Cache-Control", "no-store").expect("ASCII header");
    r.with_header(header).with_header(no_cache)
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "csv" => "text/csv; charset=utf-8",
        "xml" => "application/xml",
        "txt" | "" => "text/plain; charset=utf-8",
        "zip" => "application/zip",
        _ => "application/octet-stream",
    }
}

/// Add the reload script, and the error overlay when the last build failed.
fn inject(body: Vec<u8>, version: u64, errors: &[String], last_good: bool, lang: Lang) -> Vec<u8> {
    let mut html = String::from_utf8(body).unwrap_or_default();
    let mut extra = format!(
        "<script>(function(){{var v={version};function poll(){{fetch('/__minhbach/wait?v='+v).then(function(r){{return r.json()}}).then(function(d){{if(d.v!==v){{location.reload()}}else{{poll()}}}}).catch(function(){{setTimeout(poll,1000)}})}}poll()}})();</script>"
    );
    if !errors.is_empty() {
        let failed = lang.pick(
            "minhbach: the last build failed",
            "minhbach: lần xuất bản gần nhất bị lỗi",
        );
        let note = match (last_good, lang) {
            (false, _) => "",
            (true, Lang::En) => "; this is the last good version of the site",
            (true, Lang::Vi) => "; đây là bản tốt gần nhất của trang",
        };
        extra.push_str(&format!(
            "<div id=\"minhbach-errors\" role=\"alert\" style=\"position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;background:#fff4f2;color:#1b1f24;border-top:4px solid #c2410c;padding:1rem;z-index:1000;font:14px/1.5 ui-monospace,monospace\"><strong>{failed}{note}.</strong><pre style=\"white-space:pre-wrap\">",
        ));
        extra.push_str(&escape(&errors.join("\n\n")));
        extra.push_str("</pre></div>");
    }
    match html.rfind("</body>") {
        Some(i) => html.insert_str(i, &extra),
        None => html.push_str(&extra),
    }
    html.into_bytes()
}

fn open_browser(url: &str, lang: Lang) {
    let cmd = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(cmd).arg(url).spawn().is_err() {
        let m = msg!("open-browser", en: "Open {url} in your browser", vi: "Mở {url} trong trình duyệt");
        eprintln!("{}", m.get(lang));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_paths() {
        assert_eq!(percent_decode("a%20b/c"), "a b/c");
        assert_eq!(percent_decode("bad%2"), "bad%2");
        assert_eq!(percent_decode("%E1%BB%87"), "ệ");
    }

    #[test]
    fn overlay_escapes_errors() {
        let html = inject(
            b"<body>x</body>".to_vec(),
            3,
            &["<script>bad</script>".into()],
            true,
            Lang::En,
        );
        let html = String::from_utf8(html).unwrap();
        assert!(html.contains("this is the last good version"));
        assert!(html.contains("&lt;script&gt;bad"));
        assert!(html.contains("var v=3"));
        assert!(html.ends_with("</body>"));
        let vi = inject(
            b"<body>x</body>".to_vec(),
            3,
            &["lỗi".into()],
            true,
            Lang::Vi,
        );
        let vi = String::from_utf8(vi).unwrap();
        assert!(vi.contains(
            "minhbach: lần xuất bản gần nhất bị lỗi; đây là bản tốt gần nhất của trang."
        ));
    }
}
