//! The `.deb` and the `.rpm` built by `make bundle-test` (or `make bundle`): both binaries (the
//! window and the command line), the desktop entry with the `private-deploy://` scheme and the
//! icons are where a Linux desktop looks for them. Installs nothing (package_install.rs does).

use std::path::Path;
use std::process::Command;

use private_deploy_tests::bundles::{self, output};
use private_deploy_tests::paths;

/// What both packages hold, in the same places.
const PACKAGED: &[&str] = &[
    "usr/bin/private-deploy",
    "usr/bin/private-deploy-app",
    "usr/share/applications/Private Deploy.desktop",
    "usr/share/icons/hicolor/32x32/apps/private-deploy-app.png",
    "usr/share/icons/hicolor/128x128/apps/private-deploy-app.png",
    "usr/share/icons/hicolor/256x256@2/apps/private-deploy-app.png",
];

#[test]
fn the_deb_holds_both_binaries_the_desktop_entry_and_the_icons() {
    let deb = bundles::deb();
    let deb = deb.to_str().unwrap();
    let files = output("dpkg-deb", &["--contents", deb]);
    // dpkg-deb lists paths with or without a leading "./", depending on how the tar was made.
    let has =
        |path: &str| files.lines().any(|l| l.ends_with(&format!(" {path}")) || l.ends_with(&format!(" ./{path}")));
    for path in PACKAGED {
        assert!(has(path), "{path} is missing from the .deb:\n{files}");
    }

    assert_eq!(output("dpkg-deb", &["--field", deb, "Package"]).trim(), "private-deploy");
    assert_eq!(output("dpkg-deb", &["--field", deb, "Version"]).trim(), env!("CARGO_PKG_VERSION"));
    let depends = output("dpkg-deb", &["--field", deb, "Depends"]);
    assert!(depends.contains("libwebkit2gtk-4.1-0"), "Depends: {depends}");

    let dir = tempfile::tempdir().unwrap();
    output("dpkg-deb", &["--extract", deb, dir.path().to_str().unwrap()]);
    check_unpacked(dir.path());
}

#[test]
fn the_rpm_holds_both_binaries_the_desktop_entry_and_the_icons() {
    let rpm = bundles::rpm();
    let rpm = rpm.to_str().unwrap();
    // `rpm -qpl` lists absolute paths, one a line.
    let files = output("rpm", &["-qpl", rpm]);
    for path in PACKAGED {
        assert!(files.lines().any(|l| l == format!("/{path}")), "{path} is missing from the .rpm:\n{files}");
    }
    let query = |format: &str| output("rpm", &["-qp", "--qf", format, rpm]);
    assert_eq!(query("%{NAME}"), "private-deploy");
    assert_eq!(query("%{VERSION}"), env!("CARGO_PKG_VERSION"));
    assert_eq!(query("%{LICENSE}"), "Apache-2.0");
    // RPM names shared libraries by soname: `libwebkit2gtk-4.1.so.0()(64bit)`.
    let requires = output("rpm", &["-qp", "--requires", rpm]);
    let sonames: Vec<&str> =
        requires.lines().filter(|l| !l.starts_with("rpmlib(")).filter_map(|l| l.strip_suffix("()(64bit)")).collect();
    for soname in ["libwebkit2gtk-4.1.so.0", "libgtk-3.so.0"] {
        assert!(sonames.contains(&soname), "{soname} is not required:\n{requires}");
    }

    // rpm2archive turns the payload into a tar.gz; tar unpacks it without a package database.
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("payload.tar.gz");
    let status = Command::new("rpm2archive")
        .stdin(std::fs::File::open(rpm).unwrap())
        .stdout(std::fs::File::create(&archive).unwrap())
        .arg("-")
        .status()
        .unwrap();
    assert!(status.success(), "rpm2archive failed on {rpm}");
    let root = dir.path().join("root");
    std::fs::create_dir(&root).unwrap();
    output("tar", &["-xzf", archive.to_str().unwrap(), "-C", root.to_str().unwrap()]);
    check_unpacked(&root);
    // What it requires, the window links by name: no library is required for nothing.
    let needed = bundles::needed_libraries(&root.join("usr/bin/private-deploy-app"));
    for soname in sonames {
        assert!(needed.iter().any(|n| n == soname), "Requires {soname}, which the window does not link: {needed:?}");
    }
}

/// The unpacked files of either package: the desktop entry opens `private-deploy://` links, the
/// command line runs without a desktop and links no GUI library, the icon is the app's.
fn check_unpacked(root: &Path) {
    let desktop = std::fs::read_to_string(root.join("usr/share/applications/Private Deploy.desktop")).unwrap();
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
    let cli = root.join("usr/bin/private-deploy");
    let version = Command::new(&cli).arg("--version").env_remove("DISPLAY").output().unwrap();
    assert!(version.status.success(), "{}", String::from_utf8_lossy(&version.stderr));
    let linked = Command::new("ldd").arg(&cli).output().unwrap();
    let linked = String::from_utf8_lossy(&linked.stdout);
    assert!(!linked.contains("libgtk") && !linked.contains("libwebkit"), "the packaged CLI links:\n{linked}");

    let icon = std::fs::read(root.join("usr/share/icons/hicolor/128x128/apps/private-deploy-app.png")).unwrap();
    assert_eq!(&icon[..8], b"\x89PNG\r\n\x1a\n", "the 128x128 icon is a PNG");
    assert_eq!(icon, std::fs::read(paths::repo_root().join("icons/128x128.png")).unwrap(), "it is the app's own icon");
}
