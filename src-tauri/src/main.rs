// Without arguments, or with an install link (`private-deploy <link>`, `private-deploy open
// <file|link>`), the binary opens the wizard window; with any other arguments it is the CLI.
fn main() -> std::process::ExitCode {
    private_deploy::startup::mark();
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if private_deploy::app::launch::is_window_launch(&args) {
        let cwd = std::env::current_dir().unwrap_or_default();
        private_deploy::app::run(private_deploy::app::launch::from_args(&args, &cwd))
    } else {
        private_deploy::cli::main(args)
    }
}
