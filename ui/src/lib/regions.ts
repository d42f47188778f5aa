// How regions are presented on the Region step, without the DOM: opt-in
// badges, the filter, what the VPC discovery says about each region, and which
// region starts out selected.
import type { Discovery, IpcError, OptInStatus, RegionInfo } from './ipc';

const OPT_IN_LABELS: Record<OptInStatus, string> = {
  opt_in_not_required: 'enabled',
  opted_in: 'opted in',
  not_opted_in: 'not enabled',
};

export function optInLabel(status: OptInStatus): string {
  return OPT_IN_LABELS[status] ?? status;
}

/** Case-insensitive substring match on the region's code or name; blank shows everything. */
export function filterRegions(regions: readonly RegionInfo[], filter: string): RegionInfo[] {
  const needle = filter.trim().toLowerCase();
  if (!needle) return [...regions];
  return regions.filter((r) => r.name.toLowerCase().includes(needle) || (r.title ?? '').toLowerCase().includes(needle));
}

/** What the discovery knows about one region's VPCs. */
export type RegionVpcs =
  | { state: 'counted'; count: number }
  | { state: 'failed'; error: IpcError }
  /** Not read: disabled regions are never read, and a discovery may predate an opt-in. */
  | { state: 'unread' };

export function regionVpcs(discovery: Discovery, region: string): RegionVpcs {
  const failure = discovery.failed.find((f) => f.region === region);
  if (failure) return { state: 'failed', error: failure.error };
  if (!discovery.regions.includes(region)) return { state: 'unread' };
  return { state: 'counted', count: discovery.vpcs.filter((v) => v.region === region).length };
}

/**
 * The region already chosen in this session is kept; then the region of the
 * last saved network choice, then the signed-in profile's region. Only an
 * enabled region of the list can be preselected.
 */
export function preselectedRegion(
  regions: readonly RegionInfo[],
  candidates: readonly (string | null | undefined)[],
): string | null {
  const enabled = new Set(regions.filter((r) => r.enabled).map((r) => r.name));
  return candidates.find((c): c is string => typeof c === 'string' && enabled.has(c)) ?? null;
}

export function isEnabledRegion(regions: readonly RegionInfo[], name: string | null): boolean {
  return name !== null && regions.some((r) => r.name === name && r.enabled);
}
