//! Fuzz the Markdown renderer alone: the input is a section's Markdown
//! (shortcodes included), rendered as the build renders it, with every
//! shortcode expanding to a little HTML. Far more executions per second
//! than the `content` target, which builds a whole site per input.
//!
//! Besides "never panic, never hang": no shortcode marker character may
//! reach the output, and heading ids must be unique.
#![no_main]

use libfuzzer_sys::fuzz_target;
use minhbach::render::markdown;

/// The loader refuses larger files; the budget test covers 4 MiB inputs.
const MAX_LEN: usize = 256 * 1024;

fuzz_target!(|data: &[u8]| {
    if data.len() > MAX_LEN {
        return;
    }
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut expand = |_: usize, call: &markdown::Shortcode| -> markdown::Expanded {
        match call.name.as_str() {
            "value" => markdown::Expanded::Inline("<data value=\"56.6\">56,6 %</data>".to_string()),
            "chart" => markdown::Expanded::Figure("<figure class=\"chart\"><svg></svg></figure>".to_string()),
            "status" => markdown::Expanded::Inline(String::new()),
            _ => markdown::Expanded::Inline("&lt;x&gt; &amp; y".to_string()),
        }
    };
    let (rendered, _errors) = markdown::render(text, "fn-s", &mut expand);
    // Markers typed in the input are replaced before rendering, so none may remain.
    assert!(
        !rendered.html.contains(['\u{e000}', '\u{e001}']),
        "a shortcode marker reached the output"
    );
    let mut ids = std::collections::HashSet::new();
    for h in &rendered.headings {
        assert!(ids.insert(h.id.as_str()), "heading id `{}` twice", h.id);
        assert!(!h.text.contains(['\u{e000}', '\u{e001}']));
    }
});
