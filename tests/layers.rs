//! The layers of ARCHITECTURE.md, held: each part of the program names only the parts below it.
//! Read from the source, so a new `use` that reaches up fails here with its file and line.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

/// Each part, and the parts it may name. `commands`, `fault`, `fonts` and `paths` are shared
/// pieces any layer above `model` may use (`model` uses only `fault`, for its test-only fault
/// points).
const ALLOWED: &[(&str, &[&str])] = &[
    ("model", &["fault"]),
    ("store", &["model", "commands", "fault"]),
    ("exchange", &["model", "store", "commands", "fault"]),
    ("edit", &["model", "store", "commands", "fault"]),
    ("demo", &["model", "store", "commands", "fault"]),
    ("print", &["model", "store", "exchange", "commands", "fault", "fonts"]),
    ("paths", &["store"]),
    ("commands", &[]),
    ("fault", &[]),
    ("fonts", &[]),
    ("cli", &["model", "store", "exchange", "edit", "demo", "print", "commands", "fault", "fonts", "paths"]),
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The parts of the crate a line names (`crate::store::…`), outside comments.
fn named_parts(line: &str) -> Vec<String> {
    let code = line.split("//").next().unwrap_or("");
    code.match_indices("crate::")
        .filter(|(i, _)| !code[..*i].ends_with("placements::") && !code[..*i].ends_with(char::is_alphanumeric))
        .map(|(i, _)| code[i + 7..].chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect())
        .collect()
}

#[test]
fn every_part_names_only_the_parts_below_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut broken = Vec::new();
    let mut checked = 0;
    for (part, allowed) in ALLOWED {
        let mut files = Vec::new();
        let dir = src.join(part);
        if dir.is_dir() {
            rust_files(&dir, &mut files);
        }
        let file = src.join(format!("{part}.rs"));
        if file.is_file() {
            files.push(file);
        }
        assert!(!files.is_empty(), "no source for {part}");
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            for (n, line) in text.lines().enumerate() {
                for named in named_parts(line) {
                    checked += 1;
                    if named != *part && !allowed.contains(&named.as_str()) {
                        broken.push(format!("{}:{}: {part} names {named}", file.display(), n + 1));
                    }
                }
            }
        }
    }
    assert!(checked > 100, "the check found only {checked} paths: is it reading the source?");
    assert!(broken.is_empty(), "a part reaches up:\n{}", broken.join("\n"));
}

#[test]
fn the_check_sees_a_path_that_reaches_up() {
    assert_eq!(named_parts("use crate::exchange::group_import::ExistingGroups;"), ["exchange"]);
    assert_eq!(named_parts("    x: crate::ui::Foo, y: crate::model::Bar"), ["ui", "model"]);
    assert!(named_parts("// crate::ui in a comment").is_empty());
}
