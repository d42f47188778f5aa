// How the Manage step names an installation in its picker. Which installations
// it offers (the account's ready ones, newest first) is the engine's
// `manageable_installations`.
import type { InstallationStatus } from './ipc';

/** "Sandbox Vendor · sandbox-demo · us-east-1": the text of one choice in the picker. */
export function installationLabel(s: InstallationStatus): string {
  return `${s.vendor_name} · ${s.installation_id} · ${s.region}`;
}
