//! The invite document as it is read and written: the serde model of the JSON a vendor sends.
//!
//! Every struct refuses unknown fields, so a typo or a field from a newer format is never
//! silently ignored. The rules on the values live in `rules`; the field table that names each
//! field in errors lives in `schema`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The only invite format this app reads.
pub const INVITE_VERSION: u32 = 1;
/// The VPC prefix length when the invite does not ask for one.
pub const DEFAULT_VPC_PREFIX: u8 = 16;
/// The IAM path of the vendor's role when the invite does not name one.
pub const DEFAULT_ROLE_PATH: &str = "/private-deploy/";

/// A vendor's request to install its environment in the customer's AWS account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Invite {
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
    /// CloudFormation parameters of the template, by name.
    #[serde(default)]
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

fn default_vpc_prefix() -> u8 {
    DEFAULT_VPC_PREFIX
}

fn default_role_path() -> String {
    DEFAULT_ROLE_PATH.to_owned()
}
