//! What an install will launch, worked out before any AWS call that changes anything: the
//! access stack in the home region, then the environment stack in the chosen region, with
//! their names, templates and parameters. Pure: the inputs it gets are already checked
//! against the account (region enabled, CIDR free, Availability Zones usable); it checks the
//! rest, including that the invite's vendor is not the account itself.

use ipnet::Ipv4Net;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::error::InstallError;
use super::model::{PlannedStack, StackKind};
use super::progress::expected_time;
use super::template_resources::{created_resources, TemplateResource};
use crate::failure::Error;
use crate::invite::{AccessMode, Invite};
use crate::stacks::timing::Estimates;
use crate::templates::{
    access_headline, access_level, environment_parameters, stack_name_with, subnet_plan, AccessParameters,
    ACCESS_TEMPLATE, ENVIRONMENT_TEMPLATE,
};

/// The access template's condition for the permissions boundary.
const BOUNDARY_CONDITION: &str = "WithBoundary";

/// `private-deploy-access-<installation>` or `private-deploy-env-<installation>` (with a hash
/// of the ID instead of its end when it would not make a valid stack name): the name is how
/// an existing stack of the installation is found again.
pub fn stack_name(kind: StackKind, installation_id: &str) -> String {
    match kind {
        StackKind::Access => stack_name_with("private-deploy-access-", installation_id),
        StackKind::Environment | StackKind::Nested => stack_name_with("private-deploy-env-", installation_id),
    }
}

/// The CreateStack `ClientRequestToken` of one launch: the same for every retry of the same
/// attempt (so a request that reached AWS but whose answer was lost is not repeated), new for
/// the attempt after a Clean up, and, through the installation's random `nonce` (kept in the
/// journal), never one an earlier journal sent. CloudFormation takes 1 to 128 characters of
/// `[a-zA-Z0-9][-a-zA-Z0-9]*`; installation IDs are `[a-z0-9-]`, and a long one is cut (the
/// nonce keeps the token unique).
pub fn request_token(kind: StackKind, installation_id: &str, nonce: &str, attempt: u32) -> String {
    let token = format!("pd-{}-{nonce}-{attempt}-{installation_id}", kind.as_str());
    let cut: String = token.chars().take(128).collect();
    cut.trim_end_matches('-').to_owned()
}

fn millis(d: std::time::Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

/// One stack to launch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StackPlan {
    pub kind: StackKind,
    pub name: String,
    pub region: String,
    pub template: &'static str,
    pub parameters: Vec<(String, String)>,
    pub resources: Vec<TemplateResource>,
    /// A stack of this name stands in AWS already (this installation's: `plan_install` refused
    /// any other), found when the plan was made; the install re-attaches to it.
    pub exists: bool,
}

/// The whole install.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InstallPlan {
    pub installation_id: String,
    pub account: String,
    pub home_region: String,
    pub region: String,
    pub cidr: Ipv4Net,
    /// The environment's two Availability Zones: subnets A in the first, B in the second.
    pub zones: [String; 2],
    /// Whether `zones` are the environment's to journal: false only for an environment stack
    /// an earlier version created with `Fn::GetAZs`, re-attached as it is.
    pub record_zones: bool,
    pub use_boundary: bool,
    pub invite: Invite,
    /// In launch order: access, then environment.
    pub stacks: Vec<StackPlan>,
}

/// What the admin is shown before confirming.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PlanSummary {
    pub installation_id: String,
    /// Who gets access: the invite's vendor and its AWS account.
    pub vendor_name: String,
    pub vendor_account_id: String,
    /// The access level in a few words: administrator, or administrator limited by the boundary.
    pub access_level: String,
    /// Who gets what, in one sentence (as Review access says it).
    pub access_headline: String,
    pub account: String,
    pub home_region: String,
    pub region: String,
    /// The regions' names for people, when known ("Europe (Ireland)").
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub home_region_title: Option<String>,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region_title: Option<String>,
    #[ts(type = "string")]
    pub cidr: Ipv4Net,
    /// The environment's two Availability Zones, chosen by the app from the region's.
    pub availability_zones: Vec<String>,
    pub use_boundary: bool,
    pub stacks: Vec<PlannedStack>,
    /// How long the whole install should take: the stacks' estimates added up, the same
    /// number the progress view starts counting down from.
    pub estimate_ms: u64,
}

impl InstallPlan {
    /// The stacks as the window and the CLI show them, each with its expected time.
    pub fn planned(&self, estimates: &Estimates) -> Vec<PlannedStack> {
        self.stacks
            .iter()
            .map(|s| PlannedStack {
                kind: s.kind,
                name: s.name.clone(),
                region: s.region.clone(),
                resources: u32::try_from(s.resources.len()).unwrap_or(u32::MAX),
                estimate_ms: millis(expected_time(&s.resources, estimates)),
            })
            .collect()
    }

    /// What the admin is shown before confirming; `estimates` are the journal's (see
    /// `Engine::estimates`), so the plan's time is the progress view's first estimate.
    pub fn summary(&self, estimates: &Estimates) -> PlanSummary {
        let stacks = self.planned(estimates);
        let vendor = &self.invite.vendor;
        PlanSummary {
            installation_id: self.installation_id.clone(),
            vendor_name: vendor.name.clone(),
            vendor_account_id: vendor.account_id.clone(),
            access_level: access_level(self.use_boundary).to_owned(),
            access_headline: access_headline(&vendor.name, &vendor.account_id, Some(&self.account), self.use_boundary),
            account: self.account.clone(),
            home_region: self.home_region.clone(),
            region: self.region.clone(),
            home_region_title: crate::aws::region_title(&self.home_region).map(str::to_owned),
            region_title: crate::aws::region_title(&self.region).map(str::to_owned),
            cidr: self.cidr,
            availability_zones: self.zones.to_vec(),
            use_boundary: self.use_boundary,
            estimate_ms: stacks.iter().map(|s| s.estimate_ms).sum(),
            stacks,
        }
    }

    pub fn stack(&self, kind: StackKind) -> Option<&StackPlan> {
        self.stacks.iter().find(|s| s.kind == kind)
    }
}

/// Whether the role gets the boundary: the invite's `boundary` mode forces it; otherwise it
/// is the admin's choice.
pub fn effective_boundary(invite: &Invite, chosen: bool) -> bool {
    chosen || invite.access_mode == AccessMode::Boundary
}

/// Refuses an invite whose vendor account is `account` itself: the role would trust the
/// account it is in, so whoever can assume roles there becomes "the vendor". An invite is
/// usually opened that way by mistake, in the vendor's own account.
pub fn check_vendor_account(invite: &Invite, account: &str) -> Result<(), InstallError> {
    if invite.vendor.account_id == account {
        return Err(InstallError::VendorIsThisAccount {
            account: account.to_owned(),
            vendor: invite.vendor.name.clone(),
        });
    }
    Ok(())
}

/// Refuses to install into an account other than the one a version 2 invite names.
pub fn check_customer_account(invite: &Invite, account: &str) -> Result<(), InstallError> {
    match &invite.customer_account_id {
        Some(expected) if expected != account => Err(InstallError::NotTheCustomerAccount {
            expected: expected.clone(),
            signed_in: account.to_owned(),
            vendor: invite.vendor.name.clone(),
        }),
        _ => Ok(()),
    }
}

/// The plan for `invite` in `account`, with the access stack in `home_region` and the
/// environment with `cidr` over `zones` in `region`.
pub fn plan(
    invite: &Invite,
    account: &str,
    home_region: &str,
    region: &str,
    cidr: Ipv4Net,
    zones: [String; 2],
    use_boundary: bool,
) -> Result<InstallPlan, Error> {
    check_vendor_account(invite, account)?;
    check_customer_account(invite, account)?;
    let use_boundary = effective_boundary(invite, use_boundary);
    let access = AccessParameters::for_invite(invite, use_boundary);
    access.validate()?;
    let subnets = subnet_plan(cidr)?;
    let id = &invite.installation_id;
    let conditions: &[&str] = if use_boundary { &[BOUNDARY_CONDITION] } else { &[] };
    Ok(InstallPlan {
        installation_id: id.clone(),
        account: account.to_owned(),
        home_region: home_region.to_owned(),
        region: region.to_owned(),
        cidr,
        zones: zones.clone(),
        record_zones: true,
        use_boundary,
        invite: invite.clone(),
        stacks: vec![
            StackPlan {
                kind: StackKind::Access,
                name: stack_name(StackKind::Access, id),
                region: home_region.to_owned(),
                template: ACCESS_TEMPLATE,
                parameters: access.to_parameters(),
                resources: created_resources(ACCESS_TEMPLATE, conditions),
                exists: false,
            },
            StackPlan {
                kind: StackKind::Environment,
                name: stack_name(StackKind::Environment, id),
                region: region.to_owned(),
                template: ENVIRONMENT_TEMPLATE,
                parameters: environment_parameters(id, &subnets, &zones)?,
                resources: created_resources(ENVIRONMENT_TEMPLATE, &[]),
                exists: false,
            },
        ],
    })
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::invite::{Environment, EnvironmentTemplate, InviteFields, Vendor};
    use crate::ErrorCode;
    use crate::Explain as _;

    pub(crate) fn invite(mode: AccessMode) -> Invite {
        Invite::try_from(InviteFields {
            version: 1,
            vendor: Vendor { name: "Acme".into(), account_id: "210987654321".into() },
            installation_id: "acme-prod".into(),
            external_id: "ext-0001".into(),
            access_mode: mode,
            vpc_prefix: 16,
            role_path: "/private-deploy/".into(),
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

    pub(crate) fn zones() -> [String; 2] {
        ["eu-west-1a".to_owned(), "eu-west-1b".to_owned()]
    }

    fn param<'a>(stack: &'a StackPlan, key: &str) -> &'a str {
        &stack.parameters.iter().find(|(k, _)| k == key).unwrap_or_else(|| panic!("no {key}")).1
    }

    #[test]
    fn the_access_stack_goes_home_and_the_environment_to_the_chosen_region() {
        let p = plan(
            &invite(AccessMode::Full),
            "123456789012",
            "us-east-1",
            "eu-west-1",
            "10.20.0.0/16".parse().unwrap(),
            zones(),
            false,
        )
        .unwrap();
        let names: Vec<(&str, &str)> = p.stacks.iter().map(|s| (s.name.as_str(), s.region.as_str())).collect();
        assert_eq!(
            names,
            vec![("private-deploy-access-acme-prod", "us-east-1"), ("private-deploy-env-acme-prod", "eu-west-1")]
        );
        let (access, env) = (&p.stacks[0], &p.stacks[1]);
        assert_eq!(param(access, "VendorAccountId"), "210987654321");
        assert_eq!(param(access, "ExternalId"), "ext-0001");
        assert_eq!(param(access, "UseBoundary"), "false");
        assert_eq!(access.resources.len(), 3, "the role, its window and its guardrail");
        assert_eq!(param(env, "VpcCidr"), "10.20.0.0/16");
        assert_eq!(param(env, "PrivateSubnetBCidr"), "10.20.192.0/18");
        assert_eq!(param(env, "AvailabilityZone1"), "eu-west-1a");
        assert_eq!(param(env, "AvailabilityZone2"), "eu-west-1b");
        assert_eq!(p.summary(&Estimates::default()).availability_zones, vec!["eu-west-1a", "eu-west-1b"]);
        assert_eq!(p.planned(&Estimates::default())[1].resources, 19);
    }

    #[test]
    fn boundary_mode_forces_the_boundary_and_counts_its_policy() {
        let block = "10.0.0.0/24".parse().unwrap();
        let p = plan(&invite(AccessMode::Boundary), "1", "us-east-1", "us-east-1", block, zones(), false).unwrap();
        assert!(p.use_boundary);
        assert_eq!(param(&p.stacks[0], "UseBoundary"), "true");
        assert_eq!(p.stacks[0].resources.len(), 4);
        let summary = p.summary(&Estimates::default());
        assert_eq!((summary.vendor_name.as_str(), summary.vendor_account_id.as_str()), ("Acme", "210987654321"));
        assert_eq!(summary.access_level, "Administrator, limited by the permissions boundary");
        assert!(summary.access_headline.starts_with("Acme (AWS account 210987654321) gets administrator access"));
    }

    #[test]
    fn impossible_inputs_are_refused_before_any_call() {
        let too_small = "10.0.0.0/26".parse().unwrap();
        let too_small = plan(&invite(AccessMode::Full), "1", "us-east-1", "us-east-1", too_small, zones(), false);
        assert_eq!(too_small.unwrap_err().failure().code, ErrorCode::InvalidInput);
        // An invite with a parameter never gets this far: opening it is refused.
        let with_param = invite(AccessMode::Full).edited(|i| {
            i.environment.parameters.insert("InstanceType".into(), "t3.micro".into());
        });
        assert_eq!(with_param.unwrap_err().field(), "environment.parameters.InstanceType");
    }

    #[test]
    fn an_invite_naming_the_signed_in_account_as_the_vendor_is_refused_saying_why() {
        let own = invite(AccessMode::Full);
        let block = "10.0.0.0/16".parse().unwrap();
        let err = plan(&own, "210987654321", "us-east-1", "us-east-1", block, zones(), false).unwrap_err();
        let failure = err.failure();
        assert_eq!(failure.code, ErrorCode::InvalidInput);
        assert!(failure.message.contains("210987654321"), "{}", failure.message);
        assert!(failure.message.contains("trust itself"), "{}", failure.message);
        let hint = failure.hint.unwrap_or_default();
        assert!(hint.contains("vendor's own account"), "{hint}");
    }

    #[test]
    fn a_version_2_invite_for_another_customer_account_is_refused_naming_both() {
        let bound = invite(AccessMode::Full)
            .edited(|i| {
                i.version = 2;
                i.customer_account_id = Some("111122223333".into());
            })
            .unwrap();
        let block = "10.0.0.0/16".parse().unwrap();
        let err = plan(&bound, "123456789012", "us-east-1", "us-east-1", block, zones(), false).unwrap_err();
        let failure = err.failure();
        assert_eq!(failure.code, ErrorCode::OtherAccount);
        assert!(
            failure.message.contains("111122223333") && failure.message.contains("123456789012"),
            "{}",
            failure.message
        );
        assert_eq!(failure.fix, Some(crate::FixStep::SignIn));
        assert!(plan(&bound, "111122223333", "us-east-1", "us-east-1", block, zones(), false).is_ok());
    }

    #[test]
    fn tokens_are_stable_per_attempt_unique_per_journal_and_valid_for_cloudformation() {
        let a = request_token(StackKind::Environment, "acme-prod", "0123456789abcdef", 1);
        assert_eq!(a, request_token(StackKind::Environment, "acme-prod", "0123456789abcdef", 1));
        assert_ne!(a, request_token(StackKind::Environment, "acme-prod", "0123456789abcdef", 2));
        assert_ne!(a, request_token(StackKind::Access, "acme-prod", "0123456789abcdef", 1));
        assert_ne!(a, request_token(StackKind::Environment, "acme-prod", "fedcba9876543210", 1), "another journal");
        for id in ["a".repeat(64), format!("{}-", "b".repeat(110))] {
            let long = request_token(StackKind::Environment, &id, "0123456789abcdef", 999);
            assert!((1..=128).contains(&long.len()), "{long}");
            assert!(long.starts_with(|c: char| c.is_ascii_alphanumeric()));
            assert!(long.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'));
            assert!(!long.ends_with('-'));
        }
    }
}
