//! What the Review access screen and `template access` show before anything is created: the
//! access stack's parameters for an invite, its trust policy, permissions, boundary and guardrail
//! as readable JSON, the equivalent Service Control Policy, what each control can and cannot do,
//! and the ways to create the stack without the app.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::export::{create_stack_command, quick_create_url, ACCESS_TEMPLATE_FILE_NAME};
use super::granted::{access_headline, summarize_boundary, BoundarySummary};
use super::guardrail::{guardrail_policy_json, guardrail_scp_json, GuardrailScope, SCP_HOW_TO};
use super::limits::{control_limits, ControlLimit, CONTROLS_SUMMARY};
use super::policies::{
    access_window_always_open_policy_json, administrator_access_arn, boundary_policy, boundary_policy_json,
    trust_policy_json,
};
use super::{
    role_name_for, AccessParameters, TemplateError, ACCESS_TEMPLATE, ACCESS_WINDOW_POLICY_NAME, GUARDRAIL_POLICY_NAME,
};
use crate::invite::{AccessMode, Invite};

/// Written in the boundary's ARNs when no account is signed in: CloudFormation fills it in.
pub const ACCOUNT_PLACEHOLDER: &str = "${AWS::AccountId}";

/// One parameter of the access stack.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StackParameter {
    pub key: String,
    pub value: String,
}

/// The access stack of an invite, as the admin reviews it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AccessReview {
    pub installation_id: String,
    pub stack_name: String,
    /// Where the access stack goes: the signed-in session's region.
    pub region: String,
    pub role_name: String,
    pub role_path: String,
    /// Whether the role gets the permissions boundary.
    pub use_boundary: bool,
    /// Who gets what, in one sentence: it changes when the boundary is turned on.
    pub access_headline: String,
    /// True when the invite asks for the boundary, so the admin cannot turn it off.
    pub boundary_required: bool,
    /// Who may assume the role, and with what External ID (pretty JSON).
    pub trust_policy: String,
    /// [`trust_policy`](Self::trust_policy) in one plain sentence.
    pub trust_summary: String,
    /// The managed policies attached to the role.
    pub managed_policy_arns: Vec<String>,
    /// The boundary as CloudFormation will create it (pretty JSON), when `use_boundary`.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub boundary_policy: Option<String>,
    /// The boundary by service, in words, when `use_boundary`; with what may fail when the
    /// invite asked for full access.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub boundary_summary: Option<BoundarySummary>,
    pub access_window_policy_name: String,
    /// The access-window slot as created: always open (pretty JSON).
    pub access_window_policy: String,
    pub guardrail_policy_name: String,
    /// The guardrail as CloudFormation will create it (pretty JSON).
    pub guardrail_policy: String,
    /// The equivalent Service Control Policy for AWS Organizations (compact JSON, to paste).
    pub scp_policy: String,
    /// How to attach [`Self::scp_policy`], step by step.
    pub scp_how_to: Vec<String>,
    /// What each control can and cannot do, in plain words.
    pub control_limits: Vec<ControlLimit>,
    pub controls_summary: String,
    /// `access.yaml`, as shipped.
    pub template: String,
    pub template_file_name: String,
    pub parameters: Vec<StackParameter>,
    /// `aws cloudformation create-stack ...`, expecting the template saved as `template_file_name`.
    pub create_stack_command: String,
    /// The console's quick-create link, when the admin gave the URL where the template is hosted.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quick_create_url: Option<String>,
}

impl AccessParameters {
    /// The access stack's parameters for `invite`; `use_boundary` is the admin's choice, which
    /// an invite in `boundary` mode overrides.
    pub fn for_invite(invite: &Invite, use_boundary: bool) -> Self {
        AccessParameters {
            vendor_account_id: invite.vendor.account_id.clone(),
            external_id: invite.external_id.clone(),
            role_path: invite.role_path.clone(),
            role_name: role_name_for(&invite.installation_id),
            installation_id: invite.installation_id.clone(),
            use_boundary: use_boundary || invite.access_mode == AccessMode::Boundary,
            vendor_role_arn: invite.vendor_role_arn.clone().unwrap_or_default(),
            require_source_identity: invite.requires_source_identity(),
        }
    }
}

/// The review of `invite`'s access stack named `stack_name` in `region`. `account` fills in the
/// boundary's ARNs when known; `template_url` (https) gives the quick-create link.
pub fn review(
    invite: &Invite,
    use_boundary: bool,
    stack_name: &str,
    region: &str,
    account: Option<&str>,
    template_url: Option<&str>,
) -> Result<AccessReview, TemplateError> {
    let params = AccessParameters::for_invite(invite, use_boundary);
    params.validate()?;
    let partition = crate::aws::partition::of_region(region);
    let pairs = params.to_parameters();
    let scope = GuardrailScope {
        partition,
        region,
        account: account.unwrap_or(ACCOUNT_PLACEHOLDER),
        role_path: &params.role_path,
        role_name: &params.role_name,
        stack_name,
        use_boundary: params.use_boundary,
    };
    let template_url = match template_url.map(str::trim).filter(|u| !u.is_empty()) {
        Some(url) if is_https_url(url) => Some(url),
        Some(url) => return Err(TemplateError::InvalidTemplateUrl { url: url.to_owned() }),
        None => None,
    };
    Ok(AccessReview {
        installation_id: params.installation_id.clone(),
        stack_name: stack_name.to_owned(),
        region: region.to_owned(),
        role_name: params.role_name.clone(),
        role_path: params.role_path.clone(),
        use_boundary: params.use_boundary,
        access_headline: access_headline(&invite.vendor.name, &invite.vendor.account_id, account, params.use_boundary),
        boundary_required: invite.access_mode == AccessMode::Boundary,
        trust_policy: trust_policy_json(&params.trust(), partition),
        trust_summary: params.trust().sentence(),
        managed_policy_arns: vec![administrator_access_arn(partition)],
        boundary_policy: params
            .use_boundary
            .then(|| boundary_policy_json(account.unwrap_or(ACCOUNT_PLACEHOLDER), &params.role_path, partition)),
        boundary_summary: params.use_boundary.then(|| {
            let document = boundary_policy(account.unwrap_or(ACCOUNT_PLACEHOLDER), &params.role_path, partition);
            summarize_boundary(&document, invite.access_mode == AccessMode::Full)
        }),
        access_window_policy_name: ACCESS_WINDOW_POLICY_NAME.to_owned(),
        access_window_policy: access_window_always_open_policy_json(),
        guardrail_policy_name: GUARDRAIL_POLICY_NAME.to_owned(),
        guardrail_policy: guardrail_policy_json(&scope),
        scp_policy: guardrail_scp_json(&scope),
        scp_how_to: SCP_HOW_TO.iter().map(|s| (*s).to_owned()).collect(),
        control_limits: control_limits(),
        controls_summary: CONTROLS_SUMMARY.to_owned(),
        template: ACCESS_TEMPLATE.to_owned(),
        template_file_name: ACCESS_TEMPLATE_FILE_NAME.to_owned(),
        create_stack_command: create_stack_command(stack_name, region, &pairs),
        quick_create_url: template_url.map(|url| quick_create_url(region, stack_name, url, &pairs)),
        parameters: pairs.into_iter().map(|(key, value)| StackParameter { key, value }).collect(),
    })
}

fn is_https_url(text: &str) -> bool {
    url::Url::parse(text).is_ok_and(|u| u.scheme() == "https" && u.host_str().is_some())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::invite::{parse_invite, AccessMode};

    fn invite(mode: AccessMode) -> Invite {
        let invite = parse_invite(include_str!("../../../../tests/fixtures/sandbox-invite-unsigned.json")).unwrap();
        invite.edited(|i| i.access_mode = mode).unwrap()
    }

    #[test]
    fn boundary_is_shown_only_when_used_and_forced_by_the_invite() {
        let full = review(&invite(AccessMode::Full), false, "s", "eu-west-1", None, None).unwrap();
        assert!(!full.use_boundary && !full.boundary_required && full.boundary_policy.is_none());
        assert!(full.parameters.iter().any(|p| p.key == "UseBoundary" && p.value == "false"));

        let forced = review(&invite(AccessMode::Boundary), false, "s", "eu-west-1", None, None).unwrap();
        assert!(forced.use_boundary && forced.boundary_required);
        let boundary = forced.boundary_policy.unwrap();
        assert!(boundary.contains("arn:aws:iam::${AWS::AccountId}:role/"), "{boundary}");
        assert!(forced.parameters.iter().any(|p| p.key == "UseBoundary" && p.value == "true"));
        let summary = forced.boundary_summary.unwrap();
        assert!(summary.may_fail.is_empty(), "the invite asked for the boundary");

        let added = review(&invite(AccessMode::Full), true, "s", "eu-west-1", None, None).unwrap();
        assert_ne!(added.access_headline, full.access_headline, "turning the boundary on changes the headline");
        assert!(added.access_headline.contains("limited by the permissions boundary"), "{}", added.access_headline);
        let summary = added.boundary_summary.unwrap();
        assert!(!summary.may_fail.is_empty(), "the invite asked for full access: say what may fail");
        assert!(full.boundary_summary.is_none());
    }

    #[test]
    fn a_known_account_is_written_into_the_boundary() {
        let r = review(&invite(AccessMode::Full), true, "s", "cn-north-1", Some("123456789012"), None).unwrap();
        let boundary = r.boundary_policy.unwrap();
        assert!(boundary.contains("arn:aws-cn:iam::123456789012:role/"), "{boundary}");
        assert_eq!(r.managed_policy_arns, vec!["arn:aws-cn:iam::aws:policy/AdministratorAccess".to_owned()]);
    }

    #[test]
    fn trust_policy_names_the_vendor_and_external_id() {
        let i = invite(AccessMode::Full);
        let r = review(&i, false, "stack-1", "us-east-1", None, None).unwrap();
        let trust: serde_json::Value = serde_json::from_str(&r.trust_policy).unwrap();
        let statement = &trust["Statement"][0];
        assert_eq!(statement["Principal"]["AWS"], format!("arn:aws:iam::{}:root", i.vendor.account_id));
        assert_eq!(statement["Condition"]["StringEquals"]["sts:ExternalId"], i.external_id.as_str());
        assert!(r.create_stack_command.contains("--stack-name stack-1"), "{}", r.create_stack_command);
        assert!(r.quick_create_url.is_none());
    }

    #[test]
    fn quick_create_link_needs_an_https_template_url() {
        let i = invite(AccessMode::Full);
        let url = "https://my-bucket.s3.amazonaws.com/private-deploy-access.yaml";
        let r = review(&i, false, "stack-1", "eu-west-1", None, Some(url)).unwrap();
        let link = r.quick_create_url.unwrap();
        assert!(link.starts_with("https://eu-west-1.console.aws.amazon.com/cloudformation/home?region=eu-west-1#"));
        assert!(link.contains("templateURL=https%3A%2F%2Fmy-bucket"), "{link}");
        assert!(link.contains("&stackName=stack-1"), "{link}");

        for bad in ["http://my-bucket.s3.amazonaws.com/t.yaml", "file:///tmp/t.yaml", "my-bucket/t.yaml"] {
            let err = review(&i, false, "stack-1", "eu-west-1", None, Some(bad)).unwrap_err();
            assert!(matches!(err, TemplateError::InvalidTemplateUrl { .. }), "{bad}: {err:?}");
        }
        assert!(review(&i, false, "stack-1", "eu-west-1", None, Some("  ")).unwrap().quick_create_url.is_none());
    }
}
