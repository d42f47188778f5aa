//! Signed updates through the Tauri updater plugin: looks for a newer release at the endpoint
//! in tauri.conf.json (`plugins.updater`), keeps the one found until the admin installs it, and
//! installs only an artifact whose minisign signature verifies against the release key compiled
//! in from the same file (and, `requireSignedVersion`, that was signed for the version offered).
//! What the offer looks like and what a refusal says are the engine's (`engine::updates`).

use std::sync::Mutex;

use engine::updates::{install_for, UpdateError, UpdateOffer, RELEASES_PAGE};
use tauri::{AppHandle, Runtime};
use tauri_plugin_updater::{Error as PluginError, Update, UpdaterExt};

/// Another endpoint and key than the compiled-in ones: only the tests use it (with a key pair
/// they make), so no setting or argument of a shipped build can change which key is trusted.
pub struct Source {
    pub endpoint: url::Url,
    pub pubkey: String,
}

/// The update last found, until it is installed.
#[derive(Default)]
pub struct Pending(Mutex<Option<Update>>);

impl Pending {
    pub fn keep(&self, update: Option<Update>) {
        *self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = update;
    }

    pub fn take(&self) -> Option<Update> {
        self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner).take()
    }

    /// Keeps `update` again unless a check meanwhile found another.
    pub fn put_back(&self, update: Update) {
        self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner).get_or_insert(update);
    }

    pub fn is_empty(&self) -> bool {
        self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner).is_none()
    }
}

/// Asks the endpoint whether a newer release exists. Nothing is downloaded yet.
pub async fn check<R: Runtime>(app: &AppHandle<R>, source: Option<&Source>) -> Result<Option<Update>, UpdateError> {
    let mut builder = app.updater_builder();
    if let Some(source) = source {
        builder = builder.endpoints(vec![source.endpoint.clone()]).map_err(explained)?.pubkey(source.pubkey.clone());
    }
    builder.build().map_err(explained)?.check().await.map_err(explained)
}

/// What the window shows of an update found by [`check`].
pub fn offer(update: &Update) -> UpdateOffer {
    let bundle = tauri::utils::platform::bundle_type().map(|b| b.to_string());
    UpdateOffer {
        current_version: update.current_version.clone(),
        version: update.version.clone(),
        notes: update.body.clone().filter(|b| !b.trim().is_empty()),
        published: update.raw_json.get("pub_date").and_then(|d| d.as_str()).map(str::to_owned),
        install: install_for(bundle.as_deref()),
        download_page: RELEASES_PAGE.to_owned(),
    }
}

/// Downloads the release's artifact and checks its signature; the bytes come back only when it
/// verifies.
pub async fn download(update: &Update) -> Result<Vec<u8>, UpdateError> {
    update.download(|_, _| {}, || {}).await.map_err(explained)
}

/// Downloads the update `pending` holds. When the download is lost on the way, the update
/// stays pending so that "Install and restart" can simply be pressed again; a refused one does
/// not (the next check asks the server afresh).
pub async fn download_pending(pending: &Pending) -> Result<(Update, Vec<u8>), UpdateError> {
    let update = pending.take().ok_or(UpdateError::NothingToInstall)?;
    match download(&update).await {
        Ok(bytes) => Ok((update, bytes)),
        Err(err) => {
            if err.can_retry() {
                pending.put_back(update);
            }
            Err(err)
        }
    }
}

/// Installs verified bytes (the plugin verifies them once more) in place of this copy.
pub fn install(update: &Update, bytes: &[u8]) -> Result<(), UpdateError> {
    update.install(bytes).map_err(explained)
}

/// The plugin's errors in the admin's terms: a signature problem is a refusal, never a retry.
fn explained(err: PluginError) -> UpdateError {
    match err {
        PluginError::Minisign(_) | PluginError::Base64(_) | PluginError::SignatureUtf8(_) => {
            UpdateError::SignatureInvalid
        }
        PluginError::MissingSignedVersion => UpdateError::Unsigned,
        PluginError::SignedVersionMismatch { signed, announced } => UpdateError::VersionMismatch { signed, announced },
        PluginError::Reqwest(e) => UpdateError::Unreachable { reason: e.to_string() },
        PluginError::Network(reason) => UpdateError::Unreachable { reason },
        PluginError::Serialization(e) => UpdateError::BadAnswer { reason: e.to_string() },
        PluginError::ReleaseNotFound | PluginError::TargetNotFound(_) | PluginError::TargetsNotFound(_) => {
            UpdateError::BadAnswer { reason: err.to_string() }
        }
        other => UpdateError::InstallFailed { reason: other.to_string() },
    }
}
