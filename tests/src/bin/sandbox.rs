//! The sandbox account on moto, seeded from `fixtures/sandbox.json`.
//!
//! `sandbox [APP]`: opens the app (default: the `private-deploy` built beside this binary)
//! pointed at the sandbox; moto stops when the app exits. This is `make run`.
//! `sandbox --serve`: prints the sandbox's environment as `KEY=VALUE` lines, then `ready`,
//! and serves until its standard input closes (scripts and benchmarks use it).

use std::io::Read;
use std::process::{Command, ExitCode};

use private_deploy_tests::sandbox::PROFILE;
use private_deploy_tests::{moto, paths, seed, Sandbox};

fn main() -> ExitCode {
    let arg = std::env::args_os().nth(1);
    let serve = arg.as_deref() == Some(std::ffi::OsStr::new("--serve"));
    eprintln!("sandbox: starting moto…");
    let moto = moto::shared();
    let sandbox = Sandbox::new(&moto.endpoint());
    let runtime = tokio::runtime::Runtime::new().expect("tokio runtime");
    runtime.block_on(async {
        let session = engine::aws::connect(&sandbox.options(Some(PROFILE))).await.expect("sandbox session");
        let seed = seed::sandbox_seed();
        let ids = seed::apply(&session.config, &seed).await;
        eprintln!("sandbox: account {} seeded with {} VPCs at {}", seed.account, ids.len(), moto.endpoint());
    });
    if serve {
        for (key, value) in sandbox.env() {
            println!("{key}={value}");
        }
        println!("ready");
        let _ = std::io::stdin().read_to_end(&mut Vec::new());
        return ExitCode::SUCCESS;
    }
    let app = arg.map(std::path::PathBuf::from).unwrap_or_else(paths::app_binary);
    eprintln!("sandbox: AWS profile \"{PROFILE}\" in {}; opening {}", sandbox.path().display(), app.display());
    let mut cmd = Command::new(&app);
    sandbox.apply(&mut cmd);
    let status = cmd.status();
    eprintln!("sandbox: app exited; stopping moto");
    match status {
        Ok(s) if s.success() => ExitCode::SUCCESS,
        Ok(_) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("sandbox: could not start {}: {e}", app.display());
            ExitCode::FAILURE
        }
    }
}
