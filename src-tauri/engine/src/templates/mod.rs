//! The CloudFormation templates shipped with the app, and everything derived from them that
//! the app needs: their parameters, the subnet blocks of the environment, the policy documents
//! for the Review access screen, and the exports (CLI command, console quick-create link).
//!
//! Both templates are static files embedded at build time: the app never edits them or
//! substitutes strings into them; everything that differs between installations goes in as a
//! CloudFormation parameter.
//!
//! The names of what an installation creates (role, boundary, stacks) are in `names`.
//!
//! - [`ACCESS_TEMPLATE`] (`access.yaml`): the vendor's IAM role, its trust policy (vendor
//!   account + External ID), `AdministratorAccess`, the optional permissions boundary (the
//!   seed's, see [`BOUNDARY_ACTIONS`]), the access-window slot [`ACCESS_WINDOW_POLICY_NAME`] and
//!   the guardrail [`GUARDRAIL_POLICY_NAME`] (see `guardrail`, with its Service Control Policy).
//! - [`ENVIRONMENT_TEMPLATE`] (`environment.yaml`): the reference environment (VPC over two
//!   Availability Zones, subnets from [`subnet_plan`], internet and NAT gateways, route
//!   tables, security group, application load balancer), all tagged with the installation ID.

mod export;
mod granted;
mod guardrail;
mod limits;
mod names;
mod policies;
mod review;
mod reviewing;
mod subnets;

#[cfg(test)]
mod guardrail_tests;
#[cfg(test)]
mod tests;

use ipnet::Ipv4Net;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::text::capitalized;

pub(crate) use export::percent_encode;
pub use export::{create_stack_command, quick_create_url, ACCESS_TEMPLATE_FILE_NAME};
pub use granted::{access_headline, access_level, summarize_boundary, BoundarySummary, MayFail, ServiceAllowance};
pub use guardrail::{
    guardrail_actions, guardrail_policy, guardrail_policy_json, guardrail_scp, guardrail_scp_json, GuardrailScope,
    BOUNDARY_MODE_ACTIONS, BOUNDARY_POLICY_ACTIONS, CLOUDTRAIL_ACTIONS, CREDENTIAL_ACTIONS, GUARDRAIL_SIDS,
    ROLE_ACTIONS, SCP_HOW_TO, SCP_MAX_CHARS, STACK_ACTIONS,
};
pub use limits::{control_limits, control_limits_markdown, control_limits_text, ControlLimit, CONTROLS_SUMMARY};
pub use names::{
    boundary_name_for, role_name_for, stack_name_with, DEFAULT_ROLE_NAME, POLICY_NAME_MAX, ROLE_NAME_MAX,
    STACK_NAME_MAX,
};
pub use policies::{
    access_window_always_open_policy, access_window_always_open_policy_json, administrator_access_arn, boundary_policy,
    boundary_policy_json, trust_policy, trust_policy_json, Trust, BOUNDARY_ACTIONS, BOUNDARY_ROLE_ACTION,
    BOUNDARY_SIDS,
};
pub use review::{review, AccessReview, StackParameter, ACCOUNT_PLACEHOLDER};
pub use subnets::{
    subnet_plan, SubnetPlan, VpcLimits, AWS_MAX_VPC_PREFIX, MAX_SUBNET_PREFIX, MAX_VPC_PREFIX, MIN_VPC_PREFIX,
    VPC_LIMITS,
};

/// The access stack's template.
pub const ACCESS_TEMPLATE: &str = include_str!("access.yaml");
/// The reference environment's template.
pub const ENVIRONMENT_TEMPLATE: &str = include_str!("environment.yaml");

/// The name of the role's inline access-window policy, which the manage step rewrites.
pub const ACCESS_WINDOW_POLICY_NAME: &str = "PrivateDeployAccessWindow";
/// The name of the role's inline guardrail policy: the Denies that keep the vendor from undoing
/// the customer's controls (its own policies, trust, boundary, the access stack, CloudTrail).
pub const GUARDRAIL_POLICY_NAME: &str = "PrivateDeployGuardrail";
/// The access template's default `RolePath`.
pub const DEFAULT_ROLE_PATH: &str = "/private-deploy/";
/// The tag both templates put on what they create, with the installation ID as its value.
pub const INSTALLATION_ID_TAG: &str = "private-deploy:installation-id";
/// The tag the access template puts on the role, with the value `true`.
pub const MANAGED_TAG: &str = "private-deploy:managed";

/// A value the templates cannot take.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    #[error(
        "the VPC block {vpc} is too small for the environment: its load balancer needs subnets of \
         /{MAX_SUBNET_PREFIX} or larger, and the block holds four subnets, so it must be /{MAX_VPC_PREFIX} or larger"
    )]
    VpcTooSmall { vpc: Ipv4Net },
    #[error(
        "the VPC block {vpc} is too large: AWS accepts VPC blocks from /{MIN_VPC_PREFIX} to /{AWS_MAX_VPC_PREFIX}"
    )]
    VpcTooLarge { vpc: Ipv4Net },
    #[error("{vpc} is not the start of its block: did you mean {network}?")]
    NotNetworkAddress { vpc: Ipv4Net, network: Ipv4Net },
    #[error("{field} {value:?} is not valid: {allowed}")]
    InvalidParameter { field: &'static str, value: String, allowed: &'static str },
    #[error("the template URL {url:?} is not an https address")]
    InvalidTemplateUrl { url: String },
    #[error("{account:?} is not an AWS account ID")]
    NotAnAccount { account: String },
    #[error("the template could not be saved as {path}: {reason}")]
    NotSaved { path: String, reason: String },
}

impl TemplateError {
    /// What the user can do about it.
    pub fn hint(&self) -> String {
        match self {
            TemplateError::VpcTooSmall { .. } | TemplateError::VpcTooLarge { .. } => {
                format!("Choose a VPC block from /{MIN_VPC_PREFIX} to /{MAX_VPC_PREFIX}.")
            }
            TemplateError::NotNetworkAddress { network, .. } => format!("Use {network}."),
            TemplateError::InvalidParameter { field, .. } => {
                format!("Ask the vendor for a corrected invite: its {field} is wrong.")
            }
            TemplateError::InvalidTemplateUrl { .. } => {
                "Upload the exported template to an S3 bucket and paste its https:// object URL.".to_owned()
            }
            TemplateError::NotAnAccount { .. } => {
                "Give the 12-digit ID of the account the access stack is in (`private-deploy whoami` shows it)."
                    .to_owned()
            }
            TemplateError::NotSaved { .. } => "Check that the folder exists and that you may write to it.".to_owned(),
        }
    }
}

impl crate::Explain for TemplateError {
    fn failure(&self) -> crate::Failure {
        crate::Failure::new(crate::ErrorCode::InvalidInput, format!("{}.", capitalized(&self.to_string())))
            .with_hint(self.hint())
    }
}

/// The parameters of the access stack, one field for each of `access.yaml`'s Parameters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AccessParameters {
    /// The vendor's 12-digit AWS account ID: the only account the role trusts.
    pub vendor_account_id: String,
    /// The invite's External ID, which the vendor must present to assume the role.
    pub external_id: String,
    /// The IAM path of the role, such as [`DEFAULT_ROLE_PATH`].
    pub role_path: String,
    /// The role's name, such as [`DEFAULT_ROLE_NAME`].
    pub role_name: String,
    pub installation_id: String,
    /// Limit the role with the seed's permissions boundary.
    pub use_boundary: bool,
    /// The vendor's role the trust policy names instead of the account; empty for none
    /// (invites before version 2, and those that name none).
    #[serde(default)]
    pub vendor_role_arn: String,
    /// The vendor must name its engineer (`sts:SourceIdentity`) to assume the role.
    #[serde(default)]
    pub require_source_identity: bool,
}

impl AccessParameters {
    /// The CloudFormation parameters (key, value), in the template's order. The two that only
    /// version 2 invites set are left at their defaults (left out) unless the invite sets them,
    /// so that the exported command of every other invite stays as it was.
    pub fn to_parameters(&self) -> Vec<(String, String)> {
        let mut pairs = vec![
            ("VendorAccountId", self.vendor_account_id.as_str()),
            ("ExternalId", self.external_id.as_str()),
            ("RolePath", self.role_path.as_str()),
            ("RoleName", self.role_name.as_str()),
            ("InstallationId", self.installation_id.as_str()),
            ("UseBoundary", if self.use_boundary { "true" } else { "false" }),
        ];
        if !self.vendor_role_arn.is_empty() {
            pairs.push(("VendorRoleArn", self.vendor_role_arn.as_str()));
        }
        if self.require_source_identity {
            pairs.push(("RequireSourceIdentity", "true"));
        }
        pairs.into_iter().map(|(key, value)| (key.to_owned(), value.to_owned())).collect()
    }

    /// Checks every value against the constraints `access.yaml` puts on it, so that an export
    /// or a launch never carries a value CloudFormation would refuse.
    pub fn validate(&self) -> Result<(), TemplateError> {
        let invalid = |field: &'static str, value: &str, allowed: &'static str| {
            Err(TemplateError::InvalidParameter { field, value: value.to_owned(), allowed })
        };
        let word = |c: char| c.is_ascii_alphanumeric() || c == '_';
        let v = &self.vendor_account_id;
        if v.len() != 12 || !v.chars().all(|c| c.is_ascii_digit()) {
            return invalid("the vendor account ID", v, "an AWS account ID is 12 digits");
        }
        let e = &self.external_id;
        if !(2..=1224).contains(&e.chars().count()) || !e.chars().all(|c| word(c) || "+=,.@:/-".contains(c)) {
            return invalid("the External ID", e, "2 to 1224 characters of letters, digits and _+=,.@:/-");
        }
        let p = &self.role_path;
        let path_ok = p.len() <= 512
            && p.starts_with('/')
            && p.ends_with('/')
            && p.chars().all(|c| c.is_ascii_graphic())
            && (p.len() == 1 || p.len() >= 3);
        if !path_ok {
            return invalid("the role path", p, "it starts and ends with / (for example /private-deploy/)");
        }
        let n = &self.role_name;
        if !(1..=64).contains(&n.len()) || !n.chars().all(|c| word(c) || "+=,.@-".contains(c)) {
            return invalid("the role name", n, "1 to 64 characters of letters, digits and _+=,.@-");
        }
        let r = &self.vendor_role_arn;
        if !r.is_empty() && crate::invite::check_vendor_role_arn(r, v).is_err() {
            return invalid("the vendor role ARN", r, "an IAM role ARN of the vendor's account, or empty");
        }
        validate_installation_id(&self.installation_id)
    }

    /// Who the role trusts, for its trust policy.
    pub fn trust(&self) -> Trust<'_> {
        Trust {
            vendor_account_id: &self.vendor_account_id,
            external_id: &self.external_id,
            vendor_role_arn: Some(self.vendor_role_arn.as_str()).filter(|r| !r.is_empty()),
            require_source_identity: self.require_source_identity,
        }
    }
}

/// The invite's rule (one copy), which is stricter than the template's AllowedPattern.
fn validate_installation_id(id: &str) -> Result<(), TemplateError> {
    crate::invite::check_installation_id(id).map_err(|_| TemplateError::InvalidParameter {
        field: "the installation ID",
        value: id.to_owned(),
        allowed: "3 to 64 characters of a-z, 0-9 and '-', starting with a letter or a digit",
    })
}

/// The CloudFormation parameters (key, value) of the environment stack: the installation ID,
/// the VPC block and the four subnet blocks of `plan` (from [`subnet_plan`]), and the two
/// Availability Zones (A's, then B's).
pub fn environment_parameters(
    installation_id: &str,
    plan: &SubnetPlan,
    zones: &[String; 2],
) -> Result<Vec<(String, String)>, TemplateError> {
    validate_installation_id(installation_id)?;
    for zone in zones {
        let ok = (1..=64).contains(&zone.len())
            && zone.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !ok {
            return Err(TemplateError::InvalidParameter {
                field: "the Availability Zone",
                value: zone.clone(),
                allowed: "a zone name such as us-east-1a",
            });
        }
    }
    if zones[0] == zones[1] {
        return Err(TemplateError::InvalidParameter {
            field: "the second Availability Zone",
            value: zones[1].clone(),
            allowed: "two different zones",
        });
    }
    Ok([
        ("InstallationId", installation_id.to_owned()),
        ("VpcCidr", plan.vpc.to_string()),
        ("PublicSubnetACidr", plan.public_a.to_string()),
        ("PublicSubnetBCidr", plan.public_b.to_string()),
        ("PrivateSubnetACidr", plan.private_a.to_string()),
        ("PrivateSubnetBCidr", plan.private_b.to_string()),
        ("AvailabilityZone1", zones[0].clone()),
        ("AvailabilityZone2", zones[1].clone()),
    ]
    .into_iter()
    .map(|(key, value)| (key.to_owned(), value))
    .collect())
}
