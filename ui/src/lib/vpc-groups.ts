// The discovered VPCs as the Network step lists them: grouped by region with
// the chosen region first, totals, display names, and the regions whose VPCs
// could not be read (so the admin knows what the planner did not see).
import type { DiscoveredVpc, Discovery, Suggestions } from './ipc';

export interface VpcGroup {
  region: string;
  vpcs: DiscoveredVpc[];
}

/**
 * The chosen region's group comes first and is always there, even empty (the
 * admin wants to see that it has no VPC); the other regions follow by name,
 * only those with VPCs. The back end sorts VPCs by region, then ID.
 */
export function groupByRegion(discovery: Discovery, chosen: string): VpcGroup[] {
  const byRegion = new Map<string, DiscoveredVpc[]>([[chosen, []]]);
  for (const vpc of discovery.vpcs) {
    const list = byRegion.get(vpc.region) ?? [];
    list.push(vpc);
    byRegion.set(vpc.region, list);
  }
  const others = [...byRegion.keys()].filter((r) => r !== chosen).sort();
  return [chosen, ...others].map((region) => ({ region, vpcs: byRegion.get(region) ?? [] }));
}

/** The Name tag, or "(default VPC)" for an unnamed default VPC; null when neither. */
export function vpcLabel(vpc: DiscoveredVpc): string | null {
  if (vpc.name) return vpc.name;
  return vpc.is_default ? '(default VPC)' : null;
}

/** "12 VPCs in 4 regions": the regions counted are those with at least one VPC. */
export function vpcTotals(discovery: Discovery): string {
  const vpcs = discovery.vpcs.length;
  const regions = new Set(discovery.vpcs.map((v) => v.region)).size;
  return `${plural(vpcs, 'VPC')} in ${plural(regions, 'region')}`;
}

export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

export interface UnreadRegion {
  region: string;
  /** Why discovery could not read it; null when only the suggestions named it. */
  message: string | null;
}

/**
 * Regions neither checks nor suggestions cover: the discovery's failures,
 * plus any the latest suggestions name (they come from the back end's cache,
 * which a refresh elsewhere may have changed).
 */
export function unreadRegions(discovery: Discovery | null, suggestions: Suggestions | null): UnreadRegion[] {
  const found = new Map<string, string | null>();
  for (const f of discovery?.failed ?? []) found.set(f.region, f.error.message);
  for (const r of suggestions?.unread_regions ?? []) if (!found.has(r)) found.set(r, null);
  return [...found].map(([region, message]) => ({ region, message })).sort((a, b) => a.region.localeCompare(b.region));
}
