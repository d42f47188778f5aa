// The actions on the vendor's access: which need the typed account ID and
// which can be used now (both read from the engine's offers, never decided
// here), where each is shown, the requests sent and the sentences.
import { describe, expect, it } from 'vitest';
import {
  ACTION_LABELS,
  acceptedDrift,
  actionEffect,
  availability,
  isConfirmed,
  needsConfirmation,
  requestFor,
  sectionOf,
} from './manage-actions';
import type { AccessActionKind, Drift } from './ipc';
import { accessStatusFor, accessWarnings, offersWith, roleGoneOffers } from '../test/fixtures';

const KINDS = Object.keys(ACTION_LABELS) as AccessActionKind[];
const enabled = (a: Record<AccessActionKind, string | null>) => KINDS.filter((k) => a[k] === null);

describe('confirmation and requests', () => {
  it("asks for the account ID when the engine says so, and for anything it does not describe", () => {
    const status = accessStatusFor();
    expect(KINDS.filter((k) => !needsConfirmation(status, k))).toEqual([]);
    const looser = accessStatusFor({
      actions: offersWith().map((o) => (o.kind === 'open_window' ? { ...o, needs_typed_confirmation: false } : o)),
    });
    expect(needsConfirmation(looser, 'open_window')).toBe(false);
    expect(needsConfirmation(accessStatusFor({ actions: [] }), 'always_open')).toBe(true);
  });

  it('matches the typed ID exactly, spaces around it forgiven', () => {
    expect(isConfirmed(' 123456789012 ', '123456789012')).toBe(true);
    expect(isConfirmed('12345678901', '123456789012')).toBe(false);
    expect(isConfirmed('', '')).toBe(false);
  });

  it('sends the hours only with open_window', () => {
    expect(requestFor('open_window', 4)).toEqual({ kind: 'open_window', hours: 4 });
    expect(requestFor('cut_off', 4)).toEqual({ kind: 'cut_off' });
  });

  it('puts the reversible stops at the top, apart from the irreversible deletes', () => {
    expect(KINDS.filter((k) => sectionOf(k) === 'access')).toEqual(['close_window', 'revoke_sessions', 'cut_off']);
    expect(KINDS.filter((k) => sectionOf(k) === 'danger')).toEqual(['delete_role', 'delete_stacks', 'delete_stacks_stopped']);
    expect(sectionOf('tighten')).toBe('restrict');
    expect(sectionOf('open_window')).toBe('window');
  });

  it("uses the engine's warnings for revoke and the deletes, with fallbacks", () => {
    expect(actionEffect('revoke_sessions', accessWarnings).warning).toBe(accessWarnings.revoke_alone);
    expect(actionEffect('delete_role', accessWarnings).warning).toBe(accessWarnings.delete_role);
    expect(actionEffect('delete_stacks', accessWarnings).warning).toBe(accessWarnings.delete_stacks);
    expect(actionEffect('revoke_sessions', null).warning).toMatch(/does not stop the vendor/);
    expect(actionEffect('cut_off', null).what).toMatch(/closes the access window/);
  });
});

describe('availability, as the engine offers it', () => {
  it("shows the engine's reason beside each action it says cannot be used", () => {
    const a = availability(accessStatusFor());
    expect(a.remove_boundary).toBe('No boundary is attached');
    expect(enabled(a)).toEqual(KINDS.filter((k) => !['remove_boundary', 'accept_drift', 'delete_stacks_stopped'].includes(k)));
  });

  it('with the role gone: only what the engine still offers', () => {
    const a = availability(accessStatusFor({ role: { kind: 'gone', name: 'private-deploy-sandbox-demo' }, actions: roleGoneOffers() }));
    expect(enabled(a)).toEqual(['delete_stacks']);
    expect(a.delete_role).toBe('The role is already deleted');
    expect(enabled(availability(accessStatusFor({ actions: roleGoneOffers(true) })))).toEqual([]);
  });

  it('an action the engine does not offer is not offered, whatever the role looks like', () => {
    const a = availability(accessStatusFor({ actions: offersWith().filter((o) => o.kind !== 'tighten') }));
    expect(a.tighten).toBe('Not available in this version');
    expect(a.accept_drift).toBe('Not available in this version');
  });

  it('an unavailable offer without a reason still disables its button', () => {
    const actions = offersWith().map((o) => (o.kind === 'cut_off' ? { ...o, available: false } : o));
    expect(availability(accessStatusFor({ actions })).cut_off).toBe('Not available now');
  });
});

describe('accepting drift', () => {
  const drift: Drift[] = [{ kind: 'trust_policy', subject: 'r', expected: 'a', found: 'b' }];

  it('goes with an action the engine says grants access, when ticked', () => {
    const s = accessStatusFor({ drift });
    expect(acceptedDrift(s, 'remove_boundary', true)).toEqual(drift);
    expect(acceptedDrift(s, 'close_window', true)).toBeNull();
    expect(acceptedDrift(s, 'open_window', false)).toBeNull();
    expect(acceptedDrift(accessStatusFor(), 'open_window', true)).toBeNull();
  });
});

describe('deleting the stacks with choices', () => {
  it('sends retain or force with the delete, and nothing extra without them', () => {
    expect(requestFor('delete_stacks', 2)).toEqual({ kind: 'delete_stacks' });
    expect(requestFor('delete_stacks', 2, { retain: [], force: false })).toEqual({ kind: 'delete_stacks' });
    expect(requestFor('delete_stacks', 2, { retain: ['Vpc'], force: false })).toEqual({
      kind: 'delete_stacks',
      options: { retain: ['Vpc'], force: false },
    });
    expect(requestFor('delete_stacks_stopped', 2)).toEqual({ kind: 'delete_stacks' });
  });
});
