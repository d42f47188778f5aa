//! The `.deb` installed for real: dpkg unpacks it into a throwaway root (`dpkg --root`, no
//! network namespace reached), its declared `Depends:` are checked against the libraries the
//! two binaries link, and the command line from the installed package runs `--version` and
//! `template access` without a network. Needs root (dpkg's database in the throwaway root is
//! owned by the package's files' owner); `make test` runs as root on CI.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::process::Command;

use private_deploy_tests::bundles::{self, needed_libraries, output};

#[test]
fn the_deb_installs_into_a_fresh_root_declares_what_it_links_and_its_cli_runs() {
    let deb = bundles::deb();
    let root = tempfile::tempdir().unwrap();
    let installed = install(&deb, root.path());

    let status =
        output("dpkg-query", &["--root", root.path().to_str().unwrap(), "-W", "-f", "${Status}", "private-deploy"]);
    assert_eq!(status, "install ok installed");

    let depends = declared_depends(&deb);
    let binaries = [installed.join("usr/bin/private-deploy-app"), installed.join("usr/bin/private-deploy")];
    let closure = host_dependency_closure(&depends);
    let resolved: Vec<HashMap<String, PathBuf>> = binaries.iter().map(|b| resolved_libraries(b)).collect();
    let owners = owners_of(resolved.iter().flat_map(|r| r.values()));
    let mut used = BTreeSet::new();
    for (binary, resolved) in binaries.iter().zip(&resolved) {
        for lib in needed_libraries(binary) {
            let path =
                resolved.get(&lib).unwrap_or_else(|| panic!("{} needs {lib}, which ldd cannot find", binary.display()));
            let owner = &owners[path];
            assert!(
                closure.contains(owner),
                "{} links {lib} (package {owner}), which no package in Depends: {depends:?} brings",
                binary.display()
            );
        }
        used.extend(resolved.values().map(|p| owners[p].clone()));
    }
    // The other way round: every declared dependency provides something the binaries load.
    for package in &depends {
        assert!(used.contains(package), "Depends: names {package}, but neither binary loads a library of it");
    }

    // The command line from the package, with no network and a home of its own.
    let home = tempfile::tempdir().unwrap();
    let cli = installed.join("usr/bin/private-deploy");
    let version = offline(&cli, &["--version"], home.path());
    assert_eq!(version.trim(), format!("private-deploy {}", env!("CARGO_PKG_VERSION")));
    let template = offline(&cli, &["template", "access"], home.path());
    assert!(
        template.contains("AWS::IAM::Role") && template.contains("sts:ExternalId"),
        "template access printed:\n{template}"
    );
    trusts_exactly_the_configured_keys(&deb, &offline(&cli, &["diagnostics", "--json"], home.path()));
}

/// The packaged app trusts exactly the keys of `vendor-keys.json`, in its order, as built in;
/// the public sandbox key only in a package of a sandbox build, never in a release package.
fn trusts_exactly_the_configured_keys(deb: &Path, diagnostics: &str) {
    let report: serde_json::Value = serde_json::from_str(diagnostics).unwrap();
    let file = private_deploy_tests::paths::repo_root().join(engine::invite::BUILT_IN_KEYS_FILE);
    let configured: Vec<serde_json::Value> = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
    let keys = report["trusted_keys"].as_array().unwrap();
    let sandbox_build = report["sandbox_build"].as_bool().unwrap();
    // `make bundle-release-test` names the release package it built.
    let is_release_package =
        std::env::var_os("PRIVATE_DEPLOY_DEB").is_some() || deb.components().any(|c| c.as_os_str() == "release");
    assert!(!(is_release_package && sandbox_build), "a release package is a sandbox build: {report}");
    let built_in: Vec<&serde_json::Value> = keys.iter().filter(|k| k["source"] == "built_in").collect();
    assert_eq!(built_in.len(), configured.len(), "{report}");
    for (key, entry) in built_in.iter().zip(&configured) {
        assert_eq!((&key["key_id"], &key["vendor_account_ids"]), (&entry["key_id"], &entry["vendor_account_ids"]));
        assert_eq!(key["fingerprint"], engine::diagnostics::fingerprint(entry["public_key"].as_str().unwrap()));
    }
    let sandbox: Vec<&serde_json::Value> = keys.iter().filter(|k| k["source"] == "sandbox").collect();
    assert_eq!(sandbox.len(), usize::from(sandbox_build), "{report}");
    assert_eq!(keys.len(), built_in.len() + sandbox.len(), "no other key: {report}");
}

/// `dpkg -i` into `root`, whose package database starts empty. Dependencies are the host's
/// (checked above, not by dpkg); maintainer scripts, if any, run without a chroot.
fn install(deb: &Path, root: &Path) -> PathBuf {
    let admin = root.join("var/lib/dpkg");
    for dir in ["info", "updates", "triggers"] {
        std::fs::create_dir_all(admin.join(dir)).unwrap();
    }
    std::fs::write(admin.join("status"), "").unwrap();
    let out = Command::new("unshare")
        .args(["--net", "dpkg", "--root"])
        .arg(root)
        .args(["--log=/dev/null", "--force-depends", "--force-script-chrootless", "--force-not-root", "-i"])
        .arg(deb)
        .output()
        .expect("unshare dpkg");
    assert!(
        out.status.success(),
        "dpkg -i failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    root.to_path_buf()
}

/// The package names of the `.deb`'s `Depends:` (versions and alternatives dropped: the first
/// alternative is the one Tauri writes).
fn declared_depends(deb: &Path) -> Vec<String> {
    output("dpkg-deb", &["--field", deb.to_str().unwrap(), "Depends"])
        .split(',')
        .filter_map(|d| d.split('|').next())
        .map(|d| d.split_whitespace().next().unwrap_or_default().to_owned())
        .filter(|d| !d.is_empty())
        .collect()
}

/// `packages` and everything they depend on, as installed on this machine.
fn host_dependency_closure(packages: &[String]) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut todo: Vec<String> = packages.to_vec();
    while let Some(package) = todo.pop() {
        if !seen.insert(package.clone()) {
            continue;
        }
        let out =
            Command::new("dpkg-query").args(["-W", "-f", "${Depends},${Pre-Depends}", &package]).output().unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        for dep in text.split(',') {
            for alternative in dep.split('|') {
                if let Some(name) = alternative.split_whitespace().next() {
                    todo.push(name.split(':').next().unwrap().to_owned());
                }
            }
        }
    }
    seen
}

/// Each library ldd resolves for `binary`, by name, with its path.
fn resolved_libraries(binary: &Path) -> HashMap<String, PathBuf> {
    output("ldd", &[binary.to_str().unwrap()])
        .lines()
        .filter_map(|l| {
            let l = l.trim();
            // The dynamic loader has no "=>": `/lib64/ld-linux-x86-64.so.2 (0x…)`.
            let (name, path) = match l.split_once(" => ") {
                Some((name, rest)) => (name.to_owned(), rest.split_whitespace().next()?),
                None => {
                    let path = l.split_whitespace().next().filter(|p| p.starts_with('/'))?;
                    (Path::new(path).file_name()?.to_str()?.to_owned(), path)
                }
            };
            Some((name, PathBuf::from(path)))
        })
        .collect()
}

/// The host package that holds each library, in one dpkg query. dpkg knows a file under either
/// /lib or /usr/lib (/lib is a link to /usr/lib), so both spellings are asked for; exact paths,
/// since a `*/name` pattern makes dpkg read every file list once per pattern (seconds each).
fn owners_of<'a>(libraries: impl Iterator<Item = &'a PathBuf>) -> HashMap<PathBuf, String> {
    let libraries: BTreeSet<&PathBuf> = libraries.collect();
    let spellings = |p: &Path| -> Vec<String> {
        let text = p.to_str().unwrap().to_owned();
        let other = match text.strip_prefix("/usr") {
            Some(rest) => rest.to_owned(),
            None => format!("/usr{text}"),
        };
        vec![text, other]
    };
    let asked: Vec<String> = libraries.iter().flat_map(|p| spellings(p)).collect();
    // Exits 1 when one spelling is unknown (the other is found); the lookup below checks each.
    let out = Command::new("dpkg-query").arg("-S").args(&asked).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let mut by_path = HashMap::new();
    for line in text.lines() {
        let Some((packages, path)) = line.split_once(": ") else { continue };
        let package = packages.split(',').next().unwrap().split(':').next().unwrap().trim();
        by_path.insert(path.trim().to_owned(), package.to_owned());
    }
    libraries
        .into_iter()
        .map(|p| {
            let owner = spellings(p)
                .iter()
                .find_map(|s| by_path.get(s))
                .unwrap_or_else(|| panic!("no package holds {}", p.display()))
                .clone();
            (p.clone(), owner)
        })
        .collect()
}

/// Runs `program` in a network namespace of its own (only a loopback, down) and returns stdout.
fn offline(program: &Path, args: &[&str], home: &Path) -> String {
    let out = Command::new("unshare")
        .arg("--net")
        .arg(program)
        .args(args)
        .env_clear()
        .env("PATH", "/usr/bin:/bin")
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{} {args:?}: {}", program.display(), String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}
