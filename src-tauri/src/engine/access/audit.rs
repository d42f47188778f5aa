//! What the vendor's role did, from CloudTrail `LookupEvents`: the `AssumeRole` events for
//! the role (by its ARN as the resource), then the calls made with each access key those
//! sessions were issued, as one timeline.
//!
//! LookupEvents' limits are kept here: one lookup attribute per query, 50 results a page,
//! and 2 requests a second per account and region ([`Pacer`]; the SDK retries throttling).
//! Trails are regional, so the home region (where STS logs AssumeRole) and the environment's
//! region are both read.

use std::collections::BTreeSet;
use std::time::Duration;

use aws_sdk_cloudtrail::operation::lookup_events::LookupEventsError;
use aws_sdk_cloudtrail::types::{Event, LookupAttribute, LookupAttributeKey};
use aws_sdk_cloudtrail::Client;
use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use aws_smithy_runtime_api::client::result::SdkError;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;
use aws_smithy_types::DateTime;

use super::audit_records::{filter_events, parse_event, parse_session};
use super::documents::iam_time;
use super::model::{AuditEvent, AuditQuery, AuditReport, AuditSession};
use crate::engine::aws::{AwsError, CallContext};
use crate::engine::failure::Error;

/// LookupEvents allows 2 requests a second: one every half second.
pub const LOOKUP_INTERVAL: Duration = Duration::from_millis(500);
/// Sessions whose calls are looked up in one audit (each costs a query per region).
pub const MAX_SESSIONS: usize = 40;
/// Events read per query before the audit says it is truncated.
const MAX_EVENTS_PER_QUERY: usize = 500;
const PAGE_SIZE: i32 = 50;

/// Spaces requests at least [`LOOKUP_INTERVAL`] apart, and counts them.
#[derive(Debug, Default)]
pub struct Pacer {
    last: Option<tokio::time::Instant>,
    pub requests: u32,
}

impl Pacer {
    pub async fn wait(&mut self) {
        if let Some(last) = self.last {
            tokio::time::sleep_until(last + LOOKUP_INTERVAL).await;
        }
        self.last = Some(tokio::time::Instant::now());
        self.requests += 1;
    }
}

/// Every event matching one attribute since `since`, page by page; `true` when cut short.
async fn lookup(
    ct: &Client,
    attribute: LookupAttribute,
    since: DateTime,
    pacer: &mut Pacer,
    ctx: &CallContext,
) -> Result<(Vec<Event>, bool), Error> {
    let mut pages = ct
        .lookup_events()
        .lookup_attributes(attribute)
        .start_time(since)
        .max_results(PAGE_SIZE)
        .into_paginator()
        .send();
    let mut events = Vec::new();
    loop {
        pacer.wait().await;
        let Some(page) = pages.next().await else { return Ok((events, false)) };
        let page = page.map_err(|e| lookup_error(e, ctx))?;
        events.extend(page.events().iter().cloned());
        // The last page: stop here, rather than pace a call to the paginator that sends nothing.
        if page.next_token().is_none_or(str::is_empty) {
            return Ok((events, false));
        }
        if events.len() >= MAX_EVENTS_PER_QUERY {
            return Ok((events, true));
        }
    }
}

/// An answer CloudTrail gave without an error code (an HTTP 5xx page) is said as such, not as
/// the SDK's parse failure of its body.
fn lookup_error<R>(err: SdkError<LookupEventsError, R>, ctx: &CallContext) -> Error
where
    R: std::fmt::Debug + Send + Sync + 'static + HttpStatus,
{
    let status = err.raw_response().map(HttpStatus::status_code);
    match (err.code(), status) {
        (None, Some(status)) if status >= 500 => AwsError::Other {
            action: "cloudtrail:LookupEvents".to_owned(),
            detail: format!("CloudTrail answered HTTP {status} with no error the SDK could read; try again later"),
        }
        .into(),
        _ => AwsError::from_sdk(err, "cloudtrail:LookupEvents", ctx).into(),
    }
}

/// The HTTP status of a raw response.
trait HttpStatus {
    fn status_code(&self) -> u16;
}

impl HttpStatus for HttpResponse {
    fn status_code(&self) -> u16 {
        self.status().as_u16()
    }
}

fn attribute(key: LookupAttributeKey, value: &str) -> LookupAttribute {
    LookupAttribute::builder().attribute_key(key).attribute_value(value).build().expect("key and value are set")
}

/// The audit of `role_arn` across `trails` (region, client).
pub async fn audit(
    trails: &[(String, Client)],
    role_arn: &str,
    query: &AuditQuery,
    since: DateTime,
    ctx: &CallContext,
) -> Result<AuditReport, Error> {
    let mut pacer = Pacer::default();
    let mut truncated = false;
    let mut sessions: Vec<AuditSession> = Vec::new();
    let mut seen = BTreeSet::new();
    let mut events: Vec<AuditEvent> = Vec::new();
    for (_, ct) in trails {
        let (found, cut) =
            lookup(ct, attribute(LookupAttributeKey::ResourceName, role_arn), since, &mut pacer, ctx).await?;
        truncated |= cut;
        for e in found {
            let Some(record) = e.cloud_trail_event() else { continue };
            let Some(session) = parse_session(record) else { continue };
            if !seen.insert(e.event_id().unwrap_or_default().to_owned()) {
                continue;
            }
            if let Some(event) = parse_event(record) {
                events.push(event);
            }
            sessions.push(session);
        }
    }
    sessions.sort_by(|a, b| b.time.cmp(&a.time));
    // The newest sessions first: those are the ones an admin asks about.
    let mut keys: Vec<String> = Vec::new();
    for key in sessions.iter().filter_map(|s| s.access_key_id.as_ref()) {
        if !keys.contains(key) {
            keys.push(key.clone());
        }
    }
    truncated |= keys.len() > MAX_SESSIONS;
    for key in keys.iter().take(MAX_SESSIONS) {
        for (_, ct) in trails {
            let (found, cut) =
                lookup(ct, attribute(LookupAttributeKey::AccessKeyId, key), since, &mut pacer, ctx).await?;
            truncated |= cut;
            for e in found {
                let Some(event) = e.cloud_trail_event().and_then(parse_event) else { continue };
                if seen.insert(event.event_id.clone()) {
                    events.push(event);
                }
            }
        }
    }
    events.sort_by(|a, b| b.time.cmp(&a.time).then_with(|| a.event_id.cmp(&b.event_id)));
    Ok(AuditReport {
        role_arn: role_arn.to_owned(),
        regions: trails.iter().map(|(r, _)| r.clone()).collect(),
        since: iam_time(since),
        sessions,
        events: filter_events(events, query),
        truncated,
        requests: pacer.requests,
    })
}
