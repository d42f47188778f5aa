//! The window's choices before an install, as the last change left them, so that closing the
//! app loses none of them. The invite is kept as its JSON text apart from the other choices:
//! it is validated again when restored, and an invite that no longer passes must not take the
//! other choices down with it.

use rusqlite::{params, OptionalExtension};

use super::{Journal, JournalError};

/// One saved draft: the invite's JSON (when one was open) and the other choices' JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedDraft {
    pub at: jiff::Timestamp,
    pub invite: Option<String>,
    pub choices: String,
}

impl Journal {
    pub fn record_draft(&self, draft: &RecordedDraft) -> Result<(), JournalError> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO install_draft (at, invite, choices) VALUES (?1, ?2, ?3)",
                params![draft.at, draft.invite, draft.choices],
            )
            .map(|_| ())
        })
    }

    pub fn last_draft(&self) -> Result<Option<RecordedDraft>, JournalError> {
        self.read(|conn| {
            conn.query_row("SELECT at, invite, choices FROM install_draft ORDER BY id DESC LIMIT 1", [], |row| {
                Ok(RecordedDraft { at: row.get(0)?, invite: row.get(1)?, choices: row.get(2)? })
            })
            .optional()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_draft_is_restored_and_earlier_ones_are_kept() {
        let journal = Journal::open_in_memory().unwrap();
        assert_eq!(journal.last_draft().unwrap(), None);
        let draft = |invite: Option<&str>, choices: &str| RecordedDraft {
            at: "2026-11-21T10:00:00Z".parse().unwrap(),
            invite: invite.map(str::to_owned),
            choices: choices.to_owned(),
        };
        journal.record_draft(&draft(Some("{\"a\":1}"), "{\"use_boundary\":true}")).unwrap();
        journal.record_draft(&draft(None, "{}")).unwrap();
        assert_eq!(journal.last_draft().unwrap(), Some(draft(None, "{}")));
        let rows: i64 = journal.read(|c| c.query_row("SELECT count(*) FROM install_draft", [], |r| r.get(0))).unwrap();
        assert_eq!(rows, 2);
    }
}
