//! Custom endpoints: which of the settings the SDK honours (`AWS_ENDPOINT_URL`,
//! `AWS_ENDPOINT_URL_<SERVICE>`, a profile's `endpoint_url`, the `[services]` section a
//! profile names) apply to a session, the rule that plain `http://` goes only to this
//! computer, and the URL as shown and logged (without user-info).
//!
//! Precedence is the SDK's (aws-runtime `EnvConfigValue::load`, as the AWS SDKs reference
//! guide describes it): a service's variable, then `AWS_ENDPOINT_URL`, then the service's
//! entry in the profile's `[services]` section, then the profile's `endpoint_url`.

use std::net::IpAddr;

use aws_config::profile::{Profile, ProfileSet};
use aws_runtime::env_config::property::PropertiesKey;
use aws_types::os_shim_internal::Env;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::failure::{ErrorCode, Explain, Failure, FixStep};

/// The services this app calls: the `[services]` key and the variable suffix of each
/// (the AWS SDKs reference guide's "Identifiers for service-specific endpoints").
const SERVICES: &[(&str, &str)] = &[
    ("sts", "STS"),
    ("iam", "IAM"),
    ("ec2", "EC2"),
    ("cloudformation", "CLOUDFORMATION"),
    ("cloudtrail", "CLOUDTRAIL"),
    ("sso", "SSO"),
    ("sso_oidc", "SSO_OIDC"),
];

pub const ENDPOINT_URL_ENV: &str = "AWS_ENDPOINT_URL";
const IGNORE_ENV: &str = "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS";

/// The endpoint variables of the environment, read once with the other AWS settings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EndpointEnv {
    /// `AWS_ENDPOINT_URL`: every service without an endpoint of its own.
    pub global: Option<String>,
    /// `AWS_ENDPOINT_URL_<SERVICE>`, keyed by the `[services]` key (`sts`).
    pub services: Vec<(String, String)>,
}

impl EndpointEnv {
    /// `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true` makes the SDK ignore them all; so do we.
    pub fn from_env(env: &Env) -> Self {
        let var = |name: &str| env.get(name).ok().map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
        if var(IGNORE_ENV).is_some_and(|v| v.eq_ignore_ascii_case("true")) {
            return Self::default();
        }
        let services = SERVICES
            .iter()
            .filter_map(|(key, suffix)| {
                var(&format!("{ENDPOINT_URL_ENV}_{suffix}")).map(|url| ((*key).to_owned(), url))
            })
            .collect();
        Self { global: var(ENDPOINT_URL_ENV), services }
    }
}

/// Where an override is set: the environment applies to every profile, a profile's own
/// settings only to it (the window shows the first in its header, the second by the profile).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum EndpointOrigin {
    Environment,
    Profile,
}

/// One endpoint a session's calls go to instead of AWS's own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct EndpointOverride {
    /// The service (`sts`, `ec2`, …), or `None`: every service without an endpoint of its own.
    pub service: Option<String>,
    /// The URL without user-info: what the window shows and the logs say.
    pub url: String,
    /// Where it is set, in the words of the file or variable: `AWS_ENDPOINT_URL_STS`,
    /// `endpoint_url of profile dev`, `sts in [services local]`.
    pub setting: String,
    pub origin: EndpointOrigin,
}

/// What applies when signing in as `profile` (the profile's own settings, the environment's
/// beating them as in the SDK). Shadowed settings are left out: they reach no call.
pub fn overrides(env: &EndpointEnv, set: &ProfileSet, profile: Option<(&str, &Profile)>) -> Vec<EndpointOverride> {
    found(env, set, profile).into_iter().map(|(o, _)| o).collect()
}

/// [`overrides`], refused before any call when one is not an http(s) URL or would send
/// signed requests over plain `http://` to another computer.
pub fn checked(
    env: &EndpointEnv,
    set: &ProfileSet,
    profile: Option<(&str, &Profile)>,
) -> Result<Vec<EndpointOverride>, EndpointError> {
    found(env, set, profile).into_iter().map(|(o, raw)| check_one(&raw, &o.setting).map(|()| o)).collect()
}

/// Each override with the URL as written (user-info included: the SDK needs it as is).
fn found(env: &EndpointEnv, set: &ProfileSet, profile: Option<(&str, &Profile)>) -> Vec<(EndpointOverride, String)> {
    let entry = |service: Option<&str>, url: &str, setting: String| {
        let origin =
            if setting.starts_with(ENDPOINT_URL_ENV) { EndpointOrigin::Environment } else { EndpointOrigin::Profile };
        let shown =
            EndpointOverride { service: service.map(str::to_owned), url: without_user_info(url), setting, origin };
        (shown, url.to_owned())
    };
    // The profile's `ignore_configured_endpoint_urls = true` makes the SDK ignore the
    // environment's endpoints too.
    let ignored = profile.and_then(|(_, p)| p.get("ignore_configured_endpoint_urls"));
    if ignored.is_some_and(|v| v.trim().eq_ignore_ascii_case("true")) {
        return Vec::new();
    }
    let mut out = Vec::new();
    let profile_url =
        profile.and_then(|(name, p)| p.get("endpoint_url").filter(|u| !u.trim().is_empty()).map(|u| (name, u)));
    match (&env.global, profile_url) {
        (Some(url), _) => out.push(entry(None, url, ENDPOINT_URL_ENV.to_owned())),
        (None, Some((name, url))) => out.push(entry(None, url, format!("profile {name} (endpoint_url)"))),
        (None, None) => {}
    }
    let section = profile.and_then(|(_, p)| p.get("services")).filter(|s| !s.trim().is_empty());
    for (key, suffix) in SERVICES {
        if let Some((_, url)) = env.services.iter().find(|(k, _)| k == key) {
            out.push(entry(Some(key), url, format!("{ENDPOINT_URL_ENV}_{suffix}")));
        } else if let (None, Some(section)) = (&env.global, section) {
            if let Some(url) = service_entry(set, section, key) {
                out.push(entry(Some(key), url, format!("[services {section}] {key}")));
            }
        }
    }
    out
}

/// `endpoint_url` under `key` in `[services section]`. The SDK spells a service with a space
/// in its id with `-` here, the reference guide with `_`: both are read.
fn service_entry<'a>(set: &'a ProfileSet, section: &str, key: &str) -> Option<&'a str> {
    [key.to_owned(), key.replace('_', "-")].into_iter().find_map(|name| {
        let property = PropertiesKey::builder()
            .section_key("services")
            .section_name(section)
            .property_name(name)
            .sub_property_name("endpoint_url")
            .build()
            .ok()?;
        set.other_sections().get(&property).map(String::as_str).filter(|u| !u.trim().is_empty())
    })
}

/// One URL as written (with user-info, which the errors never repeat).
pub fn check_one(url: &str, source: &str) -> Result<(), EndpointError> {
    let shown = without_user_info(url);
    let not_a_url = || EndpointError::NotAUrl { setting: source.to_owned(), url: shown.clone() };
    let parsed = url::Url::parse(url.trim()).map_err(|_| not_a_url())?;
    let Some(host) = parsed.host() else { return Err(not_a_url()) };
    match parsed.scheme() {
        "https" => Ok(()),
        "http" if is_loopback(&host) => Ok(()),
        "http" => Err(EndpointError::PlainHttp { setting: source.to_owned(), url: shown, host: host.to_string() }),
        _ => Err(not_a_url()),
    }
}

fn is_loopback(host: &url::Host<&str>) -> bool {
    match host {
        url::Host::Domain(name) => name.eq_ignore_ascii_case("localhost"),
        url::Host::Ipv4(ip) => IpAddr::V4(*ip).is_loopback(),
        url::Host::Ipv6(ip) => IpAddr::V6(*ip).is_loopback(),
    }
}

/// The URL without `user:password@`, otherwise as written (no trailing slash added).
pub fn without_user_info(url: &str) -> String {
    let Some(scheme_end) = url.find("://").map(|i| i + 3) else { return url.to_owned() };
    let rest = &url[scheme_end..];
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    match rest[..authority_end].rfind('@') {
        Some(at) => format!("{}{}", &url[..scheme_end], &rest[at + 1..]),
        None => url.to_owned(),
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EndpointError {
    #[error("The endpoint in {setting} is not an https:// URL: {url:?}.")]
    NotAUrl { setting: String, url: String },
    #[error("The endpoint in {setting} ({url}) would send AWS calls over plain http:// to {host}, which is not this computer.")]
    PlainHttp { setting: String, url: String, host: String },
}

impl Explain for EndpointError {
    fn failure(&self) -> Failure {
        let setting = match self {
            EndpointError::NotAUrl { setting, .. } | EndpointError::PlainHttp { setting, .. } => setting,
        };
        Failure::new(ErrorCode::ProfileConfig, self.to_string())
            .with_hint(format!(
                "Use an https:// address in {setting}, or remove it to use AWS's own endpoints. \
                 Plain http:// is accepted only for this computer (localhost, 127.0.0.1, ::1), as a local emulator uses."
            ))
            .fixed_at(FixStep::SignIn)
    }
}

#[cfg(test)]
#[path = "endpoints_tests.rs"]
mod tests;
