// CIDR text in the window before it reaches the back end: the block sizes the
// environment takes (from the engine's limits, never a copy of them here), and
// a format check for the "Networks to avoid" field. The back end re-validates
// everything; this only refuses obvious typos on the spot.
import type { VpcLimits } from './bindings';

/** Every prefix length the environment takes, largest block first. */
export function prefixesOf(limits: VpcLimits): number[] {
  return Array.from({ length: limits.max_prefix - limits.min_prefix + 1 }, (_, i) => limits.min_prefix + i);
}

/** Why the sizes stop where they do, for the note under the typed block. */
export function sizeNote(limits: VpcLimits): string {
  return (
    `Type a block from /${limits.min_prefix} to /${limits.max_prefix}, such as 10.20.0.0/16; it is checked as you type. ` +
    `AWS takes VPCs down to /${limits.aws_max_prefix}, but the load balancer needs subnets of ` +
    `/${limits.max_subnet_prefix} or larger, so the smallest VPC is a /${limits.max_prefix}.`
  );
}

/** "/20 · 4,096 addresses": the size makes more sense to people than the prefix. */
export function prefixLabel(prefix: number): string {
  return `/${prefix} · ${(2 ** (32 - prefix)).toLocaleString('en-US')} addresses`;
}

// Octets without leading zeros: the back end's parser refuses "010.0.0.0/8".
const OCTET = '(?:0|[1-9]\\d{0,2})';
const CIDR = new RegExp(`^${OCTET}\\.${OCTET}\\.${OCTET}\\.${OCTET}/(\\d{1,2})$`);

/** True for IPv4 CIDR text a.b.c.d/n (octets 0-255, prefix 0-32). Host bits may be set. */
export function isCidrText(text: string): boolean {
  const m = CIDR.exec(text.trim());
  if (!m) return false;
  const octets = text.trim().split('/')[0].split('.').map(Number);
  return octets.every((o) => o <= 255) && Number(m[1]) <= 32;
}

export interface AvoidEntry {
  cidr: string;
  label: string;
}

/** Null when the entry may be added to the list; otherwise why not, shown under the field. */
export function avoidEntryError(cidr: string, label: string, existing: readonly AvoidEntry[]): string | null {
  const text = cidr.trim();
  if (!text) return 'Type the network to avoid, for example 192.168.0.0/16.';
  if (!isCidrText(text)) return `"${text}" is not an IPv4 CIDR block: write it as address/prefix, for example 192.168.0.0/16.`;
  if (!label.trim()) return 'Give the network a name, for example "Database VPC".';
  if (existing.some((e) => e.cidr === text)) return `${text} is already in the list.`;
  return null;
}
