//! Running the real `private-deploy` binary (built beside the test executables) inside a
//! sandbox, or as a vendor, and reading its `--json` output.

use std::process::{Command, Output};

use crate::{paths, Sandbox};

pub fn run(sandbox: &Sandbox, args: &[&str]) -> Output {
    run_with(sandbox, &[], args)
}

/// [`run`] with `env` added to the sandbox's environment.
pub fn run_with(sandbox: &Sandbox, env: &[(&str, &std::ffi::OsStr)], args: &[&str]) -> Output {
    let mut cmd = Command::new(paths::cli_binary());
    sandbox.apply(&mut cmd);
    cmd.envs(env.iter().copied()).args(args).output().expect("run private-deploy")
}

/// `private-deploy vendor ARGS`, as a vendor runs it: no AWS, and no extra trusted keys.
pub fn vendor(args: &[&str]) -> Output {
    Command::new(paths::cli_binary())
        .arg("vendor")
        .args(args)
        .env_remove(engine::invite::VENDOR_KEYS_ENV)
        .output()
        .expect("run private-deploy")
}

pub fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)))
}
