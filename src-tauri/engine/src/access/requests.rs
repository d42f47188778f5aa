//! The Manage panel's actions as one request type, for the window: which action, and for the
//! ones that remove access or delete, the account ID the admin typed. The CLI calls the
//! [`Engine`] methods one by one; both end in the same calls.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::access::AccessError;
use crate::access::{
    AccessActionRecord, DELETE_ROLE_WARNING, DELETE_STACKS_WARNING, MAX_WINDOW_HOURS, REVOKE_ALONE_WARNING,
};
use crate::engine::Engine;
use crate::failure::Error;
use crate::install::{DeleteOptions, InstallSink};

/// An action on the vendor's access.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AccessRequest {
    /// Allow access from now for `hours` hours, then deny by itself.
    OpenWindow {
        hours: u32,
    },
    /// Remove the time limit.
    AlwaysOpen,
    CloseWindow,
    /// Deny every session issued before now.
    RevokeSessions,
    /// Close the window, then revoke sessions.
    CutOff,
    AttachBoundary,
    RemoveBoundary,
    /// Replace full access with a policy scoped to the environment's resources.
    Tighten,
    DeleteRole,
    /// Cut the vendor off, delete the environment stack, then the access stack; `options`
    /// retain or force past the resources of a stack in `DELETE_FAILED`.
    DeleteStacks {
        #[ts(optional)]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        options: Option<DeleteOptions>,
    },
}

impl AccessRequest {
    /// Whether the engine refuses the action without the signed-in account's ID typed. Every
    /// action does: removing access and deleting cannot be undone in the vendor's favour, and
    /// re-opening access is the change someone at the admin's unlocked laptop would want most,
    /// so it is confirmed the same way as closing it. Each new action must decide here.
    pub fn needs_typed_confirmation(&self) -> bool {
        match self {
            AccessRequest::OpenWindow { .. } | AccessRequest::AlwaysOpen => true,
            AccessRequest::CloseWindow
            | AccessRequest::RevokeSessions
            | AccessRequest::CutOff
            | AccessRequest::AttachBoundary
            | AccessRequest::RemoveBoundary
            | AccessRequest::Tighten
            | AccessRequest::DeleteRole
            | AccessRequest::DeleteStacks { .. } => true,
        }
    }

    /// What to say before the admin confirms an action that cannot be undone.
    pub fn warning(&self) -> Option<&'static str> {
        match self {
            AccessRequest::DeleteRole => Some(DELETE_ROLE_WARNING),
            AccessRequest::DeleteStacks { .. } => Some(DELETE_STACKS_WARNING),
            _ => None,
        }
    }
}

/// The sentences the Manage panel shows beside its actions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AccessWarnings {
    pub revoke_alone: String,
    pub delete_role: String,
    pub delete_stacks: String,
    pub max_window_hours: u32,
}

pub fn access_warnings() -> AccessWarnings {
    AccessWarnings {
        revoke_alone: REVOKE_ALONE_WARNING.to_owned(),
        delete_role: DELETE_ROLE_WARNING.to_owned(),
        delete_stacks: DELETE_STACKS_WARNING.to_owned(),
        max_window_hours: MAX_WINDOW_HOURS,
    }
}

impl Engine {
    /// Runs `request` on the installation's access. `sink` gets the stacks' status while they
    /// are deleted. When the credentials expire part-way, the action waits for a new sign-in
    /// to the same account (see `renewal`) and runs again: each action reads the role's state
    /// first and sets what it sets, so running it again finishes it, not doubles it.
    pub async fn access_request(
        &self,
        installation_id: Option<&str>,
        request: AccessRequest,
        confirm_account: Option<&str>,
        sink: &dyn InstallSink,
    ) -> Result<AccessActionRecord, Error> {
        loop {
            let account = self.active().ok().and_then(|a| a.identity.as_ref().map(|i| i.account.clone()));
            match self.access_request_once(installation_id, request.clone(), confirm_account, sink).await {
                Err(err) => match account {
                    Some(account) => self.renew_or(err, &account, installation_id.unwrap_or_default(), sink).await?,
                    None => return Err(err),
                },
                done => return done,
            }
        }
    }

    async fn access_request_once(
        &self,
        installation_id: Option<&str>,
        request: AccessRequest,
        confirm_account: Option<&str>,
        sink: &dyn InstallSink,
    ) -> Result<AccessActionRecord, Error> {
        let typed = match (request.needs_typed_confirmation(), confirm_account) {
            (_, Some(typed)) => typed,
            (false, None) => "",
            (true, None) => return Err(AccessError::ConfirmationMissing.into()),
        };
        let id = installation_id;
        match request {
            AccessRequest::OpenWindow { hours } => self.open_window(id, hours, typed).await,
            AccessRequest::AlwaysOpen => self.always_open(id, typed).await,
            AccessRequest::CloseWindow => self.close_window(id, typed).await,
            AccessRequest::RevokeSessions => self.revoke_sessions(id, typed).await,
            AccessRequest::CutOff => self.cut_off(id, typed).await,
            AccessRequest::AttachBoundary => self.attach_boundary(id, typed).await,
            AccessRequest::RemoveBoundary => self.remove_boundary(id, typed).await,
            AccessRequest::Tighten => self.tighten_apply(id, typed).await,
            AccessRequest::DeleteRole => self.delete_role(id, typed).await,
            AccessRequest::DeleteStacks { options } => {
                self.delete_stacks(id, typed, &options.unwrap_or_default(), sink).await
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::install::CollectSink;

    #[tokio::test]
    async fn a_request_without_a_typed_account_is_refused_before_anything_else() {
        // No session at all: the refusal comes first, so it cannot have touched AWS.
        let dir = tempfile::tempdir().unwrap();
        let journal = crate::journal::Journal::open(&dir.path().join("j.sqlite3")).unwrap();
        let options = crate::aws::SessionOptions::from_env(&aws_types::os_shim_internal::Env::from_slice(&[])).unwrap();
        let engine = Engine::new(journal, options);
        for request in [
            AccessRequest::CutOff,
            AccessRequest::DeleteStacks { options: None },
            AccessRequest::Tighten,
            AccessRequest::OpenWindow { hours: 2 },
            AccessRequest::AlwaysOpen,
        ] {
            let err =
                engine.access_request(Some("i-1"), request.clone(), None, &CollectSink::default()).await.unwrap_err();
            assert!(err.to_string().contains("needs the account ID"), "{request:?}: {err}");
        }
        // With it, the request goes on to need a session.
        let err = engine
            .access_request(Some("i-1"), AccessRequest::OpenWindow { hours: 2 }, Some("1"), &CollectSink::default())
            .await
            .unwrap_err();
        assert!(matches!(err, Error::NotSignedIn), "{err:?}");
    }

    #[test]
    fn only_the_irreversible_requests_carry_a_warning() {
        assert_eq!(AccessRequest::DeleteRole.warning(), Some(DELETE_ROLE_WARNING));
        assert_eq!(AccessRequest::DeleteStacks { options: None }.warning(), Some(DELETE_STACKS_WARNING));
        for request in [AccessRequest::CutOff, AccessRequest::Tighten, AccessRequest::OpenWindow { hours: 1 }] {
            assert_eq!(request.warning(), None, "{request:?}");
        }
    }
}
