//! The interface as the app embeds it (`frontendDist`, target/interface): `ui/` without its
//! tests and type-checking files, its JavaScript modules gathered by Rollup and shortened
//! by Terser (rollup.config.js).
//!
//! Why gathered: the page is plain ES modules, and WebKit fetches and links each one on its
//! own. The first screen alone needs 25; gathered into one file for the shell and the Charter
//! (and chunks for the views opened later) the page shows its first data 10–13 ms sooner,
//! about a fifth of what the page costs beyond an empty window's at start-up (`make bench`). The
//! sources are what the tests and the type check read, and what runs, only gathered.
//!
//! Without Rollup (no `npm ci` yet), `ui/` is copied as it is and works the same, only
//! loading module by module; the build says so.

use std::fs;
use std::path::Path;
use std::process::Command;

/// Files of `ui/` the app never loads.
const NOT_SHIPPED: &[&str] = &["tests", "tsconfig.json"];

/// What each vendored library keeps beside its bundle to make it again (`build/`, with its
/// `node_modules` once someone has rebuilt it: tens of megabytes the app never loads).
const NOT_SHIPPED_FROM_A_LIBRARY: &str = "build";

pub fn gather(repo: &Path) {
    let ui = repo.join("ui");
    let out = repo.join("target").join("interface");
    let rollup = repo.join("node_modules").join(".bin").join("rollup");
    let config = repo.join("rollup.config.js");
    // npm writes this at every install, so cargo sees Rollup arrive (after a build made
    // without it) whatever dates the files npm unpacks carry.
    let installed = repo.join("node_modules").join(".package-lock.json");
    for input in [&ui, &config, &installed] {
        println!("cargo:rerun-if-changed={}", input.display());
    }

    if out.exists() {
        fs::remove_dir_all(&out).expect("remove the previous target/interface");
    }
    let bundled = rollup.exists();
    fs::create_dir_all(&out).expect("create target/interface");
    for entry in fs::read_dir(&ui).expect("read ui/") {
        let entry = entry.expect("read ui/");
        if !NOT_SHIPPED.contains(&entry.file_name().to_string_lossy().as_ref()) {
            copy(&entry.path(), &out.join(entry.file_name()), bundled);
        }
    }
    if !bundled {
        println!(
            "cargo:warning=Rollup is missing (npm ci installs it): the interface is embedded \
             module by module, and starts a little slower"
        );
        return;
    }
    let status = Command::new(&rollup)
        .current_dir(repo)
        .arg("--config")
        .arg(&config)
        .arg("--dir")
        .arg(out.join("js"))
        .arg("--silent")
        .status()
        .expect("run Rollup");
    assert!(
        status.success(),
        "Rollup could not gather ui/js (see above)"
    );
}

/// Copies a file or a folder, leaving out the modules (and their type declarations) when
/// Rollup writes them gathered.
fn copy(from: &Path, to: &Path, without_modules: bool) {
    if from.is_dir() {
        if is_a_library_build(from) {
            return;
        }
        fs::create_dir_all(to).expect("create a folder in target/interface");
        for entry in fs::read_dir(from).expect("read a folder of ui/") {
            let entry = entry.expect("read a folder of ui/");
            copy(&entry.path(), &to.join(entry.file_name()), without_modules);
        }
        return;
    }
    let name = from.to_string_lossy();
    if !(without_modules && (name.ends_with(".js") || name.ends_with(".d.ts"))) {
        fs::copy(from, to).expect("copy into target/interface");
    }
}

/// `ui/vendor/<library>/build`.
fn is_a_library_build(folder: &Path) -> bool {
    let library = folder.parent();
    folder
        .file_name()
        .is_some_and(|name| name == NOT_SHIPPED_FROM_A_LIBRARY)
        && library
            .and_then(Path::parent)
            .and_then(Path::file_name)
            .is_some_and(|name| name == "vendor")
}
