//! The desktop shell: one window over the engine. Nothing here holds domain logic; the
//! commands in `commands.rs` forward to [`Engine`] and turn its errors into `{code, message, hint}`.

pub mod bindings;
mod commands;
mod launch;
mod notify;
mod sink;
pub mod startup;

use tauri::Manager;
use tauri_plugin_deep_link::DeepLinkExt;

use engine::launch::LaunchRequest;
use engine::Engine;
use launch::Launches;

pub fn run(first: Option<LaunchRequest>) -> std::process::ExitCode {
    engine::logging::init_app();
    let engine = match Engine::from_env() {
        Ok(engine) => engine,
        Err(err) => {
            let failure = err.failure();
            eprintln!("error: {failure}");
            return std::process::ExitCode::FAILURE;
        }
    };
    tracing::info!(journal = %engine.journal().path().display(), endpoint = ?engine.base_options().endpoint, "starting");
    let result = tauri::Builder::default()
        // First: a second launch hands its arguments to this process and exits at once.
        .plugin(tauri_plugin_single_instance::init(|app, argv, cwd| {
            let args: Vec<std::ffi::OsString> = argv.into_iter().map(Into::into).collect();
            // Links come through the deep-link plugin below; only `open FILE` is handled here.
            if let Some(request @ LaunchRequest::File(_)) = engine::launch::from_args(&args, std::path::Path::new(&cwd))
            {
                app.state::<Launches>().push(request);
            }
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.set_focus();
            }
        }))
        .plugin(tauri_plugin_deep_link::init())
        .plugin(tauri_plugin_notification::init())
        .manage(engine)
        .manage(Launches::new(first))
        .setup(|app| {
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
        .invoke_handler(tauri::generate_handler![
            commands::app_info,
            commands::list_profiles,
            commands::sign_in,
            commands::frontend_ready,
            commands::vpc_limits,
            commands::list_regions,
            commands::discover_networks,
            commands::check_cidr,
            commands::suggest_cidrs,
            commands::choose_network,
            commands::last_network_choice,
            commands::open_invite_text,
            commands::open_invite_file,
            commands::open_invite_link,
            commands::watch_launches,
            commands::review_access,
            commands::export_access_template,
            commands::plan_install,
            commands::start_install,
            commands::retry_install,
            commands::follow_install,
            commands::clean_up_install,
            commands::delete_stacks_preview,
            commands::install_status,
            commands::landing,
            commands::manageable_installations,
            commands::access_status,
            commands::access_warnings,
            commands::access_action,
            commands::tighten_preview,
            commands::access_audit,
            commands::database_check,
            commands::nat_addresses,
        ])
        .run(tauri::generate_context!());
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: the window could not start: {err}");
            std::process::ExitCode::FAILURE
        }
    }
}
