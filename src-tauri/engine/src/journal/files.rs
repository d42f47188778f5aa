//! The journal's files on disk: created readable by the user only (the journal names the
//! admin's accounts, roles and invites), checked for damage when opened, and a damaged one
//! renamed aside, never overwritten.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, ErrorCode as SqliteCode};

use super::JournalError;

/// SQLite's companions of the database file, moved with it when it is set aside.
const COMPANIONS: [&str; 2] = ["-wal", "-shm"];

/// Creates the folder (0700) and the file (0600) when missing, and makes an existing file
/// private again. SQLite gives its WAL and shared-memory files the database file's mode.
pub(super) fn prepare(path: &Path) -> Result<(), JournalError> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty() && !d.exists()) {
        create_private_dir(dir).map_err(|source| JournalError::CreateDir { path: dir.to_owned(), source })?;
    }
    make_private_file(path).map_err(|source| JournalError::Permissions { path: path.to_owned(), source })
}

#[cfg(unix)]
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    std::fs::DirBuilder::new().recursive(true).mode(0o700).create(dir)
}

#[cfg(not(unix))]
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    // The user's local application-data folder is already private to them on Windows.
    std::fs::create_dir_all(dir)
}

#[cfg(unix)]
fn make_private_file(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
    let file = std::fs::OpenOptions::new().create(true).append(true).mode(0o600).open(path)?;
    let mode = file.metadata()?.permissions().mode() & 0o777;
    if mode & 0o077 != 0 {
        file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
    }
    Ok(())
}

#[cfg(not(unix))]
fn make_private_file(_path: &Path) -> std::io::Result<()> {
    Ok(())
}

/// Whether SQLite's error means the file itself is bad (not a database, or corrupt), as
/// opposed to a lock, a full disk or a permission.
pub(super) fn is_damage(err: &rusqlite::Error) -> bool {
    matches!(err.sqlite_error_code(), Some(SqliteCode::NotADatabase | SqliteCode::DatabaseCorrupt))
        || err.to_string().starts_with(QUICK_CHECK_PREFIX)
}

const QUICK_CHECK_PREFIX: &str = "integrity check: ";

/// SQLite's `quick_check`: the b-trees and their pages are sound. Fast on a journal's size.
pub(super) fn check(conn: &Connection) -> Result<(), JournalError> {
    let result: String = conn.query_row("PRAGMA quick_check", [], |row| row.get(0))?;
    if result == "ok" {
        return Ok(());
    }
    Err(JournalError::Sql(rusqlite::Error::SqliteFailure(
        rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CORRUPT),
        Some(format!("{QUICK_CHECK_PREFIX}{result}")),
    )))
}

/// Renames the journal and its companions to `<name>.damaged-<n>`, `n` the first number no
/// file has. Returns the new path of the journal.
pub(super) fn set_aside(path: &Path) -> Result<PathBuf, JournalError> {
    let aside = (1..)
        .map(|n| with_suffix(path, &format!(".damaged-{n}")))
        .find(|candidate| !candidate.exists() && COMPANIONS.iter().all(|c| !with_suffix(candidate, c).exists()))
        .expect("some number is free");
    let fail = |source| JournalError::SetAside { path: path.to_owned(), source };
    std::fs::rename(path, &aside).map_err(fail)?;
    for companion in COMPANIONS {
        let from = with_suffix(path, companion);
        if from.exists() {
            std::fs::rename(&from, with_suffix(&aside, companion)).map_err(fail)?;
        }
    }
    tracing::warn!(from = %path.display(), to = %aside.display(), "the damaged journal was set aside");
    Ok(aside)
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

#[cfg(test)]
mod tests {
    use super::super::Journal;
    use super::*;
    use crate::Explain as _;

    #[cfg(unix)]
    #[test]
    fn a_new_journal_and_its_folder_are_private_to_the_user() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("data").join("journal.sqlite3");
        let journal = Journal::open(&path).unwrap();
        journal.record_sign_in(&crate::journal::SignIn::example()).unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(path.parent().unwrap()), 0o700);
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(&with_suffix(&path, "-wal")), 0o600, "SQLite copies the file's mode to the WAL");
    }

    #[cfg(unix)]
    #[test]
    fn an_existing_journal_readable_by_others_is_made_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("journal.sqlite3");
        drop(Journal::open(&path).unwrap());
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        drop(Journal::open(&path).unwrap());
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
    }

    #[test]
    fn a_file_that_is_not_a_database_opens_as_damaged_and_is_left_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("journal.sqlite3");
        let garbage = b"this is not SQLite, it is a note someone saved here".repeat(200);
        std::fs::write(&path, &garbage).unwrap();

        let journal = Journal::open(&path).unwrap();
        let damage = journal.problem().expect("damaged");
        let failure = damage.failure();
        assert!(failure.message.contains(&path.display().to_string()), "{}", failure.message);
        assert!(failure.hint.as_deref().unwrap().contains(super::super::SET_ASIDE_COMMAND));
        let err = journal.installations().unwrap_err();
        assert!(matches!(err, JournalError::Damaged { .. }), "{err}");
        assert_eq!(std::fs::read(&path).unwrap(), garbage, "never overwritten");
    }

    #[test]
    fn a_corrupt_page_is_found_at_open() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("journal.sqlite3");
        {
            let journal = Journal::open(&path).unwrap();
            for _ in 0..200 {
                journal.record_sign_in(&crate::journal::SignIn::example()).unwrap();
            }
        }
        // Scribble over the second half of the file, past the header SQLite needs to open it.
        let mut bytes = std::fs::read(&path).unwrap();
        let half = bytes.len() / 2;
        bytes[half..].iter_mut().for_each(|b| *b = 0x5a);
        std::fs::write(&path, &bytes).unwrap();

        let journal = Journal::open(&path).unwrap();
        assert!(journal.problem().is_some(), "quick_check finds the bad pages");
        assert_eq!(std::fs::read(&path).unwrap(), bytes);
    }

    #[test]
    fn setting_aside_keeps_the_damaged_file_under_a_free_name_and_starts_afresh() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("journal.sqlite3");
        std::fs::write(with_suffix(&path, ".damaged-1"), b"an earlier one").unwrap();
        std::fs::write(&path, b"not a database at all, and long enough to have a header".repeat(20)).unwrap();

        let journal = Journal::open(&path).unwrap();
        let aside = journal.set_aside().unwrap().expect("it was damaged");
        assert_eq!(aside, with_suffix(&path, ".damaged-2"), "the earlier one is not overwritten");
        assert_eq!(std::fs::read(with_suffix(&path, ".damaged-1")).unwrap(), b"an earlier one");
        assert!(std::fs::read(&aside).unwrap().starts_with(b"not a database"));
        assert!(journal.problem().is_none());
        assert!(journal.installations().unwrap().is_empty(), "a new journal works");
        assert_eq!(journal.set_aside().unwrap(), None, "a sound journal is left alone");
    }
}
