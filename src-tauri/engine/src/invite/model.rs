//! The invite document as it is read and written: the serde model of the JSON a vendor sends.
//!
//! Every struct refuses unknown fields, so a typo or a field from a newer format is never
//! silently ignored. The rules on the values live in `rules`; the field table that names each
//! field in errors lives in `schema`.
//!
//! [`InviteFields`] is the document as written; [`Invite`] is one that passed every rule, and
//! the only way to get one is through those rules: reading a file or a link, deserializing
//! (an invite that comes back over IPC is checked again on the way in), or
//! `Invite::try_from(fields)`. The engine takes only `Invite`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The invite format this app writes (`vendor invite`), and the newest it reads.
pub const INVITE_VERSION: u32 = 2;
/// Every format this app reads: version 1 invites sent before version 2 still open.
pub const INVITE_VERSIONS: [u32; 2] = [1, 2];
/// The VPC prefix length when the invite does not ask for one.
pub const DEFAULT_VPC_PREFIX: u8 = 16;
/// The IAM path of the vendor's role when the invite does not name one.
pub const DEFAULT_ROLE_PATH: &str = "/private-deploy/";

/// A vendor's request to install its environment in the customer's AWS account, as written;
/// nothing about it is checked. See [`Invite`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(rename = "Invite")]
pub struct InviteFields {
    pub version: u32,
    pub vendor: Vendor,
    /// Tags every resource; `[a-z0-9-]`, 3 to 64 characters.
    pub installation_id: String,
    /// The `sts:ExternalId` the vendor must present to assume the role.
    pub external_id: String,
    pub access_mode: AccessMode,
    /// Prefix length of the VPC block, /16 to /25 (the reference environment needs a /25 or larger).
    #[serde(default = "default_vpc_prefix")]
    pub vpc_prefix: u8,
    /// IAM path of the vendor's role, such as `/private-deploy/`.
    #[serde(default = "default_role_path")]
    pub role_path: String,
    pub environment: Environment,
    /// Version 2: the only AWS account the environment may be installed in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub customer_account_id: Option<String>,
    /// Version 2: an RFC 3339 time after which the invite is refused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub expires_at: Option<String>,
    /// Version 2: the vendor's IAM role that the trust policy trusts, instead of the whole
    /// vendor account; it must be a role of `vendor.account_id`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub vendor_role_arn: Option<String>,
    /// Version 2: the vendor must set an `sts:SourceIdentity` (its engineer) when it assumes
    /// the role. Kept as written (absent, true or false) so the signed form round-trips.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub require_source_identity: Option<bool>,
    /// Version 2: the vendor's https URL that receives the hand-off after Ready.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub callback: Option<String>,
    /// Absent on an unsigned invite.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub signature: Option<Signature>,
}

/// Who asks for access: the AWS account the role will trust.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Vendor {
    /// Display name, as the vendor wrote it; only a pinned key vouches for it.
    pub name: String,
    /// 12 digits.
    pub account_id: String,
}

/// How much of the account the vendor's role may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AccessMode {
    /// `AdministratorAccess`.
    Full,
    /// `AdministratorAccess` limited by the Private Deploy permissions boundary.
    Boundary,
}

/// The environment stack to launch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Environment {
    pub template: EnvironmentTemplate,
    /// CloudFormation parameters of the template, by name. Version 1 only (always empty: the
    /// reference environment takes none); left out when empty, so that a version 2 invite
    /// serializes as it was written and signed.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[ts(as = "Option<BTreeMap<String, String>>", optional)]
    pub parameters: BTreeMap<String, String>,
}

/// Which template the environment stack uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum EnvironmentTemplate {
    /// The reference environment shipped with the app.
    Reference,
}

/// An Ed25519 signature over the invite's canonical JSON (see `signature`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Signature {
    /// Which pinned vendor key signed.
    pub key_id: String,
    /// Standard base64 (with padding) of the 64-byte signature.
    pub ed25519: String,
}

/// An invite whose every field passed the rules. Read-only: its fields are read through
/// `Deref`, and a changed copy must go through `Invite::try_from` again.
#[derive(Debug, Clone, PartialEq, Eq, TS)]
#[ts(as = "InviteFields")]
pub struct Invite(InviteFields);

impl Serialize for Invite {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

/// Runs every rule, so an invite sent back by the window is checked again.
impl<'de> Deserialize<'de> for Invite {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let document = serde_json::Value::deserialize(deserializer)?;
        Invite::try_from(document).map_err(serde::de::Error::custom)
    }
}

impl Invite {
    /// Only `validate` calls this, after the document passed the rules.
    pub(super) fn checked(fields: InviteFields) -> Self {
        Invite(fields)
    }

    pub fn fields(&self) -> &InviteFields {
        &self.0
    }

    pub fn into_fields(self) -> InviteFields {
        self.0
    }

    /// Whether the vendor must name its engineer (`sts:SourceIdentity`) to assume the role.
    pub fn requires_source_identity(&self) -> bool {
        self.0.require_source_identity == Some(true)
    }

    /// When the invite stops being usable, if it says.
    pub fn expiry(&self) -> Option<jiff::Timestamp> {
        // The rules only let through a time that parses.
        self.0.expires_at.as_deref().and_then(|at| at.parse().ok())
    }

    /// A copy changed by `change`, checked against the rules again.
    pub fn edited(&self, change: impl FnOnce(&mut InviteFields)) -> Result<Invite, super::InviteError> {
        let mut fields = self.0.clone();
        change(&mut fields);
        Invite::try_from(fields)
    }
}

impl std::ops::Deref for Invite {
    type Target = InviteFields;

    fn deref(&self) -> &InviteFields {
        &self.0
    }
}

impl TryFrom<serde_json::Value> for Invite {
    type Error = super::InviteError;

    fn try_from(document: serde_json::Value) -> Result<Self, Self::Error> {
        super::validate::check_document(document)
    }
}

impl TryFrom<InviteFields> for Invite {
    type Error = super::InviteError;

    /// The same rules as a file's, on fields built in code (a vendor's tool, a test).
    fn try_from(fields: InviteFields) -> Result<Self, Self::Error> {
        // Serializing plain structs, strings and integers cannot fail.
        let document = serde_json::to_value(&fields).expect("an invite serializes to JSON");
        super::validate::check_document(document)
    }
}

fn default_vpc_prefix() -> u8 {
    DEFAULT_VPC_PREFIX
}

fn default_role_path() -> String {
    DEFAULT_ROLE_PATH.to_owned()
}
