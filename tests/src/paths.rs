//! Where things are: the repository, the cargo target dir, the project's Python venv.

use std::path::PathBuf;

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().expect("tests/ has a parent").to_path_buf()
}

/// The profile dir (`…/target/debug`) of the running executable: test binaries live in
/// its `deps/` folder, the `sandbox` binary in it. `PRIVATE_DEPLOY_BIN_DIR` overrides it
/// for builds whose intermediate files live in a separate `build-dir` (several checkouts
/// sharing one cargo cache), where the binaries are not beside the test executables.
pub fn profile_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("PRIVATE_DEPLOY_BIN_DIR") {
        return PathBuf::from(dir);
    }
    let exe = std::env::current_exe().expect("current exe");
    let dir = exe.parent().expect("exe has a folder");
    if dir.ends_with("deps") {
        dir.parent().expect("deps has a parent").to_path_buf()
    } else {
        dir.to_path_buf()
    }
}

/// The window's binary (`private-deploy-app`) built beside this executable.
pub fn app_binary() -> PathBuf {
    built("private-deploy-app")
}

/// The command line's binary (`private-deploy`) built beside this executable.
pub fn cli_binary() -> PathBuf {
    built("private-deploy")
}

fn built(name: &str) -> PathBuf {
    let path = profile_dir().join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
    assert!(
        path.exists(),
        "{} is missing: build it first (`cargo build --workspace --all-targets`, as `make test` does)",
        path.display()
    );
    path
}

/// The Python of the project's venv, where `moto[server]` is installed (`make venv`).
pub fn python() -> PathBuf {
    if let Some(p) = std::env::var_os("PRIVATE_DEPLOY_PYTHON") {
        return PathBuf::from(p);
    }
    let venv = repo_root().join(".venv").join("bin").join("python");
    assert!(venv.exists(), "{} is missing: run `make venv` (it installs moto[server])", venv.display());
    venv
}

/// Where tests put what a person may want to look at afterwards (screenshots).
pub fn artifacts_dir() -> PathBuf {
    let dir = repo_root().join("target").join("test-artifacts");
    std::fs::create_dir_all(&dir).expect("create target/test-artifacts");
    dir
}
