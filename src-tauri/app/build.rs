// Declares the app's own commands so that the capability file can grant them one by one
// (an app manifest turns on permission checks for app commands).
fn main() {
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(&[
        "app_info",
        "frontend_ready",
        "list_profiles",
        "sign_in",
        "list_regions",
        "discover_networks",
        "check_cidr",
        "suggest_cidrs",
        "choose_network",
        "last_network_choice",
        "open_invite_text",
        "open_invite_file",
        "open_invite_link",
        "watch_launches",
        "review_access",
        "export_access_template",
        "plan_install",
        "start_install",
        "retry_install",
        "follow_install",
        "clean_up_install",
        "install_status",
        "access_status",
        "access_warnings",
        "access_action",
        "tighten_preview",
        "access_audit",
        "database_check",
        "nat_addresses",
    ])))
    .expect("failed to run tauri-build");
}
