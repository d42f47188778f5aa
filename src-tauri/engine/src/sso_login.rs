//! IAM Identity Center sign-in as [`Engine`] operations: the device login (begin, finish,
//! cancel), the portal's accounts and roles, the config preview, and signing in as a chosen
//! role (saved as a profile with consent, or kept in memory). The window's commands and the
//! CLI's `login` call these; the rules are in `aws::sso`.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use aws_credential_types::provider::SharedCredentialsProvider;
use jiff::Timestamp;
use tokio::sync::watch;

use crate::aws::sso::{
    self, DeviceLogin, IdentityCenterRole, PollOutcome, SsoAccount, SsoChoice, SsoConfigPreview, SsoError, SsoLoggedIn,
    SsoSite, SsoTarget, Started,
};
use crate::aws::{self, Identity, ProfileKind, Session, SessionOptions};
use crate::engine::Engine;
use crate::failure::Error;

/// A login waiting for the browser, or one settled without it (a refreshed token).
enum Pending {
    Device { started: Box<Started>, site: SsoSite, oidc: aws_sdk_ssooidc::Client, cancel: watch::Sender<bool> },
    Done(SsoLoggedIn),
}

/// The logins in progress and what the admin was shown, for this process only.
#[derive(Default)]
pub(crate) struct SsoLogins {
    pending: Mutex<HashMap<String, Arc<Pending>>>,
    /// start URL → the session name its token was cached under, when the config file has no
    /// `[sso-session]` for it yet (so that a later save names the same session).
    sessions: Mutex<HashMap<String, String>>,
    /// The previews shown, so that saving writes exactly what was consented to.
    previews: Mutex<HashMap<ChoiceKey, SsoConfigPreview>>,
}

impl std::fmt::Debug for SsoLogins {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SsoLogins").finish_non_exhaustive()
    }
}

type ChoiceKey = (String, String, String, Option<String>);

fn choice_key(c: &SsoChoice) -> ChoiceKey {
    (c.start_url.clone(), c.account_id.clone(), c.role_name.clone(), c.region.clone())
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl Engine {
    /// The session Identity Center's own APIs are called with: the environment's endpoints,
    /// retries and timeouts, in the Identity Center region, with no profile's credentials
    /// (the OIDC and portal calls are not signed).
    async fn identity_center_session(&self, sso_region: &str) -> Result<Session, Error> {
        let opts = SessionOptions {
            profile: None,
            pasted: None,
            mfa_code: None,
            region: Some(sso::check_region(sso_region)?),
            ..self.base_options().clone()
        };
        Ok(aws::connect(&opts).await?)
    }

    async fn clients(&self, sso_region: &str) -> Result<(aws_sdk_ssooidc::Client, aws_sdk_sso::Client), Error> {
        let session = self.identity_center_session(sso_region).await?;
        Ok((aws_sdk_ssooidc::Client::new(&session.config), aws_sdk_sso::Client::new(&session.config)))
    }

    /// Where a target's login goes and is cached.
    async fn site_of(&self, target: &SsoTarget) -> Result<SsoSite, Error> {
        let set = aws::load_profile_set(&self.base_options().files).await?;
        match target {
            SsoTarget::Profile { profile } => match sso::profile_site(&set, profile)? {
                Some(site) => Ok(site),
                None if set.get_profile(profile).is_none() => {
                    let mut available: Vec<String> = set.profiles().map(str::to_owned).collect();
                    available.sort();
                    Err(aws::AwsError::ProfileNotFound { profile: profile.clone(), available }.into())
                }
                None => Err(SsoError::NotSsoProfile { profile: profile.clone() }.into()),
            },
            SsoTarget::StartUrl { start_url, sso_region } => {
                let start_url = sso::check_start_url(start_url)?;
                let sso_region = sso::check_region(sso_region)?;
                let existing = sso::existing_session_for(&set, &start_url);
                let mut sessions = lock(&self.sso.sessions);
                let name = existing.unwrap_or_else(|| {
                    sessions.entry(start_url.clone()).or_insert_with(|| sso::new_session_name(&set, &start_url)).clone()
                });
                Ok(SsoSite { start_url, sso_region, session_name: Some(name) })
            }
        }
    }

    /// The site of a start URL the admin logged in to: its `[sso-session]`, else the session
    /// this process cached it under, else the AWS CLI's legacy key (the start URL itself).
    async fn site_for_url(&self, start_url: &str, sso_region: &str) -> Result<SsoSite, Error> {
        let set = aws::load_profile_set(&self.base_options().files).await?;
        let session_name =
            sso::existing_session_for(&set, start_url).or_else(|| lock(&self.sso.sessions).get(start_url).cloned());
        Ok(SsoSite { start_url: start_url.to_owned(), sso_region: sso::check_region(sso_region)?, session_name })
    }

    /// Starts a login. When the cached token can still be refreshed it is, and the login is
    /// already settled (`refreshed`): no browser step.
    pub async fn sso_begin(&self, target: SsoTarget) -> Result<DeviceLogin, Error> {
        let site = self.site_of(&target).await?;
        let (oidc, _) = self.clients(&site.sso_region).await?;
        let login_id = uuid::Uuid::new_v4().simple().to_string();
        let now = Timestamp::now();
        if let Some(cached) = sso::read_token(self.sso_home(), site.cache_key()).filter(|t| t.can_refresh(now)) {
            if let Some(token) = sso::refresh_token(&oidc, &cached).await? {
                sso::write_token(self.sso_home(), site.cache_key(), &token)?;
                let done = SsoLoggedIn {
                    start_url: site.start_url.clone(),
                    sso_region: site.sso_region.clone(),
                    session_name: site.session_name.clone(),
                    expires_at: token.expires_at.clone(),
                };
                lock(&self.sso.pending).insert(login_id.clone(), Arc::new(Pending::Done(done)));
                return Ok(DeviceLogin {
                    login_id,
                    start_url: site.start_url,
                    sso_region: site.sso_region,
                    verification_uri: String::new(),
                    verification_uri_complete: String::new(),
                    user_code: String::new(),
                    expires_at: token.expires_at,
                    interval_seconds: 0,
                    refreshed: true,
                });
            }
        }
        let started =
            sso::register_and_start(&oidc, &site.start_url, &site.sso_region, site.session_name.is_some()).await?;
        let login = DeviceLogin {
            login_id: login_id.clone(),
            start_url: site.start_url.clone(),
            sso_region: site.sso_region.clone(),
            verification_uri: started.verification_uri.clone(),
            verification_uri_complete: started.verification_uri_complete.clone(),
            user_code: started.user_code.clone(),
            expires_at: sso::rfc3339(started.expires_at),
            interval_seconds: started.interval_seconds,
            refreshed: false,
        };
        let (cancel, _) = watch::channel(false);
        let pending = Pending::Device { started: Box::new(started), site, oidc, cancel };
        lock(&self.sso.pending).insert(login_id, Arc::new(pending));
        Ok(login)
    }

    /// Polls CreateToken until approved, denied, expired or cancelled; writes the cache file.
    pub async fn sso_finish(&self, login_id: &str) -> Result<SsoLoggedIn, Error> {
        let pending = lock(&self.sso.pending)
            .get(login_id)
            .cloned()
            .ok_or_else(|| SsoError::UnknownLogin { login_id: login_id.to_owned() })?;
        let result = match pending.as_ref() {
            Pending::Done(done) => Ok(done.clone()),
            Pending::Device { started, site, oidc, cancel } => {
                match sso::poll_token(oidc, started, cancel.subscribe()).await {
                    Ok(PollOutcome::Approved(token)) => sso::write_token(self.sso_home(), site.cache_key(), &token)
                        .map(|_| SsoLoggedIn {
                            start_url: site.start_url.clone(),
                            sso_region: site.sso_region.clone(),
                            session_name: site.session_name.clone(),
                            expires_at: token.expires_at.clone(),
                        })
                        .map_err(Error::from),
                    Err(e) => Err(e),
                }
            }
        };
        let mut map = lock(&self.sso.pending);
        if map.get(login_id).is_some_and(|p| Arc::ptr_eq(p, &pending)) {
            map.remove(login_id);
        }
        result
    }

    /// Stops a login: its `sso_finish` returns a Cancelled error (at once if it is polling).
    pub fn sso_cancel(&self, login_id: &str) {
        if let Some(pending) = lock(&self.sso.pending).get(login_id) {
            if let Pending::Device { cancel, .. } = pending.as_ref() {
                cancel.send_replace(true);
            }
        }
    }

    /// The accounts the logged-in user is assigned, every page.
    pub async fn sso_accounts(&self, start_url: &str, sso_region: &str) -> Result<Vec<SsoAccount>, Error> {
        let site = self.site_for_url(start_url, sso_region).await?;
        let (oidc, portal) = self.clients(&site.sso_region).await?;
        let token = sso::valid_token(&oidc, self.sso_home(), &site).await?;
        sso::list_accounts(&portal, &token.access_token, &site.start_url).await
    }

    /// The roles of one account the user may use, every page.
    pub async fn sso_roles(&self, start_url: &str, sso_region: &str, account_id: &str) -> Result<Vec<String>, Error> {
        let site = self.site_for_url(start_url, sso_region).await?;
        let (oidc, portal) = self.clients(&site.sso_region).await?;
        let token = sso::valid_token(&oidc, self.sso_home(), &site).await?;
        sso::list_roles(&portal, &token.access_token, &site.start_url, account_id).await
    }

    /// The exact text `sign_in_sso(choice, true)` would append to the config file.
    pub async fn sso_config_preview(&self, choice: &SsoChoice) -> Result<SsoConfigPreview, Error> {
        let preview = self.compute_preview(choice).await?;
        lock(&self.sso.previews).insert(choice_key(choice), preview.clone());
        Ok(preview)
    }

    async fn compute_preview(&self, choice: &SsoChoice) -> Result<SsoConfigPreview, Error> {
        let accounts = self.sso_accounts(&choice.start_url, &choice.sso_region).await?;
        let account_name = accounts
            .iter()
            .find(|a| a.account_id == choice.account_id)
            .map(|a| a.account_name.clone())
            .unwrap_or_else(|| choice.account_id.clone());
        let site = self.site_for_url(&choice.start_url, &choice.sso_region).await?;
        let files = &self.base_options().files;
        let set = aws::load_profile_set(files).await?;
        Ok(sso::config_preview(
            &sso::ConfigDraft {
                set: &set,
                config_file: &files.config,
                session_name: site.session_name.as_deref(),
                account_name: &account_name,
            },
            choice,
        ))
    }

    /// Signs in as the chosen role. `save` appends the preview's text to the config file
    /// (never the credentials file) and signs in with that profile, through the SDK's own SSO
    /// provider; otherwise the choice stays in memory (credentials from GetRoleCredentials,
    /// asked again with the cached token when they expire).
    pub async fn sign_in_sso(&self, choice: SsoChoice, save: bool) -> Result<Identity, Error> {
        if save {
            let current = self.compute_preview(&choice).await?;
            let shown = lock(&self.sso.previews).get(&choice_key(&choice)).cloned().unwrap_or_else(|| current.clone());
            sso::append_config(&shown, &current)?;
            lock(&self.sso.previews).remove(&choice_key(&choice));
            return self.sign_in(Some(shown.profile_name), None).await;
        }
        let site = self.site_for_url(&choice.start_url, &choice.sso_region).await?;
        let (oidc, portal) = self.clients(&site.sso_region).await?;
        let role = IdentityCenterRole {
            oidc,
            portal,
            home: self.sso_home().to_owned(),
            site,
            account_id: choice.account_id.clone(),
            role_name: choice.role_name.clone(),
            first: Default::default(),
        };
        // Asked once now, so that a role the user is not assigned is refused in words.
        let keys = role.fetch().await?;
        *role.first.lock().unwrap_or_else(|p| p.into_inner()) = Some(keys);
        let opts = SessionOptions { profile: None, pasted: None, mfa_code: None, ..self.base_options().clone() }
            .with_region(choice.region.clone());
        let mut session = aws::connect(&opts).await?;
        session.config = session.config.to_builder().credentials_provider(SharedCredentialsProvider::new(role)).build();
        session.profile = Some(sso::in_memory_label(&choice));
        session.profile_kind = Some(ProfileKind::Sso);
        self.sign_in_session(session).await
    }
}
