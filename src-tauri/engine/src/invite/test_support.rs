//! The sandbox sample invite and helpers shared by the invite tests.

use std::collections::BTreeMap;

use ed25519_dalek::SigningKey;
use serde_json::Value;

use super::*;

pub(super) const SIGNED_FIXTURE: &str = "sandbox-invite.json";
pub(super) const UNSIGNED_FIXTURE: &str = "sandbox-invite-unsigned.json";

pub(super) fn fixture_path(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures").join(name)
}

pub(super) fn fixture(name: &str) -> String {
    std::fs::read_to_string(fixture_path(name)).unwrap_or_else(|err| panic!("{name}: {err}"))
}

/// The sandbox invite as the fixtures hold it, unsigned.
pub(super) fn sandbox_invite() -> Invite {
    Invite::try_from(InviteFields {
        version: 1,
        vendor: Vendor { name: SANDBOX_VENDOR_NAME.to_owned(), account_id: SANDBOX_ACCOUNT_ID.to_owned() },
        installation_id: "sandbox-demo".to_owned(),
        external_id: "pd-sandbox-demo-0001".to_owned(),
        access_mode: AccessMode::Full,
        vpc_prefix: 16,
        role_path: "/private-deploy/".to_owned(),
        environment: Environment { template: EnvironmentTemplate::Reference, parameters: BTreeMap::new() },
        customer_account_id: None,
        expires_at: None,
        vendor_role_arn: None,
        require_source_identity: None,
        callback: None,
        signature: None,
    })
    .unwrap()
}

/// The fixture's text: the invite pretty-printed with two spaces, and a final newline.
pub(super) fn fixture_text(invite: &Invite) -> String {
    serde_json::to_string_pretty(invite).unwrap() + "\n"
}

/// The sample invite as a JSON value, changed by `change`, as text.
pub(super) fn sample_with(change: impl FnOnce(&mut Value)) -> String {
    let mut value = serde_json::to_value(sandbox_invite()).unwrap();
    change(&mut value);
    value.to_string()
}

/// The value at a dotted path such as `vendor.account_id`, created if missing.
pub(super) fn at<'a>(value: &'a mut Value, path: &str) -> &'a mut Value {
    path.split('.').fold(value, |v, key| &mut v[key])
}

/// Removes the field at a dotted path.
pub(super) fn remove(value: &mut Value, path: &str) {
    let (parent, key) = path.rsplit_once('.').map_or((None, path), |(p, k)| (Some(p), k));
    let object = match parent {
        Some(parent) => at(value, parent),
        None => value,
    };
    object.as_object_mut().unwrap().remove(key).unwrap_or_else(|| panic!("no field {path}"));
}

/// A throwaway key, different for each `n`.
pub(super) fn test_key(n: u8) -> SigningKey {
    SigningKey::from_bytes(&[n; 32])
}
