//! Just enough Xlib, loaded at run time (libX11 is there wherever GTK runs), to find a
//! client's top-level window by process and title and send it `WM_DELETE_WINDOW`.

use std::ffi::{c_char, c_int, c_long, c_uchar, c_uint, c_ulong, c_void, CStr, CString};

type Display = c_void;
type Window = c_ulong;
type Atom = c_ulong;

/// Xlib's XClientMessageEvent, padded to the size of an XEvent.
#[repr(C)]
#[derive(Clone, Copy)]
struct ClientMessage {
    kind: c_int,
    serial: c_ulong,
    send_event: c_int,
    display: *mut Display,
    window: Window,
    message_type: Atom,
    format: c_int,
    data: [c_long; 5],
}

#[repr(C)]
union XEvent {
    client: ClientMessage,
    pad: [c_long; 24],
}

const CLIENT_MESSAGE: c_int = 33;
const ANY_PROPERTY_TYPE: Atom = 0;

struct Xlib {
    open_display: unsafe extern "C" fn(*const c_char) -> *mut Display,
    close_display: unsafe extern "C" fn(*mut Display) -> c_int,
    default_root_window: unsafe extern "C" fn(*mut Display) -> Window,
    query_tree: unsafe extern "C" fn(
        *mut Display,
        Window,
        *mut Window,
        *mut Window,
        *mut *mut Window,
        *mut c_uint,
    ) -> c_int,
    intern_atom: unsafe extern "C" fn(*mut Display, *const c_char, c_int) -> Atom,
    #[allow(clippy::type_complexity)]
    get_window_property: unsafe extern "C" fn(
        *mut Display,
        Window,
        Atom,
        c_long,
        c_long,
        c_int,
        Atom,
        *mut Atom,
        *mut c_int,
        *mut c_ulong,
        *mut c_ulong,
        *mut *mut c_uchar,
    ) -> c_int,
    send_event: unsafe extern "C" fn(*mut Display, Window, c_int, c_long, *mut XEvent) -> c_int,
    sync: unsafe extern "C" fn(*mut Display, c_int) -> c_int,
    free: unsafe extern "C" fn(*mut c_void) -> c_int,
}

impl Xlib {
    fn load() -> Result<Xlib, String> {
        /// A function of the library, as the function pointer type `F`.
        unsafe fn symbol<F: Copy>(lib: *mut c_void, name: &CStr) -> Result<F, String> {
            let f = unsafe { libc::dlsym(lib, name.as_ptr()) };
            if f.is_null() {
                return Err(format!("libX11 lacks {name:?}"));
            }
            Ok(unsafe { std::mem::transmute_copy::<*mut c_void, F>(&f) })
        }
        unsafe {
            let lib = libc::dlopen(c"libX11.so.6".as_ptr(), libc::RTLD_NOW);
            if lib.is_null() {
                return Err("libX11.so.6 could not be loaded".into());
            }
            Ok(Xlib {
                open_display: symbol(lib, c"XOpenDisplay")?,
                close_display: symbol(lib, c"XCloseDisplay")?,
                default_root_window: symbol(lib, c"XDefaultRootWindow")?,
                query_tree: symbol(lib, c"XQueryTree")?,
                intern_atom: symbol(lib, c"XInternAtom")?,
                get_window_property: symbol(lib, c"XGetWindowProperty")?,
                send_event: symbol(lib, c"XSendEvent")?,
                sync: symbol(lib, c"XSync")?,
                free: symbol(lib, c"XFree")?,
            })
        }
    }

    fn atom(&self, dpy: *mut Display, name: &CStr) -> Atom {
        unsafe { (self.intern_atom)(dpy, name.as_ptr(), 0) }
    }

    /// A property's raw items (bytes for format 8, C longs for format 32).
    fn property(&self, dpy: *mut Display, window: Window, name: Atom) -> Option<(c_int, Vec<u8>)> {
        let (mut kind, mut format, mut items, mut after) = (0, 0, 0, 0);
        let mut data: *mut c_uchar = std::ptr::null_mut();
        let status = unsafe {
            (self.get_window_property)(
                dpy,
                window,
                name,
                0,
                1024,
                0,
                ANY_PROPERTY_TYPE,
                &mut kind,
                &mut format,
                &mut items,
                &mut after,
                &mut data,
            )
        };
        if status != 0 || data.is_null() {
            return None;
        }
        let unit = match format {
            8 => 1,
            16 => std::mem::size_of::<std::ffi::c_short>(),
            _ => std::mem::size_of::<c_long>(),
        };
        let bytes = unsafe { std::slice::from_raw_parts(data, items as usize * unit) }.to_vec();
        unsafe { (self.free)(data.cast()) };
        Some((format, bytes))
    }

    fn children(&self, dpy: *mut Display, window: Window) -> Vec<Window> {
        let (mut root, mut parent, mut count) = (0, 0, 0);
        let mut list: *mut Window = std::ptr::null_mut();
        let ok = unsafe {
            (self.query_tree)(dpy, window, &mut root, &mut parent, &mut list, &mut count)
        };
        if ok == 0 || list.is_null() {
            return Vec::new();
        }
        let children = unsafe { std::slice::from_raw_parts(list, count as usize) }.to_vec();
        unsafe { (self.free)(list.cast()) };
        children
    }
}

/// Sends `WM_DELETE_WINDOW` to every window of one of `pids` titled `title`; an error
/// when there is none. Windows inside a window manager's frames are found too.
pub(crate) fn send_delete_window(display: &str, pids: &[i32], title: &str) -> Result<(), String> {
    let x = Xlib::load()?;
    let name = CString::new(display).map_err(|e| e.to_string())?;
    let dpy = unsafe { (x.open_display)(name.as_ptr()) };
    if dpy.is_null() {
        return Err(format!("cannot open the X display {display}"));
    }
    let net_wm_pid = x.atom(dpy, c"_NET_WM_PID");
    let net_wm_name = x.atom(dpy, c"_NET_WM_NAME");
    let protocols = x.atom(dpy, c"WM_PROTOCOLS");
    let delete = x.atom(dpy, c"WM_DELETE_WINDOW");
    let ours = |window: Window| {
        let pid = x
            .property(dpy, window, net_wm_pid)
            .and_then(|(format, bytes)| {
                let bytes: [u8; 8] = bytes.get(..8)?.try_into().ok()?;
                (format == 32).then(|| c_long::from_ne_bytes(bytes))
            });
        let named = x
            .property(dpy, window, net_wm_name)
            .is_some_and(|(_, bytes)| bytes == title.as_bytes());
        named && pid.is_some_and(|pid| pids.iter().any(|&p| c_long::from(p) == pid))
    };
    let mut pending = vec![unsafe { (x.default_root_window)(dpy) }];
    let mut sent = 0;
    while let Some(window) = pending.pop() {
        if ours(window) {
            let mut event = XEvent {
                client: ClientMessage {
                    kind: CLIENT_MESSAGE,
                    serial: 0,
                    send_event: 1,
                    display: dpy,
                    window,
                    message_type: protocols,
                    format: 32,
                    data: [delete as c_long, 0, 0, 0, 0],
                },
            };
            unsafe { (x.send_event)(dpy, window, 0, 0, &mut event) };
            sent += 1;
        } else {
            pending.extend(x.children(dpy, window));
        }
    }
    unsafe {
        (x.sync)(dpy, 0);
        (x.close_display)(dpy);
    }
    if sent == 0 {
        return Err(format!(
            "no window titled {title:?} belongs to the app (pids {pids:?}) on {display}"
        ));
    }
    Ok(())
}
