//! AWS's clock. The times the app writes into IAM policies (the access window, the
//! `aws:TokenIssueTime` cut of a revocation) are compared by AWS with AWS's own time, so they
//! must be AWS's time too, not the laptop's: a laptop clock that is an hour off would open a
//! window an hour early or revoke only some of the sessions. AWS's time is the `Date` header
//! of an AWS answer, read with [`ClockReading`] around an STS call.
//!
//! The SDK measures the same skew for its own signing (`ServiceClockSkewInterceptor`) but
//! keeps it private, so it is measured again here, the same way (the server's `Date` against
//! the midpoint of the round trip, no reading from a cached answer).

use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::interceptors::context::{
    BeforeDeserializationInterceptorContextRef, BeforeTransmitInterceptorContextRef,
};
use aws_smithy_runtime_api::client::interceptors::Intercept;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::config_bag::ConfigBag;
use aws_smithy_types::date_time::Format;
use aws_smithy_types::DateTime;
use jiff::{SignedDuration, Timestamp};

/// A laptop clock further than this from AWS's is shown to the admin.
pub const CLOCK_TOLERANCE_SECONDS: i64 = 60;

/// What `Date` can tell, with its whole seconds and the round trip around it.
const PRECISION_MS: i64 = 2000;

/// Records, for the calls it is attached to, how far AWS's clock is from this computer's:
/// positive when AWS is ahead. Attach it to one operation with `.customize().interceptor(…)`.
#[derive(Debug, Clone, Default)]
pub(crate) struct ClockReading {
    state: Arc<Mutex<Reading>>,
}

#[derive(Debug, Default)]
struct Reading {
    sent: Option<SystemTime>,
    skew_ms: Option<i64>,
}

impl ClockReading {
    /// AWS's time minus this computer's, in whole seconds; `None` when no answer carried a
    /// usable `Date` (then the local clock is all there is).
    pub(crate) fn skew_seconds(&self) -> Option<i64> {
        let ms = self.state.lock().unwrap_or_else(|p| p.into_inner()).skew_ms?;
        // `Date` has whole seconds: a skew this small is below what it can show, and taking
        // it would move AWS's time back and forth by a second from one reading to the next.
        if ms.abs() < PRECISION_MS {
            return Some(0);
        }
        Some((ms as f64 / 1000.0).round() as i64)
    }
}

impl Intercept for ClockReading {
    fn name(&self) -> &'static str {
        "ClockReading"
    }

    fn read_before_transmit(
        &self,
        _ctx: &BeforeTransmitInterceptorContextRef<'_>,
        _rc: &RuntimeComponents,
        _cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        self.state.lock().unwrap_or_else(|p| p.into_inner()).sent = Some(SystemTime::now());
        Ok(())
    }

    fn read_before_deserialization(
        &self,
        ctx: &BeforeDeserializationInterceptorContextRef<'_>,
        _rc: &RuntimeComponents,
        _cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let received = SystemTime::now();
        let headers = ctx.response().headers();
        // An answer from a cache carries the cache's old `Date`.
        if headers.get("age").is_some() {
            return Ok(());
        }
        let Some(server) = headers.get("date").and_then(|d| DateTime::from_str(d, Format::HttpDate).ok()) else {
            return Ok(());
        };
        let Ok(server) = SystemTime::try_from(server) else { return Ok(()) };
        let mut state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        let Some(sent) = state.sent else { return Ok(()) };
        let midpoint = sent + received.duration_since(sent).unwrap_or_default() / 2;
        // AWS's clock was somewhere in the second `Date` names: take its middle.
        state.skew_ms = Some(signed_ms(server + Duration::from_millis(500), midpoint));
        Ok(())
    }
}

fn signed_ms(a: SystemTime, b: SystemTime) -> i64 {
    match a.duration_since(b) {
        Ok(d) => d.as_millis() as i64,
        Err(e) => -(e.duration().as_millis() as i64),
    }
}

/// An AWS SDK time as a [`Timestamp`].
pub fn timestamp(at: &DateTime) -> Timestamp {
    Timestamp::new(at.secs(), at.subsec_nanos() as i32).unwrap_or(Timestamp::UNIX_EPOCH)
}

/// AWS's time now, from a skew measured earlier: this computer's clock moved by the skew, or
/// this computer's clock alone when AWS's is not known.
pub fn aws_now(skew_seconds: Option<i64>) -> Timestamp {
    let local = Timestamp::now();
    local.checked_add(SignedDuration::from_secs(skew_seconds.unwrap_or(0))).unwrap_or(local)
}

/// The sentence shown when this computer's clock is more than [`CLOCK_TOLERANCE_SECONDS`]
/// off AWS's, else `None`.
pub fn clock_warning(skew_seconds: Option<i64>) -> Option<String> {
    let skew = skew_seconds?;
    if skew.abs() <= CLOCK_TOLERANCE_SECONDS {
        return None;
    }
    let direction = if skew > 0 { "behind" } else { "ahead of" };
    Some(format!(
        "This computer's clock is {} {direction} AWS's. The times Private Deploy writes into the vendor's access \
         come from AWS's clock, but other tools may not: set this computer's clock to update automatically.",
        human_duration(skew.unsigned_abs())
    ))
}

/// To the nearest minute: `Date` has whole seconds, so a skew of 3 h reads as 10 799.5 s.
fn human_duration(secs: u64) -> String {
    let total_minutes = (secs + 30) / 60;
    let (days, hours, minutes) = (total_minutes / 1440, total_minutes % 1440 / 60, total_minutes % 60);
    let mut parts = Vec::new();
    if days > 0 {
        parts.push(format!("{days} d"));
    }
    if hours > 0 {
        parts.push(format!("{hours} h"));
    }
    if minutes > 0 || parts.is_empty() {
        parts.push(format!("{minutes} min"));
    }
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aws_now_moves_the_local_clock_by_the_skew_and_falls_back_to_it() {
        let local = Timestamp::now().as_second();
        assert!((aws_now(Some(3 * 3600)).as_second() - local - 3 * 3600).abs() <= 2);
        assert!((aws_now(Some(-7200)).as_second() - local + 7200).abs() <= 2);
        assert!((aws_now(None).as_second() - local).abs() <= 2);
    }

    #[test]
    fn only_a_clock_more_than_a_minute_off_is_shown() {
        assert_eq!(clock_warning(None), None);
        assert_eq!(clock_warning(Some(60)), None);
        assert_eq!(clock_warning(Some(-59)), None);
        let behind = clock_warning(Some(2 * 3600 + 5 * 60)).unwrap();
        assert!(behind.contains("2 h 5 min behind AWS's"), "{behind}");
        assert!(clock_warning(Some(3 * 3600 - 1)).unwrap().contains("3 h behind"), "rounded to the minute");
        let ahead = clock_warning(Some(-61)).unwrap();
        assert!(ahead.contains("1 min ahead of AWS's"), "{ahead}");
        assert!(clock_warning(Some(3 * 86_400)).unwrap().contains("3 d behind"));
    }
}
