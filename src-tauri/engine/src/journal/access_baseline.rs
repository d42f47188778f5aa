//! The vendor's role as expected, per installation: read back from IAM when the install's
//! access stack completed, then changed only by the actions of this app, each in the same
//! transaction as its `access_action` record. Manage finds the role here (not from the access
//! stack's outputs, which the vendor could rewrite) and compares IAM with it.

use rusqlite::{params, OptionalExtension, Transaction};

use super::access_actions;
use super::{Journal, JournalError};
use crate::access::{AccessActionRecord, ExpectedRole};

/// Where the expected state first came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BaselineSource {
    /// Read back from IAM when the install's access stack completed.
    Install,
    /// An installation journaled before baselines were: the role found from the access stack.
    StackOutputs,
}

impl BaselineSource {
    fn as_str(self) -> &'static str {
        match self {
            BaselineSource::Install => "install",
            BaselineSource::StackOutputs => "stack_outputs",
        }
    }
}

/// The expected role of an installation, as recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedBaseline {
    pub expected: ExpectedRole,
    pub source: String,
    pub recorded_at: jiff::Timestamp,
    pub updated_at: jiff::Timestamp,
}

fn to_sql_error(err: serde_json::Error) -> rusqlite::Error {
    rusqlite::Error::ToSqlConversionFailure(Box::new(err))
}

fn expected_in(tx: &Transaction<'_>, account: &str, installation_id: &str) -> rusqlite::Result<Option<ExpectedRole>> {
    let text: Option<String> = tx
        .query_row(
            "SELECT expected FROM access_baseline WHERE account = ?1 AND installation_id = ?2",
            params![account, installation_id],
            |row| row.get(0),
        )
        .optional()?;
    text.map(|t| serde_json::from_str(&t).map_err(to_sql_error)).transpose()
}

fn update_in(
    tx: &Transaction<'_>,
    account: &str,
    installation_id: &str,
    expected: &ExpectedRole,
    at: jiff::Timestamp,
) -> rusqlite::Result<()> {
    let text = serde_json::to_string(expected).map_err(to_sql_error)?;
    tx.execute(
        "UPDATE access_baseline SET role_name = ?3, role_arn = ?4, expected = ?5, updated_at = ?6
         WHERE account = ?1 AND installation_id = ?2",
        params![account, installation_id, expected.role_name, expected.role_arn, text, at],
    )
    .map(|_| ())
}

impl Journal {
    /// Records the role as installed, unless the installation has a baseline already (a second
    /// run of the same install re-attaches: what the app changed since stays expected).
    /// Returns whether it was recorded.
    pub fn record_access_baseline(
        &self,
        account: &str,
        installation_id: &str,
        expected: &ExpectedRole,
        source: BaselineSource,
        at: jiff::Timestamp,
    ) -> Result<bool, JournalError> {
        let text = serde_json::to_string(expected).map_err(to_sql_error)?;
        self.write(|tx| {
            let inserted = tx.execute(
                "INSERT OR IGNORE INTO access_baseline
                     (installation_id, account, role_name, role_arn, expected, source, recorded_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
                params![installation_id, account, expected.role_name, expected.role_arn, text, source.as_str(), at],
            )?;
            Ok(inserted == 1)
        })
    }

    pub fn access_baseline(
        &self,
        account: &str,
        installation_id: &str,
    ) -> Result<Option<RecordedBaseline>, JournalError> {
        let row = self.read(|conn| {
            conn.query_row(
                "SELECT expected, source, recorded_at, updated_at FROM access_baseline
                 WHERE account = ?1 AND installation_id = ?2",
                params![account, installation_id],
                |row| Ok((row.get::<_, String>(0)?, row.get(1)?, row.get(2)?, row.get(3)?)),
            )
            .optional()
        })?;
        let Some((text, source, recorded_at, updated_at)) = row else { return Ok(None) };
        let expected = serde_json::from_str(&text).map_err(to_sql_error)?;
        Ok(Some(RecordedBaseline { expected, source, recorded_at, updated_at }))
    }

    /// Whether the installation was journaled before baselines were (its role may be found
    /// from the access stack, once, to record one).
    pub fn installation_predates_baseline(&self, account: &str, installation_id: &str) -> Result<bool, JournalError> {
        self.read(|conn| {
            conn.query_row(
                "SELECT COUNT(*) FROM installation_before_baseline b JOIN installation i ON i.id = b.installation
                 WHERE i.account = ?1 AND i.installation_id = ?2",
                params![account, installation_id],
                |row| row.get::<_, i64>(0),
            )
        })
        .map(|n| n > 0)
    }

    /// Records `action` and, in the same transaction, applies `change` to the installation's
    /// expected role (when it has one): what the app wrote and verified is expected from now on.
    pub fn record_access_change(
        &self,
        action: &AccessActionRecord,
        change: impl FnOnce(&mut ExpectedRole),
    ) -> Result<(), JournalError> {
        self.write(|tx| {
            if let Some(mut expected) = expected_in(tx, &action.account, &action.installation_id)? {
                change(&mut expected);
                update_in(tx, &action.account, &action.installation_id, &expected, action.at)?;
            }
            access_actions::insert(tx, action)
        })
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde_json::json;

    use super::*;
    use crate::access::AccessActionKind;
    use crate::journal::NewInstallation;

    const ACCOUNT: &str = "123456789012";

    fn expected() -> ExpectedRole {
        ExpectedRole {
            role_name: "R".into(),
            role_arn: "arn:aws:iam::123456789012:role/R".into(),
            role_id: "AROAEXAMPLE".into(),
            created_at: "2026-11-21T10:00:00Z".parse().unwrap(),
            trust_policy: json!({"Statement": []}),
            inline_policies: BTreeMap::from([("PrivateDeployAccessWindow".to_owned(), json!({"a": 1}))]),
            attached_policies: vec!["arn:aws:iam::aws:policy/AdministratorAccess".into()],
            boundary: None,
            stack_boundary_arn: None,
            deleted: false,
        }
    }

    fn action(kind: AccessActionKind) -> AccessActionRecord {
        AccessActionRecord {
            installation_id: "acme".into(),
            account: ACCOUNT.into(),
            caller_arn: "arn:aws:iam::123456789012:user/admin".into(),
            action: kind,
            summary: "s".into(),
            detail: "{}".into(),
            at: "2026-11-21T11:00:00Z".parse().unwrap(),
            partial: false,
            drift: vec![],
        }
    }

    #[test]
    fn the_baseline_is_recorded_once_changed_with_its_action_and_survives_reopening() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("journal.sqlite3");
        let journal = Journal::open(&path).unwrap();
        assert!(journal.access_baseline(ACCOUNT, "acme").unwrap().is_none());
        assert!(journal
            .record_access_baseline(
                ACCOUNT,
                "acme",
                &expected(),
                BaselineSource::Install,
                "2026-11-21T10:00:00Z".parse().unwrap()
            )
            .unwrap());
        // A second install run re-attaches: the first record stays.
        let mut other = expected();
        other.role_id = "AROAOTHER".into();
        assert!(!journal
            .record_access_baseline(
                ACCOUNT,
                "acme",
                &other,
                BaselineSource::Install,
                "2026-11-21T10:30:00Z".parse().unwrap()
            )
            .unwrap());

        let mut partial = action(AccessActionKind::CutOff);
        partial.partial = true;
        journal
            .record_access_change(&partial, |e| e.put_inline("PrivateDeployAccessWindow", &json!({"closed": true})))
            .unwrap();
        drop(journal);

        let journal = Journal::open(&path).unwrap();
        let recorded = journal.access_baseline(ACCOUNT, "acme").unwrap().unwrap();
        assert_eq!(recorded.expected.role_id, "AROAEXAMPLE");
        assert_eq!(recorded.expected.inline_policies["PrivateDeployAccessWindow"], json!({"closed": true}));
        assert_eq!(
            (recorded.source.as_str(), recorded.recorded_at.to_string().as_str()),
            ("install", "2026-11-21T10:00:00Z")
        );
        assert_eq!(recorded.updated_at.to_string(), "2026-11-21T11:00:00Z");
        let actions = journal.access_actions(ACCOUNT, "acme", &[], 10).unwrap();
        assert_eq!(actions.len(), 1);
        assert!(actions[0].partial);
    }

    #[test]
    fn a_failed_write_changes_neither_the_expected_role_nor_the_actions() {
        let journal = Journal::open_in_memory().unwrap();
        journal
            .record_access_baseline(
                ACCOUNT,
                "acme",
                &expected(),
                BaselineSource::Install,
                "2026-11-21T10:00:00Z".parse().unwrap(),
            )
            .unwrap();
        // The action's insert fails inside the transaction (a bad action name is impossible to
        // write through the types, so make the table refuse it): the change is rolled back too.
        journal
            .write(|tx| {
                tx.execute_batch(
                    "CREATE TRIGGER refuse BEFORE INSERT ON access_action BEGIN SELECT RAISE(ABORT, 'disk full'); END;",
                )
            })
            .unwrap();
        let err = journal.record_access_change(&action(AccessActionKind::CloseWindow), |e| e.deleted = true);
        assert!(err.is_err());
        assert!(!journal.access_baseline(ACCOUNT, "acme").unwrap().unwrap().expected.deleted);
        assert!(journal.access_actions(ACCOUNT, "acme", &[], 10).unwrap().is_empty());
    }

    #[test]
    fn installations_journaled_before_the_baseline_are_marked_by_the_migration_and_new_ones_are_not() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("journal.sqlite3");
        // A journal of the version before: migrations 1 to 4, with one installation.
        let conn = rusqlite::Connection::open(&path).unwrap();
        for sql in &super::super::migrations::MIGRATIONS[..4] {
            conn.execute_batch(sql).unwrap();
        }
        conn.pragma_update(None, "user_version", 4).unwrap();
        conn.execute(
            "INSERT INTO installation (installation_id, account, home_region, region, cidr, invite, use_boundary,
                 state, created_at, updated_at) VALUES ('old', ?1, 'us-east-1', 'eu-west-1', '10.0.0.0/16', '{}', 0,
                 'ready', 't', 't')",
            params![ACCOUNT],
        )
        .unwrap();
        drop(conn);
        let journal = Journal::open(&path).unwrap();
        journal
            .begin_installation(&NewInstallation {
                installation_id: "fresh".into(),
                account: ACCOUNT.into(),
                home_region: "us-east-1".into(),
                region: "eu-west-1".into(),
                cidr: "10.0.0.0/16".parse().unwrap(),
                invite: "{}".into(),
                use_boundary: false,
                zones: vec![],
                stacks: vec![],
                at: jiff::Timestamp::now(),
            })
            .unwrap();
        drop(journal);
        let journal = Journal::open(&path).unwrap();
        assert!(journal.installation_predates_baseline(ACCOUNT, "old").unwrap());
        assert!(!journal.installation_predates_baseline(ACCOUNT, "fresh").unwrap());
        assert!(!journal.installation_predates_baseline(ACCOUNT, "unknown").unwrap());
    }
}
