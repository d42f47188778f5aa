//! Log set-up: `tracing` to stderr, filtered by `PRIVATE_DEPLOY_LOG` (then `RUST_LOG`).

use tracing_subscriber::EnvFilter;

fn init(default: &str) {
    let filter = std::env::var("PRIVATE_DEPLOY_LOG")
        .or_else(|_| std::env::var("RUST_LOG"))
        .ok()
        .and_then(|f| EnvFilter::try_new(f).ok())
        .unwrap_or_else(|| EnvFilter::new(default));
    let _ = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).try_init();
}

/// The CLI prints its own results and errors; logs only add what went wrong elsewhere. The
/// SDK's credential providers warn about failures the CLI already reports in its own words.
pub fn init_cli() {
    init("warn,aws_config=error");
}

pub fn init_app() {
    init("warn,private_deploy=info");
}
