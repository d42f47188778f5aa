// The window. `private-deploy` (the command line) starts it for a launch without arguments
// or with a link; the desktop entry starts it directly.
fn main() -> std::process::ExitCode {
    private_deploy_app::startup::mark();
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if !engine::launch::is_window_launch(&args) {
        eprintln!(
            "error: private-deploy-app is the window and takes no command\n  hint: run `private-deploy {}` for the command line",
            args.iter().skip(1).map(|a| a.to_string_lossy()).collect::<Vec<_>>().join(" ")
        );
        return std::process::ExitCode::from(2);
    }
    let cwd = std::env::current_dir().unwrap_or_default();
    private_deploy_app::run(engine::launch::from_args(&args, &cwd))
}
