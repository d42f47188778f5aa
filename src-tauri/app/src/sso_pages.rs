//! The IAM Identity Center sign-in pages the window may open in the system browser: each
//! device login's own `verification_uri_complete`, exactly as the engine handed it out (the
//! engine refuses any other than https; the loopback stand-in of the tests is its one
//! exception), kept by login ID from `sso_begin` until the login ends.
//!
//! Why Rust opens the page rather than the webview through the opener plugin: granting the
//! webview `opener:allow-open-url`, even scoped to `https://*.awsapps.com/*` and
//! `https://device.sso.*.amazonaws.com/*`, would let any script running in the page open any
//! URL of that shape (another organization's portal included). Here the webview can name a
//! login and nothing else, so it can open only the page this login is approved on; the
//! capability file grants it no opener permission at all.

use std::collections::HashMap;
use std::sync::Mutex;

use engine::aws::sso::DeviceLogin;
use engine::{ErrorCode, Failure};

#[derive(Default)]
pub struct SsoPages(Mutex<HashMap<String, String>>);

impl SsoPages {
    pub fn remember(&self, login: &DeviceLogin) {
        // A login settled by the refresh token has no page to open.
        if login.refreshed {
            return;
        }
        self.lock().insert(login.login_id.clone(), login.verification_uri_complete.clone());
    }

    /// The login is over (approved, refused, expired or cancelled): its page opens no more.
    pub fn forget(&self, login_id: &str) {
        self.lock().remove(login_id);
    }

    /// The page of a login still waiting for approval.
    pub fn page(&self, login_id: &str) -> Result<String, Failure> {
        self.lock().get(login_id).cloned().ok_or_else(|| {
            Failure::new(ErrorCode::NotFound, "This Identity Center sign-in is over.")
                .with_hint("Start the sign-in again for a new code.")
        })
    }

    /// Opens the login's page in the default browser. A failure (no browser set up) is the
    /// window's to show beside the code and address, which stay usable.
    pub fn open(&self, login_id: &str) -> Result<(), Failure> {
        let url = self.page(login_id)?;
        tauri_plugin_opener::open_url(&url, None::<&str>).map_err(|e| {
            Failure::new(ErrorCode::Internal, format!("no browser could be started: {e}"))
                .with_hint("Open the address shown below in any browser.")
        })
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, String>> {
        // A panic while holding the map leaves it consistent (single inserts and removes).
        self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn login(id: &str) -> DeviceLogin {
        DeviceLogin {
            login_id: id.to_owned(),
            start_url: "https://acme.awsapps.com/start".to_owned(),
            sso_region: "eu-west-1".to_owned(),
            verification_uri: "https://device.sso.eu-west-1.amazonaws.com/".to_owned(),
            verification_uri_complete: format!("https://device.sso.eu-west-1.amazonaws.com/?user_code={id}"),
            user_code: "WDDD-HRQK".to_owned(),
            expires_at: "2026-12-03T10:10:00Z".to_owned(),
            interval_seconds: 1,
            refreshed: false,
        }
    }

    #[test]
    fn only_a_waiting_login_has_a_page_and_it_is_the_one_the_engine_gave() {
        let pages = SsoPages::default();
        pages.remember(&login("a"));
        pages.remember(&login("b"));
        assert_eq!(pages.page("a").unwrap(), "https://device.sso.eu-west-1.amazonaws.com/?user_code=a");
        assert_eq!(pages.page("https://example.com/").unwrap_err().code, ErrorCode::NotFound);
        pages.forget("a");
        assert_eq!(pages.page("a").unwrap_err().code, ErrorCode::NotFound);
        assert_eq!(
            pages.open("a").unwrap_err().code,
            ErrorCode::NotFound,
            "nothing is opened for a login that is over"
        );
        assert!(pages.page("b").is_ok());
    }
}
