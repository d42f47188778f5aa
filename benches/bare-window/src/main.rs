// The same start-up report as the app's `frontend_ready`, on a window with nothing in it.
use std::time::Instant;

static STARTED: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();

#[tauri::command]
fn frontend_ready() {
    let ms = STARTED.get().map(|t| t.elapsed().as_millis()).unwrap_or_default();
    eprintln!("first paint elapsed_ms={ms}");
}

fn main() {
    let _ = STARTED.set(Instant::now());
    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![frontend_ready])
        .run(tauri::generate_context!())
        .expect("bare window");
}
