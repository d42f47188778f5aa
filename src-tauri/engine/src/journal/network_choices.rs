//! The region and VPC block the admin chose for an account, so the Install step (and a
//! restart of the app) starts from the same choice.

use ipnet::Ipv4Net;
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Journal, JournalError};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct NetworkChoice {
    /// RFC 3339, UTC.
    pub at: jiff::Timestamp,
    pub account: String,
    pub region: String,
    #[ts(type = "string")]
    pub cidr: Ipv4Net,
}

impl Journal {
    pub fn record_network_choice(&self, choice: &NetworkChoice) -> Result<(), JournalError> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO network_choice (at, account, region, cidr) VALUES (?1, ?2, ?3, ?4)",
                params![choice.at, choice.account, choice.region, choice.cidr.to_string()],
            )
            .map(|_| ())
        })
    }

    pub fn last_network_choice(&self, account: &str) -> Result<Option<NetworkChoice>, JournalError> {
        self.read(|conn| {
            conn.query_row(
                "SELECT at, account, region, cidr FROM network_choice WHERE account = ?1 ORDER BY id DESC LIMIT 1",
                [account],
                |row| {
                    Ok(NetworkChoice {
                        at: row.get(0)?,
                        account: row.get(1)?,
                        region: row.get(2)?,
                        cidr: super::columns::cidr(row, 3)?,
                    })
                },
            )
            .optional()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_choice_is_per_account() {
        let journal = Journal::open_in_memory().unwrap();
        let choice = |account: &str, cidr: &str| NetworkChoice {
            at: "2026-11-21T10:00:00Z".parse().unwrap(),
            account: account.into(),
            region: "eu-west-1".into(),
            cidr: cidr.parse().unwrap(),
        };
        journal.record_network_choice(&choice("111111111111", "10.0.0.0/16")).unwrap();
        journal.record_network_choice(&choice("222222222222", "10.1.0.0/16")).unwrap();
        journal.record_network_choice(&choice("111111111111", "10.2.0.0/16")).unwrap();
        assert_eq!(journal.last_network_choice("111111111111").unwrap(), Some(choice("111111111111", "10.2.0.0/16")));
        assert_eq!(journal.last_network_choice("333333333333").unwrap(), None);
    }
}
