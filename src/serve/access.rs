//! Who the preview server answers: only the editor's own browser. A web page
//! the editor visits can point its own name at 127.0.0.1 ("DNS rebinding")
//! and read the draft site through the browser; its requests then carry its
//! name in `Host` and its origin in `Origin`, so both are checked.

/// Why a request is refused: (status, message), or `None` when it may be answered.
pub fn refusal(request: &tiny_http::Request, port: u16) -> Option<(u16, &'static str)> {
    let header = |name: &str| {
        request
            .headers()
            .iter()
            .find(|h| h.field.as_str().as_str().eq_ignore_ascii_case(name))
            .map(|h| h.value.as_str().trim().to_string())
    };
    match header("Host") {
        Some(host) if is_local_host(&host, port) => {}
        _ => {
            return Some((
                421,
                "This preview server answers only http://127.0.0.1, http://localhost and http://[::1] on its own port.",
            ))
        }
    }
    if let Some(origin) = header("Origin") {
        let local = origin
            .strip_prefix("http://")
            .is_some_and(|host| is_local_host(host, port));
        if !local {
            return Some((
                403,
                "Requests from other sites are not answered by the preview server.",
            ));
        }
    }
    None
}

/// `127.0.0.1`, `localhost` or `[::1]`, with this port or none.
fn is_local_host(host: &str, port: u16) -> bool {
    let (name, host_port) = match host.rsplit_once(':') {
        Some((name, p)) if !p.contains(']') => (name, Some(p)),
        _ => (host, None),
    };
    let name_ok = name == "127.0.0.1" || name == "[::1]" || name.eq_ignore_ascii_case("localhost");
    let port_ok = match host_port {
        None => true,
        Some(p) => p.parse::<u16>().ok() == Some(port),
    };
    name_ok && port_ok
}

/// `path` with every byte that may not stand in a header written `%XX`.
pub fn header_safe(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_graphic() && b != b'%' {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_loopback_names_on_this_port() {
        for ok in [
            "127.0.0.1:8080",
            "localhost:8080",
            "LOCALHOST:8080",
            "[::1]:8080",
            "127.0.0.1",
        ] {
            assert!(is_local_host(ok, 8080), "{ok}");
        }
        for bad in [
            "attacker.example",
            "attacker.example:8080",
            "127.0.0.1:8081",
            "localhost.attacker.example:8080",
            "[::1]:80",
            "",
        ] {
            assert!(!is_local_host(bad, 8080), "{bad}");
        }
    }

    #[test]
    fn redirects_are_ascii() {
        assert_eq!(header_safe("/giao-diện/"), "/giao-di%E1%BB%87n/");
        assert_eq!(header_safe("/a b\r\n/"), "/a%20b%0D%0A/");
    }
}
