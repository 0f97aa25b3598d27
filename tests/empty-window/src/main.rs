//! An empty Tauri window that reports when its page is up, exactly as Hearth reports its
//! first data: the yardstick the start-up and memory targets are measured against.

#[tauri::command]
fn app_ready(page_ms: Option<f64>) {
    eprintln!(
        "hearth: first data on screen (page {:.1} ms)",
        page_ms.unwrap_or(f64::NAN)
    );
}

fn main() {
    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![app_ready])
        .run(tauri::generate_context!())
        .expect("the empty window opens");
}
