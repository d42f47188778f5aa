//! Posting the hand-off to the vendor's callback: HTTPS only (refused before any connection
//! otherwise), no redirects followed, a timeout per attempt, and retries with backoff for what
//! may pass (no answer, a timeout, a 5xx, 408 Request Timeout, 429 Too Many Requests), waiting
//! what a `Retry-After` in seconds asks, up to a cap. Any other answer the vendor chose (a 4xx,
//! any other non-success) is final. Each attempt is reported to the caller, which journals it.

use std::time::Duration;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::HandoffError;
use crate::failure::Error;

/// How much of the vendor's answer is kept (journaled and shown).
pub const ANSWER_EXCERPT_BYTES: usize = 2048;

/// How hard to try.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SendPolicy {
    pub attempts: u32,
    /// The wait after the first failed attempt; doubles after each next one.
    pub backoff: Duration,
    /// For one attempt: connecting, sending and reading the answer.
    pub timeout: Duration,
    /// The longest wait a vendor's `Retry-After` is honoured for: the admin is watching.
    pub max_retry_after: Duration,
}

impl Default for SendPolicy {
    fn default() -> Self {
        Self {
            attempts: 3,
            backoff: Duration::from_secs(1),
            timeout: Duration::from_secs(15),
            max_retry_after: Duration::from_secs(30),
        }
    }
}

/// How one attempt ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub status: Option<u16>,
    /// The start of the vendor's answer, at most [`ANSWER_EXCERPT_BYTES`].
    pub excerpt: Option<String>,
    /// Why there was no answer.
    pub error: Option<String>,
    /// The answer's `Retry-After`, when it gives one in seconds.
    pub retry_after: Option<Duration>,
}

/// The vendor took the hand-off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct HandoffSent {
    pub url: String,
    pub status: u16,
    /// The start of the vendor's answer.
    pub answer: String,
    /// How many attempts it took.
    pub attempts: u32,
}

/// What `post` tells its caller as it goes.
pub enum Progress<'a> {
    Started { attempt: u32 },
    Ended { attempt: u32, answer: &'a Answer },
}

/// Posts `body` (JSON) to `url`, as `policy` says; `report` hears of each attempt's start and
/// end (and may stop the send by failing, when the journal cannot record it).
pub async fn post(
    url: &str,
    body: &str,
    idempotency_key: &str,
    policy: SendPolicy,
    mut report: impl FnMut(Progress<'_>) -> Result<(), Error>,
) -> Result<HandoffSent, Error> {
    let not_https = || HandoffError::NotHttps { url: url.to_owned() };
    let parsed = url::Url::parse(url).map_err(|_| not_https())?;
    if parsed.scheme() != "https" {
        return Err(not_https().into());
    }
    let client = reqwest::Client::builder()
        .https_only(true)
        .redirect(reqwest::redirect::Policy::none())
        .timeout(policy.timeout)
        .user_agent(concat!("private-deploy/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|err| HandoffError::Undelivered {
            url: url.to_owned(),
            attempts: 0,
            last: crate::aws::error::causes(&err),
        })?;
    let attempts = policy.attempts.max(1);
    let mut backoff = policy.backoff;
    let mut asked: Option<Duration> = None;
    let mut last = String::new();
    for attempt in 1..=attempts {
        if attempt > 1 {
            tokio::time::sleep(asked.map_or(backoff, |after| after.min(policy.max_retry_after))).await;
            backoff *= 2;
        }
        report(Progress::Started { attempt })?;
        let answer = once(&client, parsed.clone(), body, idempotency_key).await;
        report(Progress::Ended { attempt, answer: &answer })?;
        match answer.status {
            Some(status) if (200..300).contains(&status) => {
                return Ok(HandoffSent {
                    url: url.to_owned(),
                    status,
                    answer: answer.excerpt.unwrap_or_default(),
                    attempts: attempt,
                })
            }
            Some(status) if may_pass(status) => {
                last = format!("HTTP {status}");
                asked = answer.retry_after;
            }
            Some(status) => {
                return Err(HandoffError::Refused {
                    url: url.to_owned(),
                    status,
                    answer: answer.excerpt.unwrap_or_default(),
                }
                .into())
            }
            None => {
                last = answer.error.unwrap_or_default();
                asked = None;
            }
        }
    }
    Err(HandoffError::Undelivered { url: url.to_owned(), attempts, last }.into())
}

/// A server error, 408 Request Timeout or 429 Too Many Requests: the vendor's endpoint may take
/// the same document later (RFC 9110 §15.5.9, §15.6; RFC 6585 §4).
fn may_pass(status: u16) -> bool {
    status >= 500 || status == 408 || status == 429
}

/// A `Retry-After` in seconds (RFC 9110 §10.2.3). Its other form, an HTTP date, is left to the
/// backoff: it depends on two clocks agreeing.
fn retry_after(headers: &reqwest::header::HeaderMap) -> Option<Duration> {
    let value = headers.get(reqwest::header::RETRY_AFTER)?.to_str().ok()?.trim();
    value.parse::<u64>().ok().map(Duration::from_secs)
}

async fn once(client: &reqwest::Client, url: url::Url, body: &str, idempotency_key: &str) -> Answer {
    let sent = client
        .post(url)
        .header(reqwest::header::CONTENT_TYPE, "application/json")
        .header("Idempotency-Key", idempotency_key)
        .body(body.to_owned())
        .send()
        .await;
    let mut response = match sent {
        Ok(response) => response,
        Err(err) => {
            // The callback's path or query may carry the vendor's token: the journal (and
            // diagnostics) keep the reason without the URL, which the attempt records apart.
            let err = err.without_url();
            return Answer {
                status: None,
                excerpt: None,
                error: Some(crate::aws::error::causes(&err)),
                retry_after: None,
            };
        }
    };
    let status = response.status().as_u16();
    let after = retry_after(response.headers());
    let mut bytes = Vec::new();
    // Only the start is kept: a vendor's error page can be large.
    while bytes.len() < ANSWER_EXCERPT_BYTES {
        match response.chunk().await {
            Ok(Some(chunk)) => bytes.extend_from_slice(&chunk),
            Ok(None) | Err(_) => break,
        }
    }
    Answer { status: Some(status), excerpt: Some(excerpt(&bytes)), error: None, retry_after: after }
}

/// At most [`ANSWER_EXCERPT_BYTES`] of `bytes` as text, cut on a character boundary.
fn excerpt(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(&bytes[..bytes.len().min(ANSWER_EXCERPT_BYTES)]).into_owned();
    let mut end = text.len().min(ANSWER_EXCERPT_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[..end].to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_excerpt_is_bounded_and_cut_between_characters() {
        let long = "é".repeat(ANSWER_EXCERPT_BYTES);
        let cut = excerpt(long.as_bytes());
        assert!(cut.len() <= ANSWER_EXCERPT_BYTES);
        assert!(cut.chars().all(|c| c == 'é'), "{cut}");
        assert_eq!(excerpt(b"ok"), "ok");
    }

    #[test]
    fn timeouts_throttling_and_server_errors_may_pass_other_refusals_are_final() {
        for status in [408, 429, 500, 502, 503, 504] {
            assert!(may_pass(status), "{status}");
        }
        for status in [300, 400, 401, 403, 404, 409, 410, 422] {
            assert!(!may_pass(status), "{status}");
        }
    }

    #[test]
    fn retry_after_is_read_in_seconds_only() {
        let after = |value: &str| {
            let mut headers = reqwest::header::HeaderMap::new();
            headers.insert(reqwest::header::RETRY_AFTER, value.parse().unwrap());
            retry_after(&headers)
        };
        assert_eq!(after("7"), Some(Duration::from_secs(7)));
        assert_eq!(after(" 0 "), Some(Duration::ZERO));
        assert_eq!(after("Wed, 21 Oct 2026 07:28:00 GMT"), None);
        assert_eq!(after("-1"), None);
        assert_eq!(retry_after(&reqwest::header::HeaderMap::new()), None);
    }

    #[tokio::test]
    async fn http_and_non_urls_are_refused_before_any_attempt() {
        for url in ["http://127.0.0.1:9/handoff", "ftp://vendor.example/x", "not a url"] {
            let mut heard = 0;
            let err = post(url, "{}", "k", SendPolicy::default(), |_| {
                heard += 1;
                Ok(())
            })
            .await
            .unwrap_err();
            assert!(matches!(err, Error::Handoff(HandoffError::NotHttps { .. })), "{url}: {err}");
            assert_eq!(heard, 0, "{url}");
        }
    }
}
