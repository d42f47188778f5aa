//! Schema versions of the journal. The database's `user_version` says how many of these
//! have run; each runs once, in its own transaction. Append new ones; never edit old ones.

use rusqlite::{Connection, TransactionBehavior};

use super::JournalError;

pub(super) const MIGRATIONS: &[&str] = &[
    // 1: sign-ins.
    "CREATE TABLE sign_in (
        id        INTEGER PRIMARY KEY,
        at        TEXT    NOT NULL,
        profile   TEXT    NOT NULL,
        region    TEXT    NOT NULL,
        account   TEXT    NOT NULL,
        arn       TEXT    NOT NULL,
        user_id   TEXT    NOT NULL
    );
    CREATE INDEX sign_in_at ON sign_in (at);",
    // 2: the region and VPC block chosen for an account's install.
    "CREATE TABLE network_choice (
        id        INTEGER PRIMARY KEY,
        at        TEXT    NOT NULL,
        account   TEXT    NOT NULL,
        region    TEXT    NOT NULL,
        cidr      TEXT    NOT NULL
    );
    CREATE INDEX network_choice_account ON network_choice (account, id);",
    // 3: installs: the installation, its stacks (the two it launches and the nested stacks
    // found under them) and every stack event seen, once each.
    "CREATE TABLE installation (
        id              INTEGER PRIMARY KEY,
        installation_id TEXT    NOT NULL,
        account         TEXT    NOT NULL,
        home_region     TEXT    NOT NULL,
        region          TEXT    NOT NULL,
        cidr            TEXT    NOT NULL,
        invite          TEXT    NOT NULL,
        use_boundary    INTEGER NOT NULL,
        state           TEXT    NOT NULL,
        created_at      TEXT    NOT NULL,
        updated_at      TEXT    NOT NULL,
        UNIQUE (account, installation_id)
    );
    CREATE TABLE install_stack (
        id              INTEGER PRIMARY KEY,
        installation    INTEGER NOT NULL REFERENCES installation (id),
        kind            TEXT    NOT NULL,
        region          TEXT    NOT NULL,
        name            TEXT    NOT NULL,
        stack_id        TEXT,
        root_stack_id   TEXT,
        attempt         INTEGER NOT NULL DEFAULT 1,
        last_status     TEXT,
        last_reason     TEXT,
        last_event_id   TEXT,
        updated_at      TEXT    NOT NULL
    );
    CREATE UNIQUE INDEX install_stack_root ON install_stack (installation, kind) WHERE kind <> 'nested';
    CREATE UNIQUE INDEX install_stack_id ON install_stack (stack_id) WHERE stack_id IS NOT NULL;
    CREATE TABLE stack_event (
        id              INTEGER PRIMARY KEY,
        installation    INTEGER NOT NULL REFERENCES installation (id),
        stack_id        TEXT    NOT NULL,
        stack_name      TEXT    NOT NULL,
        event_id        TEXT    NOT NULL,
        logical_id      TEXT    NOT NULL,
        physical_id     TEXT,
        resource_type   TEXT    NOT NULL,
        status          TEXT    NOT NULL,
        reason          TEXT,
        timestamp       TEXT    NOT NULL,
        UNIQUE (stack_id, event_id)
    );
    CREATE INDEX stack_event_installation ON stack_event (installation, stack_id);",
    // 4: actions on the vendor's access (window, revocation, restriction, deletion): who,
    // what, when, with the document or stacks written.
    "CREATE TABLE access_action (
        id              INTEGER PRIMARY KEY,
        installation_id TEXT    NOT NULL,
        account         TEXT    NOT NULL,
        caller_arn      TEXT    NOT NULL,
        action          TEXT    NOT NULL,
        summary         TEXT    NOT NULL,
        detail          TEXT    NOT NULL,
        at              TEXT    NOT NULL
    );
    CREATE INDEX access_action_installation ON access_action (account, installation_id, id);",
    // 5: the vendor's role as expected (read back at install, then as each action of this app
    // wrote it), to tell changes made outside the app; actions that stopped part-way; and the
    // installations recorded before this, whose role may still be found from the access stack.
    "CREATE TABLE access_baseline (
        id              INTEGER PRIMARY KEY,
        installation_id TEXT    NOT NULL,
        account         TEXT    NOT NULL,
        role_name       TEXT    NOT NULL,
        role_arn        TEXT    NOT NULL,
        expected        TEXT    NOT NULL,
        source          TEXT    NOT NULL,
        recorded_at     TEXT    NOT NULL,
        updated_at      TEXT    NOT NULL,
        UNIQUE (account, installation_id)
    );
    ALTER TABLE access_action ADD COLUMN partial INTEGER NOT NULL DEFAULT 0;
    CREATE TABLE installation_before_baseline (
        installation    INTEGER PRIMARY KEY REFERENCES installation (id)
    );
    INSERT INTO installation_before_baseline (installation) SELECT id FROM installation;",
    // 6: the installation's two Availability Zones, comma-separated in order (A's,
    // then B's); empty for an installation recorded before the app chose them.
    "ALTER TABLE installation ADD COLUMN zones TEXT NOT NULL DEFAULT '';",
    // 7: the random part of an installation's CreateStack request tokens, so that a new
    // journal (a re-install after the old one was lost) never sends a token CloudFormation has
    // seen for an earlier stack of the same installation.
    "CREATE TABLE install_token_nonce (
        installation    INTEGER PRIMARY KEY REFERENCES installation (id),
        nonce           TEXT    NOT NULL
    );",
    // 8: the choices made in the window before an install (the invite as opened, the typed
    // vendor account, the boundary choice, the region and the networks to avoid), one row per
    // change, the last one restored when the app opens again.
    "CREATE TABLE install_draft (
        id              INTEGER PRIMARY KEY,
        at              TEXT    NOT NULL,
        invite          TEXT,
        choices         TEXT    NOT NULL
    );",
    // 9: the hand-off: the stacks' outputs as they were when the installation became ready
    // (the hand-off document is built from the journal, not from outputs the vendor could
    // rewrite later), and every attempt to post the document to the invite's callback with
    // the vendor's answer.
    "CREATE TABLE install_output (
        installation    INTEGER NOT NULL REFERENCES installation (id),
        stack           TEXT    NOT NULL,
        key             TEXT    NOT NULL,
        value           TEXT    NOT NULL,
        PRIMARY KEY (installation, stack, key)
    );
    CREATE TABLE handoff_attempt (
        id              INTEGER PRIMARY KEY,
        installation    INTEGER NOT NULL REFERENCES installation (id),
        url             TEXT    NOT NULL,
        body_sha256     TEXT    NOT NULL,
        attempt         INTEGER NOT NULL,
        started_at      TEXT    NOT NULL,
        finished_at     TEXT,
        status          INTEGER,
        answer          TEXT,
        error           TEXT
    );
    CREATE INDEX handoff_attempt_installation ON handoff_attempt (installation, id);",
];

pub(crate) fn latest() -> i64 {
    MIGRATIONS.len() as i64
}

/// Runs the migrations not yet run, each in its own write transaction taken before the
/// version is read: when the window and the CLI open a new journal at the same moment, one
/// runs each migration and the other waits (the busy timeout), then finds it done.
pub(super) fn migrate(conn: &mut Connection) -> Result<(), JournalError> {
    loop {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let found: i64 = tx.pragma_query_value(None, "user_version", |row| row.get(0))?;
        if found > latest() {
            return Err(JournalError::TooNew { found, known: latest() });
        }
        let Some(sql) = MIGRATIONS.get(found as usize) else {
            return Ok(());
        };
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", found + 1)?;
        tx.commit()?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::Journal;
    use crate::Explain as _;

    #[test]
    fn a_new_journal_is_at_the_latest_version_and_reopening_keeps_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nested").join("journal.sqlite3");
        drop(Journal::open(&path).unwrap());
        let conn = Connection::open(&path).unwrap();
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
        assert_eq!(version, latest());
        drop(conn);
        Journal::open(&path).unwrap();
    }

    #[test]
    fn a_journal_from_a_newer_version_is_refused_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("journal.sqlite3");
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", latest() + 1).unwrap();
        drop(conn);
        let err = Journal::open(&path).unwrap_err();
        assert!(matches!(err, JournalError::TooNew { .. }), "{err}");
        assert_eq!(err.failure().hint.as_deref(), Some("Update Private Deploy to the latest version."));
        let conn = Connection::open(&path).unwrap();
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
        assert_eq!(version, latest() + 1);
    }

    #[test]
    fn the_window_and_the_cli_opening_a_new_journal_at_once_both_succeed() {
        for _ in 0..5 {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("journal.sqlite3");
            let start = std::sync::Barrier::new(4);
            std::thread::scope(|scope| {
                let opens: Vec<_> = (0..4)
                    .map(|_| {
                        scope.spawn(|| {
                            start.wait();
                            Journal::open(&path).map(|j| j.installations().map(|list| list.len()))
                        })
                    })
                    .collect();
                for open in opens {
                    assert_eq!(open.join().unwrap().unwrap().unwrap(), 0);
                }
            });
            let conn = Connection::open(&path).unwrap();
            let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
            assert_eq!(version, latest());
        }
    }
}
