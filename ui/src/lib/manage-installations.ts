// Which installations the Manage step offers: the signed-in account's ready
// ones, the most recently changed first (the one just installed, usually).
import type { InstallationStatus } from './ipc';

export function manageable(all: readonly InstallationStatus[], account: string): InstallationStatus[] {
  return all
    .filter((s) => s.account === account && s.state === 'ready')
    .sort((a, b) => Date.parse(b.updated_at) - Date.parse(a.updated_at));
}

/** "Sandbox Vendor · sandbox-demo · us-east-1": the text of one choice in the picker. */
export function installationLabel(s: InstallationStatus): string {
  return `${s.vendor_name} · ${s.installation_id} · ${s.region}`;
}
