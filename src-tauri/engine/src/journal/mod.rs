//! The local journal: an SQLite file in the app's local data dir that remembers what the
//! app saw and did: sign-ins, the window's choices before an install, network choices, installs with their stacks and every stack
//! event seen, and every action on the vendor's access.
//!
//! One [`Journal`] owns the one connection; every write runs in a transaction, and the
//! database runs in WAL mode with full sync, so a crash or `kill -9` loses no committed write.

mod access_actions;
mod access_baseline;
mod columns;
mod drafts;
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
    #[error("the local journal was written by a newer version of Private Deploy (schema {found}, this version knows {known})")]
    TooNew { found: i64, known: i64 },
    #[error("no folder for local data was found; set {DATA_DIR_ENV}")]
    NoDataDir,
    #[error("the local journal could not be read or written: {0}")]
    Sql(#[from] rusqlite::Error),
}

impl Explain for JournalError {
    fn failure(&self) -> Failure {
        let hint = match self {
            JournalError::TooNew { .. } => "Update Private Deploy to the latest version.".to_owned(),
            JournalError::NoDataDir => format!("Set {DATA_DIR_ENV} to a folder you can write to."),
            _ => format!(
                "Check that the folder is writable and the disk is not full, or set {DATA_DIR_ENV} to another folder."
            ),
        };
        Failure::new(ErrorCode::Journal, format!("{self}.")).with_hint(hint)
    }
}

/// Where the journal lives: `$PRIVATE_DEPLOY_DATA_DIR`, else the OS's local data dir.
pub fn default_path(data_dir_override: Option<&str>) -> Result<PathBuf, JournalError> {
    let dir = match data_dir_override.filter(|d| !d.is_empty()) {
        Some(dir) => PathBuf::from(dir),
        None => dirs::data_local_dir().ok_or(JournalError::NoDataDir)?.join(APP_IDENTIFIER),
    };
    Ok(dir.join(FILE_NAME))
}

pub struct Journal {
    conn: Mutex<Connection>,
    path: PathBuf,
}

impl std::fmt::Debug for Journal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Journal").field("path", &self.path).finish()
    }
}

impl Journal {
    pub fn open(path: &Path) -> Result<Self, JournalError> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|source| JournalError::CreateDir { path: dir.to_owned(), source })?;
        }
        let conn = Connection::open(path).map_err(|source| JournalError::Open { path: path.to_owned(), source })?;
        Self::init(conn, path.to_owned())
    }

    pub fn open_in_memory() -> Result<Self, JournalError> {
        Self::init(Connection::open_in_memory()?, PathBuf::from(":memory:"))
    }

    fn init(mut conn: Connection, path: PathBuf) -> Result<Self, JournalError> {
        // A second window or a CLI run may hold the file briefly: wait rather than fail.
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        migrations::migrate(&mut conn)?;
        Ok(Self { conn: Mutex::new(conn), path })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn lock(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock cannot leave a half-written transaction behind
        // (it rolls back on drop), so the connection is still good to use.
        self.conn.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Runs `f` in one transaction: all of it is committed, or none of it.
    pub(crate) fn write<T>(&self, f: impl FnOnce(&Transaction<'_>) -> rusqlite::Result<T>) -> Result<T, JournalError> {
        let mut conn = self.lock();
        let tx = conn.transaction()?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }

    pub(crate) fn read<T>(&self, f: impl FnOnce(&Connection) -> rusqlite::Result<T>) -> Result<T, JournalError> {
        Ok(f(&self.lock())?)
    }
}
