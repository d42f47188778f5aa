// How AWS profiles are presented on the Sign in step: kind badges and which
// profile starts out selected.
import type { AwsProfile, ProfileKind, ProfileList } from './bindings';

const KIND_LABELS: Record<ProfileKind, string> = {
  static_keys: 'keys',
  sso: 'SSO',
  assume_role: 'assume role',
  credential_process: 'process',
  web_identity: 'web identity',
  other: 'other',
  pasted: 'pasted keys',
};

export function kindLabel(kind: ProfileKind): string {
  return KIND_LABELS[kind] ?? kind;
}

/**
 * The profile that worked last time is the best guess, then the one the
 * environment points at (AWS_PROFILE / "default"), then the first listed.
 * Names that are not in the list (a profile deleted since) are skipped.
 */
export function preselectedProfile(list: ProfileList): string | null {
  const names = new Set(list.profiles.map((p) => p.name));
  for (const candidate of [list.last_used, list.selected]) {
    if (candidate !== null && names.has(candidate)) return candidate;
  }
  return list.profiles[0]?.name ?? null;
}

export function findProfile(list: ProfileList | null, name: string | null): AwsProfile | null {
  if (!list || name === null) return null;
  return list.profiles.find((p) => p.name === name) ?? null;
}
