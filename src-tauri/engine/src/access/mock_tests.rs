//! Manage paths that moto cannot show, with aws-smithy-mocks: IAM denying the admin (no
//! write, nothing journaled), the role deleted behind the app's back, a read-back that does
//! not match, and the CloudTrail audit (moto answers LookupEvents with HTTP 500): two
//! sessions over paged results, the calls of each key, and 2 requests a second at most.

use aws_sdk_cloudtrail::operation::lookup_events::LookupEventsOutput;
use aws_sdk_cloudtrail::types::{Event, LookupAttributeKey};
use aws_sdk_iam::operation::get_role_policy::GetRolePolicyOutput;
use aws_sdk_iam::operation::put_role_policy::PutRolePolicyOutput;
use aws_smithy_mocks::{mock, mock_client, RuleMode};
use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use aws_smithy_runtime_api::http::StatusCode;
use aws_smithy_types::body::SdkBody;
use jiff::Timestamp;

use super::actor::READ_BACK_DELAYS;
use super::audit_records::samples::{assume_role, call, ROLE_ARN};
use super::*;
use crate::aws::CallContext;
use crate::failure::ErrorCode;
use crate::journal::Journal;
use crate::Explain as _;

fn iam_error(status: u16, code: &str, message: &str) -> HttpResponse {
    let xml = format!(
        "<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><Error><Type>Sender</Type><Code>{code}</Code><Message>{message}</Message></Error><RequestId>9a1b2c3d-0000-4000-8000-000000000000</RequestId></ErrorResponse>"
    );
    HttpResponse::new(StatusCode::try_from(status).unwrap(), SdkBody::from(xml))
}

fn target() -> Target {
    Target {
        installation_id: "acme".into(),
        account: "123456789012".into(),
        caller_arn: "arn:aws:iam::123456789012:user/admin".into(),
        role_name: "PrivateDeployVendorAccess-acme".into(),
    }
}

fn journaled(journal: &Journal) -> usize {
    journal.access_actions("123456789012", "acme", &[], 100).unwrap().len()
}

#[tokio::test]
async fn access_denied_by_iam_names_the_action_and_records_nothing() {
    let put = mock!(aws_sdk_iam::Client::put_role_policy).then_http_response(|| {
        iam_error(
            403,
            "AccessDenied",
            "User: arn:aws:iam::123456789012:user/readonly is not authorized to perform: iam:PutRolePolicy on resource: role PrivateDeployVendorAccess-acme",
        )
    });
    let iam = mock_client!(aws_sdk_iam, [&put]);
    let journal = Journal::open_in_memory().unwrap();
    let t = target();
    let actor = Actor { iam: &iam, journal: &journal, ctx: &CallContext::default(), target: &t };
    let err = cut_off(&actor, Timestamp::from_second(1_795_000_000).unwrap()).await.unwrap_err().failure();
    assert_eq!(err.code, ErrorCode::AccessDenied);
    assert!(err.message.contains("iam:PutRolePolicy"), "{}", err.message);
    assert_eq!(put.num_calls(), 1, "the window is not closed after the revocation failed");
    assert_eq!(journaled(&journal), 0);
}

#[tokio::test]
async fn a_role_deleted_behind_the_apps_back_is_not_found_and_records_nothing() {
    let put = mock!(aws_sdk_iam::Client::put_role_policy).then_http_response(|| {
        iam_error(404, "NoSuchEntity", "The role with name PrivateDeployVendorAccess-acme cannot be found.")
    });
    let iam = mock_client!(aws_sdk_iam, [&put]);
    let journal = Journal::open_in_memory().unwrap();
    let t = target();
    let actor = Actor { iam: &iam, journal: &journal, ctx: &CallContext::default(), target: &t };
    let err = open_window(&actor, 2, Timestamp::from_second(1_795_000_000).unwrap()).await.unwrap_err().failure();
    assert_eq!(err.code, ErrorCode::NotFound);
    assert!(err.message.contains("PrivateDeployVendorAccess-acme no longer exists"), "{}", err.message);
    assert_eq!(journaled(&journal), 0);
}

#[tokio::test(start_paused = true)]
async fn a_read_back_that_differs_fails_as_not_verified_and_records_nothing() {
    let put = mock!(aws_sdk_iam::Client::put_role_policy).then_output(|| PutRolePolicyOutput::builder().build());
    // Someone else wrote the slot at the same moment: IAM returns their document.
    let get = mock!(aws_sdk_iam::Client::get_role_policy).then_output(|| {
        let other = closed_policy().to_string();
        GetRolePolicyOutput::builder()
            .role_name("PrivateDeployVendorAccess-acme")
            .policy_name("PrivateDeployAccessWindow")
            .policy_document(
                percent_encoding::utf8_percent_encode(&other, percent_encoding::NON_ALPHANUMERIC).to_string(),
            )
            .build()
            .unwrap()
    });
    let iam = mock_client!(aws_sdk_iam, RuleMode::MatchAny, [&put, &get]);
    let journal = Journal::open_in_memory().unwrap();
    let t = target();
    let actor = Actor { iam: &iam, journal: &journal, ctx: &CallContext::default(), target: &t };
    let err = open_window(&actor, 2, Timestamp::from_second(1_795_000_000).unwrap()).await.unwrap_err().failure();
    assert_eq!(err.code, ErrorCode::NotVerified);
    assert_eq!(journaled(&journal), 0);
    assert_eq!(get.num_calls(), 1 + READ_BACK_DELAYS.len(), "read again before giving up");
    // The same read-back that matches is recorded.
    let good = mock!(aws_sdk_iam::Client::get_role_policy).then_output(|| {
        GetRolePolicyOutput::builder()
            .role_name("r")
            .policy_name("PrivateDeployAccessWindow")
            .policy_document(closed_policy().to_string())
            .build()
            .unwrap()
    });
    let iam = mock_client!(aws_sdk_iam, RuleMode::MatchAny, [&put, &good]);
    let actor = Actor { iam: &iam, journal: &journal, ctx: &CallContext::default(), target: &t };
    let record = close_window(&actor).await.unwrap();
    assert_eq!(record.action, AccessActionKind::CloseWindow);
    assert_eq!(record.caller_arn, "arn:aws:iam::123456789012:user/admin");
    assert_eq!(journaled(&journal), 1);
}

/// IAM is eventually consistent: the first read after the write may show the old document.
#[tokio::test(start_paused = true)]
async fn mock_a_read_back_that_lags_behind_the_write_is_read_again_and_recorded() {
    let put = mock!(aws_sdk_iam::Client::put_role_policy).then_output(|| PutRolePolicyOutput::builder().build());
    let doc = |policy: serde_json::Value| {
        GetRolePolicyOutput::builder()
            .role_name("PrivateDeployVendorAccess-acme")
            .policy_name("PrivateDeployAccessWindow")
            .policy_document(policy.to_string())
            .build()
            .unwrap()
    };
    let get = mock!(aws_sdk_iam::Client::get_role_policy)
        .sequence()
        .output(move || doc(crate::templates::access_window_always_open_policy()))
        .times(2)
        .output(move || doc(closed_policy()))
        .build();
    let iam = mock_client!(aws_sdk_iam, RuleMode::Sequential, [&put, &get]);
    let journal = Journal::open_in_memory().unwrap();
    let t = target();
    let actor = Actor { iam: &iam, journal: &journal, ctx: &CallContext::default(), target: &t };
    let record = close_window(&actor).await.unwrap();
    assert_eq!(record.action, AccessActionKind::CloseWindow);
    assert_eq!(get.num_calls(), 3, "two stale reads, then the document written");
    assert_eq!(journaled(&journal), 1);
}

fn event(record: String) -> Event {
    let v: serde_json::Value = serde_json::from_str(&record).unwrap();
    Event::builder()
        .event_id(v["eventID"].as_str().unwrap())
        .event_name(v["eventName"].as_str().unwrap())
        .event_source(v["eventSource"].as_str().unwrap())
        .cloud_trail_event(record)
        .build()
}

fn attribute_is(
    r: &aws_sdk_cloudtrail::operation::lookup_events::LookupEventsInput,
    key: LookupAttributeKey,
    value: &str,
) -> bool {
    let attrs = r.lookup_attributes();
    attrs.len() == 1 && attrs[0].attribute_key() == &key && attrs[0].attribute_value() == value
}

#[tokio::test(start_paused = true)]
async fn the_audit_follows_two_sessions_over_paged_lookups_at_two_requests_a_second() {
    const KEY1: &str = "ASIAVENDORKEY1EXAMPLE";
    const KEY2: &str = "ASIAVENDORKEY2EXAMPLE";
    // The role's events, in two pages of at most 50: two AssumeRole, newest first.
    let role_page1 = mock!(aws_sdk_cloudtrail::Client::lookup_events)
        .match_requests(|r| {
            attribute_is(r, LookupAttributeKey::ResourceName, ROLE_ARN)
                && r.next_token().is_none()
                && r.max_results() == Some(50)
        })
        .then_output(|| {
            LookupEventsOutput::builder()
                .events(event(assume_role("ar-2", "2026-11-20T14:00:00Z", "vendor-upgrade", KEY2)))
                .next_token("role-page-2")
                .build()
        });
    let role_page2 = mock!(aws_sdk_cloudtrail::Client::lookup_events)
        .match_requests(|r| {
            attribute_is(r, LookupAttributeKey::ResourceName, ROLE_ARN) && r.next_token() == Some("role-page-2")
        })
        .then_output(|| {
            LookupEventsOutput::builder()
                .events(event(assume_role("ar-1", "2026-11-20T09:12:03Z", "vendor-deploy", KEY1)))
                .build()
        });
    let key1_page1 = mock!(aws_sdk_cloudtrail::Client::lookup_events)
        .match_requests(|r| attribute_is(r, LookupAttributeKey::AccessKeyId, KEY1) && r.next_token().is_none())
        .then_output(|| {
            LookupEventsOutput::builder()
                .events(event(call(
                    "c-3",
                    "2026-11-20T09:20:00Z",
                    "CreateSecurityGroup",
                    "ec2.amazonaws.com",
                    "vendor-deploy",
                    KEY1,
                    None,
                )))
                .events(event(call(
                    "c-2",
                    "2026-11-20T09:15:00Z",
                    "RunInstances",
                    "ec2.amazonaws.com",
                    "vendor-deploy",
                    KEY1,
                    Some("Client.UnauthorizedOperation"),
                )))
                .next_token("key1-page-2")
                .build()
        });
    let key1_page2 = mock!(aws_sdk_cloudtrail::Client::lookup_events)
        .match_requests(|r| {
            attribute_is(r, LookupAttributeKey::AccessKeyId, KEY1) && r.next_token() == Some("key1-page-2")
        })
        .then_output(|| {
            LookupEventsOutput::builder()
                .events(event(call(
                    "c-1",
                    "2026-11-20T09:13:00Z",
                    "DescribeVpcs",
                    "ec2.amazonaws.com",
                    "vendor-deploy",
                    KEY1,
                    None,
                )))
                .build()
        });
    let key2 = mock!(aws_sdk_cloudtrail::Client::lookup_events)
        .match_requests(|r| attribute_is(r, LookupAttributeKey::AccessKeyId, KEY2))
        .then_output(|| {
            LookupEventsOutput::builder()
                .events(event(call(
                    "c-4",
                    "2026-11-20T14:01:00Z",
                    "ListBuckets",
                    "s3.amazonaws.com",
                    "vendor-upgrade",
                    KEY2,
                    None,
                )))
                .build()
        });
    let rules = [&role_page1, &role_page2, &key1_page1, &key1_page2, &key2];
    let ct = mock_client!(aws_sdk_cloudtrail, RuleMode::MatchAny, rules);
    let trails = vec![("us-east-1".to_owned(), ct)];
    let since = Timestamp::from_second(1_795_000_000).unwrap();
    let started = tokio::time::Instant::now();
    let report = audit(&trails, ROLE_ARN, &AuditQuery::default(), since, &CallContext::default()).await.unwrap();

    assert_eq!(report.requests, 5, "two pages for the role, two for the first key, one for the second");
    assert!(
        started.elapsed() >= LOOKUP_INTERVAL * 4,
        "5 requests take at least 2 s at 2 a second: {:?}",
        started.elapsed()
    );
    for rule in rules {
        assert_eq!(rule.num_calls(), 1);
    }
    let sessions: Vec<(&str, Option<&str>)> =
        report.sessions.iter().map(|s| (s.session_name.as_str(), s.access_key_id.as_deref())).collect();
    assert_eq!(sessions, vec![("vendor-upgrade", Some(KEY2)), ("vendor-deploy", Some(KEY1))]);
    let timeline: Vec<&str> = report.events.iter().map(|e| e.event_id.as_str()).collect();
    assert_eq!(timeline, vec!["c-4", "ar-2", "c-3", "c-2", "c-1", "ar-1"], "newest first, AssumeRole included");
    assert!(!report.truncated);

    // Errors only: the denied RunInstances.
    let errors = filter_events(report.events.clone(), &AuditQuery { errors_only: true, ..Default::default() });
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].event_name, "RunInstances");
    assert_eq!(errors[0].session_name.as_deref(), Some("vendor-deploy"));
}
