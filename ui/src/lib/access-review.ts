// What the Review access step says in plain words about the access stack:
// who may assume the role, read from the trust policy itself (not from the
// invite, so the sentence describes exactly what would be created), and the
// checks on the template URL made before asking the back end for a link.

export interface TrustSummary {
  /** Account IDs allowed to assume the role. */
  accounts: string[];
  /** The required sts:ExternalId values. */
  externalIds: string[];
  /** Role principals: only these roles (of `accounts`) may assume it. */
  roles: string[];
  /** The vendor must set sts:SourceIdentity (a Null "false" condition on it). */
  sourceIdentity: boolean;
}

function list(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

/** `arn:aws:iam::210987654321:root` or `210987654321` → the account ID. */
function accountOf(principal: string): string {
  const arn = /^arn:[\w-]+:iam::(\d{12}):/.exec(principal);
  return arn ? arn[1] : principal;
}

/** The principals and External IDs of the trust policy's Allow statements; null when it cannot be read. */
export function readTrustPolicy(json: string): TrustSummary | null {
  let doc: unknown;
  try {
    doc = JSON.parse(json);
  } catch {
    return null;
  }
  if (typeof doc !== 'object' || doc === null) return null;
  const statements = (doc as { Statement?: unknown }).Statement;
  const all = Array.isArray(statements) ? statements : statements ? [statements] : [];
  const accounts = new Set<string>();
  const externalIds = new Set<string>();
  const roles = new Set<string>();
  let sourceIdentity = false;
  for (const st of all) {
    if (typeof st !== 'object' || st === null) continue;
    const s = st as { Effect?: unknown; Principal?: { AWS?: unknown }; Condition?: Record<string, Record<string, unknown>> };
    if (s.Effect !== 'Allow') continue;
    for (const p of list(s.Principal?.AWS)) {
      accounts.add(accountOf(p));
      if (/^arn:[\w-]+:iam::\d{12}:role\//.test(p)) roles.add(p);
    }
    for (const op of ['StringEquals', 'StringLike'] as const) {
      for (const id of list(s.Condition?.[op]?.['sts:ExternalId'])) externalIds.add(id);
    }
    if (list(s.Condition?.['Null']?.['sts:SourceIdentity']).includes('false')) sourceIdentity = true;
  }
  if (accounts.size === 0) return null;
  return { accounts: [...accounts], externalIds: [...externalIds], roles: [...roles], sourceIdentity };
}

/** "Only AWS account X may assume this role, and only with External ID Y." */
export function trustSentence(summary: TrustSummary | null): string {
  if (!summary) return 'Read the trust policy below: it says who may assume this role.';
  const who =
    summary.roles.length > 0
      ? `Only the role ${summary.roles.join(' or ')} may assume this role`
      : summary.accounts.length === 1
        ? `Only AWS account ${summary.accounts[0]} may assume this role`
        : `Only AWS accounts ${summary.accounts.join(', ')} may assume this role`;
  const identity = summary.sourceIdentity
    ? ' It must name the person using it (a source identity), which CloudTrail records with every call.'
    : '';
  if (summary.externalIds.length === 0) return `${who}, with no External ID required.${identity}`;
  return `${who}, and only with External ID ${summary.externalIds.join(' or ')}.${identity}`;
}

/** The last part of a managed policy ARN: `AdministratorAccess`. */
export function policyName(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1) || arn;
}
