//! The local journal: an SQLite file in the app's local data dir that remembers what the
//! app saw and did: sign-ins, the window's choices before an install, network choices, installs with their stacks and every stack
//! event seen (and their outputs once ready), every action on the vendor's access, and every attempt to post the hand-off.
//!
//! One [`Journal`] owns the one connection; every write runs in a transaction, and the
//! database runs in WAL mode with full sync, so a crash or `kill -9` loses no committed write.

mod access_actions;
mod access_baseline;
mod columns;
mod drafts;
mod failures;
mod files;
mod handoffs;
mod installs;
mod migrations;
mod network_choices;
mod sign_ins;
mod tokens;

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use rusqlite::{Connection, Transaction};

use crate::failure::{ErrorCode, Explain, Failure};
pub use access_baseline::{BaselineSource, RecordedBaseline};
pub use drafts::RecordedDraft;
pub use failures::RecordedFailure;
pub use handoffs::HandoffAttemptRecord;
pub use installs::{InstallationRecord, NewInstallation, StackEventRecord, StackRecord};
pub use network_choices::NetworkChoice;
pub use sign_ins::{SignIn, SignInRecord};

/// Overrides the directory of the journal (tests, sandboxes, portable installs).
pub const DATA_DIR_ENV: &str = "PRIVATE_DEPLOY_DATA_DIR";
/// The app's identifier: Tauri's `app_local_data_dir()` is `<data_local_dir>/<identifier>`,
/// and the CLI must find the same journal as the window.
pub const APP_IDENTIFIER: &str = "dev.privatedeploy.installer";
pub const FILE_NAME: &str = "journal.sqlite3";

#[derive(Debug, thiserror::Error)]
pub enum JournalError {
    #[error("the local journal at {path} could not be opened: {source}")]
    Open { path: PathBuf, source: rusqlite::Error },
    #[error("the local journal's folder {path} could not be created: {source}")]
    CreateDir { path: PathBuf, source: std::io::Error },
    #[error("the local journal at {path} could not be made private to you: {source}")]
    Permissions { path: PathBuf, source: std::io::Error },
    #[error("the local journal was written by a newer version of Private Deploy (schema {found}, this version knows {known})")]
    TooNew { found: i64, known: i64 },
    #[error("no folder for local data was found; set {DATA_DIR_ENV}")]
    NoDataDir,
    /// The file is not a database, or SQLite's check found it damaged. Nothing more is read
    /// from or written to it.
    #[error("the local journal at {path} is damaged ({detail})")]
    Damaged { path: PathBuf, detail: String },
    #[error("the damaged journal {path} could not be set aside: {source}")]
    SetAside { path: PathBuf, source: std::io::Error },
    #[error("the local journal could not be read or written: {0}")]
    Sql(#[from] rusqlite::Error),
    /// The journal could not be opened when the app started (why is in the failure): the
    /// commands that need it say so; the others work.
    #[error("{}", .0.message)]
    Unusable(Box<Failure>),
}

impl Explain for JournalError {
    fn failure(&self) -> Failure {
        if let JournalError::Unusable(failure) = self {
            return (**failure).clone();
        }
        let hint = match self {
            JournalError::TooNew { .. } => "Update Private Deploy to the latest version.".to_owned(),
            JournalError::NoDataDir => format!("Set {DATA_DIR_ENV} to a folder you can write to."),
            JournalError::Damaged { .. } => format!(
                "Private Deploy has not changed the file. Set it aside to continue with a new journal: \
                 \"Set it aside\" in the window, or `{SET_ASIDE_COMMAND}`. It is renamed, not deleted. \
                 Installing again with the vendor's invite finds the stacks already in AWS."
            ),
            _ => format!(
                "Check that the folder is writable and the disk is not full, or set {DATA_DIR_ENV} to another folder."
            ),
        };
        Failure::new(ErrorCode::Journal, format!("{self}.")).with_hint(hint)
    }
}

/// The CLI command that sets a damaged journal aside (named in the hint the window shows too).
pub const SET_ASIDE_COMMAND: &str = "private-deploy journal set-aside";

/// Where the journal lives: `$PRIVATE_DEPLOY_DATA_DIR`, else the OS's local data dir.
pub fn default_path(data_dir_override: Option<&str>) -> Result<PathBuf, JournalError> {
    let dir = match data_dir_override.filter(|d| !d.is_empty()) {
        Some(dir) => PathBuf::from(dir),
        None => dirs::data_local_dir().ok_or(JournalError::NoDataDir)?.join(APP_IDENTIFIER),
    };
    Ok(dir.join(FILE_NAME))
}

pub struct Journal {
    state: Mutex<State>,
    path: PathBuf,
}

enum State {
    Open(Connection),
    /// Found damaged when opened: kept as it is, with what SQLite said.
    Damaged(String),
    /// Could not be opened at all (a folder that cannot be created, a newer version's file).
    Unusable(Failure),
}

impl std::fmt::Debug for Journal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Journal").field("path", &self.path).finish()
    }
}

impl Journal {
    /// Opens (or creates, readable by the user only) the journal at `path`. A file that is
    /// not a database or fails SQLite's check opens as damaged: commands that need no journal
    /// still work, the others get [`JournalError::Damaged`].
    pub fn open(path: &Path) -> Result<Self, JournalError> {
        files::prepare(path)?;
        let conn = Connection::open(path).map_err(|source| JournalError::Open { path: path.to_owned(), source })?;
        match Self::init(conn, path.to_owned()) {
            Err(JournalError::Sql(err)) if files::is_damage(&err) => {
                tracing::error!(path = %path.display(), error = %err, "the journal is damaged");
                Ok(Self { state: Mutex::new(State::Damaged(err.to_string())), path: path.to_owned() })
            }
            other => other,
        }
    }

    /// [`Journal::open`], or, when the journal cannot be opened, one that answers every read and
    /// write with why: the window and the commands that need no journal still start.
    pub fn open_or_unusable(path: &Path) -> Self {
        Self::open(path).unwrap_or_else(|err| {
            tracing::error!(path = %path.display(), error = %err, "the journal cannot be used");
            Self { state: Mutex::new(State::Unusable(err.failure())), path: path.to_owned() }
        })
    }

    pub fn open_in_memory() -> Result<Self, JournalError> {
        Self::init(Connection::open_in_memory()?, PathBuf::from(":memory:"))
    }

    fn init(mut conn: Connection, path: PathBuf) -> Result<Self, JournalError> {
        // A second window or a CLI run may hold the file briefly: wait rather than fail.
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        // Switching a new file to WAL needs it to itself, and SQLite answers "busy" at once
        // (without the busy timeout) while another process is creating it: wait for that too.
        let started = std::time::Instant::now();
        loop {
            match conn.pragma_update(None, "journal_mode", "WAL") {
                Err(err)
                    if err.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy)
                        && started.elapsed() < std::time::Duration::from_secs(5) =>
                {
                    std::thread::sleep(std::time::Duration::from_millis(10));
                }
                other => break other?,
            }
        }
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        files::check(&conn)?;
        migrations::migrate(&mut conn)?;
        Ok(Self { state: Mutex::new(State::Open(conn)), path })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// What is wrong with the journal, when it was found damaged or could not be opened.
    pub fn problem(&self) -> Option<JournalError> {
        match &*self.lock_state() {
            State::Open(_) => None,
            State::Damaged(detail) => Some(JournalError::Damaged { path: self.path.clone(), detail: detail.clone() }),
            State::Unusable(failure) => Some(JournalError::Unusable(Box::new(failure.clone()))),
        }
    }

    /// Renames a damaged journal (and its WAL files) to a name no file has, then starts a new
    /// one at the same path. Returns where the damaged file now is. A journal that is not
    /// damaged is left alone.
    pub fn set_aside(&self) -> Result<Option<PathBuf>, JournalError> {
        let mut state = self.lock_state();
        match &*state {
            State::Open(_) => return Ok(None),
            // Nothing to set aside: say why the journal cannot be used.
            State::Unusable(failure) => return Err(JournalError::Unusable(Box::new(failure.clone()))),
            State::Damaged(_) => {}
        }
        let aside = files::set_aside(&self.path)?;
        let fresh = Self::open(&self.path)?;
        *state = fresh.state.into_inner().unwrap_or_else(|p| p.into_inner());
        Ok(Some(aside))
    }

    fn lock_state(&self) -> MutexGuard<'_, State> {
        // A panic while holding the lock cannot leave a half-written transaction behind
        // (it rolls back on drop), so the connection is still good to use.
        self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn with_conn<T>(&self, f: impl FnOnce(&mut Connection) -> Result<T, JournalError>) -> Result<T, JournalError> {
        match &mut *self.lock_state() {
            State::Open(conn) => f(conn),
            State::Damaged(detail) => Err(JournalError::Damaged { path: self.path.clone(), detail: detail.clone() }),
            State::Unusable(failure) => Err(JournalError::Unusable(Box::new(failure.clone()))),
        }
    }

    /// Runs `f` in one transaction: all of it is committed, or none of it.
    pub(crate) fn write<T>(&self, f: impl FnOnce(&Transaction<'_>) -> rusqlite::Result<T>) -> Result<T, JournalError> {
        self.with_conn(|conn| {
            let tx = conn.transaction()?;
            let out = f(&tx)?;
            tx.commit()?;
            Ok(out)
        })
    }

    pub(crate) fn read<T>(&self, f: impl FnOnce(&Connection) -> rusqlite::Result<T>) -> Result<T, JournalError> {
        self.with_conn(|conn| Ok(f(conn)?))
    }
}

/// `result`, with a damaged or unusable journal read as "nothing": for what only decorates an answer
/// (the profile last used) or records a sign-in, so signing in works before the journal is
/// set aside. Other journal errors still fail.
pub fn unless_damaged<T>(result: Result<T, JournalError>) -> Result<Option<T>, JournalError> {
    match result {
        Ok(value) => Ok(Some(value)),
        Err(JournalError::Damaged { .. } | JournalError::Unusable(_)) => Ok(None),
        Err(err) => Err(err),
    }
}

/// The rows of a listing that this version can read. A row it cannot (a value edited by
/// hand, or written by a newer version) is left out with a warning naming the table, so one
/// bad row never hides the others; errors of the database itself still fail the read.
pub(crate) fn readable_rows<T>(
    table: &str,
    rows: impl Iterator<Item = rusqlite::Result<T>>,
) -> rusqlite::Result<Vec<T>> {
    let mut out = Vec::new();
    for row in rows {
        match row {
            Ok(value) => out.push(value),
            Err(
                err @ (rusqlite::Error::FromSqlConversionFailure(..)
                | rusqlite::Error::InvalidColumnType(..)
                | rusqlite::Error::IntegralValueOutOfRange(..)),
            ) => tracing::warn!(table, error = %err, "a journal row could not be read and is left out"),
            Err(err) => return Err(err),
        }
    }
    Ok(out)
}
