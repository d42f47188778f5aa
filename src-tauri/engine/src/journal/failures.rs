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
        let rows = self.read(|conn| {
            let mut stmt = conn.prepare(
                "SELECT at, installation_id, what, detail, external_id, url FROM (
                    SELECT s.updated_at AS at, i.installation_id, s.kind || ' stack ' || s.name || ': ' || s.last_status AS what,
                           s.last_reason AS detail, json_extract(i.invite, '$.external_id') AS external_id, NULL AS url
                    FROM install_stack s JOIN installation i ON i.id = s.installation
                    WHERE s.last_status LIKE '%FAILED' OR s.last_status LIKE '%ROLLBACK%'
                    UNION ALL
                    SELECT coalesce(h.finished_at, h.started_at), i.installation_id, 'hand-off',
                           coalesce(h.error, 'HTTP ' || h.status || coalesce(': ' || h.answer, '')),
                           json_extract(i.invite, '$.external_id'), h.url
                    FROM handoff_attempt h JOIN installation i ON i.id = h.installation
                    WHERE h.error IS NOT NULL OR h.status >= 400
                    UNION ALL
                    SELECT a.at, a.installation_id, a.action || ' stopped part-way', a.summary,
                           (SELECT json_extract(i.invite, '$.external_id') FROM installation i
                            WHERE i.account = a.account AND i.installation_id = a.installation_id), NULL
                    FROM access_action a WHERE a.partial = 1
                 ) ORDER BY at DESC LIMIT ?1",
            )?;
            let rows = stmt.query_map(params![limit as i64], |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, String>(2)?,
                    row.get::<_, Option<String>>(3)?,
                    row.get::<_, Option<String>>(4)?,
                    row.get::<_, Option<String>>(5)?,
                ))
            })?;
            rows.collect::<rusqlite::Result<Vec<_>>>()
        })?;
        Ok(rows
            .into_iter()
            .map(|(at, installation_id, what, detail, external_id, url)| {
                let origin = url.as_deref().map(origin_of);
                let blank = |text: String| {
                    let text = match (&url, &origin) {
                        (Some(url), Some(origin)) => text.replace(url.as_str(), origin),
                        _ => text,
                    };
                    match external_id.as_deref().filter(|id| !id.is_empty()) {
                        Some(id) => text.replace(id, EXTERNAL_ID_SHOWN),
                        None => text,
                    }
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

/// `scheme://host[:port]` of a URL; the whole text when it is not one.
fn origin_of(url: &str) -> String {
    url::Url::parse(url).map_or_else(|_| "(a URL that does not parse)".to_owned(), |u| u.origin().ascii_serialization())
}

#[cfg(test)]
#[path = "failures_tests.rs"]
mod tests;
