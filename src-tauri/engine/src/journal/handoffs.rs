//! The hand-off in the journal: the stacks' outputs recorded when an installation becomes
//! ready (in the same transaction as the Ready state), and each attempt to post the hand-off
//! document to the vendor's callback, with the vendor's answer.

use jiff::Timestamp;
use rusqlite::{params, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Journal, JournalError};
use crate::install::{InstallState, StackOutput};

/// One attempt to post the hand-off, as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct HandoffAttemptRecord {
    /// Counts from 1 within one send.
    pub attempt: u32,
    pub url: String,
    /// The SHA-256 of the body sent, hex: which document the vendor got.
    pub body_sha256: String,
    #[ts(type = "string")]
    pub started_at: Timestamp,
    /// `None` while the attempt runs (or when the app stopped during it).
    #[ts(type = "string | null")]
    pub finished_at: Option<Timestamp>,
    /// The vendor's HTTP status, when it answered.
    pub status: Option<u16>,
    /// The start of the vendor's answer (bounded).
    pub answer: Option<String>,
    /// Why no answer came (connection, TLS, timeout).
    pub error: Option<String>,
}

fn attempt_row(row: &Row<'_>) -> rusqlite::Result<HandoffAttemptRecord> {
    Ok(HandoffAttemptRecord {
        attempt: row.get(0)?,
        url: row.get(1)?,
        body_sha256: row.get(2)?,
        started_at: row.get(3)?,
        finished_at: row.get(4)?,
        status: row.get(5)?,
        answer: row.get(6)?,
        error: row.get(7)?,
    })
}

impl Journal {
    /// Marks the installation ready and records its stacks' outputs, at once.
    pub fn record_ready(&self, installation: i64, outputs: &[StackOutput], at: Timestamp) -> Result<(), JournalError> {
        self.write(|tx| {
            tx.execute(
                "UPDATE installation SET state = ?2, updated_at = ?3 WHERE id = ?1",
                params![installation, InstallState::Ready.as_str(), at],
            )?;
            tx.execute("DELETE FROM install_output WHERE installation = ?1", [installation])?;
            for output in outputs {
                tx.execute(
                    "INSERT OR REPLACE INTO install_output (installation, stack, key, value) VALUES (?1, ?2, ?3, ?4)",
                    params![installation, output.stack, output.key, output.value],
                )?;
            }
            Ok(())
        })
    }

    /// The outputs recorded when the installation became ready (none for one that became
    /// ready before they were recorded).
    pub fn install_outputs(&self, installation: i64) -> Result<Vec<StackOutput>, JournalError> {
        self.read(|conn| {
            let mut stmt =
                conn.prepare("SELECT stack, key, value FROM install_output WHERE installation = ?1 ORDER BY rowid")?;
            let rows = stmt.query_map([installation], |row| {
                Ok(StackOutput { stack: row.get(0)?, key: row.get(1)?, value: row.get(2)? })
            })?;
            rows.collect()
        })
    }

    /// Records that an attempt starts; returns its row for [`Journal::finish_handoff_attempt`].
    pub fn begin_handoff_attempt(
        &self,
        installation: i64,
        url: &str,
        body_sha256: &str,
        attempt: u32,
        at: Timestamp,
    ) -> Result<i64, JournalError> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO handoff_attempt (installation, url, body_sha256, attempt, started_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![installation, url, body_sha256, attempt, at],
            )?;
            Ok(tx.last_insert_rowid())
        })
    }

    /// Records how an attempt ended: the vendor's status and answer, or why none came.
    pub fn finish_handoff_attempt(
        &self,
        row: i64,
        status: Option<u16>,
        answer: Option<&str>,
        error: Option<&str>,
        at: Timestamp,
    ) -> Result<(), JournalError> {
        self.write(|tx| {
            tx.execute(
                "UPDATE handoff_attempt SET finished_at = ?2, status = ?3, answer = ?4, error = ?5 WHERE id = ?1",
                params![row, at, status, answer, error],
            )
            .map(|_| ())
        })
    }

    /// Every attempt to post the installation's hand-off, oldest first.
    pub fn handoff_attempts(&self, installation: i64) -> Result<Vec<HandoffAttemptRecord>, JournalError> {
        self.read(|conn| {
            let mut stmt = conn.prepare(
                "SELECT attempt, url, body_sha256, started_at, finished_at, status, answer, error
                 FROM handoff_attempt WHERE installation = ?1 ORDER BY id",
            )?;
            let rows = stmt.query_map([installation], attempt_row)?;
            super::readable_rows("handoff_attempt", rows)
        })
    }
}
