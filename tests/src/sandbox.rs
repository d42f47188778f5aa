//! A throwaway AWS setup pointed at moto: a config and credentials file with the `sandbox`
//! profile (dummy keys), two role profiles that assume the seed's role from it (one with a
//! region, one without), an SSO profile whose login has expired and a profile with no keys,
//! plus a journal folder. The same environment is given to in-process engines, the CLI and
//! the app.

use std::path::{Path, PathBuf};

use engine::aws::{ProfilePaths, SessionOptions, Timeouts};
use engine::journal::{Journal, DATA_DIR_ENV};
use engine::Engine;

use crate::installed::ACCOUNT;
use crate::moto::assert_loopback;

pub const PROFILE: &str = "sandbox";
pub const EXPIRED_SSO_PROFILE: &str = "expired-sso";
pub const NO_KEYS_PROFILE: &str = "no-keys";
/// `role_arn` + `source_profile = sandbox`, with its own region.
pub const ROLE_PROFILE: &str = "sandbox-role";
/// The same role, with no `region` in its section: the session's region is used.
pub const ROLE_NO_REGION_PROFILE: &str = "sandbox-role-no-region";
/// The role both role profiles assume (created by the seed) and their session names.
pub const SIGN_IN_ROLE: &str = "SandboxAdmin";
pub const ROLE_SESSION: &str = "sandbox-admin";
pub const ROLE_NO_REGION_SESSION: &str = "sandbox-admin-no-region";
pub const HOME_REGION: &str = "us-east-1";
/// Added on demand ([`Sandbox::add_mfa_profile`]): a role profile behind MFA.
pub const MFA_PROFILE: &str = "mfa-admin";
pub const MFA_SERIAL: &str = "arn:aws:iam::123456789012:mfa/admin";

pub fn sign_in_role_arn() -> String {
    format!("arn:aws:iam::{ACCOUNT}:role/{SIGN_IN_ROLE}")
}

/// The ARN STS gives a session of the sign-in role named `session`.
pub fn assumed_role_arn(session: &str) -> String {
    format!("arn:aws:sts::{ACCOUNT}:assumed-role/{SIGN_IN_ROLE}/{session}")
}

pub struct Sandbox {
    dir: tempfile::TempDir,
    endpoint: String,
}

impl Sandbox {
    pub fn new(endpoint: &str) -> Self {
        assert_loopback(endpoint).unwrap_or_else(|e| panic!("{e}"));
        let dir = tempfile::Builder::new().prefix("private-deploy-sandbox-").tempdir().expect("temp dir");
        std::fs::create_dir_all(dir.path().join("home")).expect("home");
        std::fs::write(
            dir.path().join("config"),
            format!(
                "[profile {PROFILE}]\nregion = {HOME_REGION}\n\n\
                 [profile {EXPIRED_SSO_PROFILE}]\nsso_session = sandbox-sso\nsso_account_id = 123456789012\nsso_role_name = AdministratorAccess\nregion = {HOME_REGION}\n\n\
                 [sso-session sandbox-sso]\nsso_start_url = https://sandbox.awsapps.example/start\nsso_region = {HOME_REGION}\nsso_registration_scopes = sso:account:access\n\n\
                 [profile {NO_KEYS_PROFILE}]\nregion = eu-west-1\n\n\
                 [profile {ROLE_PROFILE}]\nrole_arn = {role}\nsource_profile = {PROFILE}\nrole_session_name = {ROLE_SESSION}\nregion = {HOME_REGION}\n\n\
                 [profile {ROLE_NO_REGION_PROFILE}]\nrole_arn = {role}\nsource_profile = {PROFILE}\nrole_session_name = {ROLE_NO_REGION_SESSION}\n",
                role = sign_in_role_arn(),
            ),
        )
        .expect("config");
        std::fs::write(
            dir.path().join("credentials"),
            format!("[{PROFILE}]\naws_access_key_id = AKIASANDBOXEXAMPLE\naws_secret_access_key = sandbox-secret\n"),
        )
        .expect("credentials");
        Self { dir, endpoint: endpoint.to_owned() }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }

    /// `HOME` of the processes given [`Sandbox::env`]: the SSO token cache is under it.
    pub fn home(&self) -> PathBuf {
        self.dir.path().join("home")
    }

    pub fn data_dir(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    pub fn profile_paths(&self) -> ProfilePaths {
        ProfilePaths { config: self.dir.path().join("config"), credentials: self.dir.path().join("credentials") }
    }

    /// The environment of a process (the app, the CLI) that should see the sandbox.
    /// `HOME` is the sandbox's too, so no real `~/.aws` or SSO token cache leaks in.
    pub fn env(&self) -> Vec<(String, String)> {
        let paths = self.profile_paths();
        [
            ("AWS_CONFIG_FILE", paths.config.display().to_string()),
            ("AWS_SHARED_CREDENTIALS_FILE", paths.credentials.display().to_string()),
            ("AWS_ENDPOINT_URL", self.endpoint.clone()),
            ("AWS_PROFILE", PROFILE.to_owned()),
            ("AWS_REGION", HOME_REGION.to_owned()),
            // moto's 500s are retryable: a retried call would hide what really happened.
            ("AWS_MAX_ATTEMPTS", "1".to_owned()),
            ("AWS_EC2_METADATA_DISABLED", "true".to_owned()),
            ("HOME", self.dir.path().join("home").display().to_string()),
            (DATA_DIR_ENV, self.data_dir().display().to_string()),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect()
    }

    /// Variables a child process must not inherit: they would override the sandbox.
    pub fn env_remove() -> &'static [&'static str] {
        &[
            "AWS_ACCESS_KEY_ID",
            "AWS_SECRET_ACCESS_KEY",
            "AWS_SESSION_TOKEN",
            "AWS_DEFAULT_REGION",
            "AWS_DEFAULT_PROFILE",
        ]
    }

    pub fn apply(&self, cmd: &mut std::process::Command) {
        for var in Self::env_remove() {
            cmd.env_remove(var);
        }
        cmd.envs(self.env());
    }

    /// Session options as the engine would read them from [`Sandbox::env`], without
    /// touching this process's environment.
    pub fn options(&self, profile: Option<&str>) -> SessionOptions {
        SessionOptions {
            profile: profile.map(str::to_owned),
            region: None,
            endpoint: Some(self.endpoint.clone()),
            service_endpoints: Vec::new(),
            max_attempts: 1,
            timeouts: Timeouts::default(),
            files: self.profile_paths(),
            pasted: None,
            mfa_code: None,
        }
    }

    /// Adds `mfa-admin`: the sign-in role assumed from the `sandbox` keys behind an MFA device
    /// (`mfa_serial`), with session name `mfa-admin`. moto checks no code; AWS would.
    pub fn add_mfa_profile(&self) -> &'static str {
        use std::io::Write as _;
        let mut config = std::fs::OpenOptions::new().append(true).open(self.profile_paths().config).expect("config");
        write!(
            config,
            "\n[profile {MFA_PROFILE}]\nrole_arn = {}\nsource_profile = {PROFILE}\nmfa_serial = {MFA_SERIAL}\n\
             role_session_name = {MFA_PROFILE}\nregion = {HOME_REGION}\n",
            sign_in_role_arn()
        )
        .expect("append to config");
        MFA_PROFILE
    }

    /// Appends `text` (profiles, `[services]` sections) to the sandbox's config file.
    pub fn append_config(&self, text: &str) {
        use std::io::Write as _;
        let mut config = std::fs::OpenOptions::new().append(true).open(self.profile_paths().config).expect("config");
        write!(config, "\n{text}\n").expect("append to config");
    }

    pub fn engine(&self) -> Engine {
        let journal = Journal::open(&self.data_dir().join("journal.sqlite3")).expect("journal");
        Engine::new(journal, self.options(Some(PROFILE))).with_sso_home(self.home())
    }
}
