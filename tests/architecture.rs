//! The import rule of ARCHITECTURE.md, checked: every `crate::…` path in
//! src/ may only point at its own top-level module or at a lower layer:
//!
//! helpers, diagnostics, yaml ← model ← load, render ← pipeline ← cli
//!
//! A module may import its own layer too, except that `load` and `render`
//! (the same layer) must not import each other.
//! What is still against the rule is listed in [`ALLOWED`] with the reason;
//! a new violation fails this test, and so does an entry of [`ALLOWED`] that
//! is no longer needed (so the list only shrinks).

use std::fs;
use std::path::Path;

/// The layer of a top-level module (by its path under src/).
fn layer(module: &str) -> Option<u8> {
    Some(match module {
        "helpers" | "diagnostics" | "yaml" => 0,
        "model" => 1,
        "load" | "render" => 2,
        // Orchestration: the build (lib.rs), incremental rebuilds, writing
        // the output folder.
        "lib" | "pipeline" | "incremental" | "write" => 3,
        // Entry points: the command line, the preview server, `init`/`new`,
        // `template`.
        "main" | "help_vi" | "serve" | "scaffold" | "template" => 4,
        _ => return None,
    })
}

/// Imports against the rule that are left for later (issue 16), each as
/// (file under src/, the `crate::` path it uses).
const ALLOWED: &[(&str, &str)] = &[
    // Unit tests that build a site from content on disk (test code only).
    ("render/data/tests.rs", "crate::load::load_site"),
    ("render/search/mod.rs", "crate::load::load_site"),
];

/// The top-level module a file under src/ belongs to.
fn module_of(rel: &str) -> String {
    let first = rel.split('/').next().unwrap_or(rel);
    first.trim_end_matches(".rs").to_string()
}

/// Every `crate::a::b::C` path in the code of `text` (comments skipped),
/// with grouped imports `use crate::a::{b, c::D}` expanded.
fn crate_paths(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(i) = rest.find("crate::") {
            let tail = &rest[i..];
            let end = tail
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .unwrap_or(tail.len());
            let path = tail[..end].trim_end_matches(':');
            if tail[end..].starts_with('{') && tail[..end].ends_with("::") {
                let close = tail.find('}').unwrap_or(tail.len());
                for item in tail[end + 1..close].split(',') {
                    let item = item.trim();
                    if !item.is_empty() {
                        out.push(format!("{path}::{item}"));
                    }
                }
            } else {
                out.push(path.to_string());
            }
            rest = &tail[end..];
        }
    }
    out
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn imports_point_down_the_layers() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut violations = Vec::new();
    let mut used = vec![false; ALLOWED.len()];
    for file in &files {
        let rel = file
            .strip_prefix(&src)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let own = module_of(&rel);
        let Some(own_layer) = layer(&own) else {
            violations.push(format!(
                "{rel}: module `{own}` has no layer in tests/architecture.rs"
            ));
            continue;
        };
        let text = fs::read_to_string(file).unwrap();
        for path in crate_paths(&text) {
            let target = path.split("::").nth(1).unwrap_or("").to_string();
            if target.is_empty() || target == own {
                continue;
            }
            // `crate::X` where X is an item of lib.rs (e.g. a build function).
            let target_layer = layer(&target).unwrap_or(3);
            let across = matches!(
                (own.as_str(), target.as_str()),
                ("load", "render") | ("render", "load")
            );
            if target_layer < own_layer || (target_layer == own_layer && !across) {
                continue;
            }
            match ALLOWED
                .iter()
                .position(|(f, p)| *f == rel && path.starts_with(p))
            {
                Some(i) => used[i] = true,
                None => violations.push(format!(
                    "{rel}: `{path}` points from layer {own_layer} ({own}) to layer {target_layer} ({target})"
                )),
            }
        }
    }
    for (i, (f, p)) in ALLOWED.iter().enumerate() {
        if !used[i] {
            violations.push(format!(
                "ALLOWED entry ({f}, {p}) is no longer needed: remove it"
            ));
        }
    }
    assert!(
        violations.is_empty(),
        "imports against the rule of ARCHITECTURE.md:\n{}",
        violations.join("\n")
    );
}

#[test]
fn crate_paths_are_found_in_grouped_imports() {
    let paths = crate_paths("use crate::load::{slugify, theme::Theme};\n// crate::render::x\nlet a = crate::render::escape(s);");
    assert_eq!(
        paths,
        [
            "crate::load::slugify",
            "crate::load::theme::Theme",
            "crate::render::escape"
        ]
    );
}
