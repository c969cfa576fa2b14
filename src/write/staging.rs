//! The staging folders a build writes into beside its output: their names,
//! removal on Ctrl+C or SIGTERM, removal of those a killed build left behind,
//! and the swap that puts a finished one in the output's place without the
//! output ever missing (one `renameat2(RENAME_EXCHANGE)` on Linux).

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;

/// Staging folders of this process that are not yet in place: what a
/// signal handler must remove before the process ends. Also held during a
/// swap, so that a signal cannot remove a folder while it moves.
static LIVE: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Set when the process was told to stop: no file is written after it.
static STOPPING: AtomicBool = AtomicBool::new(false);
/// Writes under way, which a signal waits for before removing their folder
/// (else a write would create the folder again as it goes).
static WRITING: AtomicUsize = AtomicUsize::new(0);

/// A write into a staging folder in progress; `None` when the process is stopping.
pub struct Writing(());

impl Writing {
    pub fn start() -> Option<Writing> {
        WRITING.fetch_add(1, Ordering::SeqCst);
        if STOPPING.load(Ordering::SeqCst) {
            WRITING.fetch_sub(1, Ordering::SeqCst);
            return None;
        }
        Some(Writing(()))
    }
}

impl Drop for Writing {
    fn drop(&mut self) {
        WRITING.fetch_sub(1, Ordering::SeqCst);
    }
}

/// The marks in a staging folder's name, after `.<output name>`.
const NEW: &str = ".minhbach-new-";
const OLD: &str = ".minhbach-old-";

/// The name of this process's staging folder (`new`) or of the previous
/// output while it is removed (`old`) for an output called `name`.
pub fn names(parent: &Path, name: &str) -> (PathBuf, PathBuf) {
    let pid = std::process::id();
    (
        parent.join(format!(".{name}{NEW}{pid}")),
        parent.join(format!(".{name}{OLD}{pid}")),
    )
}

/// Remove the staging folders beside the output `name` in `parent` that were
/// left by builds no longer running (killed, or the machine stopped).
pub fn remove_stale(parent: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    let prefix = format!(".{name}");
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(file_name) = file_name.to_str() else {
            continue;
        };
        let Some(rest) = file_name.strip_prefix(&prefix) else {
            continue;
        };
        let Some(pid) = rest
            .strip_prefix(NEW)
            .or_else(|| rest.strip_prefix(OLD))
            .and_then(|p| p.parse::<u32>().ok())
        else {
            continue;
        };
        if pid == std::process::id() || !alive(pid) {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

#[cfg(unix)]
fn alive(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    // Signal 0 checks that the process exists without touching it.
    // SAFETY: kill with signal 0 has no effect besides its result.
    #[allow(unsafe_code)]
    let r = unsafe { libc::kill(pid, 0) };
    r == 0 || io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

#[cfg(not(unix))]
fn alive(_pid: u32) -> bool {
    // Without a cheap way to ask, assume it still runs: keep its folder.
    true
}

/// Note `dir` as this process's staging folder, to be removed if the
/// process is told to stop before the folder is in place.
pub fn register(dir: &Path) {
    install_handler();
    LIVE.lock()
        .unwrap_or_else(|e| e.into_inner())
        .push(dir.to_path_buf());
}

/// `dir` is gone or in place: a signal need no longer remove it.
pub fn unregister(dir: &Path) {
    LIVE.lock()
        .unwrap_or_else(|e| e.into_inner())
        .retain(|d| d != dir);
}

#[cfg(unix)]
fn install_handler() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
            return;
        };
        std::thread::spawn(move || {
            if let Some(signal) = signals.forever().next() {
                // Hold the list to the end: no swap starts after this.
                let live = LIVE.lock().unwrap_or_else(|e| e.into_inner());
                STOPPING.store(true, Ordering::SeqCst);
                let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
                while WRITING.load(Ordering::SeqCst) > 0 && std::time::Instant::now() < deadline {
                    std::thread::sleep(std::time::Duration::from_millis(2));
                }
                for dir in live.iter() {
                    let _ = fs::remove_dir_all(dir);
                }
                std::process::exit(128 + signal);
            }
        });
    });
}

#[cfg(not(unix))]
fn install_handler() {}

/// Put the finished folder `staging` in place of `out`, which is never
/// missing meanwhile where the system allows it. `old` is where the previous
/// output goes on systems that need two renames.
pub fn swap(staging: &Path, out: &Path, old: &Path) -> io::Result<()> {
    let live = LIVE.lock().unwrap_or_else(|e| e.into_inner());
    if fs::symlink_metadata(out).is_err() {
        fs::rename(staging, out)?;
        drop(live);
        unregister(staging);
        return Ok(());
    }
    match exchange(staging, out) {
        Ok(()) => {
            // `staging` now holds the previous output.
            drop(live);
            let _ = fs::remove_dir_all(staging);
            unregister(staging);
            Ok(())
        }
        Err(_) => {
            // No atomic exchange here (another system, or a file system
            // without it): move the old output aside, then the new one in.
            let _ = fs::remove_dir_all(old);
            fs::rename(out, old)?;
            if let Err(e) = fs::rename(staging, out) {
                let _ = fs::rename(old, out);
                return Err(e);
            }
            drop(live);
            unregister(staging);
            let _ = fs::remove_dir_all(old);
            Ok(())
        }
    }
}

/// Exchange two existing paths in one step.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let a = CString::new(a.as_os_str().as_bytes())?;
    let b = CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both are valid NUL-terminated paths that live across the call.
    #[allow(unsafe_code)]
    let r = unsafe {
        libc::syscall(
            libc::SYS_renameat2,
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if r == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> io::Result<()> {
    Err(io::Error::new(
        io::ErrorKind::Unsupported,
        "no atomic exchange",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stale_folders_of_dead_processes_go() {
        let tmp = tempfile::tempdir().unwrap();
        // A pid far above any the system hands out, and this process's own.
        let dead = tmp.path().join(".public.minhbach-new-4000000000");
        let dead_old = tmp.path().join(".public.minhbach-old-4000000000");
        let (mine, _) = names(tmp.path(), "public");
        let other = tmp.path().join(".other.minhbach-new-4000000000");
        let unrelated = tmp.path().join(".public.minhbach-new-x");
        for d in [&dead, &dead_old, &mine, &other, &unrelated] {
            fs::create_dir_all(d.join("a")).unwrap();
        }
        remove_stale(tmp.path(), "public");
        assert!(!dead.exists() && !dead_old.exists() && !mine.exists());
        assert!(other.exists() && unrelated.exists());
    }

    #[test]
    fn swap_replaces_in_one_step() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let (new, old) = names(tmp.path(), "public");
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join("v"), "1").unwrap();
        fs::create_dir_all(&new).unwrap();
        fs::write(new.join("v"), "2").unwrap();
        swap(&new, &out, &old).unwrap();
        assert_eq!(fs::read_to_string(out.join("v")).unwrap(), "2");
        assert!(!new.exists() && !old.exists());
    }
}
