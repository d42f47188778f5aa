// Shared test data shaped like the back end's replies (see lib/bindings.ts) up to an
// installation, and a mockIPC installer that records calls and answers per command.
import { mockIPC } from './ipc/mocks';
import type { CommandName, Identity, IpcCommands, IpcError, ProfileList } from '../lib/bindings';
import type {
  AccessReview,
  BoundarySummary,
  CheckReport,
  Discovery,
  InstallEvent,
  InstallationStatus,
  Invite,
  InviteSummary,
  NetworkChoice,
  PlanSummary,
  Preflight,
  RegionInfo,
  StatusClass,
  Suggestions,
  VpcLimits,
} from '../lib/ipc';

export const profileList: ProfileList = {
  profiles: [
    { name: 'default', kind: 'static_keys', region: 'us-east-1', sso_start_url: null, mfa_serial: null, sso_login_needed: false, endpoints: [] },
    { name: 'prod-admin', kind: 'sso', region: 'eu-west-1', sso_start_url: 'https://acme.awsapps.com/start', mfa_serial: null, sso_login_needed: false, endpoints: [] },
    { name: 'ci-role', kind: 'assume_role', region: null, sso_start_url: null, mfa_serial: null, sso_login_needed: false, endpoints: [] },
  ],
  selected: 'default',
  last_used: 'prod-admin',
  config_file: '/home/alice/.aws/config',
  credentials_file: '/home/alice/.aws/credentials',
};

export const emptyList: ProfileList = { ...profileList, profiles: [], selected: null, last_used: null };

export function identityFor(profile: string, overrides: Partial<Identity> = {}): Identity {
  return {
    profile,
    region: 'eu-west-1',
    account: '123456789012',
    arn: `arn:aws:sts::123456789012:assumed-role/AdministratorAccess/alice@${profile}`,
    user_id: 'AROAEXAMPLEID:alice',
    is_root: false,
    clock_skew_seconds: 0,
    clock_warning: null,
    credentials_expire_at: null,
    ...overrides,
  };
}

/** A mock of one command: it gets the arguments the UI sent; a throw rejects the invoke. */
export type Handler<K extends CommandName = CommandName> = (args: IpcCommands[K]['args']) => unknown;
export type Handlers = { [K in CommandName]?: Handler<K> };

/** Answers each command with its handler (a throw rejects the invoke); records every call. */
const FIXED: Handlers = {
  invite_limits: () => ({ max_bytes: 64 * 1024 }),
  preflight: () => preflightFor(),
  // A debug build makes no update check on start.
  check_for_update: () => null,
};

export function backend(handlers: Handlers) {
  const calls: { cmd: CommandName; args: Record<string, unknown> }[] = [];
  mockIPC((cmd, args) => {
    calls.push({ cmd, args });
    // The engine's fixed limits answer unless a test replaces them.
    const handler = (handlers[cmd] ?? FIXED[cmd]) as ((args: unknown) => unknown) | undefined;
    if (!handler) throw { code: 'internal', message: `unmocked command ${cmd}`, hint: null } satisfies IpcError;
    return handler(args);
  });
  return calls;
}

/** A promise to resolve by hand, to look at the screen while a call is in flight. */
export function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/**
 * Resolves once `replies` have settled and the app has done everything it does with them: the
 * code after an awaited call runs as microtasks, and the next macrotask starts only when none
 * is left. For asserting that a reply was ignored, where no later event exists to wait for.
 */
export async function handled(...replies: Promise<unknown>[]): Promise<void> {
  await Promise.allSettled(replies);
  await new Promise((next) => setTimeout(next, 0));
}

// --- Region and Network steps ---

export const regionList: RegionInfo[] = [
  { name: 'af-south-1', opt_in_status: 'not_opted_in', enabled: false },
  { name: 'ap-east-1', opt_in_status: 'opted_in', enabled: true },
  { name: 'eu-central-1', opt_in_status: 'opt_in_not_required', enabled: true },
  { name: 'eu-west-1', opt_in_status: 'opt_in_not_required', enabled: true },
  { name: 'us-east-1', opt_in_status: 'opt_in_not_required', enabled: true },
];

/** eu-west-1 has two VPCs, us-east-1 one, ap-east-1 none; eu-central-1 could not be read. */
export const discovery: Discovery = {
  regions: ['ap-east-1', 'eu-west-1', 'us-east-1'],
  vpcs: [
    {
      vpc_id: 'vpc-0a1b2c3d4e5f60001',
      region: 'eu-west-1',
      name: null,
      is_default: true,
      cidr_blocks: [{ cidr: '172.31.0.0/16', primary: true, state: 'associated' }],
    },
    {
      vpc_id: 'vpc-0a1b2c3d4e5f60002',
      region: 'eu-west-1',
      name: 'prod-db',
      is_default: false,
      cidr_blocks: [
        { cidr: '10.0.0.0/16', primary: true, state: 'associated' },
        { cidr: '10.1.0.0/16', primary: false, state: 'associating' },
      ],
    },
    {
      vpc_id: 'vpc-0fedcba9876540003',
      region: 'us-east-1',
      name: 'legacy',
      is_default: false,
      cidr_blocks: [{ cidr: '192.168.0.0/20', primary: true, state: 'associated' }],
    },
  ],
  failed: [
    {
      region: 'eu-central-1',
      error: {
        code: 'access_denied',
        message: 'Not allowed to call ec2:DescribeVpcs in eu-central-1.',
        hint: 'An SCP may deny this region.',
      },
    },
  ],
};

/** The engine's VPC limits (templates::VPC_LIMITS), as `vpc_limits` answers. */
export const vpcLimits: VpcLimits = { min_prefix: 16, max_prefix: 25, max_subnet_prefix: 27, aws_max_prefix: 28, default_prefix: 16 };

export const suggestions: Suggestions = {
  prefix: 16,
  blocks: ['10.2.0.0/16', '10.3.0.0/16', '10.4.0.0/16'],
  exhausted: false,
  unread_regions: ['eu-central-1'],
};

export function okReport(cidr: string, input = cidr): CheckReport {
  return { input, cidr, ok: true, problems: [], warnings: [] };
}

export function choiceFor(region: string, cidr: string): NetworkChoice {
  return { at: '2026-11-21T09:00:00Z', account: '123456789012', region, cidr };
}

// --- Invite, Review access and Install steps ---

export const inviteDoc: Invite = {
  version: 1,
  vendor: { name: 'Sandbox Vendor', account_id: '210987654321' },
  installation_id: 'sandbox-demo',
  external_id: 'pd-sandbox-demo-0001',
  access_mode: 'full',
  vpc_prefix: 16,
  role_path: '/private-deploy/',
  environment: { template: 'reference', parameters: {} },
  signature: { key_id: 'sandbox-2026', ed25519: 'c2lnbmF0dXJl' },
};

export const verifiedInvite: InviteSummary = {
  invite: inviteDoc,
  verification: { status: 'verified', key_id: 'sandbox-2026', vendor_name: 'Sandbox Vendor', source: 'sandbox' },
  needs_confirmation: false,
  access:
    'Sandbox Vendor (AWS account 210987654321) gets full administrator access to this AWS account through a role under the path /private-deploy/, and only with the External ID pd-sandbox-demo-0001.',
};

export const unsignedInvite: InviteSummary = {
  ...verifiedInvite,
  invite: { ...inviteDoc, signature: undefined },
  verification: { status: 'unsigned' },
  needs_confirmation: true,
};

export const trustPolicy = JSON.stringify(
  {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'VendorAssumeRole',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::210987654321:root' },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'sts:ExternalId': 'pd-sandbox-demo-0001' } },
      },
    ],
  },
  null,
  2,
);

/** The engine's summary of the real boundary (abridged: two of its services). */
export const boundarySummary: BoundarySummary = {
  services: [
    {
      service: 'ec2',
      name: 'EC2',
      actions: ['ec2:CreateVpc', 'ec2:DescribeVpcs', 'ec2:RunInstances'],
      words: ['create VPC', 'describe VPCs', 'run instances'],
      limits: [],
    },
    {
      service: 'iam',
      name: 'IAM',
      actions: ['iam:CreateRole', 'iam:UpdateRole'],
      words: ['create role', 'update role'],
      limits: ['iam:UpdateRole only on arn:aws:iam::123456789012:role/private-deploy/*'],
    },
  ],
  action_count: 5,
  everything_else:
    'Every other action is denied: the actions of these 2 services that are not listed, and every action of every other AWS service.',
  may_fail: [
    {
      what: 'deleting or terminating what it created (Delete*, Terminate*, Deregister*)',
      text: 'Deleting or terminating what it created (Delete*, Terminate*, Deregister*): no service allows it.',
      services: ['EC2', 'IAM'],
      examples: ['ec2:DeleteAnything', 'iam:DeleteAnything'],
    },
    {
      what: 'passing a role to a service (iam:PassRole)',
      text: 'Passing a role to a service (iam:PassRole): creating anything that runs with a role of its own.',
      services: [],
      examples: ['iam:PassRole'],
    },
  ],
};

export function reviewFor(useBoundary: boolean, overrides: Partial<AccessReview> = {}): AccessReview {
  return {
    installation_id: 'sandbox-demo',
    stack_name: 'private-deploy-access-sandbox-demo',
    region: 'eu-west-1',
    role_name: 'private-deploy-sandbox-demo',
    role_path: '/private-deploy/',
    use_boundary: useBoundary,
    access_headline: useBoundary
      ? 'Sandbox Vendor (AWS account 210987654321) gets administrator access to your account 123456789012, limited by the permissions boundary: only the actions the boundary lists, and not what the guardrail denies.'
      : 'Sandbox Vendor (AWS account 210987654321) gets full administrator access to your account 123456789012 (AdministratorAccess): every action on every resource, except what the guardrail denies.',
    boundary_required: false,
    trust_policy: trustPolicy,
    trust_summary: 'Only AWS account 210987654321 may assume this role, and only with External ID pd-sandbox-demo-0001.',
    managed_policy_arns: ['arn:aws:iam::aws:policy/AdministratorAccess'],
    ...(useBoundary
      ? {
          boundary_policy:
            '{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Allow", "Action": "iam:UpdateRole" }]\n}',
          boundary_summary: boundarySummary,
        }
      : {}),
    access_window_policy_name: 'private-deploy-access-window',
    access_window_policy: '{\n  "Version": "2012-10-17",\n  "Statement": []\n}',
    guardrail_policy_name: 'PrivateDeployGuardrail',
    guardrail_policy:
      '{\n  "Version": "2012-10-17",\n  "Statement": [{ "Sid": "GuardrailProtectRole", "Effect": "Deny", "Action": ["iam:PutRolePolicy"] }]\n}',
    scp_policy: '{"Version":"2012-10-17","Statement":[{"Sid":"GuardrailProtectRole","Effect":"Deny"}]}',
    scp_how_to: ['Open AWS Organizations → Policies → Service control policies.', 'Attach it to this account.'],
    control_limits: [
      {
        control: 'Access window',
        can: "limit when the vendor's credentials work",
        cannot: 'contain a vendor who acts in bad faith while the window is open',
      },
    ],
    controls_summary: "The access window limits when the vendor's credentials work, not what the vendor does.",
    template: 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  VendorRole:\n    Type: AWS::IAM::Role\n',
    template_file_name: 'access.yaml',
    parameters: [
      { key: 'VendorAccountId', value: '210987654321' },
      { key: 'UseBoundary', value: useBoundary ? 'true' : 'false' },
    ],
    create_stack_command:
      'aws cloudformation create-stack --stack-name private-deploy-access-sandbox-demo --template-body file://access.yaml --capabilities CAPABILITY_NAMED_IAM',
    ...overrides,
  };
}

export const plan: PlanSummary = {
  installation_id: 'sandbox-demo',
  vendor_name: 'Sandbox Vendor',
  vendor_account_id: '210987654321',
  access_level: 'Administrator (AdministratorAccess)',
  access_headline:
    'Sandbox Vendor (AWS account 210987654321) gets full administrator access to your account 123456789012 (AdministratorAccess): every action on every resource, except what the guardrail denies.',
  account: '123456789012',
  home_region: 'eu-west-1',
  region: 'us-east-1',
  cidr: '10.2.0.0/16',
  availability_zones: ['us-east-1a', 'us-east-1b'],
  use_boundary: false,
  stacks: [
    { kind: 'access', name: 'private-deploy-access-sandbox-demo', region: 'eu-west-1', resources: 2, estimate_ms: 35_000 },
    { kind: 'environment', name: 'private-deploy-env-sandbox-demo', region: 'us-east-1', resources: 3, estimate_ms: 140_000 },
  ],
  estimate_ms: 175_000,
};

/** A preflight of the sandbox plan: every check passed, unless `outcomes` says otherwise by check ID. */
export function preflightFor(outcomes: Record<string, 'pass' | 'warning' | 'failure'> = {}): Preflight {
  const check = (id: string, title: string, summary: string) => {
    const outcome = outcomes[id] ?? 'pass';
    return {
      id,
      title,
      outcome,
      summary: outcome === 'pass' ? summary : `${title}: not as it should be.`,
      ...(outcome === 'pass' ? {} : { what_to_do: `Fix ${title}.` }),
      detail: outcome === 'pass' ? '' : `${id} detail\nquota code L-F678F1CE`,
    };
  };
  const checks = [
    check('names', 'Names are free', 'The role, its boundary policy and both stack names are free.'),
    check('quota-vpcs', 'VPCs per Region', '1 of 5 VPCs in use; the install adds 1.'),
    check('quota-elastic-ips', 'EC2-VPC Elastic IPs', '0 of 5 Elastic IP addresses in use; the install adds 1.'),
    check('permissions', 'Your permissions', 'You may do all 30 actions the install needs.'),
  ];
  // What the engine's Preflight::new reports for these checks.
  const failures = checks.filter((c) => c.outcome === 'failure').length;
  const warnings = checks.filter((c) => c.outcome === 'warning').length;
  return {
    installation_id: 'sandbox-demo',
    region: 'us-east-1',
    cidr: '10.2.0.0/16',
    checks,
    outcome: failures ? 'failure' : warnings ? 'warning' : 'pass',
    failures,
    warnings,
    cost: {
      region: 'us-east-1',
      currency: 'USD',
      lines: [
        { item: 'NAT gateway (per hour)', hourly: 0.045, monthly: 32.85 },
        { item: 'Application Load Balancer (per hour)', hourly: 0.0225, monthly: 16.43 },
      ],
      monthly: 49.28,
      hours_per_month: 730,
      not_included: ['NAT gateway data processing, per GB through it'],
      prices_date: '2026-12-03',
      prices_source: 'https://aws.amazon.com/vpc/pricing/',
    },
  };
}

export const ACCESS = 'private-deploy-access-sandbox-demo';
export const ENV = 'private-deploy-env-sandbox-demo';

/**
 * The class the engine sends with each status these fixtures use (stacks::status::class):
 * data, as a reply would carry it, so that a fixture cannot disagree with itself.
 */
export const ENGINE_CLASS: Record<string, StatusClass> = {
  CREATE_IN_PROGRESS: 'progress',
  CREATE_COMPLETE: 'complete',
  CREATE_FAILED: 'failed',
  ROLLBACK_IN_PROGRESS: 'rollback',
  ROLLBACK_COMPLETE: 'rollback',
  UPDATE_ROLLBACK_COMPLETE: 'complete',
  DELETE_IN_PROGRESS: 'deleted',
  DELETE_COMPLETE: 'deleted',
  DELETE_FAILED: 'failed',
};

export function classOf(status: string): StatusClass {
  const c = ENGINE_CLASS[status];
  if (!c) throw new Error(`no engine class recorded for ${status} in the fixtures`);
  return c;
}

export function resourceEvent(
  stack: string,
  logical_id: string,
  resource_type: string,
  status: string,
  timestamp: string,
  reason?: string,
): InstallEvent {
  return {
    kind: 'resource',
    stack,
    logical_id,
    resource_type,
    status,
    status_class: classOf(status),
    timestamp,
    ...(reason ? { reason } : {}),
  };
}

/** A stack's status as the engine sends it, with its class. */
export function stackStatus(stack: string, stack_id: string, status: string, reason?: string): InstallEvent {
  return { kind: 'stack_status', stack, stack_id, status, status_class: classOf(status), ...(reason ? { reason } : {}) };
}

/** A whole successful run: the access stack, then the environment, each resource in progress then complete. */
export const readyRun: InstallEvent[] = [
  { kind: 'started', installation_id: 'sandbox-demo', stacks: plan.stacks },
  { kind: 'progress', done: 0, total: 5, elapsed_ms: 0, eta_ms: 170_000 },
  { kind: 'stack_launched', stack: ACCESS, stack_kind: 'access', region: 'eu-west-1', stack_id: `arn:aws:cloudformation:eu-west-1:123456789012:stack/${ACCESS}/1`, attached: false },
  stackStatus(ACCESS, `arn:aws:cloudformation:eu-west-1:123456789012:stack/${ACCESS}/1`, 'CREATE_IN_PROGRESS'),
  resourceEvent(ACCESS, 'VendorRole', 'AWS::IAM::Role', 'CREATE_IN_PROGRESS', '2026-11-21T09:00:01Z'),
  resourceEvent(ACCESS, 'VendorRole', 'AWS::IAM::Role', 'CREATE_COMPLETE', '2026-11-21T09:00:20Z'),
  resourceEvent(ACCESS, 'AccessWindow', 'AWS::IAM::RolePolicy', 'CREATE_COMPLETE', '2026-11-21T09:00:25Z'),
  stackStatus(ACCESS, `arn:aws:cloudformation:eu-west-1:123456789012:stack/${ACCESS}/1`, 'CREATE_COMPLETE'),
  { kind: 'progress', done: 2, total: 5, elapsed_ms: 30_000, eta_ms: 140_000 },
  { kind: 'stack_launched', stack: ENV, stack_kind: 'environment', region: 'us-east-1', stack_id: `arn:aws:cloudformation:us-east-1:123456789012:stack/${ENV}/2`, attached: false },
  resourceEvent(ENV, 'Vpc', 'AWS::EC2::VPC', 'CREATE_IN_PROGRESS', '2026-11-21T09:00:40Z'),
  resourceEvent(ENV, 'Vpc', 'AWS::EC2::VPC', 'CREATE_COMPLETE', '2026-11-21T09:00:52Z'),
  resourceEvent(ENV, 'Nat', 'AWS::EC2::NatGateway', 'CREATE_IN_PROGRESS', '2026-11-21T09:01:00Z'),
  { kind: 'progress', done: 3, total: 5, elapsed_ms: 65_000, eta_ms: 120_000 },
  resourceEvent(ENV, 'Nat', 'AWS::EC2::NatGateway', 'CREATE_COMPLETE', '2026-11-21T09:03:00Z'),
  resourceEvent(ENV, 'Alb', 'AWS::ElasticLoadBalancingV2::LoadBalancer', 'CREATE_COMPLETE', '2026-11-21T09:03:30Z'),
  stackStatus(ENV, `arn:aws:cloudformation:us-east-1:123456789012:stack/${ENV}/2`, 'CREATE_COMPLETE'),
  { kind: 'progress', done: 5, total: 5, elapsed_ms: 215_000 },
  {
    kind: 'ready',
    outputs: [
      { stack: ACCESS, key: 'RoleArn', value: 'arn:aws:iam::123456789012:role/private-deploy/private-deploy-sandbox-demo' },
      { stack: ENV, key: 'LoadBalancerDns', value: 'pd-sandbox-demo-123.us-east-1.elb.amazonaws.com' },
    ],
  },
];

export const rootCause = {
  stack_name: `${ENV}-Network-1ABC`,
  logical_id: 'NatEip',
  resource_type: 'AWS::EC2::EIP',
  reason: 'The maximum number of addresses has been reached. (Service: Ec2, Status Code: 400)',
};

/** The environment fails in a nested stack and rolls back. */
export const failedRun: InstallEvent[] = [
  ...readyRun.slice(0, 10),
  resourceEvent(ENV, 'Network', 'AWS::CloudFormation::Stack', 'CREATE_IN_PROGRESS', '2026-11-21T09:00:41Z'),
  resourceEvent(`${ENV}-Network-1ABC`, 'NatEip', 'AWS::EC2::EIP', 'CREATE_FAILED', '2026-11-21T09:00:50Z', rootCause.reason),
  resourceEvent(ENV, 'Network', 'AWS::CloudFormation::Stack', 'CREATE_FAILED', '2026-11-21T09:00:55Z', 'Embedded stack was not successfully created'),
  stackStatus(ENV, `arn:aws:cloudformation:us-east-1:123456789012:stack/${ENV}/2`, 'ROLLBACK_COMPLETE', 'The following resource(s) failed to create: [Network].'),
  { kind: 'progress', done: 2, total: 5, elapsed_ms: 120_000 },
  { kind: 'failed', stack: ENV, root_cause: rootCause, rollback_status: 'ROLLBACK_COMPLETE', health: 'failed_create' },
];

export const inFlight: InstallationStatus = {
  installation_id: 'sandbox-demo',
  vendor_name: 'Sandbox Vendor',
  vendor_account_id: '210987654321',
  account: '123456789012',
  home_region: 'eu-west-1',
  region: 'us-east-1',
  cidr: '10.2.0.0/16',
  use_boundary: false,
  state: 'in_progress',
  phase: 'in_progress',
  created_at: '2026-11-21T09:00:00Z',
  updated_at: '2026-11-21T09:01:00Z',
  stacks: [
    { kind: 'access', name: ACCESS, region: 'eu-west-1', status: 'CREATE_COMPLETE', status_class: 'complete', live: true },
    { kind: 'environment', name: ENV, region: 'us-east-1', status: 'CREATE_IN_PROGRESS', status_class: 'progress', live: true },
  ],
};

// --- Manage step ---

export const ROLE_ARN = 'arn:aws:iam::123456789012:role/private-deploy/private-deploy-sandbox-demo';

export const ready: InstallationStatus = {
  ...inFlight,
  state: 'ready',
  phase: 'ready',
  updated_at: '2026-11-21T09:04:00Z',
  stacks: [
    { kind: 'access', name: ACCESS, region: 'eu-west-1', stack_id: `arn:aws:cloudformation:eu-west-1:123456789012:stack/${ACCESS}/1`, status: 'CREATE_COMPLETE', status_class: 'complete', live: true },
    { kind: 'environment', name: ENV, region: 'us-east-1', stack_id: `arn:aws:cloudformation:us-east-1:123456789012:stack/${ENV}/2`, status: 'CREATE_COMPLETE', status_class: 'complete', live: true },
  ],
};
