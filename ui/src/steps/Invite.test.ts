// The Invite step in jsdom against a mocked back end: opening by chosen file,
// dropped file and pasted link; the summary; verification warnings; the typed
// vendor-account confirmation; errors beside the drop zone; replacing an
// invite; launch requests.
import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import Invite from './Invite.svelte';
import type { InviteSummary, IpcError } from '../lib/ipc';
import { backend, deferred, inviteDoc, unsignedInvite, verifiedInvite } from '../test/fixtures';
import { expectNoSeriousViolations } from '../test/axe';

const fileInput = () => screen.getByTestId<HTMLInputElement>('invite-file');
const jsonFile = (text = JSON.stringify(inviteDoc), name = 'invite.json') =>
  new File([text], name, { type: 'application/json' });

const badField: IpcError = {
  code: 'invalid_input',
  message: 'The invite is not valid: vendor.account_id must be 12 digits, not "12345".',
  hint: 'Ask the vendor for a new invite.',
};

describe('Invite: opening', () => {
  it('sends the chosen file\'s text to the back end and shows the summary', async () => {
    const user = userEvent.setup();
    const reply = deferred<InviteSummary>();
    const calls = backend({ open_invite_text: () => reply.promise });
    const onstatus = vi.fn();
    const oninvite = vi.fn();
    render(Invite, { onstatus, oninvite });
    expect(onstatus).toHaveBeenLastCalledWith({
      complete: false,
      missing: "Open the vendor's invite file or link to continue",
    });

    // An ordinary file input, only visually hidden: WebDriver sets a path on it.
    expect(fileInput().type).toBe('file');
    expect(fileInput().accept).toBe('.json,application/json');
    expect(fileInput()).toHaveClass('visually-hidden');
    await expectNoSeriousViolations();

    await user.upload(fileInput(), jsonFile());
    expect(await screen.findByRole('status')).toHaveTextContent('Checking the invite from invite.json…');
    reply.resolve(verifiedInvite);

    const card = await screen.findByTestId('invite-summary');
    expect(calls.filter((c) => c.cmd !== 'invite_limits')).toEqual([{ cmd: 'open_invite_text', args: { text: JSON.stringify(inviteDoc) } }]);
    expect(within(card).getByTestId('vendor-name')).toHaveTextContent('Sandbox Vendor');
    expect(within(card).getByTestId('vendor-account').textContent).toBe('210987654321');
    expect(within(card).getByTestId('vendor-account').tagName).toBe('CODE');
    expect(within(card).getByTestId('installation-id').textContent).toBe('sandbox-demo');
    expect(within(card).getByTestId('external-id').textContent).toBe('pd-sandbox-demo-0001');
    expect(within(card).getByTestId('access-mode')).toHaveTextContent('Full access (AdministratorAccess)');
    expect(within(card).getByTestId('vpc-prefix')).toHaveTextContent('/16');
    expect(within(card).getByTestId('role-path')).toHaveTextContent('/private-deploy/');
    expect(within(card).getByTestId('environment')).toHaveTextContent('reference');
    expect(within(card).getByTestId('invite-access')).toHaveTextContent(verifiedInvite.access);
    expect(within(card).getByRole('button', { name: 'Copy External ID' })).toBeInTheDocument();
    expect(within(card).getByTestId('invite-verification').dataset.status).toBe('verified');
    expect(card).toHaveTextContent('from invite.json');
    // Verified: no typed confirmation needed.
    expect(screen.queryByTestId('vendor-account-confirm')).toBeNull();
    expect(onstatus).toHaveBeenLastCalledWith({ complete: true, missing: '' });
    expect(oninvite).toHaveBeenCalledOnce();
    await expectNoSeriousViolations();
  });

  it('opens a dropped .json file, and refuses other files without calling the back end', async () => {
    const calls = backend({ open_invite_text: () => verifiedInvite });
    render(Invite);
    const zone = screen.getByTestId('invite-drop');

    await fireEvent.drop(zone, { dataTransfer: { files: [new File(['x'], 'photo.png', { type: 'image/png' })], getData: () => '' } });
    const box = await screen.findByTestId('error');
    expect(box).toHaveTextContent('photo.png is not an invite file');
    expect(calls).toEqual([]);

    await fireEvent.drop(zone, { dataTransfer: { files: [jsonFile('{"a":1}')], getData: () => '' } });
    await screen.findByTestId('invite-summary');
    expect(calls.filter((c) => c.cmd !== 'invite_limits')).toEqual([{ cmd: 'open_invite_text', args: { text: '{"a":1}' } }]);
    expect(screen.queryByTestId('error')).toBeNull();
  });

  it('highlights the drop zone while a file is dragged over it', async () => {
    render(Invite);
    const zone = screen.getByTestId('invite-drop');
    await fireEvent.dragEnter(zone);
    expect(zone).toHaveClass('over');
    await fireEvent.dragLeave(zone);
    expect(zone).not.toHaveClass('over');
  });

  it('opens a pasted link, cleaned of quotes and spaces', async () => {
    const user = userEvent.setup();
    const calls = backend({ open_invite_link: () => verifiedInvite });
    render(Invite);
    await user.type(screen.getByTestId('invite-link'), ' "private-deploy://install?invite=eyJ2IjoxfQ" ');
    await user.click(screen.getByRole('button', { name: 'Open link' }));
    await screen.findByTestId('invite-summary');
    expect(calls).toEqual([
      { cmd: 'open_invite_link', args: { link: 'private-deploy://install?invite=eyJ2IjoxfQ' } },
    ]);
  });

  it('shows the engine\'s message and hint next to the drop zone, naming the field', async () => {
    const user = userEvent.setup();
    backend({
      open_invite_text: () => {
        throw badField;
      },
    });
    render(Invite);
    await user.upload(fileInput(), jsonFile());
    const box = await screen.findByTestId('error');
    expect(box.dataset.code).toBe('invalid_input');
    expect(box).toHaveTextContent('vendor.account_id must be 12 digits');
    expect(box).toHaveTextContent('Ask the vendor for a new invite.');
    expect(box.closest('.intake')).toContainElement(screen.getByTestId('invite-drop'));
    await expectNoSeriousViolations();
    expect(screen.queryByTestId('invite-summary')).toBeNull();
  });
});

describe('Invite: unverified invites', () => {
  it('offers no copy button for the vendor account the admin must type, and one once the invite is verified', async () => {
    backend({ open_invite_text: () => unsignedInvite });
    const { unmount } = render(Invite);
    await userEvent.upload(fileInput(), jsonFile());
    const card = await screen.findByTestId('invite-summary');
    expect(within(card).getByTestId('vendor-account').textContent).toBe(unsignedInvite.invite.vendor.account_id);
    expect(within(card).queryByRole('button', { name: /vendor account ID/i })).toBeNull();
    expect(within(card).getByRole('button', { name: /External ID/i })).toBeTruthy();
    unmount();

    backend({ open_invite_text: () => verifiedInvite });
    render(Invite);
    await userEvent.upload(fileInput(), jsonFile());
    const verified = await screen.findByTestId('invite-summary');
    expect(within(verified).getByRole('button', { name: /vendor account ID/i })).toBeTruthy();
  });

  it('warns, and completes only when the typed account ID matches the invite exactly', async () => {
    const user = userEvent.setup();
    backend({ open_invite_text: () => unsignedInvite });
    const onstatus = vi.fn();
    render(Invite, { onstatus });
    await user.upload(fileInput(), jsonFile());

    const note = await screen.findByTestId('invite-verification');
    expect(note.dataset.status).toBe('unsigned');
    expect(note).toHaveAttribute('role', 'alert');
    expect(note).toHaveTextContent('anyone could have written it');

    const field = screen.getByTestId('vendor-account-confirm');
    expect(screen.getByTestId('vendor-confirm')).toHaveTextContent('through a channel you already trust');
    expect(onstatus).toHaveBeenLastCalledWith({
      complete: false,
      missing: "Type the vendor's 12-digit AWS account ID to confirm the invite",
    });

    await user.type(field, '210987654322');
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByTestId('confirm-status')).toHaveTextContent('This is not the account in the invite');
    await expectNoSeriousViolations();
    expect(onstatus.mock.lastCall?.[0].complete).toBe(false);

    await user.clear(field);
    await user.type(field, ' 210987654321 ');
    expect(screen.getByTestId('confirm-status')).toHaveTextContent("Matches the invite's vendor account.");
    expect(onstatus).toHaveBeenLastCalledWith({ complete: true, missing: '' });
  });

  it('shows a bad signature in red', async () => {
    const user = userEvent.setup();
    backend({
      open_invite_text: () => ({ ...unsignedInvite, verification: { status: 'invalid', key_id: 'sandbox-2026' } }),
    });
    render(Invite);
    await user.upload(fileInput(), jsonFile());
    const note = await screen.findByTestId('invite-verification');
    expect(note).toHaveClass('danger');
    expect(note).toHaveTextContent('Bad signature');
    expect(note).toHaveTextContent('sandbox-2026');
    await expectNoSeriousViolations();
  });
});

describe('Invite: replacing and launching', () => {
  it('a second invite replaces the first and clears the typed ID; a failing one keeps the first', async () => {
    const user = userEvent.setup();
    const other: InviteSummary = {
      ...unsignedInvite,
      invite: { ...unsignedInvite.invite, installation_id: 'other-env', vendor: { name: 'Other', account_id: '111122223333' } },
    };
    let next: InviteSummary | IpcError = unsignedInvite;
    backend({
      open_invite_text: () => {
        if ('code' in next) throw next;
        return next;
      },
    });
    const oninvite = vi.fn();
    render(Invite, { oninvite });
    await user.upload(fileInput(), jsonFile());
    await user.type(await screen.findByTestId('vendor-account-confirm'), '210987654321');

    next = other;
    await user.upload(fileInput(), jsonFile('{}', 'other.json'));
    await vi.waitFor(() => expect(screen.getByTestId('vendor-name')).toHaveTextContent('Other'));
    expect(screen.getByTestId<HTMLInputElement>('vendor-account-confirm').value).toBe('');
    expect(oninvite).toHaveBeenCalledTimes(2);

    next = badField;
    await user.upload(fileInput(), jsonFile('{}', 'broken.json'));
    const box = await screen.findByTestId('error');
    expect(box).toHaveTextContent('The invite from Other opened before is still the one in use.');
    expect(screen.getByTestId('vendor-name')).toHaveTextContent('Other');
    expect(oninvite).toHaveBeenCalledTimes(2);
  });

  it('opens a launch request (link or file) and clears it', async () => {
    const calls = backend({ open_invite_link: () => verifiedInvite, open_invite_text: () => unsignedInvite });
    const { rerender } = render(Invite, { launch: { kind: 'link', link: 'private-deploy://install?invite=abc' } });
    await screen.findByTestId('invite-summary');
    expect(calls).toEqual([{ cmd: 'open_invite_link', args: { link: 'private-deploy://install?invite=abc' } }]);

    await rerender({ launch: { kind: 'file', name: 'invite.json', text: '{"version": 1}' } });
    await screen.findByTestId('vendor-account-confirm');
    expect(calls.at(-1)).toEqual({ cmd: 'open_invite_text', args: { text: '{"version": 1}' } });
    expect(screen.getByTestId('invite-summary')).toHaveTextContent('from invite.json');
  });

  it('refuses a picked file past the engine\'s size limit without reading it', async () => {
    const calls = backend({ invite_limits: () => ({ max_bytes: 10 }), open_invite_text: () => verifiedInvite });
    render(Invite);
    await userEvent.upload(fileInput(), jsonFile('{"padding": "more than ten bytes"}', 'huge.json'));
    const box = await screen.findByTestId('error');
    expect(box).toHaveTextContent('huge.json is 34 bytes; an invite may be at most 10 bytes.');
    expect(calls.map((c) => c.cmd)).toEqual(['invite_limits']);
  });
});
