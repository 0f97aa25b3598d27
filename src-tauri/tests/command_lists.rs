//! Every command is named in four places: the handler (`commands/mod.rs`), the manifest
//! (`build.rs`), the main window's capability (`capabilities/main.json`) and the
//! interface's api layer (`ui/js/api/<domain>.js`). A command missing from one of them
//! fails only when someone clicks the button that needs it, so this test reads all four and
//! insists they name the same commands.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic is how a test or a benchmark fails

use std::collections::BTreeSet;
use std::path::Path;

fn read(relative: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The text between `start` and the first `end` after it.
fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text.find(start).unwrap_or_else(|| panic!("no {start:?}")) + start.len();
    let len = text[from..]
        .find(end)
        .unwrap_or_else(|| panic!("no {end:?} after {start:?}"));
    &text[from..from + len]
}

/// Every `"…"` string in `text`.
fn quoted(text: &str) -> BTreeSet<String> {
    text.split('"')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

#[test]
fn handler_manifest_capability_and_api_name_the_same_commands() {
    let handler: BTreeSet<String> =
        between(&read("src/commands/mod.rs"), "generate_handler![", "]")
            .split(',')
            .map(|entry| {
                entry
                    .trim()
                    .rsplit("::")
                    .next()
                    .unwrap_or_default()
                    .to_string()
            })
            .filter(|name| !name.is_empty())
            .collect();
    let manifest = quoted(between(&read("build.rs"), ".commands(&[", "]"));
    let capability: BTreeSet<String> = quoted(between(
        &read("capabilities/main.json"),
        "\"permissions\"",
        "]",
    ))
    .into_iter()
    .filter_map(|p| p.strip_prefix("allow-").map(|c| c.replace('-', "_")))
    .collect();
    let api_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/js/api");
    let mut api_files: Vec<_> = std::fs::read_dir(&api_dir)
        .unwrap_or_else(|e| panic!("{}: {e}", api_dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "js"))
        .collect();
    api_files.sort();
    assert!(
        api_files.len() > 3,
        "the api modules were found: {api_files:?}"
    );
    let api: BTreeSet<String> = api_files
        .iter()
        .flat_map(|path| {
            let text =
                std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            text.split("call('")
                .skip(1)
                .filter_map(|rest| rest.split('\'').next().map(str::to_string))
                .collect::<Vec<_>>()
        })
        .collect();

    assert!(
        handler.len() > 20,
        "the handler's list was read: {handler:?}"
    );
    assert_eq!(manifest, handler, "build.rs against commands/mod.rs");
    assert_eq!(
        capability, handler,
        "capabilities/main.json against commands/mod.rs"
    );
    assert_eq!(api, handler, "ui/js/api/*.js against commands/mod.rs");
}
