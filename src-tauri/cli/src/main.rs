// `private-deploy`: the command line. A launch that asks for the window (no arguments, a
// `private-deploy://` link, `open FILE`) is handed to the window binary installed beside it.
fn main() -> std::process::ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if engine::launch::is_window_launch(&args) {
        private_deploy_cli::window::open(&args)
    } else {
        private_deploy_cli::main(args)
    }
}
