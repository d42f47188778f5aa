//! An installed sandbox, as the Manage tests start from it: signed in, the sandbox invite
//! installed (access stack in the home region, environment in [`ENV_REGION`]), and the
//! vendor's role read back with the SDK (IAM returns documents URL-encoded: decoded here).

use aws_config::SdkConfig;
use engine::install::{CollectSink, InstallRequest};
use engine::Engine;
use serde_json::Value;

use crate::sandbox::PROFILE;
use crate::stacks::{fixture, url_decode, SANDBOX_INVITE};
use crate::Sandbox;

pub const ENV_REGION: &str = "eu-west-1";
pub const ENV_CIDR: &str = "10.42.0.0/16";
/// The role of the sandbox installation (`PrivateDeployVendorAccess-<installation id>`).
pub const ROLE_NAME: &str = "PrivateDeployVendorAccess-sandbox-demo";
pub const ACCOUNT: &str = "123456789012";

/// A signed-in engine with the sandbox invite installed and ready.
pub async fn installed(sandbox: &Sandbox) -> Engine {
    installed_with(sandbox, false).await
}

/// An engine signed in to the sandbox account, nothing installed.
pub async fn signed_in(sandbox: &Sandbox) -> Engine {
    let engine = sandbox.engine();
    engine.sign_in(Some(PROFILE.into()), None).await.expect("sign in");
    engine
}

/// [`installed`], with the permissions boundary when `use_boundary`.
pub async fn installed_with(sandbox: &Sandbox, use_boundary: bool) -> Engine {
    let text = std::fs::read_to_string(fixture(SANDBOX_INVITE)).expect("the sandbox invite");
    // Boxed: one more level of the install's deep future would take the futures of the tests
    // that await this one past the compiler's layout depth limit.
    Box::pin(installed_invite(sandbox, &text, use_boundary)).await
}

/// A signed-in engine with `invite` (the text of an invite file) installed and ready.
pub async fn installed_invite(sandbox: &Sandbox, invite: &str, use_boundary: bool) -> Engine {
    let engine = signed_in(sandbox).await;
    let summary = engine.open_invite_text(invite).expect("open the invite");
    let request = InstallRequest {
        invite: summary.invite,
        region: ENV_REGION.to_owned(),
        cidr: ENV_CIDR.to_owned(),
        use_boundary,
        confirmed_vendor_account: None,
    };
    let outcome = engine.install(request, &CollectSink::default()).await.expect("install");
    assert!(outcome.is_ready(), "{outcome:?}");
    engine
}

pub fn config(engine: &Engine) -> SdkConfig {
    engine.active().expect("signed in").session.config.clone()
}

pub fn iam(config: &SdkConfig) -> aws_sdk_iam::Client {
    aws_sdk_iam::Client::new(config)
}

/// The role's inline policy `name` as IAM has it now, decoded; `None` when there is none.
pub async fn inline_policy(config: &SdkConfig, role: &str, name: &str) -> Option<Value> {
    match iam(config).get_role_policy().role_name(role).policy_name(name).send().await {
        Ok(out) => Some(serde_json::from_str(&url_decode(out.policy_document())).expect("policy JSON")),
        Err(err) => {
            let code = aws_sdk_iam::error::ProvideErrorMetadata::code(&err).map(str::to_owned);
            assert_eq!(code.as_deref(), Some("NoSuchEntity"), "GetRolePolicy {name}: {err:?}");
            None
        }
    }
}

/// Whether the role exists.
pub async fn role_exists(config: &SdkConfig, role: &str) -> bool {
    match iam(config).get_role().role_name(role).send().await {
        Ok(_) => true,
        Err(err) => {
            assert_eq!(aws_sdk_iam::error::ProvideErrorMetadata::code(&err), Some("NoSuchEntity"), "{err:?}");
            false
        }
    }
}
