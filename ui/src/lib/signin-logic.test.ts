// Pure Sign in helpers: profile preselection, kind badges, error actions.
import { describe, expect, it } from 'vitest';
import type { AwsProfile, ProfileList } from './bindings';
import { errorActions } from './errors';
import { kindLabel, preselectedProfile } from './profiles';

const p = (name: string, kind: AwsProfile['kind'] = 'static_keys'): AwsProfile => ({
  name,
  kind,
  region: null,
  sso_start_url: kind === 'sso' ? 'https://example.awsapps.com/start' : null,
  mfa_serial: null,
  endpoints: [],
  sso_login_needed: false,
});

const list = (names: string[], selected: string | null, last_used: string | null): ProfileList => ({
  profiles: names.map((n) => p(n)),
  selected,
  last_used,
  config_file: '/c',
  credentials_file: '/k',
});

describe('preselectedProfile', () => {
  it('prefers last_used, then selected, then the first', () => {
    expect(preselectedProfile(list(['a', 'b', 'c'], 'b', 'c'))).toBe('c');
    expect(preselectedProfile(list(['a', 'b', 'c'], 'b', null))).toBe('b');
    expect(preselectedProfile(list(['a', 'b', 'c'], null, null))).toBe('a');
  });

  it('skips names that are no longer in the list', () => {
    expect(preselectedProfile(list(['a', 'b'], 'b', 'gone'))).toBe('b');
    expect(preselectedProfile(list(['a', 'b'], 'gone', 'gone'))).toBe('a');
  });

  it('returns null with no profiles', () => {
    expect(preselectedProfile(list([], 'default', null))).toBeNull();
  });
});

describe('kindLabel', () => {
  it('names each kind', () => {
    expect(kindLabel('sso')).toBe('SSO');
    expect(kindLabel('static_keys')).toBe('keys');
    expect(kindLabel('assume_role')).toBe('assume role');
    expect(kindLabel('credential_process')).toBe('process');
    expect(kindLabel('web_identity')).toBe('web identity');
  });
});

describe('errorActions', () => {
  it('offers no other profile for an SSO login to renew (the engine gives its command)', () => {
    expect(errorActions('sso_login_required', p('dev', 'sso'))).toEqual({ pickAnother: false });
    expect(errorActions('expired_credentials', p('dev', 'sso'))).toEqual({ pickAnother: false });
  });

  it('offers another profile for expired keys', () => {
    expect(errorActions('expired_credentials', p('keys')).pickAnother).toBe(true);
  });

  it('offers "Pick another profile" for profile problems only', () => {
    const profileProblems = [
      'no_credentials',
      'invalid_credentials',
      'profile_not_found',
      'profile_config',
      'region_required',
    ] as const;
    for (const code of profileProblems) {
      expect(errorActions(code, p('x'))).toEqual({ pickAnother: true });
    }
    for (const code of ['access_denied', 'throttled', 'network', 'internal'] as const) {
      expect(errorActions(code, p('x'))).toEqual({ pickAnother: false });
    }
  });
});
