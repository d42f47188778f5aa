//! `fuzz [TARGET|all] [--runs N] [--seed S]`: runs the parsers' fuzz targets (`private_deploy_tests::fuzz`)
//! and saves any crash under `target/fuzz-crashes/`. Exit status 1 when one crashed.

use std::process::ExitCode;
use std::time::Instant;

use private_deploy_tests::fuzz::{fuzz, save_crashes, targets};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |flag: &str| args.iter().position(|a| a == flag).and_then(|i| args.get(i + 1)).cloned();
    let runs: u64 = value("--runs").and_then(|v| v.parse().ok()).unwrap_or(100_000);
    let seed: u64 = value("--seed").and_then(|v| v.parse().ok()).unwrap_or(1);
    let only = args.first().filter(|a| !a.starts_with("--")).cloned().unwrap_or_else(|| "all".into());
    let crashes_dir = private_deploy_tests::paths::artifacts_dir().join("fuzz-crashes");
    let mut failed = false;
    let mut total = 0;
    for target in targets().iter().filter(|t| only == "all" || t.name == only) {
        let started = Instant::now();
        let report = fuzz(target, runs, seed);
        total += report.executions;
        println!(
            "{:<14} {:>10} executions in {:>6.1} s, {} crashes (seed {seed})",
            target.name,
            report.executions,
            started.elapsed().as_secs_f64(),
            report.crashes.len()
        );
        for (path, (_, message)) in save_crashes(&crashes_dir, target.name, &report).iter().zip(&report.crashes) {
            println!("  crash: {message} -> {}", path.display());
            failed = true;
        }
    }
    println!("{total} executions in all");
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
