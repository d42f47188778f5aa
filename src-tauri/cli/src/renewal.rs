//! Credentials that expire while a command works (an install followed for a long time, a
//! Manage action). On a terminal the engine waits (see `engine::renewal`): the admin is asked
//! for a new MFA code (a role profile with `mfa_serial`), or to sign in again elsewhere (an
//! IAM Identity Center login, new keys) and press Enter; the same profile then signs in again
//! and the work goes on where it was. Without a terminal, or with `--json`, nothing can be
//! asked: the expiry ends the command, with nothing lost, and running it again goes on.

use std::io::{BufRead as _, IsTerminal as _, Write as _};

use tokio::sync::mpsc::{unbounded_channel, UnboundedSender};

use engine::install::{InstallEvent, InstallSink};
use engine::{Engine, Explain as _};

/// How many sign-ins the admin may try before the work stops.
const TRIES: usize = 3;

/// Forwards every event, and hands the ones that wait for a sign-in to the prompt.
struct Renewing<'a> {
    inner: &'a dyn InstallSink,
    waits: UnboundedSender<InstallEvent>,
}

impl InstallSink for Renewing<'_> {
    fn emit(&self, event: InstallEvent) {
        if let InstallEvent::CredentialsExpired { waiting: true, .. } = &event {
            let _ = self.waits.send(event.clone());
        }
        self.inner.emit(event);
    }
}

/// Runs `work` with a sink that forwards to `sink`; when its credentials expire and the
/// terminal can answer, asks the admin to sign in again while the work waits.
pub async fn renewing<T>(
    engine: &Engine,
    json: bool,
    sink: &dyn InstallSink,
    work: impl AsyncFnOnce(&dyn InstallSink) -> T,
) -> T {
    let interactive = !json && std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
    engine.wait_for_renewal(interactive);
    let (waits, mut waiting) = unbounded_channel();
    let renewing = Renewing { inner: sink, waits };
    let work = work(&renewing);
    tokio::pin!(work);
    loop {
        tokio::select! {
            out = &mut work => return out,
            Some(expired) = waiting.recv() => sign_in_again(engine, &expired).await,
        }
    }
}

/// Asks for what the profile needs and signs in with it; gives up (the work stops with the
/// expiry) on `q`, the end of input, or after [`TRIES`] refusals.
async fn sign_in_again(engine: &Engine, expired: &InstallEvent) {
    let InstallEvent::CredentialsExpired { profile, .. } = expired else { return };
    let mfa = match profile {
        Some(name) => engine
            .list_profiles()
            .await
            .is_ok_and(|list| list.profiles.iter().any(|p| &p.name == name && p.mfa_serial.is_some())),
        None => false,
    };
    let question = match (mfa, profile) {
        (true, Some(name)) => format!("MFA code for profile {name} (q to stop): "),
        (_, Some(name)) => format!(
            "Sign in again (for IAM Identity Center: `aws sso login --profile {name}` in another terminal), \
             then press Enter to go on (q to stop): "
        ),
        (_, None) => "Renew the credentials, then press Enter to go on (q to stop): ".to_owned(),
    };
    for _ in 0..TRIES {
        let Some(answer) = ask(question.clone()).await.filter(|a| a != "q") else { break };
        let signed_in = if mfa {
            engine.sign_in_with_code(profile.clone(), None, Some(answer)).await
        } else {
            engine.sign_in(profile.clone(), None).await
        };
        match signed_in {
            Ok(identity) => {
                eprintln!("Signed in again as {} in account {}: going on.", identity.arn, identity.account);
                return;
            }
            Err(err) => {
                let failure = err.failure();
                eprintln!("{}", failure.message);
                if let Some(hint) = failure.hint {
                    eprintln!("  {hint}");
                }
            }
        }
    }
    engine.cancel_renewal();
}

/// One line from the terminal, read off the runtime's threads; `None` at the end of input.
async fn ask(question: String) -> Option<String> {
    tokio::task::spawn_blocking(move || {
        let mut err = std::io::stderr();
        let _ = write!(err, "{question}");
        let _ = err.flush();
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line).ok().filter(|n| *n > 0)?;
        Some(line.trim().to_owned())
    })
    .await
    .ok()
    .flatten()
}
