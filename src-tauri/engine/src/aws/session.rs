//! The single place where a session's `SdkConfig` is built: profile, region, endpoint,
//! retries and timeouts. Every AWS client of a session is made from this config, and the
//! credential provider of a picked profile (which calls STS itself for `role_arn`,
//! `web_identity_token_file`, SSO) is built from the same settings.

use std::path::PathBuf;
use std::time::Duration;

use aws_config::profile::ProfileFileCredentialsProvider;
use aws_config::provider_config::ProviderConfig;
use aws_config::retry::RetryConfig;
use aws_config::timeout::TimeoutConfig;
use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_runtime::env_config::file::{EnvConfigFileKind as ProfileFileKind, EnvConfigFiles as ProfileFiles};
use aws_types::os_shim_internal::Env;

use aws_credential_types::Credentials;

use super::endpoints::{self, EndpointEnv, EndpointOverride};
use super::error::AwsError;
use super::mfa::{self, mfa_serial, MfaRole};
use super::partition::profile_partition;
use super::pasted::PASTED_LABEL;
use super::profiles::{load_profile_set, ProfileKind};

/// The region used when neither the caller, the profile nor the environment names one.
/// STS and DescribeRegions answer from any enabled region; us-east-1 is enabled in every
/// commercial account.
pub const FALLBACK_REGION: &str = "us-east-1";

/// Where the shared config and credentials files are, as the AWS CLI finds them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfilePaths {
    pub config: PathBuf,
    pub credentials: PathBuf,
}

impl ProfilePaths {
    /// Honours `AWS_CONFIG_FILE` and `AWS_SHARED_CREDENTIALS_FILE`, else `~/.aws/…`.
    pub fn from_env(env: &Env) -> Self {
        let home = super::home::home_dir(env);
        let pick = |var: &str, default: &str| {
            env.get(var)
                .ok()
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
                .unwrap_or_else(|| home.join(".aws").join(default))
        };
        Self {
            config: pick("AWS_CONFIG_FILE", "config"),
            credentials: pick("AWS_SHARED_CREDENTIALS_FILE", "credentials"),
        }
    }

    /// The files as the SDK loads them. A file named explicitly but missing is an error to
    /// the SDK; to us it is a laptop with no profiles yet, so only existing files are named.
    pub(crate) fn profile_files(&self) -> ProfileFiles {
        self.profile_files_with(None)
    }

    /// The files, plus `endpoint_url` for `profile` when the session has an endpoint. The
    /// SDK's credential providers take their STS endpoint from the environment and the
    /// profile only (`ProviderConfig` has no endpoint setting); read last, this section makes
    /// AssumeRole go where every other call of the session goes.
    fn profile_files_with(&self, endpoint: Option<(&str, &str)>) -> ProfileFiles {
        let mut builder = ProfileFiles::builder();
        let mut any = false;
        for (kind, path) in [(ProfileFileKind::Config, &self.config), (ProfileFileKind::Credentials, &self.credentials)]
        {
            if path.exists() {
                builder = builder.with_file(kind, path);
                any = true;
            }
        }
        if let Some((profile, url)) = endpoint {
            let section = if profile == "default" { "[default]".to_owned() } else { format!("[profile {profile}]") };
            builder = builder.with_contents(ProfileFileKind::Config, format!("{section}\nendpoint_url = {url}\n"));
        } else if !any {
            builder = builder.with_contents(ProfileFileKind::Config, "");
        }
        builder.build()
    }
}

/// Connect and read timeouts. A laptop on a bad network should fail in seconds with a
/// clear message, not hang the wizard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timeouts {
    pub connect: Duration,
    pub attempt: Duration,
    pub operation: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Self { connect: Duration::from_secs(5), attempt: Duration::from_secs(30), operation: Duration::from_secs(90) }
    }
}

/// What a session is built from. `from_env` reads the standard AWS variables once; callers
/// (the CLI's flags, the window's profile picker) then override what the user chose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionOptions {
    /// `None` means the standard credential chain (environment, then `AWS_PROFILE`/default).
    pub profile: Option<String>,
    pub region: Option<String>,
    /// `AWS_ENDPOINT_URL`: one endpoint for every service (used by the local sandbox).
    pub endpoint: Option<String>,
    /// `AWS_ENDPOINT_URL_<SERVICE>`, keyed by service (`sts`): read by the SDK itself, kept
    /// here to be checked and shown.
    pub service_endpoints: Vec<(String, String)>,
    /// Total attempts per call, first try included (`AWS_MAX_ATTEMPTS`, default 3).
    pub max_attempts: u32,
    pub timeouts: Timeouts,
    pub files: ProfilePaths,
    /// Keys pasted into the window: used instead of any profile or the environment's chain.
    pub pasted: Option<Credentials>,
    /// The code typed for a role profile with `mfa_serial` (the CLI's `--mfa-code`).
    pub mfa_code: Option<String>,
}

impl SessionOptions {
    pub fn from_env(env: &Env) -> Result<Self, AwsError> {
        let var = |name: &str| env.get(name).ok().filter(|v| !v.trim().is_empty());
        let max_attempts = match var("AWS_MAX_ATTEMPTS") {
            None => 3,
            Some(raw) => raw.trim().parse::<u32>().ok().filter(|n| *n >= 1).ok_or_else(|| AwsError::Config {
                detail: format!("AWS_MAX_ATTEMPTS is {raw:?}; it must be a whole number of at least 1"),
            })?,
        };
        let endpoints = EndpointEnv::from_env(env);
        Ok(Self {
            profile: var("AWS_PROFILE"),
            region: var("AWS_REGION").or_else(|| var("AWS_DEFAULT_REGION")),
            endpoint: endpoints.global,
            service_endpoints: endpoints.services,
            max_attempts,
            timeouts: Timeouts::default(),
            files: ProfilePaths::from_env(env),
            pasted: None,
            mfa_code: None,
        })
    }

    pub fn with_profile(mut self, profile: Option<String>) -> Self {
        if profile.is_some() {
            self.profile = profile;
        }
        self
    }

    /// Signs in with pasted keys: no profile is read for credentials.
    pub fn with_pasted(mut self, credentials: Credentials) -> Self {
        self.profile = None;
        self.pasted = Some(credentials);
        self
    }

    pub fn with_mfa_code(mut self, code: Option<String>) -> Self {
        if code.is_some() {
            self.mfa_code = code;
        }
        self
    }

    pub fn with_region(mut self, region: Option<String>) -> Self {
        if region.is_some() {
            self.region = region;
        }
        self
    }

    pub fn endpoint_env(&self) -> EndpointEnv {
        EndpointEnv { global: self.endpoint.clone(), services: self.service_endpoints.clone() }
    }
}

/// A built session: the shared config plus what the error mapping needs to know about it.
#[derive(Debug, Clone)]
pub struct Session {
    pub config: SdkConfig,
    pub profile: Option<String>,
    pub profile_kind: Option<ProfileKind>,
    pub region: String,
    /// The endpoints its calls go to instead of AWS's own (shown without user-info).
    pub endpoints: Vec<EndpointOverride>,
}

/// Builds the session's one `SdkConfig`. Fails before any network call when the profile
/// does not exist, the files do not parse or an endpoint is refused ([`endpoints::checked`]).
pub async fn connect(opts: &SessionOptions) -> Result<Session, AwsError> {
    let set = load_profile_set(&opts.files).await?;
    let profile = match opts.profile.as_ref().filter(|_| opts.pasted.is_none()) {
        Some(name) => {
            let Some(profile) = set.get_profile(name) else {
                let mut available: Vec<String> = set.profiles().map(str::to_owned).collect();
                available.sort();
                return Err(AwsError::ProfileNotFound { profile: name.clone(), available });
            };
            Some((name.clone(), profile))
        }
        None => None,
    };
    // The profile's own region beats the environment's, as in the AWS CLI; an explicit
    // `--region` beats both. Naming a region also keeps the SDK from probing IMDS for one.
    let named_region = opts
        .region
        .clone()
        .filter(|r| !r.is_empty())
        .or_else(|| profile.as_ref().and_then(|(_, p)| p.get("region")).map(str::to_owned));
    if let (None, Some((name, _))) = (&named_region, &profile) {
        if let Some(other) = profile_partition(&set, name) {
            return Err(AwsError::RegionRequired {
                profile: name.clone(),
                partition: other.partition,
                example_region: other.example_region,
            });
        }
    }
    let region = named_region.unwrap_or_else(|| FALLBACK_REGION.to_owned());
    // Without a picked profile the SDK reads endpoints from the one it selects itself
    // (`AWS_PROFILE`, else `default`), as the set loaded here does.
    let endpoint_profile = match &profile {
        Some((name, p)) => Some((name.as_str(), *p)),
        None => set.get_profile(set.selected_profile()).map(|p| (set.selected_profile(), p)),
    };
    let endpoints = endpoints::checked(&opts.endpoint_env(), &set, endpoint_profile)?;
    // The SDK reads AWS_ENDPOINT_URL itself, below a service's own variable; set in code it
    // would beat AWS_ENDPOINT_URL_<SERVICE>. Only an endpoint the environment does not hold
    // (options built by a caller, not read from the environment) is set in code, and only
    // when it applies (a profile's `ignore_configured_endpoint_urls` drops it).
    let applies = endpoints.iter().any(|e| e.service.is_none() && e.setting == endpoints::ENDPOINT_URL_ENV);
    let in_code = opts
        .endpoint
        .as_deref()
        .filter(|url| applies && EndpointEnv::from_env(&Env::real()).global.as_deref() != Some(url));

    let retry = RetryConfig::standard().with_max_attempts(opts.max_attempts);
    let timeouts = TimeoutConfig::builder()
        .connect_timeout(opts.timeouts.connect)
        .operation_attempt_timeout(opts.timeouts.attempt)
        .operation_timeout(opts.timeouts.operation)
        .build();
    let files = opts.files.profile_files_with(match (&profile, in_code) {
        (Some((name, _)), Some(url)) => Some((name.as_str(), url)),
        _ => None,
    });
    let mut loader = aws_config::defaults(BehaviorVersion::latest())
        .region(Region::new(region.clone()))
        .retry_config(retry.clone())
        .timeout_config(timeouts.clone())
        .profile_files(files.clone());
    if let Some((name, _)) = &profile {
        // A profile the user picked must win over AWS_ACCESS_KEY_ID in the environment,
        // which the default chain would try first. Its provider gets the session's region,
        // retries and timeouts: without a region, the STS call of a role profile fails with
        // "missing signing region".
        let provider_config = ProviderConfig::without_region()
            .with_region(Some(Region::new(region.clone())))
            .with_retry_config(retry.clone())
            .with_timeout_config(timeouts.clone())
            .with_behavior_version(Some(BehaviorVersion::latest()));
        loader = loader.profile_name(name);
        loader = match profile.as_ref().and_then(|(_, p)| mfa_serial(p).map(|serial| (p, serial))) {
            Some((p, serial)) => loader.credentials_provider(
                mfa::assume(MfaRole {
                    name,
                    profile: p,
                    serial,
                    code: opts.mfa_code.as_deref(),
                    provider_config: &provider_config,
                    retry,
                    timeouts,
                    files: files.clone(),
                    region: &region,
                    endpoint: in_code,
                })
                .await?,
            ),
            None => loader.credentials_provider(
                ProfileFileCredentialsProvider::builder()
                    .configure(&provider_config)
                    .profile_name(name)
                    .profile_files(files)
                    .build(),
            ),
        };
    }
    if let Some(pasted) = &opts.pasted {
        loader = loader.credentials_provider(pasted.clone());
    }
    if let Some(endpoint) = in_code {
        loader = loader.endpoint_url(endpoint);
    }
    let (profile, profile_kind) = match (&opts.pasted, profile) {
        (Some(_), _) => (Some(PASTED_LABEL.to_owned()), Some(ProfileKind::Pasted)),
        (None, Some((name, p))) => (Some(name), Some(ProfileKind::of(p))),
        (None, None) => (None, None),
    };
    let mut config = loader.load().await;
    if in_code.is_some() {
        // Set on the loader, the endpoint counts as set in code, and a client would then ignore
        // `AWS_ENDPOINT_URL_<SERVICE>` and `[services]`. It stands for `AWS_ENDPOINT_URL`, which
        // those override for their service: mark it so.
        let mut builder = config.to_builder();
        builder.insert_origin("endpoint_url", aws_types::origin::Origin::shared_environment_variable());
        config = builder.build();
    }
    Ok(Session { config, profile_kind, profile, region, endpoints })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(vars: &[(&str, &str)]) -> Env {
        Env::from_slice(vars)
    }

    #[test]
    fn options_read_the_standard_variables() {
        let opts = SessionOptions::from_env(&env(&[
            ("HOME", "/home/a"),
            ("AWS_PROFILE", "prod"),
            ("AWS_DEFAULT_REGION", "eu-west-1"),
            ("AWS_ENDPOINT_URL", "http://127.0.0.1:5000"),
            ("AWS_MAX_ATTEMPTS", "1"),
            ("AWS_CONFIG_FILE", "/etc/aws/config"),
        ]))
        .unwrap();
        assert_eq!(opts.profile.as_deref(), Some("prod"));
        assert_eq!(opts.region.as_deref(), Some("eu-west-1"));
        assert_eq!(opts.endpoint.as_deref(), Some("http://127.0.0.1:5000"));
        assert_eq!(opts.max_attempts, 1);
        assert_eq!(opts.files.config, PathBuf::from("/etc/aws/config"));
        assert_eq!(opts.files.credentials, PathBuf::from("/home/a/.aws/credentials"));
    }

    #[test]
    fn aws_region_beats_aws_default_region() {
        let opts = SessionOptions::from_env(&env(&[("AWS_REGION", "ap-south-1"), ("AWS_DEFAULT_REGION", "eu-west-1")]))
            .unwrap();
        assert_eq!(opts.region.as_deref(), Some("ap-south-1"));
    }

    #[test]
    fn a_bad_max_attempts_is_refused_with_what_is_allowed() {
        let err = SessionOptions::from_env(&env(&[("AWS_MAX_ATTEMPTS", "zero")])).unwrap_err();
        assert!(err.to_string().contains("AWS_MAX_ATTEMPTS"), "{err}");
        assert!(SessionOptions::from_env(&env(&[("AWS_MAX_ATTEMPTS", "0")])).is_err());
    }

    #[tokio::test]
    async fn a_bad_endpoint_fails_before_any_call() {
        let dir = tempfile::tempdir().unwrap();
        let mut opts = SessionOptions::from_env(&env(&[("HOME", dir.path().to_str().unwrap())])).unwrap();
        opts.endpoint = Some("127.0.0.1:5000".into());
        let err = connect(&opts).await.unwrap_err();
        assert!(matches!(err, AwsError::Endpoint(endpoints::EndpointError::NotAUrl { .. })), "{err:?}");
    }

    #[tokio::test]
    async fn an_unknown_profile_lists_the_ones_that_exist() {
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("config");
        std::fs::write(&config, "[profile b]\nregion = eu-west-1\n[profile a]\n").unwrap();
        let mut opts = SessionOptions::from_env(&env(&[("AWS_CONFIG_FILE", config.to_str().unwrap())])).unwrap();
        opts.files.credentials = dir.path().join("none");
        opts.profile = Some("c".into());
        match connect(&opts).await.unwrap_err() {
            AwsError::ProfileNotFound { profile, available } => {
                assert_eq!(profile, "c");
                assert_eq!(available, vec!["a".to_owned(), "b".to_owned()]);
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[tokio::test]
    async fn region_comes_from_flag_then_profile_then_fallback() {
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("config");
        std::fs::write(&config, "[profile eu]\nregion = eu-west-1\n[profile bare]\n").unwrap();
        let mut opts = SessionOptions::from_env(&env(&[("AWS_CONFIG_FILE", config.to_str().unwrap())])).unwrap();
        opts.files.credentials = dir.path().join("none");
        opts.profile = Some("eu".into());
        assert_eq!(connect(&opts).await.unwrap().region, "eu-west-1");
        opts.region = Some("us-west-2".into());
        assert_eq!(connect(&opts).await.unwrap().region, "us-west-2");
        opts.region = None;
        opts.profile = Some("bare".into());
        let session = connect(&opts).await.unwrap();
        assert_eq!(session.region, FALLBACK_REGION);
        assert_eq!(session.config.region().map(|r| r.as_ref()), Some(FALLBACK_REGION));
        assert_eq!(session.config.retry_config().unwrap().max_attempts(), 3);
    }

    #[tokio::test]
    async fn a_china_role_profile_without_a_region_asks_for_one_before_any_call() {
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("config");
        std::fs::write(
            &config,
            "[profile cn]\nrole_arn = arn:aws-cn:iam::123456789012:role/Admin\nsource_profile = keys\n\
             [profile keys]\naws_access_key_id = AKID\naws_secret_access_key = x\n",
        )
        .unwrap();
        let mut opts = SessionOptions::from_env(&env(&[("AWS_CONFIG_FILE", config.to_str().unwrap())])).unwrap();
        opts.files.credentials = dir.path().join("none");
        opts.endpoint = Some("http://127.0.0.1:9".into());
        opts.profile = Some("cn".into());
        match connect(&opts).await.unwrap_err() {
            AwsError::RegionRequired { profile, partition, example_region } => {
                assert_eq!((profile.as_str(), partition, example_region), ("cn", "aws-cn", "cn-north-1"));
            }
            other => panic!("unexpected {other:?}"),
        }
        opts.region = Some("cn-northwest-1".into());
        assert_eq!(connect(&opts).await.unwrap().region, "cn-northwest-1");
        // A commercial profile without a region still gets the fallback.
        opts.region = None;
        opts.profile = Some("keys".into());
        assert_eq!(connect(&opts).await.unwrap().region, FALLBACK_REGION);
    }

    #[tokio::test]
    async fn the_session_endpoint_is_given_to_the_picked_profile_for_its_own_sts_calls() {
        let dir = tempfile::tempdir().unwrap();
        let paths = ProfilePaths { config: dir.path().join("config"), credentials: dir.path().join("credentials") };
        std::fs::write(&paths.config, "[profile role]\nrole_arn = arn:aws:iam::123456789012:role/R\n").unwrap();
        let files = paths.profile_files_with(Some(("role", "http://127.0.0.1:5000")));
        let set =
            aws_config::profile::load(&aws_types::os_shim_internal::Fs::real(), &Env::from_slice(&[]), &files, None)
                .await
                .unwrap();
        let role = set.get_profile("role").unwrap();
        assert_eq!(role.get("endpoint_url"), Some("http://127.0.0.1:5000"));
        assert_eq!(role.get("role_arn"), Some("arn:aws:iam::123456789012:role/R"), "the profile's own keys stay");
    }

    #[tokio::test]
    async fn an_endpoint_set_for_the_session_gives_way_to_service_specific_ones() {
        let dir = tempfile::tempdir().unwrap();
        let mut opts = SessionOptions::from_env(&env(&[("HOME", dir.path().to_str().unwrap())])).unwrap();
        opts.endpoint = Some("http://127.0.0.1:5000".into());
        let session = connect(&opts).await.unwrap();
        assert_eq!(session.config.endpoint_url(), Some("http://127.0.0.1:5000"));
        assert!(!session.config.get_origin("endpoint_url").is_client_config());
    }
}
