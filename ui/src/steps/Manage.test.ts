// The Manage step in jsdom with lib/ipc mocked: the live status (role, window
// and time left, stacks, last revocation), the access window actions, the
// uniform typed-account confirmation (Escape, wrong and right ID), the danger
// zone (revoke's warning, delete role → delete the stacks instead, stacks'
// status streamed while deleted), the role gone, tighten's diff, and picking
// one of several installations. The audit and the database check are in
// Manage.audit.test.ts; the shared set-up in test/manage-harness.ts.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import Manage from './Manage.svelte';
import * as ipc from '../lib/ipc';
import type { InstallEvent, IpcError } from '../lib/ipc';
import {
  ACCESS,
  ENV,
  ROLE_ARN,
  accessStatusFor,
  accessWarnings,
  deferred,
  profileList,
  ready,
  recordFor,
  revocation,
  roleGoneOffers,
  stackStatus,
  tightenPreviewFixture,
} from '../test/fixtures';
import { expectNoSeriousViolations } from '../test/axe';
import { ACCOUNT, byId, resetManage, shown } from '../test/manage-harness';

vi.mock('../lib/ipc', async (importActual) => (await import('../test/manage-ipc-mock')).manageIpc(importActual));
const api = vi.mocked(ipc);

beforeEach(() => resetManage(api));
afterEach(() => vi.useRealTimers());

describe('Manage: connectivity', () => {
  it('a read that cannot reach AWS says so at once, is read again, and says when AWS came back', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] });
    vi.setSystemTime(new Date('2026-12-01T10:00:00Z'));
    const unreachable: IpcError = {
      code: 'network',
      message: 'Could not reach AWS for iam:GetRole: dispatch failure.',
      hint: 'Check your network connection (and AWS_ENDPOINT_URL, if set), then try again.',
    };
    api.accessStatus.mockRejectedValueOnce(unreachable).mockRejectedValueOnce(unreachable);
    render(Manage, { account: ACCOUNT });
    // setTimeout is fake here (the retry waits on it): let the failed read land without it.
    await vi.advanceTimersByTimeAsync(1);
    const note = byId('connectivity-note');
    expect(note).toHaveAttribute('data-state', 'lost');
    expect(note).toHaveTextContent(/Can't reach AWS since .+, retrying…/);
    expect(byId('connectivity-since')).toHaveAttribute('title', '2026-12-01 10:00:00 UTC');

    await vi.advanceTimersByTimeAsync(10_000);
    expect(api.accessStatus).toHaveBeenCalledTimes(2);
    expect(byId('connectivity-note')).toHaveAttribute('data-state', 'lost');
    expect(byId('connectivity-since')).toHaveAttribute('title', '2026-12-01 10:00:00 UTC');

    await vi.advanceTimersByTimeAsync(10_000);
    expect(api.accessStatus).toHaveBeenCalledTimes(3);
    expect(byId('manage-status')).toBeInTheDocument();
    expect(byId('connectivity-note')).toHaveAttribute('data-state', 'restored');
    expect(byId('connectivity-back')).toHaveAttribute('title', '2026-12-01 10:00:20 UTC');
  });

  it('a read refused for another reason is not a lost connection and is not repeated', async () => {
    api.accessStatus.mockRejectedValueOnce({ code: 'access_denied', message: 'Access denied.', hint: 'Ask.' } satisfies IpcError);
    render(Manage, { account: ACCOUNT });
    await screen.findByTestId('error');
    expect(screen.queryByTestId('connectivity-note')).toBeNull();
    expect(api.accessStatus).toHaveBeenCalledTimes(1);
  });
});

describe('Manage: status', () => {
  it('reads the status of the installation and shows the role, window, stacks and last revocation', async () => {
    expect(render(Manage, { account: ACCOUNT }).getByTestId('manage-loading')).toHaveTextContent('Reading');
    const status = await screen.findByTestId('manage-status');
    expect(api.accessStatus).toHaveBeenCalledWith('sandbox-demo');
    expect(byId('role-name').textContent).toBe('private-deploy-sandbox-demo');
    expect(byId('role-arn').textContent).toBe(ROLE_ARN);
    expect(byId('window-state').dataset.kind).toBe('window');
    expect(byId('window-state')).toHaveTextContent('Open until 2026-12-01 14:00 UTC');
    expect(byId('time-left')).toHaveTextContent('4 h 00 min left');
    expect(within(status).getAllByTestId('stack-row').map((r) => [r.dataset.kind, r.dataset.status])).toEqual([
      ['access', 'CREATE_COMPLETE'],
      ['environment', 'CREATE_COMPLETE'],
    ]);
    expect(byId('last-revocation')).toHaveTextContent('Revoke sessions on 2026-11-22 10:00 UTC');
    expect(byId('last-revocation')).toHaveTextContent(revocation.caller_arn);
    await expectNoSeriousViolations();
  });

  it('manages an installation whose environment failed while its role stands: the environment parts say why not', async () => {
    api.manageableInstallations.mockResolvedValue([{ ...ready, state: 'failed', phase: 'failed_access_live' }]);
    await shown();
    expect(api.accessStatus).toHaveBeenCalledWith('sandbox-demo');
    expect(byId('role-arn').textContent).toBe(ROLE_ARN);
    const env = await screen.findByTestId('environment-unavailable');
    expect(env.dataset.phase).toBe('failed_access_live');
    expect(env).toHaveTextContent('environment stack failed');
    expect(screen.queryByTestId('database-input')).toBeNull();
    expect(api.natAddresses).not.toHaveBeenCalled();
    await expectNoSeriousViolations();
  });

  it('shows a failed read next to the status, with Try again', async () => {
    const user = userEvent.setup();
    api.accessStatus.mockRejectedValueOnce({ code: 'expired_credentials', message: 'The session expired.', hint: 'Sign in again.' } satisfies IpcError);
    render(Manage, { account: ACCOUNT });
    const box = await screen.findByTestId('error');
    expect(box).toHaveTextContent('Sign in again.');
    await expectNoSeriousViolations();
    await user.click(within(box).getByRole('button', { name: 'Try again' }));
    await screen.findByTestId('manage-status');
  });

  it('says so when the account has no ready installation', async () => {
    api.manageableInstallations.mockResolvedValue([]);
    render(Manage, { account: ACCOUNT });
    expect(await screen.findByTestId('manage-empty')).toHaveTextContent(ACCOUNT);
    await expectNoSeriousViolations();
    expect(api.accessStatus).not.toHaveBeenCalled();
  });

  it('offers a choice between several installations and manages the one picked', async () => {
    const user = userEvent.setup();
    const other = { ...ready, installation_id: 'second', updated_at: '2026-01-01T00:00:00Z' };
    // The engine's order: the most recently changed first.
    api.manageableInstallations.mockResolvedValue([ready, other]);
    await shown();
    const select = byId('installation-select') as HTMLSelectElement;
    expect(select.value).toBe('sandbox-demo');
    await expectNoSeriousViolations();
    await user.selectOptions(select, 'second');
    expect(api.accessStatus).not.toHaveBeenCalledWith('second');
    await user.click(byId('installation-switch'));
    await vi.waitFor(() => expect(api.accessStatus).toHaveBeenLastCalledWith('second'));
    await user.click(await screen.findByTestId('always-open-button'));
    await user.type(byId('confirm-account'), ACCOUNT);
    await user.click(byId('confirm-action'));
    expect(api.accessAction).toHaveBeenCalledWith('second', { kind: 'always_open' }, ACCOUNT, expect.any(Function), null);
  });

  it('arrowing through the installations keeps the open confirmation and the one managed; only the button switches', async () => {
    const user = userEvent.setup();
    const other = { ...ready, installation_id: 'second', updated_at: '2026-01-01T00:00:00Z' };
    api.manageableInstallations.mockResolvedValue([ready, other]);
    await shown();
    await user.click(byId('cut-off-button'));
    await user.type(byId('confirm-account'), ACCOUNT);
    const select = byId('installation-select') as HTMLSelectElement;
    select.focus();
    // What a closed <select> does on ArrowDown: the value moves and change fires at once.
    await user.keyboard('{ArrowDown}');
    select.value = 'second';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await Promise.resolve();
    expect(api.accessStatus).toHaveBeenCalledTimes(1);
    expect(byId('confirm').dataset.action).toBe('cut_off');
    expect((byId('confirm-account') as HTMLInputElement).value).toBe(ACCOUNT);
    expect(byId('installation-still')).toHaveTextContent('sandbox-demo');
    // Back to the one managed: nothing to switch.
    select.value = 'sandbox-demo';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await vi.waitFor(() => expect(screen.queryByTestId('installation-switch')).toBeNull());
    await user.click(byId('confirm-action'));
    expect(api.accessAction).toHaveBeenCalledWith('sandbox-demo', { kind: 'cut_off' }, ACCOUNT, expect.any(Function), null);
  });
});

describe('Manage: the first lines', () => {
  it('say whether the access is open now, until when and the last revocation, before anything else', async () => {
    const status = await shown();
    const now = byId('access-now');
    expect(now.dataset.kind).toBe('open_until');
    expect(now).toHaveTextContent('Open until 2026-12-01 14:00 UTC');
    expect(byId('access-time-left')).toHaveTextContent('4 h 00 min left');
    expect(byId('last-revocation')).toHaveTextContent('Revoke sessions on 2026-11-22 10:00 UTC');
    // Before the status card, the window, restrict and delete sections.
    expect(now.compareDocumentPosition(status) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(now.compareDocumentPosition(byId('open-window-button')) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('after a cut off, say cut off, not open', async () => {
    api.accessStatus.mockResolvedValue(
      accessStatusFor({ window: { kind: 'closed' }, access_now: { kind: 'cut_off', at: '2026-12-01T09:30:00Z' } }),
    );
    await shown();
    expect(byId('access-now').dataset.kind).toBe('cut_off');
    expect(byId('access-now').dataset.tone).toBe('closed');
    expect(byId('access-now')).toHaveTextContent('Cut off 2026-12-01 09:30 UTC');
    expect(screen.queryByTestId('access-time-left')).toBeNull();
  });

  it('show the reversible stops apart from the irreversible deletes', async () => {
    const user = userEvent.setup();
    await shown();
    for (const id of ['close-window-button', 'revoke-button', 'cut-off-button']) expect(byId(id)).toHaveClass('reversible');
    for (const id of ['delete-role-button', 'delete-stacks-button']) expect(byId(id)).toHaveClass('danger');
    await user.click(byId('cut-off-button'));
    expect(byId('confirm-undo')).toHaveTextContent('Reversible');
    expect(byId('confirm-action')).toHaveClass('reversible');
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    await user.click(byId('delete-role-button'));
    expect(byId('confirm-undo')).toHaveTextContent('Cannot be undone');
    expect(byId('confirm-action')).toHaveClass('danger');
  });

  it('keep the typed confirmation\'s button in view when it opens and while the ID is typed', async () => {
    const user = userEvent.setup();
    const scrolled: Element[] = [];
    const original = Element.prototype.scrollIntoView;
    Element.prototype.scrollIntoView = function (this: Element) {
      scrolled.push(this);
    };
    try {
      await shown();
      await user.click(byId('delete-stacks-button'));
      const controls = byId('confirm-controls');
      expect(controls).toContainElement(byId('confirm-action'));
      await vi.waitFor(() => expect(scrolled).toContain(controls));
      scrolled.length = 0;
      await user.type(byId('confirm-account'), '1');
      expect(scrolled).toContain(controls);
    } finally {
      Element.prototype.scrollIntoView = original;
    }
  });

  it('show a cut off\'s result next to the access it changed, and the access re-read', async () => {
    const user = userEvent.setup();
    api.accessAction.mockResolvedValue(recordFor('cut_off', 'Sessions revoked and the window closed.'));
    await shown();
    api.accessStatus.mockResolvedValue(
      accessStatusFor({ window: { kind: 'closed' }, access_now: { kind: 'cut_off', at: '2026-12-01T10:00:00Z' } }),
    );
    await user.click(byId('cut-off-button'));
    await user.type(byId('confirm-account'), ACCOUNT);
    await user.click(byId('confirm-action'));
    const result = await screen.findByTestId('action-result');
    const headline = byId('access-now').closest('section')!;
    expect(headline).toContainElement(result);
    await vi.waitFor(() => expect(byId('access-now').dataset.kind).toBe('cut_off'));
  });

  it('list the stacks a delete removes inside its confirmation', async () => {
    const user = userEvent.setup();
    await shown();
    await user.click(byId('delete-stacks-button'));
    const confirm = byId('confirm');
    const stacks = await within(confirm).findAllByTestId('deletion-stack');
    expect(stacks.map((s) => s.textContent)).toEqual([expect.stringContaining(ENV), expect.stringContaining(ACCESS)]);
    expect(api.deleteStacksPreview).toHaveBeenCalledWith('sandbox-demo');
    // Listed before the field and its button.
    expect(stacks[1].compareDocumentPosition(byId('confirm-action')) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });
});

describe('Manage: the access window', () => {
  it('opens the window for the hours typed, shows who did it, and re-reads the status', async () => {
    const user = userEvent.setup();
    api.accessAction.mockResolvedValue(recordFor('open_window', 'The window is open until 18:00.'));
    await shown();
    const field = byId('open-window-hours');
    await user.clear(field);
    await user.type(field, '80');
    expect(byId('open-window-button')).toBeDisabled();
    expect(screen.getByText('At most 72 hours; use "Always open" for longer')).toBeInTheDocument();
    await user.clear(field);
    await user.type(field, '8');
    await user.click(byId('open-window-button'));
    // Re-opening access is confirmed like closing it.
    expect(byId('confirm').dataset.action).toBe('open_window');
    expect(api.accessAction).not.toHaveBeenCalled();
    await user.type(byId('confirm-account'), ACCOUNT);
    await user.click(byId('confirm-action'));
    expect(api.accessAction).toHaveBeenCalledWith('sandbox-demo', { kind: 'open_window', hours: 8 }, ACCOUNT, expect.any(Function), null);
    const result = await screen.findByTestId('action-result');
    expect(result.dataset.action).toBe('open_window');
    expect(result).toHaveTextContent('The window is open until 18:00.');
    expect(result).toHaveTextContent(revocation.caller_arn);
    await vi.waitFor(() => expect(api.accessStatus).toHaveBeenCalledTimes(2));
  });

  it('closing asks for the account ID; a wrong one keeps the button disabled; Escape cancels', async () => {
    const user = userEvent.setup();
    api.accessAction.mockResolvedValue(recordFor('close_window'));
    await shown();
    await user.click(byId('close-window-button'));
    expect(byId('confirm').dataset.action).toBe('close_window');
    await expectNoSeriousViolations();
    expect(byId('confirm-action')).toBeDisabled();
    await user.type(byId('confirm-account'), '123456789013');
    expect(byId('confirm-action')).toBeDisabled();
    await user.keyboard('{Escape}');
    expect(screen.queryByTestId('confirm')).toBeNull();
    await vi.waitFor(() => expect(byId('close-window-button')).toHaveFocus());
    expect(api.accessAction).not.toHaveBeenCalled();

    await user.click(byId('close-window-button'));
    await user.type(byId('confirm-account'), ACCOUNT);
    await user.click(byId('confirm-action'));
    expect(api.accessAction).toHaveBeenCalledWith('sandbox-demo', { kind: 'close_window' }, ACCOUNT, expect.any(Function), null);
    expect((await screen.findByTestId('action-result')).dataset.action).toBe('close_window');
  });
});

describe('Manage: changed outside Private Deploy', () => {
  const drift: ipc.Drift[] = [
    { kind: 'trust_policy', subject: 'private-deploy-sandbox-demo', expected: '{"a":1}', found: '{"a":2}' },
    { kind: 'inline_policy', subject: 'VendorExtra', expected: 'no such policy', found: '{}' },
  ];

  it('lists each change; opening is refused until the box is ticked, then sends what was shown as accepted', async () => {
    const user = userEvent.setup();
    api.accessStatus.mockResolvedValue(accessStatusFor({ drift }));
    api.accessAction.mockRejectedValueOnce({
      code: 'changed_outside',
      message: 'Opening the access window was refused: the role was changed outside Private Deploy.',
      hint: 'Review role private-deploy-sandbox-demo in the IAM console. … --accept-drift …',
    } satisfies IpcError);
    await shown();
    const warning = byId('drift-warning');
    expect(warning).toHaveTextContent('Changed outside Private Deploy');
    const items = within(warning).getAllByTestId('drift-item');
    expect(items.map((i) => i.dataset.kind)).toEqual(['trust_policy', 'inline_policy']);
    expect(items[1]).toHaveTextContent('VendorExtra');
    await expectNoSeriousViolations();

    await user.click(byId('always-open-button'));
    await user.type(byId('confirm-account'), ACCOUNT);
    await user.click(byId('confirm-action'));
    expect(api.accessAction).toHaveBeenLastCalledWith('sandbox-demo', { kind: 'always_open' }, ACCOUNT, expect.any(Function), null);
    expect(await screen.findByTestId('error')).toHaveAttribute('data-code', 'changed_outside');

    api.accessAction.mockResolvedValue(recordFor('always_open'));
    await user.click(byId('accept-drift'));
    await user.click(byId('always-open-button'));
    if (!(byId('confirm-account') as HTMLInputElement).value) await user.type(byId('confirm-account'), ACCOUNT);
    await user.click(byId('confirm-action'));
    expect(api.accessAction).toHaveBeenLastCalledWith('sandbox-demo', { kind: 'always_open' }, ACCOUNT, expect.any(Function), drift);
  });

  it('a closing action goes on without the box, and its result lists the changes it found', async () => {
    const user = userEvent.setup();
    api.accessStatus.mockResolvedValue(accessStatusFor({ drift }));
    api.accessAction.mockResolvedValue({ ...recordFor('close_window'), drift });
    await shown();
    await user.click(byId('close-window-button'));
    await user.type(byId('confirm-account'), ACCOUNT);
    await user.click(byId('confirm-action'));
    expect(api.accessAction).toHaveBeenCalledWith('sandbox-demo', { kind: 'close_window' }, ACCOUNT, expect.any(Function), null);
    expect(await screen.findByTestId('action-drift')).toHaveTextContent('VendorExtra');
    await expectNoSeriousViolations();
  });
});

describe('Manage: revoke and delete', () => {
  it('says revoking alone does not stop the vendor, and cuts off with the typed account', async () => {
    const user = userEvent.setup();
    const end = deferred<ipc.AccessActionRecord>();
    api.accessAction.mockReturnValue(end.promise);
    await shown();
    expect(byId('revoke-alone')).toHaveTextContent(accessWarnings.revoke_alone);
    await user.click(byId('revoke-button'));
    expect(byId('confirm-warning')).toHaveTextContent(accessWarnings.revoke_alone);
    await user.click(screen.getByRole('button', { name: 'Cancel' }));

    await user.click(byId('cut-off-button'));
    await user.type(byId('confirm-account'), ` ${ACCOUNT} `);
    await user.click(byId('confirm-action'));
    expect(api.accessAction).toHaveBeenCalledWith('sandbox-demo', { kind: 'cut_off' }, ACCOUNT, expect.any(Function), null);
    expect(screen.getByText(/Cut off now: making the change/)).toBeInTheDocument();
    expect(byId('delete-role-button')).toBeDisabled();
    end.resolve(recordFor('cut_off', 'Sessions revoked and the window closed.'));
    expect((await screen.findByTestId('action-result')).dataset.action).toBe('cut_off');
    expect(byId('delete-role-button')).toBeEnabled();
    await expectNoSeriousViolations();
  });

  it('warns that deleting the role drifts the stack, and offers deleting the stacks instead, streaming their status', async () => {
    const user = userEvent.setup();
    let send: (e: InstallEvent) => void = () => {};
    const end = deferred<ipc.AccessActionRecord>();
    api.accessAction.mockImplementation((_id, _req, _typed, onEvent) => {
      send = onEvent ?? send;
      return end.promise;
    });
    await shown();
    await user.click(byId('delete-role-button'));
    expect(byId('confirm-warning')).toHaveTextContent(accessWarnings.delete_role);
    await user.click(byId('delete-stacks-instead'));
    expect(byId('confirm').dataset.action).toBe('delete_stacks');
    expect(byId('confirm-warning')).toHaveTextContent(accessWarnings.delete_stacks);
    await user.type(byId('confirm-account'), ACCOUNT);
    await user.click(byId('confirm-action'));
    expect(api.accessAction).toHaveBeenCalledWith('sandbox-demo', { kind: 'delete_stacks' }, ACCOUNT, expect.any(Function), null);

    send(stackStatus(ENV, 'e', 'DELETE_IN_PROGRESS'));
    await vi.waitFor(() =>
      expect(screen.getAllByTestId('stack-row').map((r) => r.dataset.status)).toEqual(['CREATE_COMPLETE', 'DELETE_IN_PROGRESS']),
    );
    send(stackStatus(ENV, 'e', 'DELETE_COMPLETE'));
    send(stackStatus(ACCESS, 'a', 'DELETE_IN_PROGRESS'));
    await vi.waitFor(() => expect(byId('deleting')).toHaveTextContent(`${ACCESS}: DELETE_IN_PROGRESS`));
    await expectNoSeriousViolations();

    const gone = { ...ready, stacks: ready.stacks.map((s) => ({ ...s, status: 'DELETE_COMPLETE', status_class: 'deleted' as const })) };
    api.accessStatus.mockResolvedValue(
      accessStatusFor({ installation: gone, role: { kind: 'gone', name: 'private-deploy-sandbox-demo' }, actions: roleGoneOffers(true) }),
    );
    end.resolve(recordFor('delete_stacks', 'Both stacks are DELETE_COMPLETE.'));
    expect((await screen.findByTestId('action-result')).dataset.action).toBe('delete_stacks');
    await screen.findByTestId('role-gone');
    expect(screen.getAllByTestId('stack-row').map((r) => r.dataset.status)).toEqual(['DELETE_COMPLETE', 'DELETE_COMPLETE']);
    expect(byId('delete-stacks-button')).toBeDisabled();
  });

  it('with the role gone, only deleting the stacks is offered', async () => {
    api.accessStatus.mockResolvedValue(accessStatusFor({ role: { kind: 'gone', name: 'private-deploy-sandbox-demo' }, actions: roleGoneOffers() }));
    await shown();
    for (const id of ['revoke-button', 'cut-off-button', 'delete-role-button', 'close-window-button', 'open-window-button', 'boundary-attach-button', 'tighten-preview-button']) {
      expect(byId(id)).toBeDisabled();
    }
    expect(byId('delete-stacks-button')).toBeEnabled();
    expect(screen.queryByTestId('role-name')).toBeNull();
    await expectNoSeriousViolations();
  });

  it('shows a refused action next to its button, with Try again', async () => {
    const user = userEvent.setup();
    api.accessAction.mockRejectedValue({ code: 'access_denied', message: 'Not allowed to call iam:DeleteRole.', hint: 'Use an administrator profile.' } satisfies IpcError);
    await shown();
    await user.click(byId('delete-role-button'));
    await user.type(byId('confirm-account'), ACCOUNT);
    await user.click(byId('confirm-action'));
    const box = await screen.findByTestId('error');
    expect(box).toHaveTextContent('Could not delete the role');
    expect(box).toHaveTextContent('Use an administrator profile.');
    await expectNoSeriousViolations();
    await user.click(within(box).getByRole('button', { name: 'Try again' }));
    expect(byId('confirm').dataset.action).toBe('delete_role');
  });
});

describe('Manage: restrict', () => {
  it('attaches the boundary on confirmation', async () => {
    const user = userEvent.setup();
    api.accessAction.mockResolvedValue(recordFor('attach_boundary'));
    await shown();
    expect(byId('boundary-remove-button')).toBeDisabled();
    await user.click(byId('boundary-attach-button'));
    await user.type(byId('confirm-account'), ACCOUNT);
    await user.click(byId('confirm-action'));
    expect(api.accessAction).toHaveBeenCalledWith('sandbox-demo', { kind: 'attach_boundary' }, ACCOUNT, expect.any(Function), null);
  });

  it('previews the tightened policy as a diff, then applies it on confirmation', async () => {
    const user = userEvent.setup();
    api.tightenPreview.mockResolvedValue(tightenPreviewFixture);
    api.accessAction.mockResolvedValue(recordFor('tighten'));
    await shown();
    expect(screen.queryByTestId('tighten-apply-button')).toBeNull();
    await user.click(byId('tighten-preview-button'));
    const diff = await screen.findByTestId('tighten-diff');
    expect(api.tightenPreview).toHaveBeenCalledWith('sandbox-demo');
    expect(diff).toHaveTextContent('2 lines added, 1 line removed');
    expect([...diff.querySelectorAll('[data-kind="removed"]')].map((e) => e.textContent)).toEqual([
      expect.stringContaining('"AttachedPolicies": ["AdministratorAccess"]'),
    ]);
    expect(api.accessAction).not.toHaveBeenCalled();
    await expectNoSeriousViolations();
    await user.click(byId('tighten-apply-button'));
    await user.type(byId('confirm-account'), ACCOUNT);
    await user.click(byId('confirm-action'));
    expect(api.accessAction).toHaveBeenCalledWith('sandbox-demo', { kind: 'tighten' }, ACCOUNT, expect.any(Function), null);
    expect((await screen.findByTestId('action-result')).dataset.action).toBe('tighten');
    expect(screen.queryByTestId('tighten-diff')).toBeNull();
  });
});

describe('Manage: credentials that expire mid-action', () => {
  it('shows "Your AWS session expired" while the action waits for a sign-in, and the outcome after', async () => {
    const user = userEvent.setup();
    let send: (e: InstallEvent) => void = () => {};
    const end = deferred<ipc.AccessActionRecord>();
    api.accessAction.mockImplementation((_id, _req, _typed, onEvent) => {
      send = onEvent ?? send;
      return end.promise;
    });
    api.listProfiles.mockResolvedValue(profileList);
    await shown();
    await user.click(byId('close-window-button'));
    await user.type(byId('confirm-account'), ACCOUNT);
    await user.click(byId('confirm-action'));

    send({
      kind: 'credentials_expired',
      installation_id: 'sandbox-demo',
      profile: 'default',
      account_id: ACCOUNT,
      sso: false,
      since: '2026-12-01T10:00:00Z',
      message: 'The AWS credentials for profile default have expired.',
      waiting: true,
    });
    const panel = await screen.findByTestId('session-expired');
    expect(panel).toHaveTextContent('The action is paused where it was and nothing is lost.');
    expect(panel).not.toHaveTextContent('stacks go on');

    send({ kind: 'credentials_renewed', installation_id: 'sandbox-demo', profile: 'default', account_id: ACCOUNT, at: '2026-12-01T10:01:00Z' });
    await vi.waitFor(() => expect(screen.queryByTestId('session-expired')).toBeNull());
    end.resolve(recordFor('close_window'));
    expect((await screen.findByTestId('action-result')).dataset.action).toBe('close_window');
  });
});
