//! The desktop notification at the end of an install: it is long, and the admin has usually
//! switched to something else.

use tauri::AppHandle;
use tauri_plugin_notification::NotificationExt;

use engine::install::InstallOutcome;

pub fn notify_outcome(app: &AppHandle, outcome: &InstallOutcome) {
    let (title, body) = match outcome {
        InstallOutcome::Ready { installation_id, .. } => {
            ("Private Deploy: ready".to_owned(), format!("Installation {installation_id} is ready."))
        }
        InstallOutcome::Failed { installation_id, root_cause, .. } => (
            "Private Deploy: install failed".to_owned(),
            format!("Installation {installation_id} failed: {}", root_cause.reason),
        ),
    };
    // No notification daemon (a bare session, CI) is not an error worth showing.
    if let Err(err) = app.notification().builder().title(title).body(body).show() {
        tracing::info!(error = %err, "no desktop notification");
    }
}
