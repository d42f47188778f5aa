//! The audit across regions, with aws-smithy-mocks (moto has no LookupEvents): records shaped
//! like CloudTrail's, an `AssumeRole` found only where the vendor's regional STS endpoint is
//! and the IAM calls of its key only in us-east-1; a region that denies the lookup; every
//! region failing; each region paced at 2 requests a second, the regions in parallel.

use std::sync::{Arc, Mutex};

use aws_sdk_cloudtrail::operation::lookup_events::{LookupEventsInput, LookupEventsOutput};
use aws_sdk_cloudtrail::types::{Event, LookupAttributeKey};
use aws_smithy_mocks::{mock, mock_client, Rule, RuleMode};
use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use aws_smithy_runtime_api::http::StatusCode;
use aws_smithy_types::body::SdkBody;
use jiff::Timestamp;

use super::*;
use crate::access::audit_records::samples::{assume_role, call, ROLE_ARN};
use crate::failure::ErrorCode;
use crate::network::discovery::OptInStatus;

const SINCE: i64 = 1_795_000_000;

/// A record as CloudTrail keeps it in `region` (its `awsRegion`).
fn in_region(record: String, region: &str) -> String {
    let mut v: serde_json::Value = serde_json::from_str(&record).unwrap();
    v["awsRegion"] = region.into();
    v.to_string()
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

fn page(records: Vec<String>) -> LookupEventsOutput {
    records.into_iter().fold(LookupEventsOutput::builder(), |b, r| b.events(event(r))).build()
}

fn by(key: LookupAttributeKey) -> impl Fn(&LookupEventsInput) -> bool + Send + Sync + 'static {
    move |r| r.lookup_attributes().len() == 1 && r.lookup_attributes()[0].attribute_key() == &key
}

fn role_lookup(records: Vec<String>) -> Rule {
    mock!(aws_sdk_cloudtrail::Client::lookup_events)
        .match_requests(by(LookupAttributeKey::ResourceName))
        .then_output(move || page(records.clone()))
}

fn key_lookup(key: &'static str, records: Vec<String>) -> Rule {
    mock!(aws_sdk_cloudtrail::Client::lookup_events)
        .match_requests(move |r| {
            by(LookupAttributeKey::AccessKeyId)(r) && r.lookup_attributes()[0].attribute_value() == key
        })
        .then_output(move || page(records.clone()))
}

fn trail(region: &str, rules: &[&Rule]) -> (String, aws_sdk_cloudtrail::Client) {
    (region.to_owned(), mock_client!(aws_sdk_cloudtrail, RuleMode::MatchAny, rules))
}

async fn run(trails: &[(String, aws_sdk_cloudtrail::Client)]) -> Result<AuditReport, Error> {
    audit(trails, ROLE_ARN, &AuditQuery::default(), Timestamp::from_second(SINCE).unwrap(), &CallContext::default())
        .await
}

/// CloudTrail's answer (JSON protocol) when a policy or an SCP denies LookupEvents in a region.
fn denied() -> HttpResponse {
    let body = r#"{"__type":"AccessDeniedException","Message":"User: arn:aws:iam::123456789012:user/admin is not authorized to perform: cloudtrail:LookupEvents with an explicit deny in a service control policy"}"#;
    let mut response = HttpResponse::new(StatusCode::try_from(400).unwrap(), SdkBody::from(body));
    response.headers_mut().insert("Content-Type", "application/x-amz-json-1.1");
    response.headers_mut().insert("x-amzn-RequestId", "7c3d5b1e-0000-4000-8000-000000000000");
    response
}

const KEY: &str = "ASIAVENDORKEYEUWEST1";

/// The vendor called STS in eu-west-1 (a regional endpoint), then IAM with the key it got.
fn regional_sts_session() -> (Vec<String>, Vec<String>, Vec<String>) {
    let assume = in_region(assume_role("ar-eu", "2026-11-20T09:00:00Z", "vendor-deploy", KEY), "eu-west-1");
    let ec2 = in_region(
        call("c-ec2", "2026-11-20T09:05:00Z", "RunInstances", "ec2.amazonaws.com", "vendor-deploy", KEY, None),
        "eu-west-1",
    );
    let iam = vec![
        in_region(
            call(
                "c-iam-2",
                "2026-11-20T09:10:00Z",
                "CreateUser",
                "iam.amazonaws.com",
                "vendor-deploy",
                KEY,
                Some("AccessDenied"),
            ),
            "us-east-1",
        ),
        in_region(
            call("c-iam-1", "2026-11-20T09:02:00Z", "ListRoles", "iam.amazonaws.com", "vendor-deploy", KEY, None),
            "us-east-1",
        ),
    ];
    (vec![assume], vec![ec2], iam)
}

#[tokio::test(start_paused = true)]
async fn mock_an_assume_role_only_in_eu_west_1_and_iam_calls_only_in_us_east_1_are_found_and_merged() {
    let (assume, ec2, iam) = regional_sts_session();
    let eu_role = role_lookup(assume.clone());
    let eu_key = key_lookup(KEY, ec2);
    // Event history keeps IAM's events in us-east-1 only, and not the regional AssumeRole.
    let us_role = role_lookup(vec![]);
    let us_key = key_lookup(KEY, iam);
    // A region answering the same event again (by ID) must not count it twice.
    let fr_role = role_lookup(assume);
    let fr_key = key_lookup(KEY, vec![]);
    let trails = vec![
        trail("eu-central-1", &[&fr_role, &fr_key]),
        trail("eu-west-1", &[&eu_role, &eu_key]),
        trail("us-east-1", &[&us_role, &us_key]),
    ];

    let report = run(&trails).await.unwrap();

    assert_eq!(report.regions_read, vec!["eu-central-1", "eu-west-1", "us-east-1"]);
    assert!(report.regions_failed.is_empty());
    let sessions: Vec<(&str, Option<&str>)> =
        report.sessions.iter().map(|s| (s.session_name.as_str(), s.access_key_id.as_deref())).collect();
    assert_eq!(sessions, vec![("vendor-deploy", Some(KEY))], "one session, though two regions returned it");
    let timeline: Vec<(&str, &str)> = report.events.iter().map(|e| (e.event_id.as_str(), e.region.as_str())).collect();
    assert_eq!(
        timeline,
        vec![("c-iam-2", "us-east-1"), ("c-ec2", "eu-west-1"), ("c-iam-1", "us-east-1"), ("ar-eu", "eu-west-1")],
        "newest first: the IAM calls from us-east-1 with the session from eu-west-1"
    );
    assert_eq!(report.events[0].error_code.as_deref(), Some("AccessDenied"));
    for rule in [&eu_role, &eu_key, &us_role, &us_key, &fr_role, &fr_key] {
        assert_eq!(rule.num_calls(), 1, "each region asked once for the role and once for the key");
    }
    assert_eq!(report.requests, 6);
}

#[tokio::test(start_paused = true)]
async fn mock_a_region_that_denies_lookup_events_is_named_and_the_others_are_read() {
    let (assume, ec2, iam) = regional_sts_session();
    let denied_rule = mock!(aws_sdk_cloudtrail::Client::lookup_events).then_http_response(denied);
    let eu_role = role_lookup(assume);
    let eu_key = key_lookup(KEY, ec2);
    let us_role = role_lookup(vec![]);
    let us_key = key_lookup(KEY, iam);
    let trails = vec![
        trail("ap-southeast-2", &[&denied_rule]),
        trail("eu-west-1", &[&eu_role, &eu_key]),
        trail("us-east-1", &[&us_role, &us_key]),
    ];

    let report = run(&trails).await.unwrap();

    assert_eq!(report.regions_read, vec!["eu-west-1", "us-east-1"]);
    assert_eq!(report.regions_failed.len(), 1);
    let failed = &report.regions_failed[0];
    assert_eq!((failed.region.as_str(), failed.error.code), ("ap-southeast-2", ErrorCode::AccessDenied));
    assert!(failed.error.message.contains("cloudtrail:LookupEvents"), "{}", failed.error.message);
    assert_eq!(denied_rule.num_calls(), 1, "a region that failed is not asked again for the session's calls");
    let ids: Vec<&str> = report.events.iter().map(|e| e.event_id.as_str()).collect();
    assert_eq!(ids, vec!["c-iam-2", "c-ec2", "c-iam-1", "ar-eu"]);
}

#[tokio::test(start_paused = true)]
async fn mock_every_region_failing_fails_the_audit_with_the_reason() {
    // moto's answer: HTTP 500 with a page the SDK cannot read as an error.
    let broken = || {
        mock!(aws_sdk_cloudtrail::Client::lookup_events).then_http_response(|| {
            HttpResponse::new(StatusCode::try_from(500).unwrap(), SdkBody::from("<html>Internal Server Error</html>"))
        })
    };
    let (a, b) = (broken(), broken());
    let trails = vec![trail("us-east-1", &[&a]), trail("eu-west-1", &[&b])];

    let err = run(&trails).await.unwrap_err().failure();

    assert!(
        err.message.starts_with("CloudTrail could not be read in any region (eu-west-1, us-east-1)."),
        "{}",
        err.message
    );
    assert!(err.message.contains("LookupEvents failed: CloudTrail answered HTTP 500"), "{}", err.message);
    assert!(err.hint.is_some());
}

#[tokio::test(start_paused = true)]
async fn mock_each_region_is_paced_at_two_requests_a_second_and_the_regions_run_in_parallel() {
    const REGIONS: [(&str, &str); 3] =
        [("eu-west-1", "ASIAKEYEUWEST1"), ("us-east-1", "ASIAKEYUSEAST1"), ("ap-south-1", "ASIAKEYAPSOUTH1")];
    // Each region: the role's events over three pages (a session on the last), then one page
    // per session key: 3 + 3 requests.
    let mut rules = Vec::new();
    let mut clocks = Vec::new();
    for (region, key) in REGIONS {
        let at: Arc<Mutex<Vec<tokio::time::Instant>>> = Arc::default();
        clocks.push((region, at.clone()));
        let rule = mock!(aws_sdk_cloudtrail::Client::lookup_events).then_compute_output(move |r| {
            at.lock().unwrap().push(tokio::time::Instant::now());
            let attribute = &r.lookup_attributes()[0];
            match (attribute.attribute_key(), r.next_token()) {
                (LookupAttributeKey::ResourceName, None) => LookupEventsOutput::builder().next_token("p2").build(),
                (LookupAttributeKey::ResourceName, Some("p2")) => {
                    LookupEventsOutput::builder().next_token("p3").build()
                }
                (LookupAttributeKey::ResourceName, _) => page(vec![in_region(
                    assume_role(&format!("ar-{region}"), "2026-11-20T09:00:00Z", region, key),
                    region,
                )]),
                _ => page(vec![]),
            }
        });
        rules.push(rule);
    }
    let trails: Vec<_> = REGIONS.iter().zip(&rules).map(|((region, _), rule)| trail(region, &[rule])).collect();
    let started = tokio::time::Instant::now();

    let report = run(&trails).await.unwrap();

    assert_eq!(report.sessions.len(), 3);
    assert_eq!(report.requests, 18);
    for (region, at) in clocks {
        let at = at.lock().unwrap();
        assert_eq!(at.len(), 6, "{region}: three pages for the role, one per session key");
        for pair in at.windows(2) {
            assert!(pair[1] - pair[0] >= LOOKUP_INTERVAL, "{region}: two requests {:?} apart", pair[1] - pair[0]);
        }
    }
    // One pacer for all three would take 17 intervals; one per region, 5.
    let elapsed = started.elapsed();
    assert!(elapsed >= LOOKUP_INTERVAL * 5 && elapsed < LOOKUP_INTERVAL * 6, "{elapsed:?}");
}

#[test]
fn the_audit_reads_every_enabled_region_and_us_east_1() {
    let info = |name: &str, status: OptInStatus| RegionInfo {
        name: name.to_owned(),
        title: None,
        opt_in_status: status,
        enabled: status != OptInStatus::NotOptedIn,
    };
    let listed = vec![
        info("af-south-1", OptInStatus::NotOptedIn),
        info("ap-east-1", OptInStatus::OptedIn),
        info("eu-west-1", OptInStatus::OptInNotRequired),
        info("us-east-1", OptInStatus::OptInNotRequired),
    ];
    assert_eq!(audit_regions(Some(&listed), "eu-west-1", "eu-west-1"), vec!["ap-east-1", "eu-west-1", "us-east-1"]);
    // The list could not be read: the regions the journal knows, and us-east-1.
    assert_eq!(audit_regions(None, "eu-west-1", "eu-central-1"), vec!["eu-central-1", "eu-west-1", "us-east-1"]);
    assert_eq!(audit_regions(None, "cn-north-1", "cn-northwest-1"), vec!["cn-north-1", "cn-northwest-1"]);
}
