// The actions on the vendor's access: which need the typed account ID (as the
// engine decides), where each is shown, the requests sent, the sentences, and
// which are usable for each state of the role and the stacks.
import { describe, expect, it } from 'vitest';
import {
  ACTION_LABELS,
  actionEffect,
  availability,
  isConfirmed,
  needsConfirmation,
  requestFor,
  sectionOf,
  stacksLeft,
} from './manage-actions';
import type { AccessActionKind } from './ipc';
import { accessStatusFor, accessWarnings, ready } from '../test/fixtures';

const KINDS = Object.keys(ACTION_LABELS) as AccessActionKind[];
const enabled = (a: Record<AccessActionKind, string | null>) => KINDS.filter((k) => a[k] === null);

describe('confirmation and requests', () => {
  it('asks for the account ID for everything but widening the window', () => {
    expect(KINDS.filter((k) => !needsConfirmation(k))).toEqual(['open_window', 'always_open']);
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

  it('puts the window, restrict and danger actions in their sections', () => {
    expect(KINDS.filter((k) => sectionOf(k) === 'danger')).toEqual(['revoke_sessions', 'cut_off', 'delete_role', 'delete_stacks', 'delete_stacks_stopped']);
    expect(sectionOf('tighten')).toBe('restrict');
    expect(sectionOf('close_window')).toBe('window');
  });

  it("uses the engine's warnings for revoke and the deletes, with fallbacks", () => {
    expect(actionEffect('revoke_sessions', accessWarnings).warning).toBe(accessWarnings.revoke_alone);
    expect(actionEffect('delete_role', accessWarnings).warning).toBe(accessWarnings.delete_role);
    expect(actionEffect('delete_stacks', accessWarnings).warning).toBe(accessWarnings.delete_stacks);
    expect(actionEffect('revoke_sessions', null).warning).toMatch(/does not stop the vendor/);
    expect(actionEffect('cut_off', null).what).toMatch(/closes the access window/);
  });
});

describe('availability', () => {
  it('with the role present and no boundary: everything but removing the boundary', () => {
    const a = availability(accessStatusFor());
    expect(a.remove_boundary).toBe('No boundary is attached');
    expect(enabled(a)).toEqual(KINDS.filter((k) => k !== 'remove_boundary'));
  });

  it('with a boundary: remove it, not attach it again', () => {
    const s = accessStatusFor();
    if (s.role.kind !== 'present') throw new Error('fixture');
    const a = availability({ ...s, role: { kind: 'present', role: { ...s.role.role, boundary_arn: 'arn:aws:iam::123456789012:policy/b' } } });
    expect(a.attach_boundary).toBe('The boundary is already attached');
    expect(a.remove_boundary).toBeNull();
  });

  it('does not close a closed window or keep open one always open', () => {
    expect(availability(accessStatusFor({ window: { kind: 'closed' } })).close_window).toBe('The window is already closed');
    expect(availability(accessStatusFor({ window: { kind: 'always_open' } })).always_open).toBe('The window is already always open');
  });

  it('with no role: only deleting the stacks', () => {
    const a = availability(accessStatusFor({ role: { kind: 'gone', name: 'private-deploy-sandbox-demo' } }));
    expect(enabled(a)).toEqual(['delete_stacks']);
    expect(a.delete_role).toBe('The role is already deleted');
    expect(a.cut_off).toMatch(/is gone/);
  });

  it('with an unreadable role: no policy changes, but cutting off and deleting stay', () => {
    const a = availability(accessStatusFor({ role: { kind: 'unreadable', error: { code: 'access_denied', message: 'no', hint: null } } }));
    expect(a.tighten).toMatch(/could not be read/);
    expect(a.attach_boundary).toMatch(/could not be read/);
    expect(enabled(a)).toEqual(expect.arrayContaining(['cut_off', 'delete_role', 'delete_stacks']));
  });

  it('with the stacks deleted: nothing left to delete', () => {
    const gone = { ...ready, stacks: ready.stacks.map((s) => ({ ...s, status: 'DELETE_COMPLETE' })) };
    const s = accessStatusFor({ installation: gone, role: { kind: 'gone', name: 'r' } });
    expect(stacksLeft(s)).toBe(false);
    expect(enabled(availability(s))).toEqual([]);
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
