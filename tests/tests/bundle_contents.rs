//! The `.deb` built by `make bundle-test` (or `make bundle`): both binaries (the window and
//! the command line), the desktop entry and the icons are where a Debian desktop looks for
//! them. Installs nothing.

use std::path::PathBuf;
use std::process::Command;

use private_deploy_tests::paths;

fn deb() -> PathBuf {
    if let Some(p) = std::env::var_os("PRIVATE_DEPLOY_DEB") {
        return PathBuf::from(p);
    }
    let dir = paths::profile_dir().join("bundle").join("deb");
    let found = std::fs::read_dir(&dir).ok().and_then(|entries| {
        entries.filter_map(Result::ok).map(|e| e.path()).find(|p| p.extension().is_some_and(|e| e == "deb"))
    });
    found.unwrap_or_else(|| panic!("no .deb in {}: run `make bundle-test` first (make test does)", dir.display()))
}

fn dpkg_deb(args: &[&str]) -> String {
    let out = Command::new("dpkg-deb").args(args).output().expect("dpkg-deb");
    assert!(out.status.success(), "dpkg-deb {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_deb_holds_both_binaries_the_desktop_entry_and_the_icons() {
    let deb = deb();
    let deb = deb.to_str().unwrap();
    let files = dpkg_deb(&["--contents", deb]);
    // dpkg-deb lists paths with or without a leading "./", depending on how the tar was made.
    let has =
        |path: &str| files.lines().any(|l| l.ends_with(&format!(" {path}")) || l.ends_with(&format!(" ./{path}")));
    assert!(has("usr/bin/private-deploy"), "the command line is missing:\n{files}");
    assert!(has("usr/bin/private-deploy-app"), "the window is missing:\n{files}");
    assert!(has("usr/share/applications/Private Deploy.desktop"), "desktop entry missing:\n{files}");
    for size in ["32x32", "128x128", "256x256@2"] {
        assert!(
            has(&format!("usr/share/icons/hicolor/{size}/apps/private-deploy-app.png")),
            "{size} icon missing:\n{files}"
        );
    }

    assert_eq!(dpkg_deb(&["--field", deb, "Package"]).trim(), "private-deploy");
    assert_eq!(dpkg_deb(&["--field", deb, "Version"]).trim(), env!("CARGO_PKG_VERSION"));
    let depends = dpkg_deb(&["--field", deb, "Depends"]);
    assert!(depends.contains("libwebkit2gtk-4.1-0"), "Depends: {depends}");

    let dir = tempfile::tempdir().unwrap();
    dpkg_deb(&["--extract", deb, dir.path().to_str().unwrap()]);
    let desktop = std::fs::read_to_string(dir.path().join("usr/share/applications/Private Deploy.desktop")).unwrap();
    // `%u`: a clicked private-deploy:// link reaches the app as its argument.
    for line in [
        "Name=Private Deploy",
        "Exec=private-deploy-app %u",
        "Icon=private-deploy-app",
        "Type=Application",
        "MimeType=x-scheme-handler/private-deploy",
    ] {
        assert!(desktop.lines().any(|l| l == line), "{line} missing from the desktop entry:\n{desktop}");
    }
    // The command line in the package is the one that runs without a desktop.
    let cli = dir.path().join("usr/bin/private-deploy");
    let version = Command::new(&cli).arg("--version").env_remove("DISPLAY").output().unwrap();
    assert!(version.status.success(), "{}", String::from_utf8_lossy(&version.stderr));
    let linked = Command::new("ldd").arg(&cli).output().unwrap();
    let linked = String::from_utf8_lossy(&linked.stdout);
    assert!(!linked.contains("libgtk") && !linked.contains("libwebkit"), "the packaged CLI links:\n{linked}");

    let icon = std::fs::read(dir.path().join("usr/share/icons/hicolor/128x128/apps/private-deploy-app.png")).unwrap();
    assert_eq!(&icon[..8], b"\x89PNG\r\n\x1a\n", "the 128x128 icon is a PNG");
    assert_eq!(icon, std::fs::read(paths::repo_root().join("icons/128x128.png")).unwrap(), "it is the app's own icon");
}
