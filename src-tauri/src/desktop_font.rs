//! Whether the desktop's interface font is installed, so the interface can skip asking for
//! it when it is not.
//!
//! The interface's text is set in `system-ui, sans-serif`. Fontconfig names the desktop's
//! font for `system-ui` (Cantarell first). When none of those is installed, WebKitGTK still
//! asks for it at every new size and weight on the page, weighs each of the ~100 families
//! fontconfig answers with, refuses them all, and only then takes `sans-serif`: half of
//! the font lookups of the first screen, and more the more fonts a machine has. The text
//! then looks exactly as it would with `sans-serif` alone, so the interface asks for that
//! directly (`ui/css/app.css`, `:root.without-desktop-font`).
//!
//! Asking fontconfig takes 10–60 ms of a processor at start-up, beside GTK's own start and
//! the web process's on a two-core machine: the window showed its first data ~10 ms later
//! for it (`make bench`). The answer is a fact about the machine, so it is remembered in the
//! user's cache folder and read at the next start; each start asks again once its first
//! data is on screen, and a changed answer (a font installed or removed) counts from the
//! start after. Only the very first start on a machine, with nothing remembered, asks
//! before the window opens.

use std::path::{Path, PathBuf};

/// The answer to use for the window about to open: the one remembered, else asked now.
pub fn for_start_up() -> bool {
    remembered_in(&remembered_path()).unwrap_or_else(installed)
}

/// Asks again and remembers the answer for the next start (after the first screen, off the
/// window's thread). Not being able to write it only means asking again next time.
pub fn check_and_remember() {
    remember_in(&remembered_path(), installed());
}

/// `<user cache>/hearth/desktop-font`: "1" or "0". Beside the data folder rather than in it:
/// the data folder can move to another machine, and this is true of this one.
fn remembered_path() -> PathBuf {
    dirs::cache_dir()
        .unwrap_or_else(std::env::temp_dir)
        .join("hearth")
        .join("desktop-font")
}

fn remembered_in(path: &Path) -> Option<bool> {
    match std::fs::read(path).ok()?.as_slice() {
        b"1" => Some(true),
        b"0" => Some(false),
        _ => None,
    }
}

/// Written beside and renamed into place, so two windows starting at once never read half
/// of it.
fn remember_in(path: &Path, installed: bool) {
    let Some(dir) = path.parent() else { return };
    if remembered_in(path) == Some(installed) || std::fs::create_dir_all(dir).is_err() {
        return;
    }
    let beside = dir.join(format!(".desktop-font-{}", std::process::id()));
    let written = std::fs::write(&beside, if installed { "1" } else { "0" })
        .and_then(|()| std::fs::rename(&beside, path));
    if written.is_err() {
        let _ = std::fs::remove_file(&beside);
    }
}

/// False when `system-ui` resolves to the very font `sans-serif` does, which is how a
/// missing desktop font shows (fontconfig then answers with its default); true otherwise,
/// or when that cannot be told (nothing changes then).
///
/// Asks fontconfig through a Pango font map of its own, so it can run on a thread beside
/// GTK's start (the first lookup waits for fontconfig to load: several milliseconds).
#[cfg(target_os = "linux")]
fn installed() -> bool {
    use gtk::glib::translate::from_glib_full;
    use gtk::pango::prelude::{FontExt, FontMapExt};
    use gtk::pango::{FontDescription, FontMap};

    #[link(name = "pangocairo-1.0")]
    extern "C" {
        fn pango_cairo_font_map_new() -> *mut gtk::pango::ffi::PangoFontMap;
    }
    // SAFETY: pango_cairo_font_map_new returns a new font map owned by the caller
    // (transfer full); it is used on this thread only and dropped here.
    let raw = unsafe { pango_cairo_font_map_new() };
    if raw.is_null() {
        return true;
    }
    let map: FontMap = unsafe { from_glib_full(raw) };
    let context = map.create_context();
    let family = |name: &str| {
        context
            .load_font(&FontDescription::from_string(name))
            .and_then(|font| font.describe().family())
            .map(|family| family.to_string())
    };
    match family("system-ui 10") {
        None => true,
        desktop => desktop != family("sans-serif 10"),
    }
}

#[cfg(not(target_os = "linux"))]
fn installed() -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_remembered_is_read_at_the_next_start_and_replaced_when_it_changes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("hearth").join("desktop-font");
        assert_eq!(
            remembered_in(&path),
            None,
            "nothing remembered on a new machine"
        );
        remember_in(&path, false);
        assert_eq!(remembered_in(&path), Some(false));
        remember_in(&path, true);
        assert_eq!(
            remembered_in(&path),
            Some(true),
            "a font installed since counts"
        );
        let left: Vec<_> = std::fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(left, ["desktop-font"], "nothing left beside it");
    }

    #[test]
    fn a_file_that_says_neither_is_asked_again() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("desktop-font");
        for written in [&b""[..], b"yes", b"1\n0", &[0xff, 0xfe]] {
            std::fs::write(&path, written).unwrap();
            assert_eq!(remembered_in(&path), None, "{written:?}");
        }
    }
}
