//! The Linux packages the package tests read: the debug ones `make bundle-test` builds, or
//! the release ones `make bundle-release-test` names through `PRIVATE_DEPLOY_DEB` and
//! `PRIVATE_DEPLOY_RPM`.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::paths;

/// The `.deb` under test.
pub fn deb() -> PathBuf {
    package("PRIVATE_DEPLOY_DEB", "deb")
}

/// The `.rpm` under test.
pub fn rpm() -> PathBuf {
    package("PRIVATE_DEPLOY_RPM", "rpm")
}

fn package(variable: &str, kind: &str) -> PathBuf {
    if let Some(p) = std::env::var_os(variable) {
        return PathBuf::from(p);
    }
    let dir = paths::profile_dir().join("bundle").join(kind);
    let found = std::fs::read_dir(&dir).ok().and_then(|entries| {
        entries.filter_map(Result::ok).map(|e| e.path()).find(|p| p.extension().is_some_and(|e| e == kind))
    });
    found.unwrap_or_else(|| panic!("no .{kind} in {}: run `make bundle-test` first (make test does)", dir.display()))
}

/// Runs a tool that must succeed and returns what it printed.
pub fn output(program: &str, args: &[&str]) -> String {
    let out = Command::new(program).args(args).output().unwrap_or_else(|e| panic!("{program}: {e}"));
    assert!(out.status.success(), "{program} {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// The ELF libraries `binary` asks for by name (its `NEEDED` entries), not the ones they pull in.
pub fn needed_libraries(binary: &Path) -> Vec<String> {
    output("objdump", &["-p", binary.to_str().unwrap()])
        .lines()
        .filter_map(|l| l.trim().strip_prefix("NEEDED"))
        .map(|name| name.trim().to_owned())
        .collect()
}
