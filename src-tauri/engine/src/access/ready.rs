//! Ready, said for people: who has what access, the role ARN and External ID the vendor needs
//! (also as one block to send), where to see it all in the AWS console, what the vendor does
//! next and where the vendor's access stands now. Built from the live access status, so it
//! never says the vendor can use the role after the access was closed or cut off. The window's
//! Ready panel and the CLI's install show the same.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::iam::role_name_from_arn;
use super::model::{AccessStatus, RoleState};
use super::now::AccessNow;
use super::tighten::SCOPED_POLICY_NAME;
use crate::aws::console;
use crate::install::StackKind;

/// What the vendor's role may do, as IAM has it now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AccessLevel {
    /// `AdministratorAccess`.
    Administrator,
    /// `AdministratorAccess` limited by the permissions boundary.
    AdministratorWithinBoundary,
    /// Tightened: only the environment stack's resources.
    EnvironmentOnly,
    /// The role is gone.
    NoRole,
}

impl AccessLevel {
    /// Said after "has": "administrator access".
    pub fn words(self) -> &'static str {
        match self {
            AccessLevel::Administrator => "administrator access (AdministratorAccess)",
            AccessLevel::AdministratorWithinBoundary => {
                "administrator access, limited by the permissions boundary to the services it lists"
            }
            AccessLevel::EnvironmentOnly => "access to the environment's resources only (tightened)",
            AccessLevel::NoRole => "no access: its role is gone",
        }
    }
}

/// What a console link opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ConsoleTarget {
    AccessStack,
    EnvironmentStack,
    Role,
    Vpc,
}

/// A page of the AWS console, in the resource's region and partition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ConsoleLink {
    pub target: ConsoleTarget,
    /// What it opens, for people: "The access stack (us-east-1)".
    pub label: String,
    pub url: String,
}

/// Everything Ready says, read live.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReadySummary {
    pub installation_id: String,
    pub vendor_name: String,
    pub vendor_account_id: String,
    /// The customer's account the role is in.
    pub account: String,
    /// The environment's region.
    pub region: String,
    pub access_level: AccessLevel,
    /// Who has what access, in one sentence.
    pub headline: String,
    /// The role the vendor assumes; absent when it is gone and no stack names it.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role_arn: Option<String>,
    /// The External ID the vendor must present (`sts:ExternalId`).
    pub external_id: String,
    /// The role ARN and External ID as one block of text, to send the vendor.
    pub handoff: String,
    pub console_links: Vec<ConsoleLink>,
    /// The vendor's access now, read live.
    pub access: AccessNow,
    /// What happens next, in order, for the vendor and the admin.
    pub next_steps: Vec<String>,
    /// Roughly when the product will be usable.
    pub usable: String,
    pub read_at: Timestamp,
}

/// What the stacks' outputs add to the live status.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StackFacts {
    /// The access stack's `RoleArn` output.
    pub role_arn: Option<String>,
    /// The environment stack's `VpcId` output.
    pub vpc_id: Option<String>,
}

/// `external_id`: the invite's, as installed.
pub fn summarize(status: &AccessStatus, external_id: &str, facts: &StackFacts) -> ReadySummary {
    let inst = &status.installation;
    let vendor = &inst.vendor_name;
    let (access_level, live_arn) = match &status.role {
        RoleState::Present { role } => {
            let admin = role.attached_policies.iter().any(|p| p.name == "AdministratorAccess");
            let scoped = role.inline_policies.iter().any(|p| p.name == SCOPED_POLICY_NAME);
            let level = match (admin, role.boundary_arn.is_some(), scoped) {
                (false, _, true) => AccessLevel::EnvironmentOnly,
                (_, true, _) => AccessLevel::AdministratorWithinBoundary,
                _ => AccessLevel::Administrator,
            };
            (level, Some(role.arn.clone()))
        }
        RoleState::Gone { .. } => (AccessLevel::NoRole, None),
        // Not read now: what was installed.
        RoleState::Unreadable { .. } if inst.use_boundary => (AccessLevel::AdministratorWithinBoundary, None),
        RoleState::Unreadable { .. } => (AccessLevel::Administrator, None),
    };
    let role_arn = live_arn.or_else(|| facts.role_arn.clone().filter(|_| access_level != AccessLevel::NoRole));
    let headline = format!(
        "{vendor} (AWS account {}) has {} in your account {}.",
        inst.vendor_account_id,
        access_level.words(),
        inst.account
    );
    let handoff = handoff(vendor, role_arn.as_deref(), external_id, &inst.account, &inst.region);
    let next_steps = next_steps(vendor, &status.access_now, role_arn.is_some(), &inst.region, &inst.cidr.to_string());
    let usable = if status.access_now.is_open() {
        format!(
            "The environment is ready now. The product is usable once {vendor} has deployed it, which they can \
             start as soon as they have the role ARN and External ID: ask {vendor} for the date."
        )
    } else {
        format!(
            "The environment is ready, but {vendor} cannot deploy the product while their access is closed: the \
             product is usable some time after you open the access window."
        )
    };
    ReadySummary {
        installation_id: inst.installation_id.clone(),
        vendor_name: vendor.clone(),
        vendor_account_id: inst.vendor_account_id.clone(),
        account: inst.account.clone(),
        region: inst.region.clone(),
        access_level,
        headline,
        role_arn: role_arn.clone(),
        external_id: external_id.to_owned(),
        handoff,
        console_links: links(status, role_arn.as_deref(), facts.vpc_id.as_deref()),
        access: status.access_now.clone(),
        next_steps,
        usable,
        read_at: status.read_at,
    }
}

fn handoff(vendor: &str, role_arn: Option<&str>, external_id: &str, account: &str, region: &str) -> String {
    [
        format!("Private Deploy: access for {vendor}"),
        format!("Role ARN:    {}", role_arn.unwrap_or("(the role is gone)")),
        format!("External ID: {external_id}"),
        format!("Account:     {account}"),
        format!("Environment region: {region}"),
    ]
    .join("\n")
}

fn next_steps(vendor: &str, access: &AccessNow, has_role: bool, region: &str, cidr: &str) -> Vec<String> {
    if !has_role {
        return vec![format!(
            "{vendor} has no role to assume any more. To give access again, install again from the invite."
        )];
    }
    let mut steps = vec![format!("Send {vendor} the hand-off (role ARN, External ID and the rest).")];
    if access.is_open() {
        steps.push(format!(
            "{vendor} assumes the role with the External ID and deploys the product into the environment ({cidr} in {region})."
        ));
    } else {
        steps.push(format!(
            "Open the access window in Manage for the hours {vendor} needs: until then every call of the role is denied."
        ));
        steps.push(format!(
            "{vendor} then assumes the role with the External ID and deploys the product ({cidr} in {region})."
        ));
    }
    steps.push(format!(
        "Follow what {vendor} does in Manage (the audit trail), and close the window when they are done."
    ));
    steps
}

fn links(status: &AccessStatus, role_arn: Option<&str>, vpc_id: Option<&str>) -> Vec<ConsoleLink> {
    let inst = &status.installation;
    let mut out = Vec::new();
    for (kind, target, what) in [
        (StackKind::Access, ConsoleTarget::AccessStack, "The access stack"),
        (StackKind::Environment, ConsoleTarget::EnvironmentStack, "The environment stack"),
    ] {
        let stack = inst.stacks.iter().find(|s| s.kind == kind);
        if let Some((s, id)) = stack.and_then(|s| s.stack_id.as_deref().map(|id| (s, id))) {
            if let Some(url) = console::stack_url(&s.region, id) {
                out.push(ConsoleLink { target, label: format!("{what} ({})", s.region), url });
            }
        }
    }
    let role_name = match &status.role {
        RoleState::Present { role } => Some(role.name.as_str()),
        RoleState::Gone { .. } => None,
        RoleState::Unreadable { .. } => role_arn.and_then(role_name_from_arn),
    };
    if let Some(url) = role_name.and_then(|name| console::role_url(&inst.home_region, name)) {
        out.push(ConsoleLink { target: ConsoleTarget::Role, label: "The vendor's role (IAM)".to_owned(), url });
    }
    if let Some(url) = vpc_id.and_then(|vpc| console::vpc_url(&inst.region, vpc)) {
        out.push(ConsoleLink {
            target: ConsoleTarget::Vpc,
            label: format!("The environment's VPC ({})", inst.region),
            url,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::model::{AccessWindow, AttachedPolicy, RoleView};
    use crate::install::{InstallState, InstallationStatus, StackView};

    const ROLE_ARN: &str = "arn:aws-cn:iam::123456789012:role/private-deploy/private-deploy-demo";

    fn stack(kind: StackKind, region: &str, name: &str) -> StackView {
        StackView {
            kind,
            name: name.into(),
            region: region.into(),
            stack_id: Some(format!("arn:aws-cn:cloudformation:{region}:123456789012:stack/{name}/0a1b")),
            status: Some("CREATE_COMPLETE".into()),
            health: None,
            status_class: None,
            reason: None,
            live: true,
        }
    }

    fn status(boundary: bool, access_now: AccessNow) -> AccessStatus {
        let role = RoleView {
            name: "private-deploy-demo".into(),
            arn: ROLE_ARN.into(),
            role_id: "AROAEXAMPLE".into(),
            path: "/private-deploy/".into(),
            created_at: Timestamp::UNIX_EPOCH,
            trust_policy: "{}".into(),
            trusted_principals: vec!["arn:aws-cn:iam::210987654321:root".into()],
            external_id: Some("pd-demo-0001".into()),
            inline_policies: vec![],
            attached_policies: vec![AttachedPolicy {
                name: "AdministratorAccess".into(),
                arn: "arn:aws-cn:iam::aws:policy/AdministratorAccess".into(),
            }],
            boundary_arn: boundary.then(|| "arn:aws-cn:iam::123456789012:policy/boundary".into()),
            last_used_at: None,
        };
        AccessStatus {
            installation: InstallationStatus {
                installation_id: "demo".into(),
                vendor_name: "Acme".into(),
                vendor_account_id: "210987654321".into(),
                account: "123456789012".into(),
                home_region: "cn-north-1".into(),
                region: "cn-northwest-1".into(),
                cidr: "10.4.0.0/16".parse().unwrap(),
                use_boundary: boundary,
                state: InstallState::Ready,
                phase: crate::install::InstallPhase::Ready,
                created_at: Timestamp::UNIX_EPOCH,
                updated_at: Timestamp::UNIX_EPOCH,
                stacks: vec![
                    stack(StackKind::Access, "cn-north-1", "private-deploy-access-demo"),
                    stack(StackKind::Environment, "cn-northwest-1", "private-deploy-env-demo"),
                ],
            },
            role: RoleState::Present { role: Box::new(role) },
            window: AccessWindow::AlwaysOpen,
            sessions_revoked_before: None,
            last_revocation: None,
            recent_actions: vec![],
            access_now,
            drift: vec![],
            read_at: Timestamp::UNIX_EPOCH,
            actions: vec![],
        }
    }

    fn facts() -> StackFacts {
        StackFacts { role_arn: Some(ROLE_ARN.into()), vpc_id: Some("vpc-0abc".into()) }
    }

    #[test]
    fn ready_names_the_vendor_the_access_level_and_what_to_send_them() {
        let open = AccessNow::OpenUntil { until: "2026-12-01T14:00:00Z".into() };
        let s = summarize(&status(true, open.clone()), "pd-demo-0001", &facts());
        assert_eq!(s.access_level, AccessLevel::AdministratorWithinBoundary);
        assert!(s.headline.starts_with(
            "Acme (AWS account 210987654321) has administrator access, limited by the permissions boundary"
        ));
        assert!(s.headline.ends_with("in your account 123456789012."));
        assert_eq!(s.role_arn.as_deref(), Some(ROLE_ARN));
        assert!(
            s.handoff.contains(&format!("Role ARN:    {ROLE_ARN}")) && s.handoff.contains("External ID: pd-demo-0001")
        );
        assert_eq!(s.access, open);
        assert!(s.next_steps[1].contains("Acme assumes the role"), "{:?}", s.next_steps);
        let full = summarize(&status(false, AccessNow::Open), "pd-demo-0001", &facts());
        assert_eq!(full.access_level, AccessLevel::Administrator);
    }

    #[test]
    fn after_a_cut_off_ready_never_says_the_vendor_can_use_the_role() {
        let cut = AccessNow::CutOff { at: "2026-12-01T09:00:00Z".parse().unwrap() };
        let s = summarize(&status(false, cut.clone()), "pd-demo-0001", &facts());
        assert_eq!(s.access, cut);
        let said = format!("{} {} {}", s.headline, s.next_steps.join(" "), s.usable);
        assert!(!said.contains("can use the role") && !said.contains("Acme assumes the role"), "{said}");
        assert!(s.next_steps.iter().any(|step| step.starts_with("Open the access window in Manage")));
        assert!(s.usable.contains("cannot deploy the product while their access is closed"));
    }

    #[test]
    fn console_links_go_to_the_stacks_role_and_vpc_in_their_regions_and_partition() {
        let s = summarize(&status(false, AccessNow::Open), "pd-demo-0001", &facts());
        let url = |target| s.console_links.iter().find(|l| l.target == target).map(|l| l.url.as_str()).unwrap();
        assert!(url(ConsoleTarget::AccessStack).starts_with(
            "https://console.amazonaws.cn/cloudformation/home?region=cn-north-1#/stacks/stackinfo?stackId=arn%3Aaws-cn"
        ));
        assert!(url(ConsoleTarget::EnvironmentStack).contains("region=cn-northwest-1#"));
        assert_eq!(
            url(ConsoleTarget::Role),
            "https://console.amazonaws.cn/iam/home#/roles/details/private-deploy-demo"
        );
        assert_eq!(
            url(ConsoleTarget::Vpc),
            "https://console.amazonaws.cn/vpcconsole/home?region=cn-northwest-1#VpcDetails:VpcId=vpc-0abc"
        );
    }

    #[test]
    fn with_the_role_gone_there_is_nothing_to_send_and_no_role_link() {
        let mut st = status(false, AccessNow::NoRole);
        st.role = RoleState::Gone { name: "private-deploy-demo".into() };
        let s = summarize(&st, "pd-demo-0001", &facts());
        assert_eq!(s.access_level, AccessLevel::NoRole);
        assert_eq!(s.role_arn, None);
        assert!(s.console_links.iter().all(|l| l.target != ConsoleTarget::Role));
        assert_eq!(s.next_steps.len(), 1);
    }
}
