//! The desktop shell: one window over the engine. Nothing here holds domain logic; the
//! commands in `commands.rs` forward to [`Engine`] and turn its errors into `{code, message, hint}`.

mod commands;

use crate::engine::Engine;

pub fn run() -> std::process::ExitCode {
    crate::logging::init_app();
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
        .manage(engine)
        .invoke_handler(tauri::generate_handler![
            commands::app_info,
            commands::list_profiles,
            commands::sign_in,
            commands::frontend_ready,
            commands::list_regions,
            commands::discover_networks,
            commands::check_cidr,
            commands::suggest_cidrs,
            commands::choose_network,
            commands::last_network_choice,
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
