//! Reading a PDF the app wrote as a person reads it: its text, its pages' size and count,
//! and its pages as PNG images to look at, through poppler's tools (Debian's
//! `poppler-utils`, which `make test` installs).

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::screens_dir;

/// What a poppler tool prints for `pdf`.
fn poppler(tool: &str, args: &[&str], pdf: &Path) -> String {
    let out = Command::new(tool)
        .args(args)
        .arg(pdf)
        .args(if tool == "pdftotext" {
            &["-"][..]
        } else {
            &[][..]
        })
        .output()
        .unwrap_or_else(|e| {
            panic!("{tool} (Debian's poppler-utils, which `make test` installs): {e}")
        });
    assert!(out.status.success(), "{tool} {}: {:?}", pdf.display(), out);
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The PDF's text with every run of white space made one space (a table's cells are laid
/// out in columns).
pub fn pdf_text(pdf: &Path) -> String {
    poppler("pdftotext", &["-layout"], pdf)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The pages' size in whole points (595 × 842 for A4, 612 × 792 for US Letter) and how many
/// there are.
pub fn pdf_pages(pdf: &Path) -> ((u32, u32), usize) {
    let info = poppler("pdfinfo", &[], pdf);
    let field = |name: &str| {
        info.lines()
            .find_map(|line| line.strip_prefix(name))
            .map(str::trim)
            .unwrap_or_else(|| panic!("no {name} in pdfinfo's answer: {info}"))
            .to_string()
    };
    let size = field("Page size:");
    let points: Vec<u32> = size
        .split(" pts")
        .next()
        .unwrap_or_default()
        .split(" x ")
        .map(|n| n.trim().parse::<f64>().expect("a size in points").round() as u32)
        .collect();
    (
        (points[0], points[1]),
        field("Pages:").parse().expect("a page count"),
    )
}

/// Renders each page of `pdf` to `target/e2e-screens/<name>-<page>.png` (those of an earlier
/// run removed first); the files.
pub fn pdf_to_png(pdf: &Path, name: &str) -> Vec<PathBuf> {
    let pages_of = || {
        let mut pages: Vec<PathBuf> = std::fs::read_dir(screens_dir())
            .expect("the screenshots folder")
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|path| {
                path.file_name()
                    .and_then(|n| n.to_str())
                    .and_then(|n| {
                        n.strip_prefix(name)?
                            .strip_prefix('-')?
                            .strip_suffix(".png")
                    })
                    .is_some_and(|page| page.chars().all(|c| c.is_ascii_digit()))
            })
            .collect();
        pages.sort();
        pages
    };
    for old in pages_of() {
        std::fs::remove_file(old).expect("remove an earlier run's page");
    }
    let out = Command::new("pdftoppm")
        .args(["-png", "-r", "70"])
        .arg(pdf)
        .arg(screens_dir().join(name))
        .output()
        .expect("pdftoppm (Debian's poppler-utils)");
    assert!(out.status.success(), "pdftoppm {}: {out:?}", pdf.display());
    let pages = pages_of();
    for page in &pages {
        eprintln!("[e2e] PDF page {}", page.display());
    }
    pages
}
