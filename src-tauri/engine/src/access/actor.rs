//! Who acts on which role, and the two steps every write ends with: read the result back
//! from IAM (fail when it is not what was asked), then record it in the journal, together
//! with the role as now expected (one transaction), so that the next drift check compares
//! IAM with what this app last wrote. An action that stops part-way records what it did
//! (`partial`) the same way, and fails with what is done and what is left.

use std::time::Duration;

use aws_sdk_iam::Client;
use serde_json::Value;

use super::documents::parse_document;
use super::drift::ExpectedRole;
use super::error::{AccessError, Stopped};
use super::iam;
use super::model::{AccessActionKind, AccessActionRecord};
use crate::aws::CallContext;
use crate::failure::Explain as _;
use crate::failure::{Error, Failure};
use crate::journal::Journal;
use crate::text::capitalized;
use jiff::Timestamp;

/// How long to wait before each further read-back of a write that IAM does not show yet.
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_general.html#troubleshoot_general_eventual-consistency
pub const READ_BACK_DELAYS: [Duration; 3] = [Duration::from_secs(1), Duration::from_secs(2), Duration::from_secs(4)];

/// The installation and the role an action is about, resolved (by reads only) before any write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub installation_id: String,
    pub account: String,
    /// The signed-in identity's ARN: who the journal says did it.
    pub caller_arn: String,
    pub role_name: String,
}

/// What a write needs: the IAM client, the journal, and the target.
pub struct Actor<'a> {
    pub iam: &'a Client,
    pub journal: &'a Journal,
    pub ctx: &'a CallContext,
    pub target: &'a Target,
}

impl Actor<'_> {
    pub fn role(&self) -> &str {
        &self.target.role_name
    }

    /// Reads the inline policy `name` back and fails unless it is `expected`. IAM is eventually
    /// consistent, so a read right after the write may still show the old document: it is read
    /// again after [`READ_BACK_DELAYS`] before the write counts as not done.
    pub async fn verify_inline(&self, name: &str, expected: &Value, action: &str) -> Result<(), Error> {
        let mut delays = READ_BACK_DELAYS.iter();
        let found = loop {
            let found = iam::inline_policy(self.iam, self.role(), name, self.ctx).await?;
            if found.as_deref().and_then(parse_document).as_ref() == Some(expected) {
                return Ok(());
            }
            match delays.next() {
                Some(delay) => tokio::time::sleep(*delay).await,
                None => break found,
            }
        };
        Err(AccessError::NotVerified {
            action: action.to_owned(),
            expected: format!("policy {name} as written"),
            found: match found {
                Some(doc) => format!("policy {name} as {doc}"),
                None => format!("no policy {name}"),
            },
        }
        .into())
    }

    /// Records the verified action; returns the record.
    pub fn record(
        &self,
        action: AccessActionKind,
        summary: String,
        detail: &Value,
    ) -> Result<AccessActionRecord, Error> {
        self.record_change(action, summary, detail, |_| {})
    }

    fn new_record(
        &self,
        action: AccessActionKind,
        summary: String,
        detail: &Value,
        partial: bool,
    ) -> AccessActionRecord {
        AccessActionRecord {
            installation_id: self.target.installation_id.clone(),
            account: self.target.account.clone(),
            caller_arn: self.target.caller_arn.clone(),
            action,
            summary,
            detail: serde_json::to_string(detail).unwrap_or_default(),
            at: Timestamp::now(),
            partial,
            drift: vec![],
        }
    }

    /// Records the verified action and what it changed on the role, in one transaction.
    pub fn record_change(
        &self,
        action: AccessActionKind,
        summary: String,
        detail: &Value,
        change: impl FnOnce(&mut ExpectedRole),
    ) -> Result<AccessActionRecord, Error> {
        let record = self.new_record(action, summary, detail, false);
        self.journal.record_access_change(&record, change)?;
        Ok(record)
    }

    /// Records an action that stopped part-way (what was done, what is left, and what it
    /// changed on the role), then returns the error that says so. `cause` is why it stopped.
    pub fn stopped(
        &self,
        action: AccessActionKind,
        what: &str,
        done: Vec<String>,
        left: Vec<String>,
        cause: Error,
        change: impl FnOnce(&mut ExpectedRole),
    ) -> Error {
        let cause: Failure = cause.failure();
        let summary = format!(
            "{} stopped part-way on role {}: done: {}; not done: {}.",
            capitalized(what),
            self.role(),
            done.join(", "),
            left.join(", ")
        );
        let detail = serde_json::json!({ "done": done, "left": left, "error": cause.message });
        let record = self.new_record(action, summary, &detail, true);
        if let Err(err) = self.journal.record_access_change(&record, change) {
            tracing::error!(error = %err, "could not journal a partial action");
        }
        AccessError::Partial(Box::new(Stopped { action: capitalized(what), done, left, cause })).into()
    }
}
