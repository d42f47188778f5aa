//! The access window and the revocation of sessions, written on the role as inline policies
//! and each read back before it is recorded.
//!
//! - Open for N hours: a Deny outside [now, now + N h] on `aws:CurrentTime`, so access closes
//!   by itself, with no app running.
//! - Close now: an unconditional Deny. Always open: the template's no-op document.
//! - Revoke sessions: `AWSRevokeOlderSessions`, a Deny of sessions issued before now. The
//!   vendor can still assume the role again, which is why Cut off also closes the window.
//!
//! Fail closed: an action of several writes orders them so that stopping after any of them
//! leaves the vendor with less access, never more. Cut off closes the window first (one write
//! that denies everything, sessions held now included), then revokes; if the revocation
//! fails, the window stays closed and the journal records the cut-off as partial.

use jiff::{SignedDuration, Timestamp};
use serde_json::json;

use super::actor::Actor;
use super::documents::{closed_policy, iam_time, revoke_policy, window_policy, REVOKE_POLICY_NAME};
use super::error::{AccessError, MAX_WINDOW_HOURS};
use super::iam;
use super::model::{AccessActionKind, AccessActionRecord};
use crate::failure::Error;
use crate::templates::{access_window_always_open_policy, ACCESS_WINDOW_POLICY_NAME};

/// What the screen says next to "Revoke sessions".
pub const REVOKE_ALONE_WARNING: &str = "Revoking sessions ends the sessions the vendor holds now, but does not stop \
     the vendor from assuming the role again: close the access window too (Cut off now does both).";

pub fn check_hours(hours: u32) -> Result<(), AccessError> {
    if (1..=MAX_WINDOW_HOURS).contains(&hours) {
        Ok(())
    } else {
        Err(AccessError::BadHours { hours })
    }
}

pub async fn open_window(actor: &Actor<'_>, hours: u32, now: Timestamp) -> Result<AccessActionRecord, Error> {
    check_hours(hours)?;
    let end = now + SignedDuration::from_hours(i64::from(hours));
    let doc = window_policy(now, end);
    iam::put_inline(actor.iam, actor.role(), ACCESS_WINDOW_POLICY_NAME, &doc, actor.ctx).await?;
    actor.verify_inline(ACCESS_WINDOW_POLICY_NAME, &doc, "opening the access window").await?;
    let summary = format!(
        "Opened the access window of role {} for {hours} hour{} (until {}).",
        actor.role(),
        if hours == 1 { "" } else { "s" },
        iam_time(end)
    );
    actor.record_change(AccessActionKind::OpenWindow, summary, &json!({ "policy": doc }), |e| {
        e.put_inline(ACCESS_WINDOW_POLICY_NAME, &doc)
    })
}

pub async fn close_window(actor: &Actor<'_>) -> Result<AccessActionRecord, Error> {
    let doc = close(actor).await?;
    let summary = format!("Closed the access window of role {}: every call is denied.", actor.role());
    actor.record_change(AccessActionKind::CloseWindow, summary, &json!({ "policy": doc }), |e| {
        e.put_inline(ACCESS_WINDOW_POLICY_NAME, &doc)
    })
}

async fn close(actor: &Actor<'_>) -> Result<serde_json::Value, Error> {
    let doc = closed_policy();
    iam::put_inline(actor.iam, actor.role(), ACCESS_WINDOW_POLICY_NAME, &doc, actor.ctx).await?;
    actor.verify_inline(ACCESS_WINDOW_POLICY_NAME, &doc, "closing the access window").await?;
    Ok(doc)
}

pub async fn always_open(actor: &Actor<'_>) -> Result<AccessActionRecord, Error> {
    let doc = access_window_always_open_policy();
    iam::put_inline(actor.iam, actor.role(), ACCESS_WINDOW_POLICY_NAME, &doc, actor.ctx).await?;
    actor.verify_inline(ACCESS_WINDOW_POLICY_NAME, &doc, "opening the access window for good").await?;
    let summary = format!("Opened the access window of role {} with no end.", actor.role());
    actor.record_change(AccessActionKind::AlwaysOpen, summary, &json!({ "policy": doc }), |e| {
        e.put_inline(ACCESS_WINDOW_POLICY_NAME, &doc)
    })
}

async fn revoke(actor: &Actor<'_>, now: Timestamp) -> Result<serde_json::Value, Error> {
    let doc = revoke_policy(now);
    iam::put_inline(actor.iam, actor.role(), REVOKE_POLICY_NAME, &doc, actor.ctx).await?;
    actor.verify_inline(REVOKE_POLICY_NAME, &doc, "revoking the sessions").await?;
    Ok(doc)
}

pub async fn revoke_sessions(actor: &Actor<'_>, now: Timestamp) -> Result<AccessActionRecord, Error> {
    let doc = revoke(actor, now).await?;
    let summary = format!(
        "Revoked every session of role {} issued before {}. The vendor can still assume the role again.",
        actor.role(),
        iam_time(now)
    );
    actor.record_change(AccessActionKind::RevokeSessions, summary, &json!({ "policy": doc }), |e| {
        e.put_inline(REVOKE_POLICY_NAME, &doc)
    })
}

/// Closes the window, then revokes the sessions: nothing the vendor holds works, and nothing
/// it assumes next does either. The window goes first because it alone denies everything,
/// the sessions held now included; a failed revocation then leaves the vendor with no access.
pub async fn cut_off(actor: &Actor<'_>, now: Timestamp) -> Result<AccessActionRecord, Error> {
    let window = close(actor).await?;
    let revoked = match revoke(actor, now).await {
        Ok(doc) => doc,
        Err(err) => {
            let closed = window.clone();
            return Err(actor.stopped(
                AccessActionKind::CutOff,
                "cutting off the vendor",
                vec!["closed the access window (deny everything)".to_owned()],
                vec![format!("revoke the sessions issued before {} ({REVOKE_POLICY_NAME})", iam_time(now))],
                err,
                |e| e.put_inline(ACCESS_WINDOW_POLICY_NAME, &closed),
            ));
        }
    };
    let summary = format!(
        "Cut off role {}: the access window is closed and sessions issued before {} are revoked.",
        actor.role(),
        iam_time(now)
    );
    let detail = json!({ "window_policy": window, "revoke_policy": revoked });
    actor.record_change(AccessActionKind::CutOff, summary, &detail, |e| {
        e.put_inline(ACCESS_WINDOW_POLICY_NAME, &window);
        e.put_inline(REVOKE_POLICY_NAME, &revoked);
    })
}
