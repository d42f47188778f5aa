//! Sign-ins: which identity the app acted as, and when. Later records (installs, access
//! actions) name who did them from here.

use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::{Journal, JournalError};
use crate::aws::Identity;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignIn {
    /// RFC 3339, UTC.
    pub at: jiff::Timestamp,
    pub identity: Identity,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInRecord {
    pub id: i64,
    #[serde(flatten)]
    pub sign_in: SignIn,
}

impl Journal {
    pub fn record_sign_in(&self, sign_in: &SignIn) -> Result<i64, JournalError> {
        let id = &sign_in.identity;
        self.write(|tx| {
            tx.execute(
                "INSERT INTO sign_in (at, profile, region, account, arn, user_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![sign_in.at, id.profile, id.region, id.account, id.arn, id.user_id],
            )?;
            Ok(tx.last_insert_rowid())
        })
    }

    pub fn last_sign_in(&self) -> Result<Option<SignInRecord>, JournalError> {
        self.read(|conn| {
            conn.query_row(
                "SELECT id, at, profile, region, account, arn, user_id FROM sign_in ORDER BY id DESC LIMIT 1",
                [],
                |row| {
                    let arn: String = row.get(5)?;
                    Ok(SignInRecord {
                        id: row.get(0)?,
                        sign_in: SignIn {
                            at: row.get(1)?,
                            identity: Identity {
                                profile: row.get(2)?,
                                region: row.get(3)?,
                                account: row.get(4)?,
                                is_root: arn.ends_with(":root"),
                                arn,
                                user_id: row.get(6)?,
                                clock_skew_seconds: None,
                                clock_warning: None,
                                credentials_expire_at: None,
                            },
                        },
                    })
                },
            )
            .optional()
        })
    }
}

#[cfg(test)]
impl SignIn {
    /// A sign-in for tests that need a row written.
    pub(crate) fn example() -> Self {
        tests::sign_in("admin", "2026-11-21T08:00:00Z")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) fn sign_in(profile: &str, at: &str) -> SignIn {
        SignIn {
            at: at.parse().unwrap(),
            identity: Identity {
                profile: profile.into(),
                region: "us-east-1".into(),
                account: "123456789012".into(),
                arn: format!("arn:aws:iam::123456789012:user/{profile}"),
                user_id: "AIDA".into(),
                is_root: false,
                clock_skew_seconds: None,
                clock_warning: None,
                credentials_expire_at: None,
            },
        }
    }

    #[test]
    fn the_last_sign_in_survives_reopening() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("journal.sqlite3");
        let journal = Journal::open(&path).unwrap();
        assert_eq!(journal.last_sign_in().unwrap(), None);
        journal.record_sign_in(&sign_in("a", "2026-11-21T08:00:00Z")).unwrap();
        journal.record_sign_in(&sign_in("b", "2026-11-21T09:00:00Z")).unwrap();
        drop(journal);
        let last = Journal::open(&path).unwrap().last_sign_in().unwrap().unwrap();
        assert_eq!(last.sign_in, sign_in("b", "2026-11-21T09:00:00Z"));
    }

    #[test]
    fn a_failed_write_leaves_nothing_behind() {
        let journal = Journal::open_in_memory().unwrap();
        let result: Result<(), JournalError> = journal.write(|tx| {
            tx.execute(
                "INSERT INTO sign_in (at, profile, region, account, arn, user_id) VALUES ('t', 'p', 'r', 'a', 'arn', 'u')",
                [],
            )?;
            tx.execute("INSERT INTO no_such_table VALUES (1)", [])?;
            Ok(())
        });
        assert!(result.is_err());
        assert_eq!(journal.last_sign_in().unwrap(), None);
    }
}
