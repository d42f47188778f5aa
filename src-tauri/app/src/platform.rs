//! What differs per OS in how the window is wired into the desktop. The `private-deploy://`
//! scheme is registered by the package everywhere: `Info.plist` on macOS (from the deep-link
//! plugin's configuration), the MSI's and NSIS installer's registry keys on Windows, the desktop
//! entry of the `.deb` and `.rpm`. An AppImage installs nothing, so it registers the scheme for
//! the user each time it runs (the AppImage may have moved).

use tauri::{AppHandle, Runtime};

#[cfg(target_os = "linux")]
pub fn register_url_scheme<R: Runtime>(app: &AppHandle<R>) {
    use tauri::utils::config::BundleType;
    use tauri::utils::platform::bundle_type;
    use tauri_plugin_deep_link::DeepLinkExt;
    if bundle_type() == Some(BundleType::AppImage) {
        if let Err(err) = app.deep_link().register_all() {
            tracing::warn!(%err, "could not register the private-deploy:// scheme for this AppImage");
        }
    }
}

#[cfg(not(target_os = "linux"))]
pub fn register_url_scheme<R: Runtime>(_app: &AppHandle<R>) {}
