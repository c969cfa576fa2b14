//! Rules of site.yaml that keep one address for one file: a language's pages
//! live in a folder named by its code, beside the site's own folders, and
//! every address starts with `base_url`.

use crate::diagnostics::Msg;

/// Folders at the top of the output that every site has.
pub const SITE_FOLDERS: &[&str] = &["agencies", "compare", "reports", "search", "static"];

/// Whether a language code names one of the site's own folders (its home
/// page would overwrite that folder's page).
pub fn clashes_with_site_folder(code: &str) -> bool {
    SITE_FOLDERS.contains(&code)
}

/// What is wrong with a site address, if anything: it must be an absolute
/// `http(s)://host/...` address, or a path from the root (`/sub/`), with no
/// query, fragment, space or backslash.
pub fn base_url_problem(url: &str) -> Option<Msg> {
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Some(
            msg!("invalid-base-url", en: "it contains a space or a control character", vi: "có dấu cách hoặc ký tự điều khiển"),
        );
    }
    if url.contains('?') || url.contains('#') {
        return Some(
            msg!("invalid-base-url", en: "it has a query (`?`) or a fragment (`#`), which would break every link", vi: "có phần truy vấn (`?`) hoặc phân đoạn (`#`), làm hỏng mọi liên kết"),
        );
    }
    if url.contains('\\') {
        return Some(
            msg!("invalid-base-url", en: "it contains a backslash", vi: "có dấu gạch chéo ngược"),
        );
    }
    let lower = url.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    match rest {
        Some(rest) => {
            let host = rest.split('/').next().unwrap_or("");
            if host.is_empty() {
                Some(
                    msg!("invalid-base-url", en: "it has no host name after `//`", vi: "thiếu tên máy chủ sau `//`"),
                )
            } else if host.contains('@') {
                Some(
                    msg!("invalid-base-url", en: "it has a user name before the host (`user@host`)", vi: "có tên người dùng trước tên máy chủ (`user@host`)"),
                )
            } else {
                None
            }
        }
        None if url.starts_with("//") => Some(
            msg!("invalid-base-url", en: "it starts with `//`, which browsers read as another host", vi: "bắt đầu bằng `//`, trình duyệt hiểu là một máy chủ khác"),
        ),
        None if url.starts_with('/') => None,
        None => Some(
            msg!("invalid-base-url", en: "it is neither an http(s):// address nor a path starting with `/`", vi: "không phải địa chỉ http(s):// cũng không phải đường dẫn bắt đầu bằng `/`"),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_addresses() {
        for ok in [
            "https://example.org/",
            "http://example.org:8080/sub/",
            "HTTPS://Example.org",
            "/sub/",
            "/",
        ] {
            assert_eq!(base_url_problem(ok), None, "{ok}");
        }
        for bad in [
            "//evil.example/",
            "/\\evil.example/",
            "https:///path/",
            "https://a b/",
            "https://example.org/?x=1",
            "https://example.org/#top",
            "https://good@evil.example/",
            "example.org/",
            "ftp://example.org/",
        ] {
            assert!(base_url_problem(bad).is_some(), "{bad}");
        }
    }
}
