//! The desktop shell: one window over the engine. Nothing here holds domain logic; the
//! commands in `commands.rs` forward to [`Engine`] and turn its errors into `{code, message, hint}`.

pub mod bindings;
mod commands;
pub mod ipc;
mod launch;
mod navigation;
mod notify;
mod platform;
mod sink;
mod sso_pages;
pub mod startup;
pub mod updates;

use tauri::Manager;

// Without it the window would load the dev server's URL instead of the embedded UI: a release
// build that shipped like that would show whatever answers on localhost:5173.
#[cfg(all(not(debug_assertions), not(feature = "custom-protocol")))]
compile_error!(
    "a release build must embed the UI: build with the `custom-protocol` feature (on by default; `make bundle` keeps it)"
);
use tauri_plugin_deep_link::DeepLinkExt;

use engine::launch::LaunchRequest;
use engine::Engine;
use launch::Launches;

pub fn run(first: Option<LaunchRequest>) -> std::process::ExitCode {
    engine::logging::init_app();
    // The journal (open, migrations) and the AWS settings are read on their own thread while
    // GTK starts and the window and its web process are created: nothing waits for them
    // before the first paint. The setup hook below takes the engine before any command runs.
    let opening = std::thread::spawn(Engine::from_env);
    let result = tauri::Builder::default()
        // First: a second launch hands its arguments to this process and exits at once.
        .plugin(tauri_plugin_single_instance::init(|app, argv, cwd| {
            let args: Vec<std::ffi::OsString> = argv.into_iter().map(Into::into).collect();
            // A lone link comes through the deep-link plugin below; `open LINK|FILE` here.
            if let Some(request) = engine::launch::handed_over(&args, std::path::Path::new(&cwd)) {
                app.state::<Launches>().push(request);
            }
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.set_focus();
            }
        }))
        .plugin(tauri_plugin_deep_link::init())
        .plugin(navigation::guard())
        .plugin(tauri_plugin_notification::init())
        // The release key and endpoint come from tauri.conf.json; the webview gets none of the
        // plugin's own commands, only check_for_update / install_update (updates.rs).
        .plugin(tauri_plugin_updater::Builder::new().build())
        .manage(Launches::default())
        .manage(updates::Pending::default())
        .manage(sso_pages::SsoPages::default())
        .setup(move |app| {
            if let Some(first) = first {
                app.state::<Launches>().push(first);
            }
            app.manage(opened(opening));
            platform::register_url_scheme(app.handle());
            let handle = app.handle().clone();
            app.deep_link().on_open_url(move |event| {
                for url in event.urls() {
                    handle.state::<Launches>().push(LaunchRequest::Link(url.to_string()));
                }
            });
            // The single-instance plugin has claimed (or failed to claim) its D-Bus name by now.
            tracing::info!("accepting launch requests");
            Ok(())
        })
        // Every #[tauri::command] in commands.rs (build.rs writes the list).
        .invoke_handler(include!(concat!(env!("OUT_DIR"), "/handler.rs")))
        .run(tauri::generate_context!());
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: the window could not start: {err}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// The engine opened on its thread. Tauri runs the setup hook after creating the window and
/// before it serves the page or any command, so waiting here delays no command that needs
/// the journal. A journal that cannot be opened ends the process with the same message and
/// status as before; the window, already created by then, closes with it.
fn opened(opening: std::thread::JoinHandle<Result<Engine, engine::Error>>) -> Engine {
    let failure = match opening.join() {
        Ok(Ok(engine)) => {
            let endpoints: Vec<String> =
                engine.app_info().endpoints.iter().map(|e| format!("{} from {}", e.url, e.setting)).collect();
            tracing::info!(journal = %engine.journal().path().display(), ?endpoints, "starting");
            // The window can sign in again while an install or a Manage action waits: expired
            // credentials pause the work instead of failing it.
            engine.wait_for_renewal(true);
            return engine;
        }
        Ok(Err(err)) => engine::Explain::failure(&err),
        Err(_) => engine::Failure::new(engine::ErrorCode::Internal, "opening the journal panicked".to_owned()),
    };
    eprintln!("error: {failure}");
    std::process::exit(1)
}
