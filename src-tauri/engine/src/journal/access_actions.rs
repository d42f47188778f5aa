//! Actions on the vendor's access (open or close the window, revoke, restrict, delete), each
//! recorded once it was verified: who did it (the caller's ARN), what, and when. The status
//! reads the last revocation and the recent actions from here.

use rusqlite::{params, Row, Transaction};

use super::{Journal, JournalError};
use crate::access::{AccessActionKind, AccessActionRecord};

const COLUMNS: &str = "installation_id, account, caller_arn, action, summary, detail, at, partial";

fn row(row: &Row<'_>) -> rusqlite::Result<AccessActionRecord> {
    Ok(AccessActionRecord {
        installation_id: row.get(0)?,
        account: row.get(1)?,
        caller_arn: row.get(2)?,
        action: row.get(3)?,
        summary: row.get(4)?,
        detail: row.get(5)?,
        at: row.get(6)?,
        partial: row.get(7)?,
        drift: vec![],
    })
}

/// Inserts `action` in the caller's transaction (with the expected state, say).
pub(super) fn insert(tx: &Transaction<'_>, action: &AccessActionRecord) -> rusqlite::Result<()> {
    tx.execute(
        &format!("INSERT INTO access_action ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"),
        params![
            action.installation_id,
            action.account,
            action.caller_arn,
            action.action,
            action.summary,
            action.detail,
            action.at,
            action.partial
        ],
    )
    .map(|_| ())
}

impl Journal {
    pub fn record_access_action(&self, action: &AccessActionRecord) -> Result<(), JournalError> {
        self.write(|tx| insert(tx, action))
    }

    /// The installation's actions, newest first, at most `limit`; only those of `kinds` when given.
    pub fn access_actions(
        &self,
        account: &str,
        installation_id: &str,
        kinds: &[AccessActionKind],
        limit: usize,
    ) -> Result<Vec<AccessActionRecord>, JournalError> {
        let all = self.read(|conn| {
            let mut stmt = conn.prepare(&format!(
                "SELECT {COLUMNS} FROM access_action WHERE account = ?1 AND installation_id = ?2 ORDER BY id DESC"
            ))?;
            let rows = stmt.query_map(params![account, installation_id], row)?;
            super::readable_rows("access_action", rows)
        })?;
        Ok(all.into_iter().filter(|a| kinds.is_empty() || kinds.contains(&a.action)).take(limit).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn action(kind: AccessActionKind, hour: u8) -> AccessActionRecord {
        AccessActionRecord {
            installation_id: "acme".into(),
            account: "123456789012".into(),
            caller_arn: "arn:aws:iam::123456789012:user/admin".into(),
            action: kind,
            summary: "s".into(),
            detail: "{}".into(),
            at: format!("2026-11-21T{hour:02}:00:00Z").parse().unwrap(),
            partial: false,
            drift: vec![],
        }
    }

    #[test]
    fn actions_come_back_newest_first_filtered_by_kind_and_survive_reopening() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("journal.sqlite3");
        let journal = Journal::open(&path).unwrap();
        journal.record_access_action(&action(AccessActionKind::RevokeSessions, 1)).unwrap();
        journal.record_access_action(&action(AccessActionKind::OpenWindow, 2)).unwrap();
        journal.record_access_action(&action(AccessActionKind::CutOff, 3)).unwrap();
        drop(journal);
        let journal = Journal::open(&path).unwrap();
        let all = journal.access_actions("123456789012", "acme", &[], 10).unwrap();
        assert_eq!(
            all,
            vec![
                action(AccessActionKind::CutOff, 3),
                action(AccessActionKind::OpenWindow, 2),
                action(AccessActionKind::RevokeSessions, 1)
            ]
        );
        let revocations = journal
            .access_actions("123456789012", "acme", &[AccessActionKind::RevokeSessions, AccessActionKind::CutOff], 1)
            .unwrap();
        assert_eq!(revocations, vec![action(AccessActionKind::CutOff, 3)]);
        assert!(journal.access_actions("999999999999", "acme", &[], 10).unwrap().is_empty());
    }
}
