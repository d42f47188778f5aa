//! The per-installation nonce of CloudFormation request tokens: random, made once when the
//! installation first launches a stack, and kept with it.

use rusqlite::params;

use super::{Journal, JournalError};

impl Journal {
    /// The installation's token nonce, made (16 random hex digits) and recorded on first use.
    pub fn token_nonce(&self, installation: i64) -> Result<String, JournalError> {
        let fresh = uuid::Uuid::new_v4().simple().to_string()[..16].to_owned();
        self.write(|tx| {
            tx.execute(
                "INSERT OR IGNORE INTO install_token_nonce (installation, nonce) VALUES (?1, ?2)",
                params![installation, fresh],
            )?;
            tx.query_row("SELECT nonce FROM install_token_nonce WHERE installation = ?1", params![installation], |r| {
                r.get(0)
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::install::StackKind;
    use crate::journal::{Journal, NewInstallation};

    fn begin(journal: &Journal) -> i64 {
        journal
            .begin_installation(&NewInstallation {
                installation_id: "acme".into(),
                account: "123456789012".into(),
                home_region: "us-east-1".into(),
                region: "us-east-1".into(),
                cidr: "10.0.0.0/16".parse().unwrap(),
                invite: "{}".into(),
                use_boundary: false,
                zones: vec![],
                stacks: vec![(StackKind::Access, "us-east-1".into(), "a".into())],
                at: jiff::Timestamp::now(),
            })
            .unwrap()
            .id
    }

    #[test]
    fn the_nonce_is_kept_per_installation_and_a_new_journal_gets_another() {
        let journal = Journal::open_in_memory().unwrap();
        let id = begin(&journal);
        let nonce = journal.token_nonce(id).unwrap();
        assert_eq!(nonce.len(), 16);
        assert!(nonce.chars().all(|c| c.is_ascii_hexdigit()));
        assert_eq!(journal.token_nonce(id).unwrap(), nonce, "kept");
        let other = Journal::open_in_memory().unwrap();
        let same_row = begin(&other);
        assert_eq!(same_row, id, "the same row ID in a new journal");
        assert_ne!(other.token_nonce(same_row).unwrap(), nonce, "but not the same nonce");
    }
}
