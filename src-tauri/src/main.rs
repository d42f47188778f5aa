// With arguments the binary is the CLI; without, it opens the wizard window.
fn main() -> std::process::ExitCode {
    private_deploy::startup::mark();
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if args.len() > 1 {
        return private_deploy::cli::main(args);
    }
    // WebKitGTK's accelerated compositing costs about 80 MiB (PSS, all processes) that a
    // wizard without 3D or heavy animation never needs (docs/BENCHMARKS.md); it also sidesteps
    // blank windows on some GPU drivers. Set before any thread starts; an explicit value wins.
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none() {
        std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
    }
    private_deploy::app::run()
}
