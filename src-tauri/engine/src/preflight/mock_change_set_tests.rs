//! CloudFormation's validation with aws-smithy-mocks, in the shapes AWS answers with: a
//! template CloudFormation refuses when the change set is created (HTTP 400, `ValidationError`,
//! "Template format error: …") is a failure that quotes it; throttling says nothing about the
//! template and is a warning; a change set that ends FAILED is a failure naming its reason, and
//! the change set and its stack are deleted again.

use std::time::Duration;

use aws_sdk_cloudformation::operation::create_change_set::CreateChangeSetOutput;
use aws_sdk_cloudformation::operation::delete_change_set::DeleteChangeSetOutput;
use aws_sdk_cloudformation::operation::delete_stack::DeleteStackOutput;
use aws_sdk_cloudformation::operation::describe_change_set::DescribeChangeSetOutput;
use aws_sdk_cloudformation::types::ChangeSetStatus;
use aws_smithy_mocks::mock;
use aws_smithy_runtime_api::client::orchestrator::HttpResponse;

use super::change_set;
use super::mock_tests::{error, scope, Rules};
use super::model::CheckOutcome;

const TEMPLATE_ERROR: &str =
    "Template format error: Unresolved resource dependencies [NatGatewayEip] in the Resources block of the template";

/// CloudFormation's error, as its query protocol returns it.
fn cfn_error(status: u16, code: &str, message: &str) -> HttpResponse {
    error(
        status,
        format!(
            "<ErrorResponse xmlns=\"http://cloudformation.amazonaws.com/doc/2010-05-15/\"><Error><Type>Sender</Type><Code>{code}</Code><Message>{message}</Message></Error><RequestId>5ccc7dcd-744c-11e5-be70-example</RequestId></ErrorResponse>"
        ),
    )
}

#[tokio::test]
async fn mock_a_template_cloudformation_refuses_is_a_failure_quoting_it() {
    let refused = mock!(aws_sdk_cloudformation::Client::create_change_set)
        .match_requests(|r| {
            r.change_set_type() == Some(&aws_sdk_cloudformation::types::ChangeSetType::Create)
                && r.stack_name() == Some(change_set::preflight_stack_name("acme-prod").as_str())
        })
        .then_http_response(|| cfn_error(400, "ValidationError", TEMPLATE_ERROR));
    let check = change_set::check(&scope(Rules { cfn: vec![&refused], ..Default::default() }), Duration::ZERO).await;
    assert_eq!(refused.num_calls(), 1, "the change set was asked for under the preflight's stack name");
    assert_eq!(check.outcome, CheckOutcome::Failure, "{check:?}");
    assert_eq!(check.summary, "CloudFormation refused the environment's template.");
    assert_eq!(check.detail, format!("ValidationError: {TEMPLATE_ERROR}"));
    assert!(check.what_to_do.unwrap().contains("vendor"));
}

#[tokio::test]
async fn mock_throttling_when_creating_the_change_set_is_a_warning_not_a_failure() {
    let throttled = mock!(aws_sdk_cloudformation::Client::create_change_set)
        .sequence()
        .http_response(|| cfn_error(400, "Throttling", "Rate exceeded"))
        .repeatedly()
        .build();
    let check = change_set::check(&scope(Rules { cfn: vec![&throttled], ..Default::default() }), Duration::ZERO).await;
    assert!(throttled.num_calls() >= 1);
    assert_eq!(check.outcome, CheckOutcome::Warning, "{check:?}");
    assert_eq!(check.summary, "CloudFormation's validation could not be run.");
    assert_eq!(check.detail, "Throttling: Rate exceeded");
}

#[tokio::test]
async fn mock_a_change_set_that_ends_failed_is_a_failure_and_is_deleted_with_its_stack() {
    const ARN: &str =
        "arn:aws:cloudformation:eu-west-1:123456789012:changeSet/private-deploy-preflight/1a2b3c4d-5e6f-7a8b-9c0d-example";
    const REASON: &str = "The following hook(s)/validation failed: [AWS::EarlyValidation::ResourceExistenceCheck]";
    let created = mock!(aws_sdk_cloudformation::Client::create_change_set)
        .then_output(|| CreateChangeSetOutput::builder().id(ARN).stack_id("stack-id").build());
    let described = mock!(aws_sdk_cloudformation::Client::describe_change_set)
        .match_requests(|r| r.change_set_name() == Some(ARN))
        .then_output(|| {
            DescribeChangeSetOutput::builder().status(ChangeSetStatus::Failed).status_reason(REASON).build()
        });
    let deleted = mock!(aws_sdk_cloudformation::Client::delete_change_set)
        .match_requests(|r| r.change_set_name() == Some(ARN))
        .then_output(|| DeleteChangeSetOutput::builder().build());
    let stack_deleted = mock!(aws_sdk_cloudformation::Client::delete_stack)
        .match_requests(|r| r.stack_name() == Some(change_set::preflight_stack_name("acme-prod").as_str()))
        .then_output(|| DeleteStackOutput::builder().build());
    // No pre-deployment validation findings beyond the reason.
    let events = mock!(aws_sdk_cloudformation::Client::describe_events)
        .then_output(|| aws_sdk_cloudformation::operation::describe_events::DescribeEventsOutput::builder().build());
    let rules = Rules { cfn: vec![&created, &described, &events, &deleted, &stack_deleted], ..Default::default() };
    let check = change_set::check(&scope(rules), Duration::ZERO).await;
    assert_eq!(check.outcome, CheckOutcome::Failure, "{check:?}");
    assert!(check.summary.ends_with(REASON), "{}", check.summary);
    assert!(check.detail.contains(ARN), "{}", check.detail);
    assert_eq!((deleted.num_calls(), stack_deleted.num_calls()), (1, 1), "nothing is left behind");
}
