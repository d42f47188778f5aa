//! AWS's clock against a laptop clock hours off, with aws-smithy-mocks (moto answers with the
//! machine's own clock, so it cannot show a skew): STS answers carrying a `Date` far from
//! the local clock, then the access window and the revocation written from AWS's time.

use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use aws_sdk_iam::operation::get_role_policy::GetRolePolicyOutput;
use aws_sdk_iam::operation::put_role_policy::PutRolePolicyOutput;
use aws_smithy_mocks::{mock, mock_client, RuleMode};
use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use aws_smithy_runtime_api::http::StatusCode;
use aws_smithy_types::body::SdkBody;
use aws_smithy_types::date_time::Format;
use aws_smithy_types::DateTime;

use super::{aws_now, caller_identity, CallContext, Identity};
use crate::access::{self, Actor, Target};
use crate::journal::Journal;

const HOURS: i64 = 3600;

/// GetCallerIdentity as STS answers it, with the `Date` header `date` (none when `None`).
fn sts_answer(date: Option<SystemTime>) -> HttpResponse {
    let xml = "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/alice</Arn><UserId>AIDAEXAMPLE</UserId><Account>123456789012</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>01234567-89ab-4cde-8f01-23456789abcd</RequestId></ResponseMetadata></GetCallerIdentityResponse>";
    let mut response = HttpResponse::new(StatusCode::try_from(200).unwrap(), SdkBody::from(xml));
    response.headers_mut().insert("content-type", "text/xml");
    if let Some(date) = date {
        response.headers_mut().insert("date", DateTime::from(date).fmt(Format::HttpDate).unwrap());
    }
    response
}

async fn sign_in_with_aws_clock_at(offset_secs: Option<i64>) -> Identity {
    let date = offset_secs.map(|s| {
        let now = SystemTime::now();
        if s >= 0 {
            now + Duration::from_secs(s as u64)
        } else {
            now - Duration::from_secs(s.unsigned_abs())
        }
    });
    let rule = mock!(aws_sdk_sts::Client::get_caller_identity).then_http_response(move || sts_answer(date));
    let sts = mock_client!(aws_sdk_sts, [&rule]);
    caller_identity(&sts, &CallContext::default()).await.expect("identity")
}

fn local_secs() -> i64 {
    DateTime::from(SystemTime::now()).secs()
}

#[tokio::test]
async fn mock_sts_date_hours_ahead_is_reported_as_skew_with_a_warning() {
    let id = sign_in_with_aws_clock_at(Some(3 * HOURS)).await;
    let skew = id.clock_skew_seconds.expect("a skew from the Date header");
    assert!((skew - 3 * HOURS).abs() <= 2, "{skew}");
    let warning = id.clock_warning.expect("a clock 3 hours off is shown");
    assert!(warning.contains("3 h behind AWS's"), "{warning}");
}

#[tokio::test]
async fn mock_sts_date_within_a_minute_is_not_shown() {
    let id = sign_in_with_aws_clock_at(Some(20)).await;
    assert!(id.clock_skew_seconds.is_some_and(|s| (s - 20).abs() <= 2), "{id:?}");
    assert_eq!(id.clock_warning, None);
}

#[tokio::test]
async fn mock_sts_date_of_this_very_second_is_no_skew_at_all() {
    let id = sign_in_with_aws_clock_at(Some(0)).await;
    assert_eq!(id.clock_skew_seconds, Some(0), "below Date's whole seconds");
}

#[tokio::test]
async fn mock_sts_answer_without_a_date_falls_back_to_the_local_clock() {
    let id = sign_in_with_aws_clock_at(None).await;
    assert_eq!(id.clock_skew_seconds, None);
    assert_eq!(id.clock_warning, None);
    assert!((aws_now(id.clock_skew_seconds).as_second() - local_secs()).abs() <= 2);
}

/// An IAM that keeps the last inline policy written and reads it back as written.
struct WrittenPolicies {
    put: aws_smithy_mocks::Rule,
    get: aws_smithy_mocks::Rule,
    last: Arc<Mutex<Option<String>>>,
}

fn iam_keeping_what_is_written() -> WrittenPolicies {
    let last: Arc<Mutex<Option<String>>> = Arc::default();
    let written = last.clone();
    let put = mock!(aws_sdk_iam::Client::put_role_policy)
        .match_requests(move |input| {
            *written.lock().unwrap() = input.policy_document().map(str::to_owned);
            true
        })
        .then_output(|| PutRolePolicyOutput::builder().build());
    let read = last.clone();
    let get = mock!(aws_sdk_iam::Client::get_role_policy).then_output(move || {
        GetRolePolicyOutput::builder()
            .role_name("PrivateDeployVendorAccess-acme")
            .policy_name("written")
            .policy_document(read.lock().unwrap().clone().unwrap_or_default())
            .build()
            .unwrap()
    });
    WrittenPolicies { put, get, last }
}

fn target() -> Target {
    Target {
        installation_id: "acme".into(),
        account: "123456789012".into(),
        caller_arn: "arn:aws:iam::123456789012:user/alice".into(),
        role_name: "PrivateDeployVendorAccess-acme".into(),
    }
}

/// The time of the first `Date*` condition on `key` in the written document.
fn condition_time(doc: &str, operator: &str, key: &str) -> i64 {
    let doc: serde_json::Value = serde_json::from_str(doc).unwrap();
    let text = doc["Statement"]
        .as_array()
        .unwrap()
        .iter()
        .find_map(|s| s["Condition"][operator][key].as_str())
        .unwrap_or_else(|| panic!("no {operator} {key} in {doc}"))
        .to_owned();
    DateTime::from_str(&text, Format::DateTime).unwrap().secs()
}

#[tokio::test]
async fn mock_the_access_window_is_written_in_aws_time_when_the_laptop_is_five_hours_ahead() {
    // AWS's clock is 5 hours behind this computer's.
    let id = sign_in_with_aws_clock_at(Some(-5 * HOURS)).await;
    let iam_rules = iam_keeping_what_is_written();
    let iam = mock_client!(aws_sdk_iam, RuleMode::MatchAny, [&iam_rules.put, &iam_rules.get]);
    let journal = Journal::open_in_memory().unwrap();
    let t = target();
    let actor = Actor { iam: &iam, journal: &journal, ctx: &CallContext::default(), target: &t };

    access::open_window(&actor, 2, aws_now(id.clock_skew_seconds)).await.expect("window opened");
    let doc = iam_rules.last.lock().unwrap().clone().expect("a window policy was written");
    let start = condition_time(&doc, "DateLessThan", "aws:CurrentTime");
    let end = condition_time(&doc, "DateGreaterThan", "aws:CurrentTime");
    let aws_time = local_secs() - 5 * HOURS;
    assert!((start - aws_time).abs() <= 5, "the window opens at AWS's now, not the laptop's: {doc}");
    assert_eq!(end - start, 2 * HOURS);

    access::revoke_sessions(&actor, aws_now(id.clock_skew_seconds)).await.expect("revoked");
    let doc = iam_rules.last.lock().unwrap().clone().unwrap();
    let cut = condition_time(&doc, "DateLessThan", "aws:TokenIssueTime");
    assert!((cut - aws_time).abs() <= 5, "sessions are cut at AWS's now: {doc}");
}
