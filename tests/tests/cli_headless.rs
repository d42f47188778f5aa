//! `private-deploy`, the command line, on a machine without a desktop: it links no GTK,
//! WebKit or X library, works with no display, and hands window launches to
//! `private-deploy-app` only where there is a display to open it on.

use std::process::Command;

use private_deploy_tests::{exclusive, paths, Sandbox};

/// Libraries of the desktop stack that the command line must not need.
const DESKTOP_LIBRARIES: [&str; 6] = ["libgtk", "libwebkit", "libjavascriptcore", "libX11", "libgdk", "libsoup"];

fn ldd(binary: &std::path::Path) -> String {
    let out = Command::new("ldd").arg(binary).output().expect("ldd");
    assert!(out.status.success(), "ldd {}: {}", binary.display(), String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_command_line_links_no_desktop_library_and_the_window_does() {
    let cli = ldd(&paths::cli_binary());
    for lib in DESKTOP_LIBRARIES {
        assert!(!cli.contains(lib), "private-deploy links {lib}:\n{cli}");
    }
    // The same check on the window proves it can see a desktop library at all.
    let app = ldd(&paths::app_binary());
    assert!(app.contains("libwebkit2gtk"), "private-deploy-app should link WebKitGTK:\n{app}");
}

/// The sandbox's environment and nothing else: no DISPLAY, no WAYLAND_DISPLAY, no D-Bus.
fn headless(sandbox: &Sandbox) -> Command {
    let mut cmd = Command::new(paths::cli_binary());
    cmd.env_clear().env("PATH", "/usr/bin:/bin");
    sandbox.apply(&mut cmd);
    cmd
}

#[tokio::test]
async fn without_a_display_commands_work_and_the_window_launch_says_what_to_do() {
    let guard = exclusive().await;
    let sandbox = Sandbox::new(&guard.moto.endpoint());

    let out = headless(&sandbox).args(["whoami", "--json"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(value["account"], "123456789012");

    let out = headless(&sandbox).arg("--version").output().unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("private-deploy "));

    // No arguments asks for the window: with no display, a clear refusal and not a GTK panic.
    let out = headless(&sandbox).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("needs a display") && stderr.contains("private-deploy --help"), "{stderr}");
}

#[tokio::test]
async fn a_window_launch_without_the_window_installed_names_what_is_missing() {
    let guard = exclusive().await;
    let sandbox = Sandbox::new(&guard.moto.endpoint());
    let missing = sandbox.data_dir().join("no-such-app");
    let out = headless(&sandbox)
        .env("DISPLAY", ":0")
        .env("PRIVATE_DEPLOY_APP", &missing)
        .arg("private-deploy://install?invite=e30")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("not installed") && stderr.contains(&missing.display().to_string()), "{stderr}");
}
