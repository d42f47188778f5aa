// Test data of Manage (the vendor's access as read, the actions offered and taken, audit,
// database, deletion), shaped like the back end's replies; re-exported by fixtures.ts.
import type {
  AccessNow,
  DeletionPreview,
  ReadySummary,
  AccessActionKind,
  AccessActionRecord,
  AccessStatus,
  ActionOffer,
  AccessWarnings,
  AuditReport,
  NatAddress,
  TightenPreview,
} from '../lib/ipc';
import { ACCESS, ENV, ROLE_ARN, ready, trustPolicy } from './fixtures-core';

export const revocation: AccessActionRecord = {
  installation_id: 'sandbox-demo',
  account: '123456789012',
  caller_arn: 'arn:aws:sts::123456789012:assumed-role/AdministratorAccess/alice@prod-admin',
  action: 'revoke_sessions',
  summary: 'Sessions issued before 2026-11-22T10:00:00Z are denied.',
  detail: '{"Effect":"Deny"}',
  at: '2026-11-22T10:00:00Z',
  partial: false,
  drift: [],
};

/** The ten actions the engine offers, in its order. */
export const OFFERED: readonly AccessActionKind[] = [
  'open_window',
  'always_open',
  'close_window',
  'attach_boundary',
  'remove_boundary',
  'tighten',
  'revoke_sessions',
  'cut_off',
  'delete_role',
  'delete_stacks',
];

/**
 * The engine's offers (access::offers) as a status carries them: the flags it sends for each
 * action, every action available but those given with why not.
 */
export function offersWith(whyNot: Partial<Record<AccessActionKind, string>> = {}): ActionOffer[] {
  return OFFERED.map((kind) => ({
    kind,
    available: whyNot[kind] === undefined,
    needs_typed_confirmation: true,
    grants_access: kind === 'open_window' || kind === 'always_open' || kind === 'remove_boundary',
    ...(whyNot[kind] === undefined ? {} : { why_not: whyNot[kind] }),
  }));
}

/** The offers with the role gone: only the stacks are left to delete (or nothing, when they are gone too). */
export function roleGoneOffers(stacksDeleted = false): ActionOffer[] {
  const why = 'The role private-deploy-sandbox-demo is gone: only the stacks are left to delete';
  const all = Object.fromEntries(OFFERED.map((k) => [k, why])) as Record<AccessActionKind, string>;
  const { delete_stacks: _, ...rest } = { ...all, delete_role: 'The role is already deleted' };
  return offersWith(stacksDeleted ? { ...rest, delete_stacks: 'The stacks are already deleted' } : rest);
}

/** Read at 2026-12-01 10:00 UTC: the role is there, the window open until 14:00. */
export function accessStatusFor(overrides: Partial<AccessStatus> = {}): AccessStatus {
  return {
    installation: ready,
    role: {
      kind: 'present',
      role: {
        name: 'private-deploy-sandbox-demo',
        arn: ROLE_ARN,
        role_id: 'AROAEXAMPLEROLEID0001',
        path: '/private-deploy/',
        created_at: '2026-11-21T09:00:20Z',
        trust_policy: trustPolicy,
        trusted_principals: ['arn:aws:iam::210987654321:root'],
        external_id: 'pd-sandbox-demo-0001',
        inline_policies: [{ name: 'private-deploy-access-window', document: '{"Statement":[]}' }],
        attached_policies: [{ name: 'AdministratorAccess', arn: 'arn:aws:iam::aws:policy/AdministratorAccess' }],
      },
    },
    window: {
      kind: 'window',
      start: '2026-12-01T08:00:00Z',
      end: '2026-12-01T14:00:00Z',
      open_now: true,
      seconds_left: 4 * 3600,
    },
    last_revocation: revocation,
    recent_actions: [revocation],
    access_now: { kind: 'open_until', until: '2026-12-01T14:00:00Z' },
    drift: [],
    read_at: '2026-12-01T10:00:00Z',
    actions: offersWith({ remove_boundary: 'No boundary is attached' }),
    ...overrides,
  };
}

export const accessWarnings: AccessWarnings = {
  revoke_alone: 'Revoking sessions alone does not stop the vendor from assuming the role again: close the window too.',
  delete_role: 'The role belongs to the access stack: deleting it leaves the stack drifted. Delete the stacks instead to remove both.',
  delete_stacks: 'Deleting the stacks deletes the environment and the role; only a re-install brings them back.',
  max_window_hours: 72,
};

export function recordFor(action: AccessActionKind, summary = `${action} done.`): AccessActionRecord {
  return { ...revocation, action, summary, detail: '{}', at: '2026-12-01T10:05:00Z' };
}

export const tightenPreviewFixture: TightenPreview = {
  role_name: 'private-deploy-sandbox-demo',
  policy_name: 'private-deploy-scoped',
  policy: '{}',
  current: '{}',
  proposed: '{}',
  diff: [
    { kind: 'same', text: '{' },
    { kind: 'removed', text: '  "AttachedPolicies": ["AdministratorAccess"],' },
    { kind: 'added', text: '  "AttachedPolicies": [],' },
    { kind: 'added', text: '  "InlinePolicies": ["private-deploy-scoped"]' },
    { kind: 'same', text: '}' },
  ],
  resources: [
    { logical_id: 'Vpc', resource_type: 'AWS::EC2::VPC', arn: 'arn:aws:ec2:us-east-1:123456789012:vpc/vpc-0abc' },
    { logical_id: 'Route', resource_type: 'AWS::EC2::Route', note: 'Covered by its route table' },
  ],
  detaches: ['arn:aws:iam::aws:policy/AdministratorAccess'],
};

export const auditReport: AuditReport = {
  role_arn: ROLE_ARN,
  regions_read: ['eu-west-1', 'us-east-1'],
  regions_failed: [{ region: 'ap-southeast-2', error: { code: 'access_denied', message: 'Access denied for cloudtrail:LookupEvents.', hint: null } }],
  since: '2026-11-24T00:00:00Z',
  sessions: [
    { time: '2026-11-30T08:00:00Z', session_name: 'vendor-ops', access_key_id: 'ASIAKEY1', assumed_by: 'arn:aws:iam::210987654321:root', source_identity: 'alice@vendor', source_ip: '203.0.113.7' },
  ],
  events: [
    { event_id: 'e2', time: '2026-11-30T08:05:00Z', event_name: 'TerminateInstances', event_source: 'ec2.amazonaws.com', region: 'us-east-1', source_ip: '203.0.113.7', user_agent: 'aws-cli', error_code: 'AccessDenied', error_message: 'Denied by boundary', access_key_id: 'ASIAKEY1', source_identity: 'alice@vendor', read_only: false },
    { event_id: 'e1', time: '2026-11-30T08:01:00Z', event_name: 'DescribeInstances', event_source: 'ec2.amazonaws.com', region: 'us-east-1', source_ip: '203.0.113.7', user_agent: 'aws-cli', access_key_id: 'ASIAKEY1', source_identity: 'alice@vendor', read_only: true },
    { event_id: 'e3', time: '2026-11-29T07:00:00Z', event_name: 'ListBuckets', event_source: 's3.amazonaws.com', region: 'us-east-1', source_ip: '203.0.113.9', user_agent: 'aws-sdk', access_key_id: 'ASIAOTHER', read_only: true },
  ],
  truncated: false,
  requests: 3,
  identities: [
    { source_identity: 'alice@vendor', sessions: 1, calls: 2, errors: 1, last_seen: '2026-11-30T08:05:00Z' },
    { sessions: 0, calls: 1, errors: 0, last_seen: '2026-11-29T07:00:00Z' },
  ],
};

export const natAddressList: NatAddress[] = [
  { public_ip: '198.51.100.10', allocation_id: 'eipalloc-0aa', nat_gateway_id: 'nat-0aa', region: 'us-east-1' },
  { public_ip: '198.51.100.11', allocation_id: 'eipalloc-0bb', nat_gateway_id: 'nat-0bb', region: 'us-east-1' },
];

/** What the engine's ready_summary says for `ready`, with the vendor's access as given (open until 14:00 by default). */
export function readySummaryFor(access: AccessNow = { kind: 'open_until', until: '2026-12-01T14:00:00Z' }): ReadySummary {
  const open = access.kind === 'open' || access.kind === 'open_until';
  return {
    installation_id: 'sandbox-demo',
    vendor_name: 'Sandbox Vendor',
    vendor_account_id: '210987654321',
    account: '123456789012',
    region: 'us-east-1',
    access_level: 'administrator',
    headline: 'Sandbox Vendor (AWS account 210987654321) has administrator access (AdministratorAccess) in your account 123456789012.',
    role_arn: ROLE_ARN,
    external_id: 'pd-sandbox-demo-0001',
    handoff: `Private Deploy: access for Sandbox Vendor\nRole ARN:    ${ROLE_ARN}\nExternal ID: pd-sandbox-demo-0001\nAccount:     123456789012\nEnvironment region: us-east-1`,
    console_links: [
      { target: 'access_stack', label: 'The access stack (eu-west-1)', url: `https://eu-west-1.console.aws.amazon.com/cloudformation/home?region=eu-west-1#/stacks/stackinfo?stackId=arn%3Aaws%3Acloudformation%3Aeu-west-1%3A123456789012%3Astack%2F${ACCESS}%2F1` },
      { target: 'environment_stack', label: 'The environment stack (us-east-1)', url: `https://us-east-1.console.aws.amazon.com/cloudformation/home?region=us-east-1#/stacks/stackinfo?stackId=arn%3Aaws%3Acloudformation%3Aus-east-1%3A123456789012%3Astack%2F${ENV}%2F2` },
      { target: 'role', label: "The vendor's role (IAM)", url: 'https://eu-west-1.console.aws.amazon.com/iam/home#/roles/details/private-deploy-sandbox-demo' },
      { target: 'vpc', label: "The environment's VPC (us-east-1)", url: 'https://us-east-1.console.aws.amazon.com/vpcconsole/home?region=us-east-1#VpcDetails:VpcId=vpc-0abc' },
    ],
    access,
    next_steps: open
      ? ['Send Sandbox Vendor the hand-off (role ARN, External ID and the rest).', 'Sandbox Vendor assumes the role with the External ID and deploys the product into the environment (10.2.0.0/16 in us-east-1).']
      : ['Send Sandbox Vendor the hand-off (role ARN, External ID and the rest).', 'Open the access window in Manage for the hours Sandbox Vendor needs: until then every call of the role is denied.'],
    usable: open
      ? 'The environment is ready now. The product is usable once Sandbox Vendor has deployed it.'
      : 'The environment is ready, but Sandbox Vendor cannot deploy the product while their access is closed.',
    read_at: '2026-12-01T10:00:00Z',
  };
}

/** What deleting `ready`'s stacks would find (delete_stacks_preview): both stacks, working; `failed`: the environment's create failed. */
export function deletionPreviewFor(failed = false): DeletionPreview {
  return {
    installation_id: 'sandbox-demo',
    stacks: [
      failed
        ? { kind: 'environment', name: ENV, region: 'us-east-1', stack_id: `arn:aws:cloudformation:us-east-1:123456789012:stack/${ENV}/2`, status: 'ROLLBACK_COMPLETE', health: 'failed_create', status_class: 'failed', failed_resources: [], clean_up_deletes: true }
        : { kind: 'environment', name: ENV, region: 'us-east-1', stack_id: `arn:aws:cloudformation:us-east-1:123456789012:stack/${ENV}/2`, status: 'CREATE_COMPLETE', health: 'healthy', status_class: 'complete', failed_resources: [], clean_up_deletes: false },
      { kind: 'access', name: ACCESS, region: 'eu-west-1', stack_id: `arn:aws:cloudformation:eu-west-1:123456789012:stack/${ACCESS}/1`, status: 'CREATE_COMPLETE', health: 'healthy', status_class: 'complete', failed_resources: [], clean_up_deletes: false },
    ],
    foreign_interfaces: [],
    interfaces_read: true,
    warning: 'What the vendor created itself is not deleted.',
  };
}

// --- IAM Identity Center sign-in ---
