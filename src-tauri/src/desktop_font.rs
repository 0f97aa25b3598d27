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

/// False when `system-ui` resolves to the very font `sans-serif` does, which is how a
/// missing desktop font shows (fontconfig then answers with its default); true otherwise,
/// or when that cannot be told (nothing changes then).
///
/// Asks fontconfig through a Pango font map of its own, so it can run on a thread beside
/// GTK's start (the first lookup waits for fontconfig to load: several milliseconds).
#[cfg(target_os = "linux")]
pub fn installed() -> bool {
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
pub fn installed() -> bool {
    true
}
