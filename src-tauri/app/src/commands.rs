//! The IPC commands. Each is one call into the engine; argument and result types are the
//! engine's own, exported to `ui/src/lib/bindings.ts`. A `#[tauri::command]` here is all there
//! is to declaring a command: build.rs registers it, makes it need a permission, and gives the
//! UI its TypeScript signature (see `ipc.rs`).

use tauri::ipc::Channel;
use tauri::{AppHandle, State};

use super::launch::Launches;
use super::notify::notify_outcome;
use super::sink::{export_dir, ChannelSink};
use super::sso_pages::SsoPages;
use super::updates;
use engine::access::{
    AccessActionRecord, AccessStatus, AuditQuery, AuditReport, DatabaseCheck, Drift, NatAddress, TightenPreview,
};
use engine::access::{AccessRequest, AccessWarnings, ReadySummary};
use engine::handoff::{HandoffSent, HandoffView};
use engine::install::{
    DeleteOptions, DeletionPreview, InstallEvent, InstallOutcome, InstallRequest, InstallationStatus, Landing,
    PlanSummary, StackKind,
};
use engine::install::{InstallDraft, RestoredDraft};
use engine::invite::{Invite, InviteLimits, InviteSummary};
use engine::launch::InviteLaunch;
use engine::templates::{AccessReview, VpcLimits};
use engine::ErrorCode;

use engine::aws::sso::{DeviceLogin, SsoAccount, SsoChoice, SsoConfigPreview, SsoLoggedIn, SsoTarget};
use engine::aws::{Identity, ProfileList};
use engine::diagnostics::Diagnostics;
use engine::journal::NetworkChoice;
use engine::network::cidr::{CheckReport, Suggestions};
use engine::network::discovery::{Discovery, RegionInfo};
use engine::network::{parse_avoid_inputs, AvoidInput};
use engine::preflight::Preflight;
use engine::updates::UpdateOffer;
use engine::{AppInfo, Engine, Failure};

#[tauri::command]
pub fn app_info(engine: State<'_, Engine>) -> AppInfo {
    engine.app_info()
}

/// The support report, with the window's shell (Tauri and the system web view) filled in.
/// Async: it reads the journal and the key file, off the window's main thread.
#[tauri::command]
pub async fn diagnostics(engine: State<'_, Engine>) -> Result<Diagnostics, Failure> {
    let webview = tauri::webview_version().unwrap_or_else(|_| "unknown".to_owned());
    Ok(engine.diagnostics(Some(format!("Tauri {}, web view {webview}", tauri::VERSION))))
}

#[tauri::command]
pub async fn list_profiles(engine: State<'_, Engine>) -> Result<ProfileList, Failure> {
    Ok(engine.list_profiles().await?)
}

#[tauri::command]
/// `mfa_code`: the code of the MFA device a role profile names (`mfa_serial`), when it has one.
pub async fn sign_in(
    engine: State<'_, Engine>,
    profile: String,
    mfa_code: Option<String>,
) -> Result<Identity, Failure> {
    Ok(engine.sign_in_with_code(Some(profile), None, mfa_code).await?)
}

/// Keys pasted from the AWS access portal: kept in memory for this run only (see the engine).
#[tauri::command]
pub async fn sign_in_pasted(engine: State<'_, Engine>, text: String) -> Result<Identity, Failure> {
    Ok(engine.sign_in_pasted(&text, None).await?)
}

/// The UI calls this once its first screen has painted; the start-up benchmark reads the log line.
#[tauri::command]
pub fn frontend_ready() {
    tracing::info!(elapsed_ms = crate::startup::elapsed_ms() as u64, "first paint");
}

/// The VPC sizes the environment takes: the Network step offers and explains only these.
#[tauri::command]
pub fn vpc_limits() -> VpcLimits {
    engine::templates::VPC_LIMITS
}

#[tauri::command]
pub async fn list_regions(engine: State<'_, Engine>) -> Result<Vec<RegionInfo>, Failure> {
    Ok(engine.regions().await?.as_ref().clone())
}

#[tauri::command]
pub async fn discover_networks(engine: State<'_, Engine>, refresh: bool) -> Result<Discovery, Failure> {
    Ok(engine.discovery(refresh).await?.as_ref().clone())
}

#[tauri::command]
pub async fn check_cidr(
    engine: State<'_, Engine>,
    input: String,
    avoid: Vec<AvoidInput>,
    allow_public: bool,
) -> Result<CheckReport, Failure> {
    Ok(engine.check_cidr(&input, parse_avoid_inputs(&avoid)?, allow_public).await?)
}

#[tauri::command]
pub async fn suggest_cidrs(
    engine: State<'_, Engine>,
    prefix: u8,
    avoid: Vec<AvoidInput>,
    count: usize,
) -> Result<Suggestions, Failure> {
    Ok(engine.suggest_cidrs(prefix, parse_avoid_inputs(&avoid)?, count).await?)
}

#[tauri::command]
pub async fn choose_network(
    engine: State<'_, Engine>,
    region: String,
    cidr: String,
    avoid: Vec<AvoidInput>,
) -> Result<NetworkChoice, Failure> {
    Ok(engine.choose_network(&region, &cidr, parse_avoid_inputs(&avoid)?).await?)
}

#[tauri::command]
pub async fn last_network_choice(engine: State<'_, Engine>) -> Result<Option<NetworkChoice>, Failure> {
    Ok(engine.last_network_choice().await?)
}

/// The size past which the window refuses a picked or dropped file without reading it.
#[tauri::command]
pub fn invite_limits() -> InviteLimits {
    engine::invite::INVITE_LIMITS
}

// Async: Tauri runs a sync command on the window's main thread, and these read the vendor
// keys file when one is configured.
#[tauri::command]
pub async fn open_invite_text(engine: State<'_, Engine>, text: String) -> Result<InviteSummary, Failure> {
    Ok(engine.open_invite_text(&text)?)
}

#[tauri::command]
pub async fn open_invite_link(engine: State<'_, Engine>, link: String) -> Result<InviteSummary, Failure> {
    Ok(engine.open_invite_link(&link)?)
}

/// Invites the app was started with, now and later: a link or file on the command line, and
/// the links a second launch hands over.
#[tauri::command]
pub fn watch_launches(launches: State<'_, Launches>, on_launch: Channel<InviteLaunch>) {
    launches.watch(on_launch);
}

#[tauri::command]
pub async fn review_access(
    engine: State<'_, Engine>,
    invite: Invite,
    use_boundary: bool,
    template_url: Option<String>,
) -> Result<AccessReview, Failure> {
    Ok(engine.review_access(&invite, use_boundary, template_url.as_deref())?)
}

/// Saves the access template into the Downloads folder (the home folder without one).
#[tauri::command]
pub async fn export_access_template(engine: State<'_, Engine>) -> Result<String, Failure> {
    let dir = export_dir().ok_or_else(|| {
        Failure::new(ErrorCode::InvalidInput, "There is no Downloads or home folder to save the template in.")
            .with_hint("Copy the template from the screen instead.")
    })?;
    Ok(engine.export_access_template(&dir)?.display().to_string())
}

#[tauri::command]
pub async fn plan_install(engine: State<'_, Engine>, request: InstallRequest) -> Result<PlanSummary, Failure> {
    Ok(engine.plan_summary(&request).await?)
}

#[tauri::command]
pub async fn start_install(
    app: AppHandle,
    engine: State<'_, Engine>,
    request: InstallRequest,
    on_event: Channel<InstallEvent>,
) -> Result<InstallOutcome, Failure> {
    let outcome = engine.start_install(request, ChannelSink::shared(on_event)).await?;
    notify_outcome(&app, &outcome);
    Ok(outcome)
}

#[tauri::command]
pub async fn retry_install(
    app: AppHandle,
    engine: State<'_, Engine>,
    installation_id: String,
    on_event: Channel<InstallEvent>,
) -> Result<InstallOutcome, Failure> {
    let outcome = engine.retry_install(&installation_id, ChannelSink::shared(on_event)).await?;
    notify_outcome(&app, &outcome);
    Ok(outcome)
}

#[tauri::command]
pub async fn follow_install(
    app: AppHandle,
    engine: State<'_, Engine>,
    installation_id: String,
    on_event: Channel<InstallEvent>,
) -> Result<InstallOutcome, Failure> {
    let outcome = engine.follow_install(&installation_id, ChannelSink::shared(on_event)).await?;
    notify_outcome(&app, &outcome);
    Ok(outcome)
}

#[tauri::command]
pub async fn clean_up_install(
    engine: State<'_, Engine>,
    installation_id: String,
    options: Option<DeleteOptions>,
    on_event: Channel<InstallEvent>,
) -> Result<Vec<StackKind>, Failure> {
    let options = options.unwrap_or_default();
    Ok(engine.clean_up_install(&installation_id, &options, ChannelSink::shared(on_event).as_ref()).await?)
}

/// What deleting the stacks would do (each stack's state, what failed, what else is in the
/// environment's VPC), before the admin confirms.
#[tauri::command]
pub async fn delete_stacks_preview(
    engine: State<'_, Engine>,
    installation_id: Option<String>,
) -> Result<DeletionPreview, Failure> {
    Ok(engine.delete_stacks_preview(installation_id.as_deref()).await?)
}

#[tauri::command]
pub async fn install_status(engine: State<'_, Engine>) -> Result<Vec<InstallationStatus>, Failure> {
    Ok(engine.install_status().await?)
}

/// Where the window goes after a sign-in: an install to pick up, Manage, or a new install.
#[tauri::command]
pub async fn landing(engine: State<'_, Engine>) -> Result<Landing, Failure> {
    Ok(engine.landing().await?)
}

/// The installations the Manage step offers, the most recently changed first.
#[tauri::command]
pub async fn manageable_installations(engine: State<'_, Engine>) -> Result<Vec<InstallationStatus>, Failure> {
    Ok(engine.manageable_installations().await?)
}

#[tauri::command]
pub async fn access_status(
    engine: State<'_, Engine>,
    installation_id: Option<String>,
) -> Result<AccessStatus, Failure> {
    Ok(engine.access_status(installation_id.as_deref()).await?)
}

#[tauri::command]
pub fn access_warnings() -> AccessWarnings {
    engine::access::access_warnings()
}

/// An action on the vendor's access; while stacks are deleted, their status goes to `on_event`.
/// `accepted_drift`: the changes made outside Private Deploy that the admin reviewed and
/// accepts first (refused if the role changed again since).
#[tauri::command]
pub async fn access_action(
    engine: State<'_, Engine>,
    installation_id: Option<String>,
    request: AccessRequest,
    confirm_account: Option<String>,
    accepted_drift: Option<Vec<Drift>>,
    on_event: Channel<InstallEvent>,
) -> Result<AccessActionRecord, Failure> {
    let sink = ChannelSink::shared(on_event);
    if let Some(seen) = accepted_drift.filter(|d| !d.is_empty()) {
        engine.accept_drift(installation_id.as_deref(), Some(&seen)).await?;
    }
    Ok(engine.access_request(installation_id.as_deref(), request, confirm_account.as_deref(), sink.as_ref()).await?)
}

#[tauri::command]
pub async fn tighten_preview(
    engine: State<'_, Engine>,
    installation_id: Option<String>,
) -> Result<TightenPreview, Failure> {
    Ok(engine.tighten_preview(installation_id.as_deref()).await?)
}

#[tauri::command]
pub async fn access_audit(
    engine: State<'_, Engine>,
    installation_id: Option<String>,
    query: AuditQuery,
) -> Result<AuditReport, Failure> {
    Ok(engine.audit(installation_id.as_deref(), query).await?)
}

#[tauri::command]
pub async fn database_check(
    engine: State<'_, Engine>,
    installation_id: Option<String>,
    vpc_or_cidr: String,
) -> Result<DatabaseCheck, Failure> {
    Ok(engine.database_check(installation_id.as_deref(), &vpc_or_cidr).await?)
}

#[tauri::command]
pub async fn nat_addresses(
    engine: State<'_, Engine>,
    installation_id: Option<String>,
) -> Result<Vec<NatAddress>, Failure> {
    Ok(engine.nat_addresses(installation_id.as_deref()).await?)
}

/// The signed-in account's installation of this ID, when one is recorded, with its phase.
#[tauri::command]
pub async fn installation(
    engine: State<'_, Engine>,
    installation_id: String,
) -> Result<Option<InstallationStatus>, Failure> {
    Ok(engine.installation(&installation_id).await?)
}

/// Saves the window's choices before an install (see `install::draft`).
#[tauri::command]
pub async fn save_draft(engine: State<'_, Engine>, draft: InstallDraft) -> Result<(), Failure> {
    Ok(engine.save_draft(&draft)?)
}

/// The choices saved before the app last closed, the invite validated again.
#[tauri::command]
pub async fn restore_draft(engine: State<'_, Engine>) -> Result<Option<RestoredDraft>, Failure> {
    Ok(engine.restore_draft()?)
}

/// What Ready says: who has what access, the role ARN and External ID, console links, what
/// happens next and the vendor's access now, read live.
#[tauri::command]
pub async fn ready_summary(
    engine: State<'_, Engine>,
    installation_id: Option<String>,
) -> Result<ReadySummary, Failure> {
    Ok(engine.ready_summary(installation_id.as_deref()).await?)
}

/// Renames a damaged journal aside and starts a new one; returns where the old one went.
#[tauri::command]
pub async fn set_journal_aside(engine: State<'_, Engine>) -> Result<Option<String>, Failure> {
    Ok(engine.set_journal_aside()?)
}

// --- IAM Identity Center sign-in (the engine's `sso_*`; the window's page opener) ---

/// Starts a device login for an SSO profile or a typed start URL: the code to show, the page
/// to open. The page is kept here so that `sso_open_page` opens only it.
#[tauri::command]
pub async fn sso_begin(
    engine: State<'_, Engine>,
    pages: State<'_, SsoPages>,
    target: SsoTarget,
) -> Result<DeviceLogin, Failure> {
    let login = engine.sso_begin(target).await?;
    pages.remember(&login);
    Ok(login)
}

/// Opens the login's own verification page in the system browser (see `sso_pages.rs`).
#[tauri::command]
pub fn sso_open_page(pages: State<'_, SsoPages>, login_id: String) -> Result<(), Failure> {
    pages.open(&login_id)
}

/// Waits until the admin approves (or refuses, or the code expires, or `sso_cancel`); the token
/// is then in the AWS CLI's cache.
#[tauri::command]
pub async fn sso_finish(
    engine: State<'_, Engine>,
    pages: State<'_, SsoPages>,
    login_id: String,
) -> Result<SsoLoggedIn, Failure> {
    let finished = engine.sso_finish(&login_id).await;
    pages.forget(&login_id);
    Ok(finished?)
}

/// Stops the login: its `sso_finish` returns at once, as cancelled.
#[tauri::command]
pub fn sso_cancel(engine: State<'_, Engine>, pages: State<'_, SsoPages>, login_id: String) {
    pages.forget(&login_id);
    engine.sso_cancel(&login_id);
}

#[tauri::command]
pub async fn sso_accounts(
    engine: State<'_, Engine>,
    start_url: String,
    sso_region: String,
) -> Result<Vec<SsoAccount>, Failure> {
    Ok(engine.sso_accounts(&start_url, &sso_region).await?)
}

#[tauri::command]
pub async fn sso_roles(
    engine: State<'_, Engine>,
    start_url: String,
    sso_region: String,
    account_id: String,
) -> Result<Vec<String>, Failure> {
    Ok(engine.sso_roles(&start_url, &sso_region, &account_id).await?)
}

/// The exact text saving the choice would append to the AWS config file; writes nothing.
#[tauri::command]
pub async fn sso_config_preview(engine: State<'_, Engine>, choice: SsoChoice) -> Result<SsoConfigPreview, Failure> {
    Ok(engine.sso_config_preview(&choice).await?)
}

/// Signs in as the chosen role; `save` appends the previewed profile to the config file first.
#[tauri::command]
pub async fn sign_in_sso(engine: State<'_, Engine>, choice: SsoChoice, save: bool) -> Result<Identity, Failure> {
    Ok(engine.sign_in_sso(choice, save).await?)
}

/// Gives up on the work waiting for a new sign-in after its credentials expired: it stops
/// with the expiry, the journal as it was (the install is resumed by the next follow or Retry).
#[tauri::command]
pub fn cancel_renewal(engine: State<'_, Engine>) {
    engine.cancel_renewal();
}

// COMMANDS and signatures(), written by build.rs from the functions above: here, because the
// argument and result types are named as they are imported in this file.
include!(concat!(env!("OUT_DIR"), "/ipc_commands.rs"));

/// The custom endpoints of the signed-in session (the header's badge after a sign-in).
#[tauri::command]
pub fn session_endpoints(engine: State<'_, Engine>) -> Vec<engine::aws::EndpointOverride> {
    engine.session_endpoints()
}

/// Every check before the install (names, quotas, zones, routes, permissions, hooks,
/// CloudFormation's validation) and the environment's fixed cost; nothing is created.
#[tauri::command]
pub async fn preflight(engine: State<'_, Engine>, request: InstallRequest) -> Result<Preflight, Failure> {
    Ok(engine.preflight(&request).await?)
}

/// Looks for a newer signed release. `automatic`: the window asks by itself when it starts,
/// which only a release build does and `PRIVATE_DEPLOY_UPDATES=off` turns off (then: none).
/// The update found is kept for `install_update`.
#[tauri::command]
pub async fn check_for_update(
    app: AppHandle,
    pending: State<'_, updates::Pending>,
    automatic: bool,
) -> Result<Option<UpdateOffer>, Failure> {
    let setting = std::env::var(engine::updates::UPDATES_SETTING).ok();
    if automatic && !engine::updates::checks_on_start(!cfg!(debug_assertions), setting.as_deref()) {
        return Ok(None);
    }
    let update = updates::check(&app, None).await.map_err(|e| engine::Explain::failure(&e))?;
    let offer = update.as_ref().map(updates::offer);
    pending.keep(update);
    Ok(offer)
}

/// Downloads the update `check_for_update` found, installs it if its signature verifies, and
/// restarts into the new version. A refused update leaves this version as it was.
#[tauri::command]
pub async fn install_update(app: AppHandle, pending: State<'_, updates::Pending>) -> Result<(), Failure> {
    let explain = |e: engine::updates::UpdateError| engine::Explain::failure(&e);
    let (update, bytes) = updates::download_pending(&pending).await.map_err(explain)?;
    updates::install(&update, &bytes).map_err(explain)?;
    app.restart()
}

/// Opens the releases page in the browser, for a copy the updater cannot replace in place.
#[tauri::command]
pub fn open_download_page() -> Result<(), Failure> {
    tauri_plugin_opener::open_url(engine::updates::RELEASES_PAGE, None::<&str>).map_err(|e| {
        Failure::new(ErrorCode::Internal, format!("no browser could be started: {e}"))
            .with_hint(format!("Open {} in any browser.", engine::updates::RELEASES_PAGE))
    })
}

// --- The hand-off (what the vendor needs once ready, and its post to the invite's callback) ---

/// The installation's hand-off document, the exact body sent, where it goes and what was sent.
#[tauri::command]
pub fn handoff(engine: State<'_, Engine>, installation_id: String) -> Result<HandoffView, Failure> {
    Ok(engine.handoff(&installation_id)?)
}

/// Posts the hand-off to the invite's callback (https only, retried); the vendor's answer.
#[tauri::command]
pub async fn send_handoff(engine: State<'_, Engine>, installation_id: String) -> Result<HandoffSent, Failure> {
    Ok(engine.send_handoff(&installation_id).await?)
}

/// Saves the hand-off's JSON in the Downloads folder (else home); returns its path.
#[tauri::command]
pub fn export_handoff(engine: State<'_, Engine>, installation_id: String) -> Result<String, Failure> {
    let dir = export_dir().ok_or_else(|| {
        Failure::new(ErrorCode::InvalidInput, "There is no Downloads or home folder to save the file in.")
            .with_hint("Use Copy instead.")
    })?;
    Ok(engine.export_handoff(&installation_id, &dir)?.display().to_string())
}
