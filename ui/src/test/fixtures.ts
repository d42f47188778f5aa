// Shared test data shaped like the back end's replies (see lib/bindings.ts),
// and a mockIPC installer that records calls and answers per command.
import { mockIPC } from './ipc/mocks';
import type { Identity, IpcError, ProfileList } from '../lib/bindings';
import type { CheckReport, Discovery, NetworkChoice, RegionInfo, Suggestions } from '../lib/ipc';

export const profileList: ProfileList = {
  profiles: [
    { name: 'default', kind: 'static_keys', region: 'us-east-1', sso_start_url: null },
    { name: 'prod-admin', kind: 'sso', region: 'eu-west-1', sso_start_url: 'https://acme.awsapps.com/start' },
    { name: 'ci-role', kind: 'assume_role', region: null, sso_start_url: null },
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
    ...overrides,
  };
}

export type Handler = (args: Record<string, unknown>) => unknown;

/** Answers each command with its handler (a throw rejects the invoke); records every call. */
export function backend(handlers: Record<string, Handler>) {
  const calls: { cmd: string; args: Record<string, unknown> }[] = [];
  mockIPC((cmd, args) => {
    const a = (args ?? {}) as Record<string, unknown>;
    calls.push({ cmd, args: a });
    const handler = handlers[cmd];
    if (!handler) throw { code: 'internal', message: `unmocked command ${cmd}`, hint: null } satisfies IpcError;
    return handler(a);
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
