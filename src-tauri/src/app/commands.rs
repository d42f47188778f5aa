//! The IPC commands. Each is one call into the engine; argument and result types are the
//! engine's own, exported to `ui/src/lib/bindings.ts`.

use tauri::State;

use crate::engine::aws::{Identity, ProfileList};
use crate::engine::cidr::{CheckReport, Suggestions};
use crate::engine::discovery::{Discovery, RegionInfo};
use crate::engine::journal::NetworkChoice;
use crate::engine::planning::{parse_avoid_inputs, AvoidInput};
use crate::engine::{AppInfo, Engine, Failure};

#[tauri::command]
pub fn app_info(engine: State<'_, Engine>) -> AppInfo {
    engine.app_info()
}

#[tauri::command]
pub async fn list_profiles(engine: State<'_, Engine>) -> Result<ProfileList, Failure> {
    Ok(engine.list_profiles().await?)
}

#[tauri::command]
pub async fn sign_in(engine: State<'_, Engine>, profile: String) -> Result<Identity, Failure> {
    Ok(engine.sign_in(Some(profile), None).await?)
}

/// The UI calls this once its first screen has painted; the start-up benchmark reads the log line.
#[tauri::command]
pub fn frontend_ready() {
    tracing::info!(elapsed_ms = crate::startup::elapsed_ms() as u64, "first paint");
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
