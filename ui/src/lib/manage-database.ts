// The database check's words: whether the typed text can be checked at all
// (a VPC ID or an IPv4 CIDR block), and how a block relates to the
// environment's, for the sentence under the result.
import type { DatabaseCheck, Relation } from './ipc';

const VPC_ID = /^vpc-[0-9a-f]{8}([0-9a-f]{9})?$/;
const CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** Why the text cannot be checked, or null when it looks like a VPC ID or a CIDR block. */
export function databaseInputProblem(text: string): string | null {
  const t = text.trim();
  if (!t) return 'Type the VPC ID or the CIDR block of the database network';
  if (VPC_ID.test(t)) return null;
  const m = CIDR.exec(t);
  if (m) {
    const octets = m.slice(1, 5).map(Number);
    if (octets.some((o) => o > 255) || Number(m[5]) > 32) return `${t} is not a valid IPv4 CIDR block`;
    return null;
  }
  return 'Type a VPC ID (vpc-0123456789abcdef0) or a CIDR block (10.20.0.0/16)';
}

const RELATIONS: Record<Relation, string> = {
  equal: 'is the same block as',
  contains: 'contains',
  contained_by: 'lies inside',
};

/** "10.2.0.0/16 contains the environment's 10.2.0.0/20". */
export function relationSentence(cidr: string, relation: Relation, environment: string): string {
  return `${cidr} ${RELATIONS[relation]} the environment's ${environment}`;
}

/** The result's headline: whether peering or a Transit Gateway can join the two networks. */
export function overlapHeadline(check: DatabaseCheck): string {
  const what = check.vpc_id ?? check.input;
  return check.ok
    ? `No overlap: ${what} can be connected to the environment by VPC peering or a Transit Gateway.`
    : `Overlap: ${what} cannot be connected by VPC peering or a Transit Gateway, which need blocks that do not overlap.`;
}
