// With arguments the binary is the CLI; without, it opens the wizard window.
fn main() -> std::process::ExitCode {
    private_deploy::startup::mark();
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if args.len() > 1 {
        private_deploy::cli::main(args)
    } else {
        private_deploy::app::run()
    }
}
