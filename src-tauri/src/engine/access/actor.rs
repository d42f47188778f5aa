//! Who acts on which role, and the two steps every write ends with: read the result back
//! from IAM (fail when it is not what was asked), then record it in the journal.

use aws_sdk_iam::Client;
use serde_json::Value;

use super::documents::parse_document;
use super::error::AccessError;
use super::iam;
use super::model::{AccessActionKind, AccessActionRecord};
use crate::engine::aws::CallContext;
use crate::engine::core::now_rfc3339;
use crate::engine::failure::Error;
use crate::engine::journal::Journal;

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

    /// Reads the inline policy `name` back and fails unless it is `expected`.
    pub async fn verify_inline(&self, name: &str, expected: &Value, action: &str) -> Result<(), Error> {
        let found = iam::inline_policy(self.iam, self.role(), name, self.ctx).await?;
        let parsed = found.as_deref().and_then(parse_document);
        if parsed.as_ref() == Some(expected) {
            return Ok(());
        }
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
        let record = AccessActionRecord {
            installation_id: self.target.installation_id.clone(),
            account: self.target.account.clone(),
            caller_arn: self.target.caller_arn.clone(),
            action,
            summary,
            detail: serde_json::to_string(detail).unwrap_or_default(),
            at: now_rfc3339(),
        };
        self.journal.record_access_action(&record)?;
        Ok(record)
    }
}
