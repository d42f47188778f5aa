//! CloudTrail records, read: an `AssumeRole` record becomes a session (with the temporary
//! access key it issued), any other record a timeline entry; then the timeline's filters and
//! `--since` durations. Pure.

use jiff::{SignedDuration, Span, SpanRelativeTo, Timestamp};
use serde_json::Value;

use super::error::AccessError;
use super::model::{AuditEvent, AuditIdentity, AuditQuery, AuditSession};
use crate::failure::Error;

fn text(v: &Value, pointer: &str) -> String {
    v.pointer(pointer).and_then(Value::as_str).unwrap_or_default().to_owned()
}

fn opt(v: &Value, pointer: &str) -> Option<String> {
    v.pointer(pointer).and_then(Value::as_str).filter(|s| !s.is_empty()).map(str::to_owned)
}

/// A session from an `AssumeRole` record (`CloudTrailEvent` JSON); `None` for anything else.
pub fn parse_session(record: &str) -> Option<AuditSession> {
    let v: Value = serde_json::from_str(record).ok()?;
    if v.get("eventName").and_then(Value::as_str) != Some("AssumeRole") {
        return None;
    }
    let assumed_by = opt(&v, "/userIdentity/arn")
        .or_else(|| opt(&v, "/userIdentity/accountId"))
        .or_else(|| opt(&v, "/userIdentity/invokedBy"))
        .unwrap_or_default();
    Some(AuditSession {
        time: text(&v, "/eventTime"),
        session_name: text(&v, "/requestParameters/roleSessionName"),
        access_key_id: opt(&v, "/responseElements/credentials/accessKeyId"),
        assumed_by,
        source_identity: opt(&v, "/requestParameters/sourceIdentity"),
        source_ip: text(&v, "/sourceIPAddress"),
        error_code: opt(&v, "/errorCode"),
    })
}

/// A timeline entry from any record.
pub fn parse_event(record: &str) -> Option<AuditEvent> {
    let v: Value = serde_json::from_str(record).ok()?;
    let session_name = opt(&v, "/userIdentity/arn")
        .filter(|arn| arn.contains(":assumed-role/"))
        .and_then(|arn| arn.rsplit('/').next().map(str::to_owned))
        .or_else(|| opt(&v, "/requestParameters/roleSessionName"));
    Some(AuditEvent {
        event_id: text(&v, "/eventID"),
        time: text(&v, "/eventTime"),
        event_name: text(&v, "/eventName"),
        event_source: text(&v, "/eventSource"),
        region: text(&v, "/awsRegion"),
        source_ip: text(&v, "/sourceIPAddress"),
        user_agent: text(&v, "/userAgent"),
        error_code: opt(&v, "/errorCode"),
        error_message: opt(&v, "/errorMessage"),
        access_key_id: opt(&v, "/userIdentity/accessKeyId")
            .or_else(|| opt(&v, "/responseElements/credentials/accessKeyId")),
        session_name,
        source_identity: opt(&v, "/userIdentity/sessionContext/sourceIdentity")
            .or_else(|| opt(&v, "/requestParameters/sourceIdentity")),
        read_only: match v.get("readOnly") {
            Some(Value::Bool(b)) => *b,
            Some(Value::String(s)) => s == "true",
            _ => false,
        },
    })
}

/// The timeline grouped by source identity (sessions without one in one group of their own),
/// most calls first.
pub fn by_identity(sessions: &[AuditSession], events: &[AuditEvent]) -> Vec<AuditIdentity> {
    fn group<'a>(groups: &'a mut Vec<AuditIdentity>, who: &Option<String>, time: &str) -> &'a mut AuditIdentity {
        let i = match groups.iter().position(|g| &g.source_identity == who) {
            Some(i) => i,
            None => {
                groups.push(AuditIdentity {
                    source_identity: who.clone(),
                    sessions: 0,
                    calls: 0,
                    errors: 0,
                    last_seen: String::new(),
                });
                groups.len() - 1
            }
        };
        let g = &mut groups[i];
        if g.last_seen.as_str() < time {
            g.last_seen = time.to_owned();
        }
        g
    }
    let mut groups: Vec<AuditIdentity> = Vec::new();
    for s in sessions {
        group(&mut groups, &s.source_identity, &s.time).sessions += 1;
    }
    for e in events.iter().filter(|e| e.event_name != "AssumeRole") {
        let g = group(&mut groups, &e.source_identity, &e.time);
        g.calls += 1;
        g.errors += u32::from(e.error_code.is_some());
    }
    groups.sort_by(|a, b| b.calls.cmp(&a.calls).then_with(|| a.source_identity.cmp(&b.source_identity)));
    groups
}

/// The timeline's filters: name and source substrings (case-insensitive), errors only.
pub fn filter_events(events: Vec<AuditEvent>, query: &AuditQuery) -> Vec<AuditEvent> {
    let has = |field: &str, wanted: &Option<String>| {
        wanted.as_deref().is_none_or(|w| field.to_lowercase().contains(&w.trim().to_lowercase()))
    };
    events
        .into_iter()
        .filter(|e| has(&e.event_name, &query.event_name))
        .filter(|e| has(&e.event_source, &query.event_source))
        .filter(|e| !query.errors_only || e.error_code.is_some())
        .collect()
}

/// Whether `text` can be a `since` at all (on this computer's clock), before anything is asked
/// of AWS; [`parse_since`] reads it again on AWS's clock.
pub fn check_since(text: &str) -> Result<(), Error> {
    parse_since(text, Timestamp::now()).map(|_| ())
}

/// `--since`: a duration back from `now` (`90m`, `24h`, `7d`) or an RFC 3339 time. CloudTrail
/// keeps 90 days of events.
pub fn parse_since(text: &str, now: Timestamp) -> Result<Timestamp, Error> {
    let bad = || Error::from(AccessError::NotASince { text: text.to_owned() });
    let text = text.trim();
    let oldest = now.checked_sub(SignedDuration::from_hours(90 * 24)).map_err(|_| bad())?;
    if let Ok(at) = text.parse::<Timestamp>() {
        // CloudTrail has nothing from the future nor from before its 90 days.
        return if (oldest..=now).contains(&at) { Ok(at) } else { Err(bad()) };
    }
    // Minutes, hours and days (of 24 hours: CloudTrail's times are UTC); not calendar units.
    let span: Span = text.parse().map_err(|_| bad())?;
    if span.get_years() != 0 || span.get_months() != 0 || span.get_weeks() != 0 {
        return Err(bad());
    }
    let back = span.to_duration(SpanRelativeTo::days_are_24_hours()).map_err(|_| bad())?;
    if back <= SignedDuration::ZERO || back > SignedDuration::from_hours(90 * 24) {
        return Err(bad());
    }
    now.checked_sub(back).map_err(|_| bad())
}

#[cfg(test)]
pub(crate) mod samples {
    //! CloudTrail records shaped like real ones (fields as CloudTrail writes them).

    pub const ROLE_ARN: &str = "arn:aws:iam::123456789012:role/private-deploy/PrivateDeployVendorAccess-acme";

    pub fn assume_role(event_id: &str, time: &str, session: &str, key: &str) -> String {
        serde_json::json!({
            "eventVersion": "1.08",
            "userIdentity": {"type": "AWSAccount", "principalId": "AIDAVENDOREXAMPLE", "accountId": "210987654321"},
            "eventTime": time,
            "eventSource": "sts.amazonaws.com",
            "eventName": "AssumeRole",
            "awsRegion": "us-east-1",
            "sourceIPAddress": "198.51.100.23",
            "userAgent": "aws-sdk-go-v2/1.30.3 os/linux",
            "requestParameters": {
                "roleArn": ROLE_ARN, "roleSessionName": session, "externalId": "ext-0001", "durationSeconds": 3600
            },
            "responseElements": {
                "credentials": {"accessKeyId": key, "sessionToken": "IQoJb3JpZ2luX2VjE...", "expiration": "Nov 20, 2026, 10:12:03 AM"},
                "assumedRoleUser": {
                    "assumedRoleId": format!("AROAEXAMPLEROLEID:{session}"),
                    "arn": format!("arn:aws:sts::123456789012:assumed-role/PrivateDeployVendorAccess-acme/{session}")
                }
            },
            "requestID": "4f6a1b9e-0000-4000-8000-000000000001",
            "eventID": event_id,
            "readOnly": true,
            "resources": [{"accountId": "123456789012", "type": "AWS::IAM::Role", "ARN": ROLE_ARN}],
            "eventType": "AwsApiCall",
            "managementEvent": true,
            "recipientAccountId": "123456789012",
            "sharedEventID": "c0ffee00-0000-4000-8000-000000000002",
            "eventCategory": "Management"
        })
        .to_string()
    }

    pub fn call(
        event_id: &str,
        time: &str,
        name: &str,
        source: &str,
        session: &str,
        key: &str,
        error: Option<&str>,
    ) -> String {
        let mut v = serde_json::json!({
            "eventVersion": "1.09",
            "userIdentity": {
                "type": "AssumedRole",
                "principalId": format!("AROAEXAMPLEROLEID:{session}"),
                "arn": format!("arn:aws:sts::123456789012:assumed-role/PrivateDeployVendorAccess-acme/{session}"),
                "accountId": "123456789012",
                "accessKeyId": key,
                "sessionContext": {
                    "sessionIssuer": {"type": "Role", "principalId": "AROAEXAMPLEROLEID", "arn": ROLE_ARN,
                        "accountId": "123456789012", "userName": "PrivateDeployVendorAccess-acme"},
                    "attributes": {"creationDate": "2026-11-20T09:12:03Z", "mfaAuthenticated": "false"}
                }
            },
            "eventTime": time,
            "eventSource": source,
            "eventName": name,
            "awsRegion": "eu-west-1",
            "sourceIPAddress": "198.51.100.23",
            "userAgent": "aws-cli/2.17.0 md/awscrt#0.20.11 ua/2.0 os/linux#6.1",
            "requestParameters": {"maxResults": 100},
            "responseElements": null,
            "requestID": "4f6a1b9e-0000-4000-8000-000000000003",
            "eventID": event_id,
            "readOnly": name.starts_with("Describe") || name.starts_with("List") || name.starts_with("Get"),
            "eventType": "AwsApiCall",
            "managementEvent": true,
            "recipientAccountId": "123456789012",
            "eventCategory": "Management"
        });
        if let Some(code) = error {
            v["errorCode"] = code.into();
            v["errorMessage"] = "You are not authorized to perform this operation.".into();
        }
        v.to_string()
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::samples::*;
    use super::*;

    #[test]
    fn an_assume_role_record_is_a_session_with_the_key_it_issued() {
        let s = parse_session(&assume_role("e1", "2026-11-20T09:12:03Z", "vendor-deploy", "ASIAVENDORKEY1")).unwrap();
        assert_eq!(s.session_name, "vendor-deploy");
        assert_eq!(s.access_key_id.as_deref(), Some("ASIAVENDORKEY1"));
        assert_eq!(s.assumed_by, "210987654321");
        assert_eq!(s.source_ip, "198.51.100.23");
        assert_eq!(s.time, "2026-11-20T09:12:03Z");
        let other = call("e2", "t", "DescribeVpcs", "ec2.amazonaws.com", "s", "ASIA1", None);
        assert!(parse_session(&other).is_none());
    }

    #[test]
    fn a_call_record_is_a_timeline_entry_with_its_session_and_error() {
        let record = call(
            "e2",
            "2026-11-20T09:15:00Z",
            "RunInstances",
            "ec2.amazonaws.com",
            "vendor-deploy",
            "ASIAVENDORKEY1",
            Some("Client.UnauthorizedOperation"),
        );
        let e = parse_event(&record).unwrap();
        assert_eq!(
            (e.event_name.as_str(), e.event_source.as_str(), e.region.as_str()),
            ("RunInstances", "ec2.amazonaws.com", "eu-west-1")
        );
        assert_eq!(e.session_name.as_deref(), Some("vendor-deploy"));
        assert_eq!(e.access_key_id.as_deref(), Some("ASIAVENDORKEY1"));
        assert_eq!(e.error_code.as_deref(), Some("Client.UnauthorizedOperation"));
        assert!(e.user_agent.starts_with("aws-cli/2.17.0"));
        assert!(!e.read_only);
        assert!(parse_event("not json").is_none());
    }

    #[test]
    fn filters_match_substrings_and_errors() {
        let events: Vec<AuditEvent> = [
            call("a", "t", "DescribeVpcs", "ec2.amazonaws.com", "s", "k", None),
            call("b", "t", "RunInstances", "ec2.amazonaws.com", "s", "k", Some("Client.UnauthorizedOperation")),
            call("c", "t", "CreateBucket", "s3.amazonaws.com", "s", "k", None),
        ]
        .iter()
        .map(|r| parse_event(r).unwrap())
        .collect();
        let ids = |q: AuditQuery| filter_events(events.clone(), &q).into_iter().map(|e| e.event_id).collect::<Vec<_>>();
        assert_eq!(ids(AuditQuery { event_source: Some("EC2".into()), ..Default::default() }), vec!["a", "b"]);
        assert_eq!(ids(AuditQuery { errors_only: true, ..Default::default() }), vec!["b"]);
        assert_eq!(ids(AuditQuery { event_name: Some("bucket".into()), ..Default::default() }), vec!["c"]);
    }

    #[test]
    fn since_takes_durations_and_times() {
        let now: Timestamp = "2026-11-21T12:00:00Z".parse().unwrap();
        let fmt = |t: Timestamp| t.to_string();
        assert_eq!(fmt(parse_since("24h", now).unwrap()), "2026-11-20T12:00:00Z");
        assert_eq!(fmt(parse_since("7d", now).unwrap()), "2026-11-14T12:00:00Z");
        assert_eq!(fmt(parse_since("90m", now).unwrap()), "2026-11-21T10:30:00Z");
        assert_eq!(fmt(parse_since("2026-11-01T00:00:00Z", now).unwrap()), "2026-11-01T00:00:00Z");
        assert_eq!(fmt(parse_since("1h 30m", now).unwrap()), "2026-11-21T10:30:00Z");
        for bad in [
            "",
            "h",
            "5w",
            "91d",
            "0h",
            "-1h",
            "yesterday",
            "99999999999999999999d",
            "2147483648h",
            "9223372036854775807m",
            "2099-01-01T00:00:00Z",
            "2000-01-01T00:00:00Z",
        ] {
            assert!(parse_since(bad, now).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_source_identity_is_read_and_the_timeline_grouped_by_it() {
        let assume = json!({"eventName": "AssumeRole", "eventTime": "2026-12-01T10:00:00Z", "eventID": "a",
            "requestParameters": {"roleSessionName": "deploy", "sourceIdentity": "alice@vendor"},
            "responseElements": {"credentials": {"accessKeyId": "ASIA1"}}})
        .to_string();
        let call = |id: &str, who: Option<&str>, error: bool| {
            let mut v = json!({"eventName": "RunInstances", "eventTime": format!("2026-12-01T10:0{id}:00Z"), "eventID": id,
                "userIdentity": {"arn": "arn:aws:sts::1:assumed-role/R/deploy", "accessKeyId": "ASIA1"}});
            if let Some(who) = who {
                v["userIdentity"]["sessionContext"] = json!({"sourceIdentity": who});
            }
            if error {
                v["errorCode"] = json!("AccessDenied");
            }
            parse_event(&v.to_string()).unwrap()
        };
        let session = parse_session(&assume).unwrap();
        assert_eq!(session.source_identity.as_deref(), Some("alice@vendor"));
        let events =
            vec![call("1", Some("alice@vendor"), false), call("2", Some("alice@vendor"), true), call("3", None, false)];
        assert_eq!(events[0].source_identity.as_deref(), Some("alice@vendor"));
        let groups = by_identity(&[session], &events);
        assert_eq!(groups.len(), 2);
        assert_eq!(groups[0].source_identity.as_deref(), Some("alice@vendor"));
        assert_eq!((groups[0].sessions, groups[0].calls, groups[0].errors), (1, 2, 1));
        assert_eq!(groups[0].last_seen, "2026-12-01T10:02:00Z");
        assert_eq!((groups[1].source_identity.as_deref(), groups[1].calls), (None, 1));
    }
}
