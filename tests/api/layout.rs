//! The crate's layers run one way: `http` → `graphql` → `service` → `auth`/`db` → `domain` → `config`/`error`.
//! A lower layer that names a higher one (`crate::service` inside `db`, say) fails here, with the file that does it.

use std::path::Path;

/// Each top-level module and its rank; a module may name only modules of a higher rank (`auth` may read `db`).
const LAYERS: &[(&str, u8)] = &[
    ("cli", 0),
    ("http", 1),
    ("graphql", 2),
    ("service", 3),
    ("auth", 4),
    ("db", 5),
    ("domain", 6),
    ("config", 7),
    ("error", 7),
];

fn rank(module: &str) -> Option<u8> {
    LAYERS.iter().find(|(m, _)| *m == module).map(|(_, r)| *r)
}

/// Top-level modules a source text names through `crate::`.
fn named(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (i, _) in text.match_indices("crate::") {
        let rest = &text[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let inner = &group[..group.find('}').unwrap_or(group.len())];
            // Only the first segment of each path in the group: `{db::x, domain::{a, b}}`.
            let mut depth = 0;
            let mut start = true;
            let mut word = String::new();
            for c in inner.chars() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 0 => start = true,
                    c if start && (c.is_alphanumeric() || c == '_') => word.push(c),
                    _ if start && !word.is_empty() => {
                        out.push(std::mem::take(&mut word));
                        start = false;
                    }
                    _ => {}
                }
            }
            if !word.is_empty() {
                out.push(word);
            }
        } else {
            out.push(rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect());
        }
    }
    out
}

fn visit(dir: &Path, files: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("source folder") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            visit(&path, files);
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
}

#[test]
fn imports_run_only_downward() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    visit(&src, &mut files);
    let mut wrong = Vec::new();
    for file in &files {
        let relative = file.strip_prefix(&src).expect("under src");
        let top = relative.components().next().expect("a component").as_os_str().to_string_lossy();
        let top = top.trim_end_matches(".rs");
        let Some(own) = rank(top) else { continue };
        let text = std::fs::read_to_string(file).expect("readable source");
        for module in named(&text) {
            if let Some(other) = rank(&module)
                && module != top
                && other <= own
            {
                wrong.push(format!("{} names crate::{module}", relative.display()));
            }
        }
    }
    wrong.sort();
    wrong.dedup();
    assert!(wrong.is_empty(), "imports against the layering:\n{}", wrong.join("\n"));
}

#[test]
fn the_checker_sees_grouped_and_plain_paths() {
    assert_eq!(named("use crate::{db::x, domain::{a, b}};"), ["db", "domain"]);
    assert_eq!(named("crate::service::states::get(db)"), ["service"]);
}
