//! Running the real `private-deploy` binary (built beside the test executables) inside a
//! sandbox, and reading its `--json` output.

use std::process::{Command, Output};

use crate::{paths, Sandbox};

pub fn run(sandbox: &Sandbox, args: &[&str]) -> Output {
    let mut cmd = Command::new(paths::cli_binary());
    sandbox.apply(&mut cmd);
    cmd.args(args).output().expect("run private-deploy")
}

pub fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)))
}
