import { describe, expect, it } from 'vitest';
import {
  choose,
  fromDraft,
  initialInstallation,
  isLaunched,
  isManageable,
  launching,
  phaseOf,
  signedIn,
  startOver,
  summaryRows,
  toDraft,
  withInvite,
  withStatus,
} from './installation-state';
import { identityFor, inFlight, ready, unsignedInvite, verifiedInvite } from '../test/fixtures';

const signed = () => signedIn(initialInstallation(), identityFor('sandbox'));

describe('the open installation', () => {
  it('is not started until the engine records it; launching only while Install runs without a record', () => {
    let s = withInvite(signed(), verifiedInvite, 'the link');
    expect(phaseOf(s)).toBe('not_started');
    s = launching(s, true);
    expect(phaseOf(s)).toBe('launching');
    expect(isLaunched(s)).toBe(true);
    // Refused before anything was recorded: editable again.
    expect(phaseOf(launching(s, false))).toBe('not_started');
    s = withStatus(s, { ...ready, phase: 'failed_access_live' });
    expect(phaseOf(s)).toBe('failed_access_live');
    expect(isManageable(s)).toBe(true);
    expect(isManageable(withStatus(s, { ...ready, phase: 'deleted' }))).toBe(false);
  });

  it('refuses changed choices once launched, and takes them before', () => {
    const s = withInvite(signed(), verifiedInvite, 'the link');
    expect(choose(s, { region: 'eu-west-1' }).choices.region).toBe('eu-west-1');
    const done = withStatus(s, ready);
    expect(choose(done, { region: 'eu-west-1' })).toBe(done);
  });

  it('another invite takes its own boundary and size, and drops a block of another size', () => {
    let s = choose(withInvite(signed(), unsignedInvite, 'invite.json'), {
      confirmation: '210987654321',
      network: { at: '2026-11-21T09:00:00Z', account: '123456789012', region: 'us-east-1', cidr: '10.20.0.0/16' },
    });
    const boundary = { ...verifiedInvite, invite: { ...verifiedInvite.invite, access_mode: 'boundary' as const, vpc_prefix: 20 } };
    s = withInvite(s, boundary, 'the link');
    expect(s.choices).toMatchObject({ confirmation: '', useBoundary: true, prefix: 20, network: null });
  });

  it('saves every choice before install and restores them, and starting over keeps the sign-in only', () => {
    const s = choose(withInvite(signed(), unsignedInvite, 'invite.json'), {
      confirmation: '210987654321',
      useBoundary: true,
      region: 'eu-west-1',
      avoid: [{ cidr: '10.4.0.0/16', label: 'office' }],
    });
    const draft = toDraft(s.choices);
    const back = fromDraft(signed(), {
      invite: unsignedInvite,
      choices: draft.choices,
      saved_at: '2026-11-21T09:00:00Z',
    });
    expect(back.choices).toEqual({ ...s.choices, network: null });
    const over = startOver(withStatus(s, inFlight));
    expect(over.identity).toEqual(s.identity);
    expect(phaseOf(over)).toBe('not_started');
    expect(over.choices.invite).toBeNull();
  });

  it('summarises each choice step from the engine record', () => {
    expect(summaryRows('network', ready).map((r) => r.value)).toEqual(['us-east-1', ready.cidr]);
    expect(summaryRows('sign-in', ready)[0].value).toBe(ready.account);
    expect(summaryRows('review-access', { ...ready, use_boundary: true })[0].value).toMatch(/^On/);
    expect(summaryRows('install', ready)).toEqual([]);
  });
});
