//! Sessions that expire mid-work. When AWS stops accepting the session's credentials while an
//! install is launched or followed, or a Manage action runs (see [`is_expiry`]), the work
//! does not fail: it says so (`InstallEvent::CredentialsExpired`) and waits until the admin
//! signs in again to the same account, then goes on from the journal (see `install::run`:
//! a stack already launched is re-attached, never created twice, and events are read from the
//! last one the journal has). A sign-in to another account while something waits is refused,
//! naming both accounts. Cancelling wakes every waiter with the expiry it stopped on.
//!
//! The CLI does not wait by default (nothing else in its process can sign in): the event is
//! emitted and the expiry returned, with the journal intact for `retry`.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Mutex;

use jiff::Timestamp;
use tokio::sync::watch;

use crate::access::AccessError;
use crate::aws::Session;
use crate::engine::Engine;
use crate::failure::Error;
use crate::failure::{ErrorCode, Explain, Failure, FixStep};
use crate::install::{InstallEvent, InstallSink};

/// Why a sign-in or a paused run was refused.
#[derive(Debug, thiserror::Error)]
pub enum RenewalError {
    #[error("this sign-in is to account {signed_in}, but the work waiting for a new sign-in is in account {paused}")]
    OtherAccount { paused: String, signed_in: String },
}

impl Explain for RenewalError {
    fn failure(&self) -> Failure {
        match self {
            RenewalError::OtherAccount { paused, .. } => {
                Failure::new(ErrorCode::OtherAccount, format!("{}.", crate::text::capitalized(&self.to_string())))
                    .with_hint(format!(
                    "Sign in again with a profile of account {paused} (the same profile, or another way into that account), \
                     or cancel the waiting work first. Nothing was changed."
                    ))
                    .fixed_at(FixStep::SignIn)
            }
        }
    }
}

/// What wakes the runs that wait: a sign-in to their account, or the admin giving up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Wake {
    Nothing,
    Renewed,
    Cancelled,
}

/// The runs waiting for a new sign-in, by the account they act in, and how to wake them.
#[derive(Debug)]
pub(crate) struct Renewal {
    /// Whether expired work waits (the window) or stops (the CLI, scripts).
    waits: AtomicBool,
    paused: Mutex<Vec<(u64, String)>>,
    next: AtomicU64,
    wake: watch::Sender<Wake>,
}

impl Default for Renewal {
    fn default() -> Self {
        Self {
            waits: AtomicBool::new(false),
            paused: Mutex::default(),
            next: AtomicU64::new(0),
            wake: watch::channel(Wake::Nothing).0,
        }
    }
}

/// A run's place among the waiting ones; leaving (the run done or dropped) removes it.
struct Paused<'a> {
    renewal: &'a Renewal,
    id: u64,
}

impl Drop for Paused<'_> {
    fn drop(&mut self) {
        self.renewal.paused.lock().unwrap_or_else(|p| p.into_inner()).retain(|(id, _)| *id != self.id);
    }
}

impl Renewal {
    fn pause(&self, account: &str) -> Paused<'_> {
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        self.paused.lock().unwrap_or_else(|p| p.into_inner()).push((id, account.to_owned()));
        Paused { renewal: self, id }
    }

    /// The account of a waiting run that `account` is not, if any.
    fn refused(&self, account: &str) -> Option<String> {
        let paused = self.paused.lock().unwrap_or_else(|p| p.into_inner());
        paused.iter().find(|(_, a)| a != account).map(|(_, a)| a.clone())
    }

    fn is_waiting(&self) -> bool {
        !self.paused.lock().unwrap_or_else(|p| p.into_inner()).is_empty()
    }
}

/// Whether `err` means the session's credentials stopped working (rather than never worked,
/// or lack a permission): expired keys or token (`ExpiredToken`, `ExpiredTokenException`,
/// `RequestExpired`), an IAM Identity Center login that ran out, or, for temporary keys
/// that worked until now, `InvalidClientTokenId` (what AWS answers keys of a session that
/// ended). `temporary` says whether the session's keys are temporary. A Manage action that
/// stopped part-way for one of these (journaled as partial) is one too.
pub fn is_expiry(err: &Error, temporary: bool) -> bool {
    match expiry_code(err) {
        Some(ErrorCode::ExpiredCredentials | ErrorCode::SsoLoginRequired) => true,
        Some(ErrorCode::InvalidCredentials) => temporary,
        _ => false,
    }
}

/// The code of a credentials failure of AWS's, directly or as the cause of a part-way stop.
fn expiry_code(err: &Error) -> Option<ErrorCode> {
    match err {
        Error::Aws(e) => Some(e.failure().code),
        Error::Access(AccessError::Partial(stopped)) => Some(stopped.cause.code),
        _ => None,
    }
}

/// Whether the session's keys are temporary (they carry a session token). Keys that cannot be
/// had at all are not: that is reported as the error it is.
async fn has_temporary_keys(session: &Session) -> bool {
    use aws_credential_types::provider::ProvideCredentials as _;
    match session.config.credentials_provider() {
        Some(provider) => provider.provide_credentials().await.is_ok_and(|c| c.session_token().is_some()),
        None => false,
    }
}

impl Engine {
    /// Makes expired work wait for a new sign-in (the window) instead of stopping (the default).
    pub fn wait_for_renewal(&self, waits: bool) {
        self.renewal.waits.store(waits, Ordering::Relaxed);
    }

    /// Whether some work waits for the admin to sign in again.
    pub fn awaiting_sign_in(&self) -> bool {
        self.renewal.is_waiting()
    }

    /// Gives up on every run waiting for a new sign-in: each stops with the expiry it met,
    /// the journal as it was (the install can be resumed later).
    pub fn cancel_renewal(&self) {
        self.renewal.wake.send_replace(Wake::Cancelled);
    }

    /// Refuses a sign-in to an account other than the one waiting work acts in.
    pub(crate) fn check_renewal(&self, account: &str) -> Result<(), Error> {
        match self.renewal.refused(account) {
            Some(paused) => Err(RenewalError::OtherAccount { paused, signed_in: account.to_owned() }.into()),
            None => Ok(()),
        }
    }

    /// A sign-in to the waiting work's account made its session the active one: wakes it.
    pub(crate) fn renewed(&self) {
        if self.renewal.is_waiting() {
            self.renewal.wake.send_replace(Wake::Renewed);
        }
    }

    /// `err` stopped work in `account` (installation `installation_id`): when it is an
    /// expiry and this engine waits, says so to `sink`, waits for a sign-in to that account
    /// and says that too; the caller then goes on with the new session. Otherwise (another
    /// error, the CLI, or cancelled) returns `err`.
    pub(crate) async fn renew_or(
        &self,
        err: Error,
        account: &str,
        installation_id: &str,
        sink: &dyn InstallSink,
    ) -> Result<(), Error> {
        let Ok(active) = self.active() else { return Err(err) };
        let temporary =
            expiry_code(&err) == Some(ErrorCode::InvalidCredentials) && has_temporary_keys(&active.session).await;
        if !is_expiry(&err, temporary) {
            return Err(err);
        }
        let mut wake = self.renewal.wake.subscribe();
        let paused = self.renewal.pause(account);
        let failure = err.failure();
        tracing::warn!(account, installation_id, code = ?failure.code, "the AWS session expired mid-work");
        sink.emit(InstallEvent::CredentialsExpired {
            installation_id: installation_id.to_owned(),
            profile: active.session.profile.clone(),
            account_id: account.to_owned(),
            sso: failure.code == ErrorCode::SsoLoginRequired,
            since: Timestamp::now(),
            message: failure.message,
            command: failure.command,
            waiting: self.renewal.waits.load(Ordering::Relaxed),
        });
        if !self.renewal.waits.load(Ordering::Relaxed) {
            return Err(err);
        }
        loop {
            if wake.changed().await.is_err() {
                return Err(err);
            }
            match *wake.borrow_and_update() {
                Wake::Renewed => break,
                Wake::Cancelled => return Err(err),
                Wake::Nothing => {}
            }
        }
        drop(paused);
        let profile = self.active().ok().and_then(|a| a.session.profile.clone());
        sink.emit(InstallEvent::CredentialsRenewed {
            installation_id: installation_id.to_owned(),
            profile,
            account_id: account.to_owned(),
            at: Timestamp::now(),
        });
        Ok(())
    }
}

#[cfg(test)]
#[path = "renewal_tests.rs"]
mod tests;
