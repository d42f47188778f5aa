//! The failures the journal remembers, for a support ticket: stacks that failed or rolled
//! back, hand-offs the vendor refused or never answered, and actions on the vendor's access
//! that stopped part-way; and the journal's schema version. Never an invite: each
//! installation's External ID is blanked out of what is read, and a callback URL is cut to
//! its origin (its path or query may carry the vendor's token).

use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Journal, JournalError};

/// One failure as the journal recorded it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RecordedFailure {
    /// When it was recorded (RFC 3339).
    pub at: String,
    pub installation_id: String,
    /// What failed: "access stack private-deploy-x: ROLLBACK_COMPLETE", "hand-off to https://…".
    pub what: String,
    /// AWS's or the vendor's reason, when there is one.
    pub detail: Option<String>,
}

const EXTERNAL_ID_SHOWN: &str = "[External ID]";

impl Journal {
    /// The schema version of the journal file (`user_version`).
    pub fn schema_version(&self) -> Result<i64, JournalError> {
        self.read(|conn| conn.pragma_query_value(None, "user_version", |row| row.get(0)))
    }

    /// The schema version this build writes.
    pub fn supported_schema_version() -> i64 {
        super::migrations::latest()
    }

    /// The `limit` most recent failures, newest first.
    pub fn recent_failures(&self, limit: usize) -> Result<Vec<RecordedFailure>, JournalError> {
        let (rows, external_ids) = self.read(|conn| {
            let mut stmt = conn.prepare(
                "SELECT at, installation_id, what, detail, url FROM (
                    SELECT s.updated_at AS at, i.installation_id, s.kind || ' stack ' || s.name || ': ' || s.last_status AS what,
                           s.last_reason AS detail, NULL AS url
                    FROM install_stack s JOIN installation i ON i.id = s.installation
                    WHERE s.last_status LIKE '%FAILED' OR s.last_status LIKE '%ROLLBACK%'
                    UNION ALL
                    SELECT coalesce(h.finished_at, h.started_at), i.installation_id, 'hand-off',
                           coalesce(h.error, 'HTTP ' || h.status || coalesce(': ' || h.answer, '')), h.url
                    FROM handoff_attempt h JOIN installation i ON i.id = h.installation
                    WHERE h.error IS NOT NULL OR h.status >= 400
                    UNION ALL
                    SELECT a.at, a.installation_id, a.action || ' stopped part-way', a.summary, NULL
                    FROM access_action a WHERE a.partial = 1
                 ) ORDER BY julianday(at) DESC LIMIT ?1",
            )?;
            let rows = stmt
                .query_map(params![limit as i64], |row| {
                    Ok((
                        row.get::<_, String>(0)?,
                        row.get::<_, String>(1)?,
                        row.get::<_, String>(2)?,
                        row.get::<_, Option<String>>(3)?,
                        row.get::<_, Option<String>>(4)?,
                    ))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            // Every External ID the journal holds: a reason may quote another installation's.
            let mut stmt = conn.prepare(
                "SELECT DISTINCT json_extract(invite, '$.external_id') FROM installation WHERE json_valid(invite)",
            )?;
            let ids = stmt
                .query_map([], |row| row.get::<_, Option<String>>(0))?
                .filter_map(|id| id.ok().flatten().filter(|id| !id.is_empty()))
                .collect::<Vec<String>>();
            Ok((rows, ids))
        })?;
        Ok(rows
            .into_iter()
            .map(|(at, installation_id, what, detail, url)| {
                let origin = url.as_deref().map(origin_of);
                let blank = |mut text: String| {
                    if let (Some(url), Some(origin)) = (&url, &origin) {
                        // As written in the invite, and as an HTTP library prints it (normalized).
                        let normalized = url::Url::parse(url).map(String::from).unwrap_or_default();
                        for form in [url.as_str(), normalized.as_str()].into_iter().filter(|f| !f.is_empty()) {
                            text = text.replace(form, origin);
                        }
                    }
                    for id in &external_ids {
                        text = text.replace(id.as_str(), EXTERNAL_ID_SHOWN);
                    }
                    text
                };
                let what = match &origin {
                    Some(origin) => format!("{what} to {origin}"),
                    None => what,
                };
                RecordedFailure { at, installation_id, what: blank(what), detail: detail.map(blank) }
            })
            .collect())
    }
}

/// `scheme://host[:port]` of a URL; a placeholder when it is not one (never the text itself).
fn origin_of(url: &str) -> String {
    url::Url::parse(url).map_or_else(|_| "(a URL that does not parse)".to_owned(), |u| u.origin().ascii_serialization())
}

#[cfg(test)]
#[path = "failures_tests.rs"]
mod tests;
