//! [`Engine`]: the one object the window's commands and the CLI's subcommands call. It holds
//! what lives as long as the process (the journal, the options read from the environment)
//! and turns a user's request into engine calls.

use aws_types::os_shim_internal::Env;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use std::sync::{Arc, RwLock};
use ts_rs::TS;

use crate::aws::{self, CallContext, Identity, ProfileList, Session, SessionOptions};
use crate::failure::Error;
use crate::journal::{self, Journal, SignIn};
use crate::network::discovery::{Discovery, RegionInfo};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AppInfo {
    pub version: String,
    /// The environment's endpoint variables (`AWS_ENDPOINT_URL`, `AWS_ENDPOINT_URL_<SERVICE>`),
    /// without user-info: the window says it is not using AWS's own endpoints. A profile's own
    /// are in its entry of the profile list, a session's in [`Engine::session_endpoints`].
    pub endpoints: Vec<aws::EndpointOverride>,
    pub journal_path: String,
    /// The journal was found damaged or could not be opened: what is wrong and how to go on.
    /// Steps that need no journal work meanwhile.
    pub journal_problem: Option<JournalProblem>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct JournalProblem {
    pub failure: crate::failure::Failure,
    /// The file is damaged: the window offers to set it aside (rename it) and start anew.
    pub can_set_aside: bool,
}

/// The session later steps act as until the next sign-in. `identity` is known after a
/// sign-in; read-only CLI commands connect without asking STS first (one round trip less).
#[derive(Debug)]
pub struct Active {
    pub session: Session,
    pub identity: Option<Identity>,
}

impl Active {
    pub fn ctx(&self) -> CallContext {
        CallContext { profile: self.session.profile.clone(), profile_kind: self.session.profile_kind }
    }
}

/// What was read from the account of the active session; dropped at the next sign-in.
#[derive(Debug, Default)]
pub(crate) struct Cache {
    pub regions: Option<Arc<Vec<RegionInfo>>>,
    pub discovery: Option<Arc<Discovery>>,
}

#[derive(Debug)]
pub struct Engine {
    pub(crate) journal: Journal,
    /// The environment's AWS settings; each request starts from these.
    base: SessionOptions,
    active: RwLock<Option<Arc<Active>>>,
    pub(crate) cache: RwLock<Cache>,
    /// One DescribeRegions and one discovery at a time: the window asks for both from two
    /// screens at once, and a second caller should wait for the first answer, not repeat it.
    pub(crate) regions_flight: tokio::sync::Mutex<()>,
    pub(crate) discovery_flight: tokio::sync::Mutex<()>,
    pub(crate) runs: crate::install::Runs,
    /// Where the SSO token cache is (`$HOME`, as for the AWS CLI and the SDK).
    sso_home: std::path::PathBuf,
    pub(crate) sso: crate::sso_login::SsoLogins,
    /// Work paused on expired credentials, waiting for a new sign-in (see `renewal`).
    pub(crate) renewal: crate::renewal::Renewal,
}

impl Engine {
    pub fn new(journal: Journal, base: SessionOptions) -> Self {
        Self {
            journal,
            base,
            active: RwLock::default(),
            cache: RwLock::default(),
            regions_flight: tokio::sync::Mutex::new(()),
            discovery_flight: tokio::sync::Mutex::new(()),
            runs: Default::default(),
            sso_home: aws::sso::home_dir(&Env::real()),
            sso: Default::default(),
            renewal: Default::default(),
        }
    }

    /// Uses `home` for the SSO token cache instead of `$HOME` (tests).
    pub fn with_sso_home(mut self, home: std::path::PathBuf) -> Self {
        self.sso_home = home;
        self
    }

    pub fn sso_home(&self) -> &std::path::Path {
        &self.sso_home
    }

    /// The engine of this process: options from the real environment, the journal at its
    /// default path (or `PRIVATE_DEPLOY_DATA_DIR`).
    pub fn from_env() -> Result<Self, Error> {
        let env = Env::real();
        let base = SessionOptions::from_env(&env)?;
        let path = journal::default_path(env.get(journal::DATA_DIR_ENV).ok().as_deref())?;
        Ok(Self::new(Journal::open_or_unusable(&path), base))
    }

    pub fn journal(&self) -> &Journal {
        &self.journal
    }

    pub fn base_options(&self) -> &SessionOptions {
        &self.base
    }

    pub fn app_info(&self) -> AppInfo {
        AppInfo {
            version: env!("CARGO_PKG_VERSION").to_owned(),
            endpoints: self.endpoint_overrides(),
            journal_path: self.journal.path().display().to_string(),
            journal_problem: self.journal.problem().map(|problem| JournalProblem {
                failure: crate::Explain::failure(&problem),
                can_set_aside: matches!(problem, journal::JournalError::Damaged { .. }),
            }),
        }
    }

    /// The support report ([`crate::diagnostics`]); `shell` is how the window names itself.
    pub fn diagnostics(&self, shell: Option<String>) -> crate::diagnostics::Diagnostics {
        crate::diagnostics::gather(&self.journal, self.endpoint_overrides(), shell)
    }

    /// The environment's endpoint variables, without user-info.
    fn endpoint_overrides(&self) -> Vec<aws::EndpointOverride> {
        aws::endpoints::overrides(&self.base.endpoint_env(), &Default::default(), None)
    }

    /// Renames a damaged journal aside and starts a new one; returns where the old one is.
    pub fn set_journal_aside(&self) -> Result<Option<String>, Error> {
        Ok(self.journal.set_aside()?.map(|p| p.display().to_string()))
    }

    pub async fn list_profiles(&self) -> Result<ProfileList, Error> {
        let mut list = aws::list_profiles(
            &self.base.files,
            self.base.profile.as_deref(),
            &self.base.endpoint_env(),
            &self.sso_home,
        )
        .await?;
        // A damaged journal only loses the "last used" mark: signing in needs no journal.
        let last = journal::unless_damaged(self.journal.last_sign_in())?.flatten().map(|r| r.sign_in.identity.profile);
        list.last_used = last.filter(|name| list.profiles.iter().any(|p| &p.name == name));
        Ok(list)
    }

    /// Signs in as `profile` (or through the standard chain), records who it was, and makes
    /// it the session later steps act as.
    pub async fn sign_in(&self, profile: Option<String>, region: Option<String>) -> Result<Identity, Error> {
        self.sign_in_with(self.base.clone().with_profile(profile).with_region(region)).await
    }

    /// [`Engine::sign_in`] with the code of the MFA device a role profile names (`mfa_serial`).
    pub async fn sign_in_with_code(
        &self,
        profile: Option<String>,
        region: Option<String>,
        mfa_code: Option<String>,
    ) -> Result<Identity, Error> {
        let opts = self.base.clone().with_profile(profile).with_region(region).with_mfa_code(mfa_code);
        self.sign_in_with(opts).await
    }

    /// The MFA code every later sign-in and connect of this process uses (the CLI's `--mfa-code`).
    pub fn set_mfa_code(&mut self, code: String) {
        self.base.mfa_code = Some(code);
    }

    async fn sign_in_with(&self, opts: SessionOptions) -> Result<Identity, Error> {
        self.sign_in_session(aws::connect(&opts).await?).await
    }

    /// Asks STS who `session` is, records the sign-in and makes the session the active one.
    pub(crate) async fn sign_in_session(&self, session: Session) -> Result<Identity, Error> {
        let ctx = CallContext { profile: session.profile.clone(), profile_kind: session.profile_kind };
        let mut identity = aws::caller_identity(&aws_sdk_sts::Client::new(&session.config), &ctx).await?;
        identity.credentials_expire_at = aws::credentials_expiry(&session).await;
        self.signed_in(session, identity)
    }

    /// `session`, which STS says is `identity`, becomes the active one. Work paused on expired
    /// credentials acts in one account: a sign-in to another is refused before it is recorded
    /// or replaces the session; one to that account wakes the work.
    pub(crate) fn signed_in(&self, session: Session, identity: Identity) -> Result<Identity, Error> {
        self.check_renewal(&identity.account)?;
        // A damaged journal does not stop a sign-in: it only goes unrecorded.
        journal::unless_damaged(
            self.journal.record_sign_in(&SignIn { at: Timestamp::now(), identity: identity.clone() }),
        )?;
        self.activate(Active { session, identity: Some(identity.clone()) });
        self.renewed();
        Ok(identity)
    }

    /// Signs in with keys pasted from the AWS access portal, checked with STS. They are kept
    /// in the session only: the journal records the sign-in as [`aws::PASTED_LABEL`], and
    /// quitting the app forgets them.
    pub async fn sign_in_pasted(&self, text: &str, region: Option<String>) -> Result<Identity, Error> {
        let credentials = aws::parse_pasted(text)?;
        let opts = self.base.clone().with_pasted(credentials).with_region(region);
        self.sign_in_with(opts).await
    }

    /// Makes a session for `profile` the active one without calling AWS (the CLI's read-only
    /// commands): credentials are first used, and checked, by the command's own call.
    pub async fn connect(&self, profile: Option<String>, region: Option<String>) -> Result<(), Error> {
        let session = aws::connect(&self.base.clone().with_profile(profile).with_region(region)).await?;
        self.activate(Active { session, identity: None });
        Ok(())
    }

    pub(crate) fn activate(&self, active: Active) {
        *self.active.write().unwrap_or_else(|p| p.into_inner()) = Some(Arc::new(active));
        *self.cache.write().unwrap_or_else(|p| p.into_inner()) = Cache::default();
    }

    /// Who the active session is: known after a sign-in, else asked of STS once.
    pub async fn identity(&self) -> Result<Identity, Error> {
        let active = self.active()?;
        if let Some(identity) = &active.identity {
            return Ok(identity.clone());
        }
        let identity = aws::caller_identity(&aws_sdk_sts::Client::new(&active.session.config), &active.ctx()).await?;
        let mut slot = self.active.write().unwrap_or_else(|p| p.into_inner());
        if let Some(current) = slot.as_ref().filter(|a| Arc::ptr_eq(a, &active)) {
            *slot = Some(Arc::new(Active { session: current.session.clone(), identity: Some(identity.clone()) }));
        }
        Ok(identity)
    }

    /// The custom endpoints of the active session (none before a sign-in).
    pub fn session_endpoints(&self) -> Vec<aws::EndpointOverride> {
        self.active
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .as_ref()
            .map(|a| a.session.endpoints.clone())
            .unwrap_or_default()
    }

    /// The signed-in session, or `NotSignedIn`.
    pub fn active(&self) -> Result<Arc<Active>, Error> {
        self.active.read().unwrap_or_else(|p| p.into_inner()).clone().ok_or(Error::NotSignedIn)
    }

    /// Stores what was read for `of` in the cache, unless another sign-in happened while it
    /// was being read: an old account's VPCs must never answer for the new one.
    pub(crate) fn cache_for(&self, of: &Arc<Active>, store: impl FnOnce(&mut Cache)) {
        let current = self.active.read().unwrap_or_else(|p| p.into_inner()).clone();
        if current.is_some_and(|a| Arc::ptr_eq(&a, of)) {
            store(&mut self.cache.write().unwrap_or_else(|p| p.into_inner()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aws::{ProfilePaths, Timeouts};

    async fn engine_with_profile(dir: &std::path::Path) -> Engine {
        std::fs::write(dir.join("config"), "[profile a]\nregion = eu-west-1\n").unwrap();
        let opts = SessionOptions {
            profile: Some("a".into()),
            region: None,
            endpoint: Some("http://127.0.0.1:9".into()),
            service_endpoints: Vec::new(),
            max_attempts: 1,
            timeouts: Timeouts::default(),
            files: ProfilePaths { config: dir.join("config"), credentials: dir.join("credentials") },
            pasted: None,
            mfa_code: None,
        };
        Engine::new(Journal::open_in_memory().unwrap(), opts)
    }

    #[tokio::test]
    async fn the_window_is_told_the_endpoints_without_user_info() {
        let dir = tempfile::tempdir().unwrap();
        let mut engine = engine_with_profile(dir.path()).await;
        engine.base.endpoint = Some("http://admin:hunter2@127.0.0.1:9".into());
        engine.base.service_endpoints = vec![("sts".into(), "https://key@sts.internal.example/".into())];
        let shown: Vec<(Option<String>, String)> =
            engine.app_info().endpoints.into_iter().map(|e| (e.service, e.url)).collect();
        assert_eq!(
            shown,
            vec![
                (None, "http://127.0.0.1:9".to_owned()),
                (Some("sts".to_owned()), "https://sts.internal.example/".to_owned())
            ]
        );
        assert!(engine.session_endpoints().is_empty(), "no session before a sign-in");
        engine.connect(None, None).await.unwrap();
        let session: Vec<String> = engine.session_endpoints().into_iter().map(|e| e.url).collect();
        assert_eq!(session, vec!["http://127.0.0.1:9".to_owned(), "https://sts.internal.example/".to_owned()]);
    }

    #[tokio::test]
    async fn what_was_read_for_an_earlier_session_is_not_cached_for_the_next() {
        let dir = tempfile::tempdir().unwrap();
        let engine = engine_with_profile(dir.path()).await;
        engine.connect(None, None).await.unwrap();
        let earlier = engine.active().unwrap();
        engine.connect(None, None).await.unwrap();
        let current = engine.active().unwrap();

        engine.cache_for(&earlier, |c| c.discovery = Some(Arc::new(Discovery::default())));
        assert!(engine.cache.read().unwrap().discovery.is_none(), "a late answer for the old session is dropped");
        engine.cache_for(&current, |c| c.discovery = Some(Arc::new(Discovery::default())));
        assert!(engine.cache.read().unwrap().discovery.is_some());

        engine.connect(None, None).await.unwrap();
        assert!(engine.cache.read().unwrap().discovery.is_none(), "a new session starts with an empty cache");
    }
}
