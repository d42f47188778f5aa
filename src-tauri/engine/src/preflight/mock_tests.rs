//! Preflight paths moto cannot show, with aws-smithy-mocks: the policy simulator (moto has
//! none) allowing, denied by a Service Control Policy, denied by the permissions boundary, and
//! not allowed to run; Service Quotas answers (an applied quota above the default, and a
//! denial that falls back to AWS's default); CloudFormation Hooks registered in the region;
//! VPN static routes (moto has no CreateVpnConnectionRoute) and peering CIDRs over the block.

use aws_sdk_cloudformation::operation::list_types::ListTypesOutput;
use aws_sdk_cloudformation::types::TypeSummary;
use aws_sdk_ec2::operation::describe_vpcs::DescribeVpcsOutput;
use aws_sdk_ec2::types::Vpc;
use aws_sdk_iam::operation::simulate_principal_policy::SimulatePrincipalPolicyOutput;
use aws_sdk_iam::types::{
    EvaluationResult, OrganizationsDecisionDetail, PermissionsBoundaryDecisionDetail, PolicyEvaluationDecisionType,
};
use aws_sdk_servicequotas::operation::get_service_quota::GetServiceQuotaOutput;
use aws_sdk_servicequotas::types::ServiceQuota;
use aws_smithy_mocks::{mock, mock_client, Rule, RuleMode};
use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use aws_smithy_runtime_api::http::StatusCode;
use aws_smithy_types::body::SdkBody;

use super::model::CheckOutcome;
use super::scope::{Clients, Scope};
use super::{hooks, permissions, quotas, routes};
use crate::install::mock_tests::invite;

pub(super) const ACCOUNT: &str = "123456789012";

#[derive(Default)]
pub(super) struct Rules<'a> {
    pub ec2: Vec<&'a Rule>,
    pub cfn: Vec<&'a Rule>,
    pub iam: Vec<&'a Rule>,
    pub quotas: Vec<&'a Rule>,
}

pub(super) fn scope(rules: Rules<'_>) -> Scope {
    let zones = ["eu-west-1a".to_owned(), "eu-west-1b".to_owned()];
    let plan = crate::install::plan(
        &invite(),
        ACCOUNT,
        "us-east-1",
        "eu-west-1",
        "10.20.0.0/16".parse().unwrap(),
        zones,
        false,
    )
    .unwrap();
    let none: [&Rule; 0] = [];
    Scope {
        plan,
        caller_arn: format!("arn:aws:iam::{ACCOUNT}:user/admin"),
        ctx: crate::aws::CallContext::default(),
        clients: Clients {
            ec2: mock_client!(aws_sdk_ec2, RuleMode::MatchAny, rules.ec2),
            elb: mock_client!(aws_sdk_elasticloadbalancingv2, none),
            cfn: mock_client!(aws_sdk_cloudformation, RuleMode::MatchAny, rules.cfn),
            iam: mock_client!(aws_sdk_iam, RuleMode::MatchAny, rules.iam),
            quotas: mock_client!(aws_sdk_servicequotas, RuleMode::MatchAny, rules.quotas),
        },
    }
}

pub(super) fn error(status: u16, body: String) -> HttpResponse {
    HttpResponse::new(StatusCode::try_from(status).unwrap(), SdkBody::from(body))
}

pub(super) fn iam_error(code: &str, message: &str) -> HttpResponse {
    error(
        403,
        format!(
            "<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><Error><Type>Sender</Type><Code>{code}</Code><Message>{message}</Message></Error><RequestId>1</RequestId></ErrorResponse>"
        ),
    )
}

/// Every action allowed, except `denied` with the details AWS gives for it.
fn simulated(denied: &'static str, organizations: bool, boundary: bool) -> Rule {
    mock!(aws_sdk_iam::Client::simulate_principal_policy).then_output(move || {
        let results = permissions::actions(false)
            .into_iter()
            .map(|action| {
                let mut result = EvaluationResult::builder().eval_action_name(action).eval_resource_name("*");
                if action == denied {
                    result = result
                        .eval_decision(PolicyEvaluationDecisionType::ImplicitDeny)
                        .organizations_decision_detail(
                            OrganizationsDecisionDetail::builder().allowed_by_organizations(organizations).build(),
                        )
                        .permissions_boundary_decision_detail(
                            PermissionsBoundaryDecisionDetail::builder()
                                .allowed_by_permissions_boundary(boundary)
                                .build(),
                        );
                } else {
                    result = result.eval_decision(PolicyEvaluationDecisionType::Allowed);
                }
                result.build().unwrap()
            })
            .collect();
        SimulatePrincipalPolicyOutput::builder().set_evaluation_results(Some(results)).is_truncated(false).build()
    })
}

#[tokio::test]
async fn mock_simulator_allowing_every_action_passes() {
    let rule = simulated("none", true, true);
    let check = permissions::check(&scope(Rules { iam: vec![&rule], ..Default::default() })).await;
    assert_eq!(check.outcome, CheckOutcome::Pass, "{check:?}");
    assert_eq!(rule.num_calls(), 1);
    assert!(
        check.detail.contains(&format!("user/admin, {} actions", permissions::actions(false).len())),
        "{}",
        check.detail
    );
}

#[tokio::test]
async fn mock_simulator_denial_by_a_service_control_policy_names_it_and_the_action() {
    let rule = simulated("ec2:CreateNatGateway", false, true);
    let check = permissions::check(&scope(Rules { iam: vec![&rule], ..Default::default() })).await;
    assert_eq!(check.outcome, CheckOutcome::Failure);
    assert!(check.summary.contains("ec2:CreateNatGateway: denied by a Service Control Policy"), "{}", check.summary);
    assert!(check.what_to_do.unwrap().contains("Service Control Policy"));
}

#[tokio::test]
async fn mock_simulator_denial_by_the_permissions_boundary_says_so() {
    let rule = simulated("iam:CreateRole", true, false);
    let check = permissions::check(&scope(Rules { iam: vec![&rule], ..Default::default() })).await;
    assert_eq!(check.outcome, CheckOutcome::Failure);
    assert!(check.detail.contains("iam:CreateRole: denied by your permissions boundary"), "{}", check.detail);
    assert!(check.what_to_do.unwrap().contains("permissions boundary"));
}

#[tokio::test]
async fn mock_simulation_not_allowed_is_a_warning_not_a_failure() {
    let rule = mock!(aws_sdk_iam::Client::simulate_principal_policy).then_http_response(|| {
        iam_error(
            "AccessDenied",
            "User: arn:aws:iam::123456789012:user/admin is not authorized to perform: iam:SimulatePrincipalPolicy",
        )
    });
    let check = permissions::check(&scope(Rules { iam: vec![&rule], ..Default::default() })).await;
    assert_eq!(check.outcome, CheckOutcome::Warning, "{check:?}");
    assert!(check.summary.contains("may not run the policy simulator"), "{}", check.summary);
    assert!(check.detail.contains("iam:SimulatePrincipalPolicy"), "{}", check.detail);
}

#[tokio::test]
async fn mock_an_assumed_role_is_simulated_as_its_role_with_its_path() {
    let get_role = mock!(aws_sdk_iam::Client::get_role).then_output(|| {
        aws_sdk_iam::operation::get_role::GetRoleOutput::builder()
            .role(
                aws_sdk_iam::types::Role::builder()
                    .path("/admins/")
                    .role_name("Admin")
                    .role_id("AROA0000000000000000")
                    .arn(format!("arn:aws:iam::{ACCOUNT}:role/admins/Admin"))
                    .create_date(aws_smithy_types::DateTime::from_secs(0))
                    .build()
                    .unwrap(),
            )
            .build()
    });
    let simulate = simulated("none", true, true);
    let mut s = scope(Rules { iam: vec![&get_role, &simulate], ..Default::default() });
    s.caller_arn = format!("arn:aws:sts::{ACCOUNT}:assumed-role/Admin/alice");
    let check = permissions::check(&s).await;
    assert_eq!(check.outcome, CheckOutcome::Pass);
    assert!(check.detail.contains("role/admins/Admin"), "{}", check.detail);
}

pub(super) fn vpcs(n: usize) -> Rule {
    mock!(aws_sdk_ec2::Client::describe_vpcs).then_output(move || {
        let vpcs =
            (0..n).map(|i| Vpc::builder().vpc_id(format!("vpc-{i:08}")).cidr_block(format!("10.{i}.0.0/16")).build());
        DescribeVpcsOutput::builder().set_vpcs(Some(vpcs.collect())).build()
    })
}

#[tokio::test]
async fn mock_an_applied_quota_from_service_quotas_beats_the_default() {
    let used = vpcs(6);
    let quota = mock!(aws_sdk_servicequotas::Client::get_service_quota)
        .match_requests(|r| r.quota_code() == Some("L-F678F1CE") && r.service_code() == Some("vpc"))
        .then_output(|| {
            GetServiceQuotaOutput::builder()
                .quota(ServiceQuota::builder().service_code("vpc").quota_code("L-F678F1CE").value(10.0).build())
                .build()
        });
    let check = quotas::vpcs(&scope(Rules { ec2: vec![&used], quotas: vec![&quota], ..Default::default() })).await;
    assert_eq!(check.outcome, CheckOutcome::Pass, "{check:?}");
    assert!(check.detail.contains("6 in use, 1 to add, quota 10"), "{}", check.detail);
    assert!(check.detail.contains("quota from Service Quotas"), "{}", check.detail);
}

#[tokio::test]
async fn mock_service_quotas_denied_falls_back_to_the_default_with_a_note_and_fails_a_full_region() {
    let used = vpcs(5);
    let denied = mock!(aws_sdk_servicequotas::Client::get_service_quota).then_http_response(|| {
        let mut response = error(
            400,
            r#"{"__type":"AccessDeniedException","Message":"You do not have sufficient access to perform this action."}"#
                .to_owned(),
        );
        response.headers_mut().insert("x-amzn-errortype", "AccessDeniedException");
        response
    });
    let check = quotas::vpcs(&scope(Rules { ec2: vec![&used], quotas: vec![&denied], ..Default::default() })).await;
    assert_eq!(check.outcome, CheckOutcome::Failure, "{check:?}");
    assert!(check.summary.contains("5 of its 5 VPCs"), "{}", check.summary);
    assert!(check.detail.contains("AWS's default quota assumed"), "{}", check.detail);
    assert!(check.detail.contains("AccessDeniedException"), "{}", check.detail);
    assert!(
        check
            .detail
            .contains("https://eu-west-1.console.aws.amazon.com/servicequotas/home/services/vpc/quotas/L-F678F1CE"),
        "{}",
        check.detail
    );
    assert!(check.what_to_do.unwrap().contains("L-F678F1CE"));
}

#[tokio::test]
async fn mock_hooks_registered_in_the_region_are_a_warning_that_names_them() {
    let listed = mock!(aws_sdk_cloudformation::Client::list_types).then_output(|| {
        ListTypesOutput::builder()
            .type_summaries(TypeSummary::builder().type_name("Acme::Security::NoPublicLoadBalancers").build())
            .type_summaries(TypeSummary::builder().type_name("Private::Guard::Tagging").build())
            .build()
    });
    let check = hooks::check(&scope(Rules { cfn: vec![&listed], ..Default::default() })).await;
    assert_eq!(check.outcome, CheckOutcome::Warning);
    assert!(check.summary.starts_with("2 CloudFormation Hooks"), "{}", check.summary);
    assert!(check.detail.contains("Acme::Security::NoPublicLoadBalancers"));
    let none = mock!(aws_sdk_cloudformation::Client::list_types).then_output(|| ListTypesOutput::builder().build());
    let check = hooks::check(&scope(Rules { cfn: vec![&none], ..Default::default() })).await;
    assert_eq!(check.outcome, CheckOutcome::Pass);
}

#[tokio::test]
async fn mock_a_vpn_static_route_and_a_peered_vpc_over_the_block_are_each_named() {
    use aws_sdk_ec2::operation::describe_transit_gateway_route_tables::DescribeTransitGatewayRouteTablesOutput;
    use aws_sdk_ec2::operation::describe_vpc_peering_connections::DescribeVpcPeeringConnectionsOutput;
    use aws_sdk_ec2::operation::describe_vpn_connections::DescribeVpnConnectionsOutput;
    use aws_sdk_ec2::types::{
        CidrBlock, VpcPeeringConnection, VpcPeeringConnectionStateReason, VpcPeeringConnectionStateReasonCode,
        VpcPeeringConnectionVpcInfo, VpnConnection, VpnState, VpnStaticRoute,
    };
    let tables = mock!(aws_sdk_ec2::Client::describe_transit_gateway_route_tables)
        .then_output(|| DescribeTransitGatewayRouteTablesOutput::builder().build());
    let vpn = mock!(aws_sdk_ec2::Client::describe_vpn_connections).then_output(|| {
        DescribeVpnConnectionsOutput::builder()
            .vpn_connections(
                VpnConnection::builder()
                    .vpn_connection_id("vpn-0a1b")
                    .state(VpnState::Available)
                    .routes(VpnStaticRoute::builder().destination_cidr_block("10.20.128.0/17").build())
                    .routes(VpnStaticRoute::builder().destination_cidr_block("192.168.0.0/16").build())
                    // A default route holds every block and takes none from the VPC's own route.
                    .routes(VpnStaticRoute::builder().destination_cidr_block("0.0.0.0/0").build())
                    .build(),
            )
            .vpn_connections(
                VpnConnection::builder()
                    .vpn_connection_id("vpn-gone")
                    .state(VpnState::Deleted)
                    .routes(VpnStaticRoute::builder().destination_cidr_block("10.20.0.0/16").build())
                    .build(),
            )
            .build()
    });
    let peering = mock!(aws_sdk_ec2::Client::describe_vpc_peering_connections).then_output(|| {
        DescribeVpcPeeringConnectionsOutput::builder()
            .vpc_peering_connections(
                VpcPeeringConnection::builder()
                    .vpc_peering_connection_id("pcx-0c0d")
                    .status(
                        VpcPeeringConnectionStateReason::builder()
                            .code(VpcPeeringConnectionStateReasonCode::Active)
                            .build(),
                    )
                    .accepter_vpc_info(
                        VpcPeeringConnectionVpcInfo::builder()
                            .vpc_id("vpc-theirs")
                            .owner_id("999988887777")
                            .cidr_block("172.16.0.0/16")
                            .cidr_block_set(CidrBlock::builder().cidr_block("172.16.0.0/16").build())
                            .cidr_block_set(CidrBlock::builder().cidr_block("10.20.0.0/24").build())
                            .build(),
                    )
                    .build(),
            )
            .build()
    });
    let check = routes::check(&scope(Rules { ec2: vec![&tables, &vpn, &peering], ..Default::default() })).await;
    assert_eq!(check.outcome, CheckOutcome::Failure, "{check:?}");
    assert!(check.summary.contains("overlaps 2 routes"), "{}", check.summary);
    assert!(check.detail.contains("10.20.128.0/17 (static route of VPN connection vpn-0a1b)"), "{}", check.detail);
    assert!(
        check.detail.contains("10.20.0.0/24 (accepter VPC vpc-theirs of peering connection pcx-0c0d)"),
        "{}",
        check.detail
    );
    assert!(!check.detail.contains("vpn-gone"), "a deleted connection routes nothing: {}", check.detail);
}
