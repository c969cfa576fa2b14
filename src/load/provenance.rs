//! Where figures come from: the source document attached to a report, and a
//! value's marks as an estimate or a proxy.

use std::io::Read;
use std::path::Path;

use sha2::{Digest, Sha256};

use super::raw::RawValue;
use super::{parse_unit, Doc};
use crate::diagnostics::Diagnostics;
use crate::model::{Attachment, Proxy};

/// A source document larger than this is better linked by `url`.
pub const MAX_ATTACHMENT_BYTES: u64 = 64 * 1024 * 1024;

/// `document.file`: a file in the report folder itself, published beside the
/// report's pages with its size and SHA-256.
pub(super) fn attachment(
    doc: &Doc,
    dir: &Path,
    name: &str,
    at: &str,
    d: &mut Diagnostics,
) -> Option<Attachment> {
    let name = name.trim();
    let plain = !name.is_empty()
        && !name.starts_with('.')
        && !name.contains(['/', '\\'])
        && !name.ends_with(".md")
        && !name.ends_with(".yaml");
    if !plain {
        d.push(
            doc.err(at, msg!("attachment-name", en: "`{name}` is not a file name in the report folder", vi: "`{name}` không phải tên một tệp trong thư mục báo cáo"))
                .with_hint(msg!("attachment-name", en: "put the document (PDF or text) in the report folder and write its name, e.g. file: ke-hoach.pdf", vi: "chép văn bản (PDF hoặc text) vào thư mục báo cáo và ghi tên tệp, ví dụ file: ke-hoach.pdf")),
        );
        return None;
    }
    let path = dir.join(name);
    // A symlink could publish a file from anywhere: only a regular file counts.
    let meta = match std::fs::symlink_metadata(&path) {
        Ok(m) if m.file_type().is_file() => m,
        Ok(_) => {
            d.push(
                doc.err(at, msg!("attachment-not-file", en: "`{name}` is not a regular file in the report folder", vi: "`{name}` không phải một tệp thường trong thư mục báo cáo"))
                    .with_hint(msg!("attachment-not-file", en: "copy the document itself into the report folder (a link or a folder is not published)", vi: "chép chính văn bản vào thư mục báo cáo (liên kết tắt hay thư mục không được công bố)")),
            );
            return None;
        }
        Err(_) => {
            d.push(
                doc.err(at, msg!("attachment-missing", en: "`{name}` is not in the report folder", vi: "không có `{name}` trong thư mục báo cáo"))
                    .with_hint({
                        let to = dir.join(name);
                        let to = to.display();
                        msg!("attachment-missing", en: "copy the document to {to}", vi: "chép văn bản vào {to}")
                    }),
            );
            return None;
        }
    };
    if meta.len() > MAX_ATTACHMENT_BYTES {
        d.push(
            doc.err(
                at,
                {
                    let len = meta.len();
                    msg!("attachment-too-large", en: "`{name}` is {len} bytes; an attached document may have at most {MAX_ATTACHMENT_BYTES}", vi: "`{name}` nặng {len} byte; văn bản đính kèm chỉ được tối đa {MAX_ATTACHMENT_BYTES} byte")
                },
            )
            .with_hint(msg!("attachment-too-large", en: "publish it elsewhere and give its address as document.url", vi: "đăng văn bản ở nơi khác và ghi địa chỉ vào document.url")),
        );
        return None;
    }
    let mut hasher = Sha256::new();
    let mut size = 0u64;
    let read = std::fs::File::open(&path).and_then(|mut f| {
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            let n = f.read(&mut buf)?;
            if n == 0 {
                return Ok(());
            }
            size += n as u64;
            hasher.update(&buf[..n]);
        }
    });
    if let Err(e) = read {
        d.push(doc.err(at, msg!("attachment-unreadable", en: "`{name}` cannot be read: {e}", vi: "không đọc được `{name}`: {e}")));
        return None;
    }
    Some(Attachment {
        name: name.to_string(),
        path,
        size,
        sha256: format!("{:x}", hasher.finalize()),
    })
}

/// A value's `proxy:` (what it measures instead) and the `unit:` it has then.
pub(super) fn proxy(doc: &Doc, v: &RawValue, at: &str, d: &mut Diagnostics) -> Option<Proxy> {
    match (&v.proxy, &v.unit) {
        (Some(note), unit) => Some(Proxy {
            note: doc.text(note, &format!("{at}.proxy"), d),
            unit: unit.as_deref().map(parse_unit),
        }),
        (None, Some(_)) => {
            d.push(
                doc.err(&format!("{at}.unit"), msg!("unit-without-proxy", en: "a value has its own `unit` only as a proxy", vi: "một giá trị chỉ có `unit` riêng khi là số liệu gián tiếp (`proxy`)"))
                    .with_hint(msg!("unit-without-proxy", en: "add `proxy:` saying what the figure measures instead of the indicator, or remove `unit`", vi: "thêm `proxy:` nói số liệu đo gì thay cho chỉ tiêu, hoặc bỏ `unit`")),
            );
            None
        }
        (None, None) => None,
    }
}
