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
    /// `AWS_ENDPOINT_URL`, when set: the window says it is not using AWS's own endpoints.
    pub endpoint: Option<String>,
    pub journal_path: String,
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
            renewal: Default::default(),
        }
    }

    /// The engine of this process: options from the real environment, the journal at its
    /// default path (or `PRIVATE_DEPLOY_DATA_DIR`).
    pub fn from_env() -> Result<Self, Error> {
        let env = Env::real();
        let base = SessionOptions::from_env(&env)?;
        let path = journal::default_path(env.get(journal::DATA_DIR_ENV).ok().as_deref())?;
        Ok(Self::new(Journal::open(&path)?, base))
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
            endpoint: self.base.endpoint.clone(),
            journal_path: self.journal.path().display().to_string(),
        }
    }

    pub async fn list_profiles(&self) -> Result<ProfileList, Error> {
        let mut list = aws::list_profiles(&self.base.files, self.base.profile.as_deref()).await?;
        let last = self.journal.last_sign_in()?.map(|r| r.sign_in.identity.profile);
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
        let session = aws::connect(&opts).await?;
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
        self.journal.record_sign_in(&SignIn { at: Timestamp::now(), identity: identity.clone() })?;
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
            max_attempts: 1,
            timeouts: Timeouts::default(),
            files: ProfilePaths { config: dir.join("config"), credentials: dir.join("credentials") },
            pasted: None,
            mfa_code: None,
        };
        Engine::new(Journal::open_in_memory().unwrap(), opts)
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
