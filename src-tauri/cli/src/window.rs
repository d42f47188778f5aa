//! The hand-off to the window: `private-deploy` with no arguments or with an install link
//! starts `private-deploy-app`, the binary installed beside it, with the same arguments. The
//! command line itself links no desktop library, so it also runs where there is no display.

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::{Command, ExitCode};

/// The window's binary name, beside this one (`/usr/bin` in the `.deb`, `target/debug` in a build).
pub const APP_BINARY: &str = "private-deploy-app";

/// Where the window's binary is: `PRIVATE_DEPLOY_APP` when set, else beside this executable.
pub fn app_path() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("PRIVATE_DEPLOY_APP").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(path));
    }
    let exe = std::env::current_exe().ok()?;
    Some(exe.parent()?.join(format!("{APP_BINARY}{}", std::env::consts::EXE_SUFFIX)))
}

/// Replaces this process with the window (on Unix; elsewhere waits for it), so the desktop,
/// a shell's job control and exit codes see one program.
pub fn open(args: &[OsString]) -> ExitCode {
    let Some(app) = app_path().filter(|p| p.is_file()) else {
        let looked = app_path().map(|p| p.display().to_string()).unwrap_or_else(|| APP_BINARY.to_owned());
        eprintln!(
            "error: the Private Deploy window is not installed (looked for {looked})\n  \
             hint: install the desktop package, or use the command line: `private-deploy --help`"
        );
        return ExitCode::from(2);
    };
    if std::env::var_os("DISPLAY").is_none()
        && std::env::var_os("WAYLAND_DISPLAY").is_none()
        && cfg!(target_os = "linux")
    {
        eprintln!(
            "error: the window needs a display, and this session has none (DISPLAY and WAYLAND_DISPLAY are unset)\n  \
             hint: run it from a desktop session, or use the command line: `private-deploy --help`"
        );
        return ExitCode::from(2);
    }
    let mut command = Command::new(&app);
    command.args(args.iter().skip(1));
    exec(command, &app)
}

#[cfg(unix)]
fn exec(mut command: Command, app: &std::path::Path) -> ExitCode {
    use std::os::unix::process::CommandExt;
    let err = command.exec();
    eprintln!("error: could not start {}: {err}", app.display());
    ExitCode::FAILURE
}

#[cfg(not(unix))]
fn exec(mut command: Command, app: &std::path::Path) -> ExitCode {
    match command.status() {
        Ok(status) => ExitCode::from(status.code().unwrap_or(1).clamp(0, 255) as u8),
        Err(err) => {
            eprintln!("error: could not start {}: {err}", app.display());
            ExitCode::FAILURE
        }
    }
}
