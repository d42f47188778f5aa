//! Connecting for a command, and asking a terminal for the MFA code a role profile needs
//! (`mfa_serial`) when `--mfa-code` did not give one or AWS refused it. Scripts (no terminal)
//! get the refusal as it is, with its `mfa_required` code.

use std::io::{BufRead as _, IsTerminal as _, Write as _};

use engine::aws::Identity;
use engine::{Engine, ErrorCode, Explain as _, Failure};

use super::{Cli, Command};

/// How many codes a terminal may type before the refusal stands.
const TRIES: usize = 3;

/// Makes the command's session: whoami signs in (STS says who the caller is); the other
/// commands only connect, and their own first call checks the credentials, a round trip
/// sooner. Every command signs in in the home region, as the window does; `--region` is the
/// environment's. Returns the identity when it signed in.
pub async fn connect_asking(engine: &mut Engine, cli: &Cli) -> Result<Option<Identity>, Failure> {
    let mut asked = 0;
    loop {
        let attempt = match cli.command {
            Command::Whoami => engine.sign_in(cli.profile.clone(), None).await.map(Some),
            // A file on this computer: no AWS profile is read (it may be what is broken too).
            Command::Journal(_) => return Ok(None),
            // From the journal, to the vendor's endpoint: no AWS call.
            Command::Handoff(_) => return Ok(None),
            // About this copy of the app: no AWS call.
            Command::Diagnostics => return Ok(None),
            _ => engine.connect(cli.profile.clone(), None).await.map(|()| None),
        };
        let failure = match attempt {
            Ok(identity) => return Ok(identity),
            Err(err) => err.failure(),
        };
        let can_ask = failure.code == ErrorCode::MfaRequired && asked < TRIES && std::io::stdin().is_terminal();
        match can_ask.then(|| ask(&failure)).flatten() {
            Some(code) => {
                engine.set_mfa_code(code);
                asked += 1;
            }
            None => return Err(failure),
        }
    }
}

/// Shows why a code is needed (or why the last one was refused) and reads one line.
fn ask(failure: &Failure) -> Option<String> {
    let mut err = std::io::stderr();
    let _ = writeln!(err, "{}", failure.message);
    let _ = write!(err, "MFA code: ");
    let _ = err.flush();
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line).ok().filter(|n| *n > 0)?;
    Some(line.trim().to_owned())
}
