// The IPC wrappers against Tauri's mockIPC: command names, argument shapes,
// and that every rejection comes out as an IpcError.
import { describe, expect, it } from 'vitest';
import * as ipc from './ipc';
import { mockIPC } from '../test/ipc/mocks';
import {
  appInfo,
  asIpcError,
  checkCidr,
  chooseNetwork,
  discoverNetworks,
  frontendReady,
  isIpcError,
  lastNetworkChoice,
  listProfiles,
  listRegions,
  signIn,
  suggestCidrs,
  vpcLimits,
} from './ipc';
import { COMMANDS, type CommandName, type Identity, type IpcError, type ProfileList } from './bindings';

function record(reply: (cmd: CommandName) => unknown = () => null) {
  const calls: { cmd: CommandName; args: unknown }[] = [];
  mockIPC((cmd, args) => {
    calls.push({ cmd, args });
    return reply(cmd);
  });
  return calls;
}

const identity: Identity = {
  profile: 'dev',
  region: 'eu-west-1',
  account: '123456789012',
  arn: 'arn:aws:iam::123456789012:user/alice',
  user_id: 'AIDAEXAMPLE',
  is_root: false,
  clock_skew_seconds: null,
  clock_warning: null,
  credentials_expire_at: null,
};

describe('wrappers', () => {
  it('appInfo calls app_info and returns its value', async () => {
    const calls = record(() => ({ version: '0.1.0', endpoints: [], journal_path: '/j', journal_problem: null }));
    await expect(appInfo()).resolves.toEqual({ version: '0.1.0', endpoints: [], journal_path: '/j', journal_problem: null });
    expect(calls.map((c) => c.cmd)).toEqual(['app_info']);
  });

  it('listProfiles calls list_profiles', async () => {
    const list: ProfileList = {
      profiles: [],
      selected: null,
      last_used: null,
      config_file: '/home/a/.aws/config',
      credentials_file: '/home/a/.aws/credentials',
    };
    const calls = record(() => list);
    await expect(listProfiles()).resolves.toEqual(list);
    expect(calls.map((c) => c.cmd)).toEqual(['list_profiles']);
  });

  it('signIn calls sign_in with { profile }', async () => {
    const calls = record(() => identity);
    await expect(signIn('dev')).resolves.toEqual(identity);
    expect(calls).toEqual([{ cmd: 'sign_in', args: { profile: 'dev', mfaCode: null } }]);
  });

  it('frontendReady calls frontend_ready', async () => {
    const calls = record();
    await frontendReady();
    expect(calls.map((c) => c.cmd)).toEqual(['frontend_ready']);
  });

  it('the Region and Network commands send camelCase arguments', async () => {
    const calls = record(() => null);
    const avoid = [{ cidr: '10.0.0.0/8', label: 'Database VPC' }];
    await listRegions();
    await discoverNetworks(true);
    await checkCidr('10.2.0.0/16', avoid);
    await checkCidr('8.8.0.0/16', [], true);
    await suggestCidrs(20, avoid, 8);
    await chooseNetwork('eu-west-1', '10.2.0.0/16', avoid);
    await lastNetworkChoice();
    await vpcLimits();
    expect(calls).toEqual([
      { cmd: 'list_regions', args: {} },
      { cmd: 'discover_networks', args: { refresh: true } },
      { cmd: 'check_cidr', args: { input: '10.2.0.0/16', avoid, allowPublic: false } },
      { cmd: 'check_cidr', args: { input: '8.8.0.0/16', avoid: [], allowPublic: true } },
      { cmd: 'suggest_cidrs', args: { prefix: 20, avoid, count: 8 } },
      { cmd: 'choose_network', args: { region: 'eu-west-1', cidr: '10.2.0.0/16', avoid } },
      { cmd: 'last_network_choice', args: {} },
      { cmd: 'vpc_limits', args: {} },
    ]);
  });

  it('keeps the new error codes (invalid_input, not_signed_in) instead of calling them internal', async () => {
    mockIPC(() => {
      throw { code: 'invalid_input', message: '10.0.0.0/33 is not a block', hint: 'Use /16 to /28.' };
    });
    await expect(chooseNetwork('eu-west-1', '10.0.0.0/33', [])).rejects.toEqual({
      code: 'invalid_input',
      message: '10.0.0.0/33 is not a block',
      hint: 'Use /16 to /28.',
    });
    expect(isIpcError({ code: 'not_signed_in', message: 'No AWS session yet.', hint: null })).toBe(true);
  });

  it('passes an IpcError rejection through unchanged', async () => {
    const err: IpcError = { code: 'sso_login_required', message: 'SSO session expired', hint: 'Log in again' };
    mockIPC(() => {
      throw err;
    });
    await expect(signIn('dev')).rejects.toEqual(err);
  });

  it('turns a raw string rejection (e.g. an ACL refusal) into an internal IpcError', async () => {
    mockIPC(() => {
      throw 'Command sign_in not allowed by ACL';
    });
    await expect(signIn('dev')).rejects.toEqual({
      code: 'internal',
      message: 'Command sign_in not allowed by ACL',
      hint: null,
    });
  });
});

describe('the contract with Rust', () => {
  // The type check keeps each wrapper to a command Rust has, with its arguments; this keeps
  // every command Rust has reachable: calling each function ipc.ts exports invokes them all.
  it('every command in COMMANDS has a wrapper', async () => {
    const calls = record();
    for (const wrapper of Object.values(ipc)) {
      if (typeof wrapper !== 'function') continue;
      await Promise.resolve()
        .then(() => (wrapper as () => unknown)())
        .catch(() => {});
    }
    expect([...new Set(calls.map((c) => c.cmd))].sort()).toEqual([...COMMANDS].sort());
  });
});

describe('asIpcError', () => {
  it('keeps an IpcError as it is', () => {
    const err: IpcError = { code: 'throttled', message: 'Rate exceeded', hint: null };
    expect(asIpcError(err)).toEqual(err);
  });

  it('keeps the step that fixes it and the command to copy, and drops a step it does not know', () => {
    const err: IpcError = { code: 'invalid_input', message: 'm', hint: 'h', fix: 'network', command: 'aws x' };
    expect(asIpcError(err)).toEqual(err);
    expect(asIpcError({ ...err, fix: 'kitchen' })).toEqual({ code: 'invalid_input', message: 'm', hint: 'h', command: 'aws x' });
  });

  it('wraps an Error as internal with its message', () => {
    expect(asIpcError(new TypeError('x is undefined'))).toEqual({
      code: 'internal',
      message: 'x is undefined',
      hint: null,
    });
  });

  it('wraps a string as internal', () => {
    expect(asIpcError('boom')).toEqual({ code: 'internal', message: 'boom', hint: null });
  });

  it('does not trust an object with an unknown code', () => {
    const e = asIpcError({ code: 'teapot', message: 'short and stout', hint: null });
    expect(e.code).toBe('internal');
    expect(e.message).toContain('teapot');
  });

  it('handles null and undefined', () => {
    expect(asIpcError(null).code).toBe('internal');
    expect(asIpcError(undefined).code).toBe('internal');
  });

  it('isIpcError accepts a missing hint but not a missing message', () => {
    expect(isIpcError({ code: 'network', message: 'down' })).toBe(true);
    expect(isIpcError({ code: 'network' })).toBe(false);
  });
});
