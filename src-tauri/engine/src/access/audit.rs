//! What the vendor's role did, from CloudTrail `LookupEvents`: the `AssumeRole` events for
//! the role (by its ARN as the resource), then the calls made with each access key those
//! sessions were issued, as one timeline.
//!
//! LookupEvents' limits are kept here: one lookup attribute per query, 50 results a page,
//! and 2 requests a second per account and region: one [`Pacer`] per region, the regions
//! read in parallel (the SDK retries throttling).
//!
//! Event history is regional: `AssumeRole` is recorded in the region of the STS endpoint the
//! vendor called, IAM's events only in us-east-1, every other call in its own region. So every
//! enabled region is read (and us-east-1), the sessions of all regions are followed in all
//! regions, and the results are merged by event ID. A region that cannot be read is named in
//! the report, not fatal; only when no region can be read does the audit fail.

use std::collections::BTreeSet;
use std::time::Duration;

use aws_sdk_cloudtrail::operation::lookup_events::LookupEventsError;
use aws_sdk_cloudtrail::types::{Event, LookupAttribute, LookupAttributeKey};
use aws_sdk_cloudtrail::Client;
use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use aws_smithy_runtime_api::client::result::SdkError;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;
use aws_smithy_types::DateTime;
use futures_util::{stream, StreamExt};
use jiff::Timestamp;

use super::audit_records::{by_identity, filter_events, parse_event, parse_session};
use super::documents::iam_time;
use super::error::AccessError;
use super::model::{AuditEvent, AuditQuery, AuditReport, AuditSession};
use crate::aws::{AwsError, CallContext};
use crate::failure::Explain as _;
use crate::failure::{Error, Failure};
use crate::network::discovery::{RegionFailure, RegionInfo, MAX_REGIONS_IN_FLIGHT};

/// LookupEvents allows 2 requests a second per account and region: one every half second.
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
    since: Timestamp,
    pacer: &mut Pacer,
    ctx: &CallContext,
) -> Result<(Vec<Event>, bool), Error> {
    let mut pages = ct
        .lookup_events()
        .lookup_attributes(attribute)
        .start_time(DateTime::from_secs(since.as_second()))
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

/// The region where CloudTrail's Event history keeps the commercial partition's global
/// services (IAM, STS's global endpoint, CloudFront).
pub const GLOBAL_EVENTS_REGION: &str = "us-east-1";

/// The regions an audit reads: every enabled region listed (`None` when the list could not be
/// read), the home and environment regions, and, in the commercial partition, us-east-1.
pub fn audit_regions(listed: Option<&[RegionInfo]>, home_region: &str, region: &str) -> Vec<String> {
    let mut regions: BTreeSet<String> =
        listed.unwrap_or_default().iter().filter(|r| r.enabled).map(|r| r.name.clone()).collect();
    regions.insert(home_region.to_owned());
    regions.insert(region.to_owned());
    if crate::aws::partition::of_region(home_region) == "aws" {
        regions.insert(GLOBAL_EVENTS_REGION.to_owned());
    }
    regions.into_iter().collect()
}

/// One region's Event history: its client, its own pacer (the limit is per region), and the
/// first failure, after which the region is not asked again.
struct Trail {
    region: String,
    client: Client,
    pacer: Pacer,
    failure: Option<Error>,
    truncated: bool,
}

impl Trail {
    /// The events for `attribute`; none once the region has failed (the failure is kept).
    async fn lookup(&mut self, attribute: LookupAttribute, since: Timestamp, ctx: &CallContext) -> Vec<Event> {
        if self.failure.is_some() {
            return Vec::new();
        }
        match lookup(&self.client, attribute, since, &mut self.pacer, ctx).await {
            Ok((events, cut)) => {
                self.truncated |= cut;
                events
            }
            Err(err) => {
                tracing::warn!(region = %self.region, error = %err, "could not read the region's CloudTrail");
                self.failure = Some(err);
                Vec::new()
            }
        }
    }
}

/// Sessions and calls of every region, each event once (by its ID).
#[derive(Default)]
struct Merged {
    seen: BTreeSet<String>,
    sessions: Vec<AuditSession>,
    events: Vec<AuditEvent>,
}

impl Merged {
    /// The `AssumeRole` events among the role's events become sessions (and timeline entries).
    fn add_sessions(&mut self, found: Vec<Event>) {
        for e in found {
            let Some(record) = e.cloud_trail_event() else { continue };
            let Some(session) = parse_session(record) else { continue };
            if !self.seen.insert(e.event_id().unwrap_or_default().to_owned()) {
                continue;
            }
            if let Some(event) = parse_event(record) {
                self.events.push(event);
            }
            self.sessions.push(session);
        }
    }

    fn add_calls(&mut self, found: Vec<Event>) {
        for e in found {
            let Some(event) = e.cloud_trail_event().and_then(parse_event) else { continue };
            if self.seen.insert(event.event_id.clone()) {
                self.events.push(event);
            }
        }
    }

    /// The sessions' access keys, newest session first (those are the ones an admin asks about).
    fn keys(&mut self) -> Vec<String> {
        self.sessions.sort_by(|a, b| b.time.cmp(&a.time));
        let mut keys: Vec<String> = Vec::new();
        for key in self.sessions.iter().filter_map(|s| s.access_key_id.as_ref()) {
            if !keys.contains(key) {
                keys.push(key.clone());
            }
        }
        keys
    }
}

/// The audit of `role_arn` across `trails` (region, client), read in parallel.
pub async fn audit(
    trails: &[(String, Client)],
    role_arn: &str,
    query: &AuditQuery,
    since: Timestamp,
    ctx: &CallContext,
) -> Result<AuditReport, Error> {
    if trails.is_empty() {
        return Err(AccessError::NoAuditRegion.into());
    }
    let trails: Vec<Trail> = trails
        .iter()
        .map(|(region, client)| Trail {
            region: region.clone(),
            client: client.clone(),
            pacer: Pacer::default(),
            failure: None,
            truncated: false,
        })
        .collect();
    let mut merged = Merged::default();

    // The sessions, from every region: regional STS endpoints record AssumeRole where they are.
    let (trails, found) = in_every_region(trails, |mut t| async move {
        let found = t.lookup(attribute(LookupAttributeKey::ResourceName, role_arn), since, ctx).await;
        (t, found)
    })
    .await;
    found.into_iter().for_each(|events| merged.add_sessions(events));

    // Each session's calls, in every region: a key issued in one region is used in any.
    let all_keys = merged.keys();
    let keys = &all_keys[..all_keys.len().min(MAX_SESSIONS)];
    let (trails, found) = in_every_region(trails, |mut t| async move {
        let mut found = Vec::new();
        for key in keys {
            found.extend(t.lookup(attribute(LookupAttributeKey::AccessKeyId, key), since, ctx).await);
        }
        (t, found)
    })
    .await;
    found.into_iter().for_each(|events| merged.add_calls(events));

    let truncated = keys.len() < all_keys.len() || trails.iter().any(|t| t.truncated);
    let requests = trails.iter().map(|t| t.pacer.requests).sum();
    let mut regions_read: Vec<String> = Vec::new();
    let mut regions_failed: Vec<RegionFailure> = Vec::new();
    for t in trails {
        match t.failure {
            None => regions_read.push(t.region),
            Some(err) => regions_failed.push(RegionFailure { region: t.region, error: err.failure() }),
        }
    }
    regions_read.sort();
    regions_failed.sort_by(|a, b| a.region.cmp(&b.region));
    if regions_read.is_empty() {
        return Err(no_region_read(&regions_failed).into());
    }
    let mut events = merged.events;
    events.sort_by(|a, b| b.time.cmp(&a.time).then_with(|| a.event_id.cmp(&b.event_id)));
    let events = filter_events(events, query);
    Ok(AuditReport {
        role_arn: role_arn.to_owned(),
        regions_read,
        regions_failed,
        region_list_error: None,
        since: iam_time(since),
        identities: by_identity(&merged.sessions, &events),
        sessions: merged.sessions,
        events,
        truncated,
        requests,
    })
}

/// Every region failed: the first region's reason, saying it held everywhere.
fn no_region_read(failed: &[RegionFailure]) -> Failure {
    let first = &failed[0];
    let regions = if failed.len() <= 4 {
        failed.iter().map(|f| f.region.as_str()).collect::<Vec<_>>().join(", ")
    } else {
        format!("{} regions", failed.len())
    };
    let message =
        format!("CloudTrail could not be read in any region ({regions}). In {}: {}", first.region, first.error.message);
    let hint = first.error.hint.clone().unwrap_or_else(|| {
        "Check that this identity may call cloudtrail:LookupEvents in these regions, then try again.".to_owned()
    });
    Failure::new(first.error.code, message).with_hint(hint)
}

/// Runs `read` on every region's trail at once (at most [`MAX_REGIONS_IN_FLIGHT`]), each paced
/// by its own pacer, and gives the trails back, in order, with what each found.
async fn in_every_region<F, Fut>(trails: Vec<Trail>, read: F) -> (Vec<Trail>, Vec<Vec<Event>>)
where
    F: Fn(Trail) -> Fut,
    Fut: std::future::Future<Output = (Trail, Vec<Event>)>,
{
    let read: Vec<(Trail, Vec<Event>)> = stream::iter(trails).map(read).buffered(MAX_REGIONS_IN_FLIGHT).collect().await;
    read.into_iter().unzip()
}

#[cfg(test)]
#[path = "audit_tests.rs"]
mod tests;
