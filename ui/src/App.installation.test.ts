// The whole window with a mocked back end, once an installation exists: Manage (right after
// sign-in for an account with a ready install, or from Install's Ready), the one state of the
// open installation (saved choices, launched choices read-only, Back as a run ends), an invite
// that no longer opens, and updates.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import App from './App.svelte';
import type { IpcError } from './lib/bindings';
import {
  deferred,
  handled,
  accessStatusFor,
  accessWarnings,
  inFlight,
  natAddressList,
  ready,
  verifiedInvite,
  type Handlers,
} from './test/fixtures';
import { $, heading, info, openInvite, preloadSteps, rail, reason, regionRadio, setup, signIn, toRegion } from './test/app-harness';
import { expectNoSeriousViolations } from './test/axe';

beforeAll(preloadSteps);

describe('Manage', () => {
  const manageHandlers: Handlers = {
    manageable_installations: () => [ready],
    access_status: () => accessStatusFor(),
    access_warnings: () => accessWarnings,
    nat_addresses: () => natAddressList,
  };

  it('after sign-in with a ready installation and no invite, goes to Manage; Back returns to Sign in', async () => {
    const user = userEvent.setup();
    const calls = setup(info, { ...manageHandlers, landing: () => ({ kind: 'manage', installation_id: 'sandbox-demo' }) });
    render(App);
    expect(rail('manage')).toHaveAttribute('aria-disabled', 'true');
    await user.click(await vi.waitFor(() => rail('sign-in')));
    await user.click(await vi.waitFor(() => $('#sign-in')!));

    await vi.waitFor(() => expect(heading()).toHaveTextContent('Manage'));
    await screen.findByTestId('manage-status');
    expect(calls.find((c) => c.cmd === 'access_status')?.args).toEqual({ installationId: 'sandbox-demo' });
    await expectNoSeriousViolations();
    expect(rail('install')).toHaveAttribute('aria-disabled', 'true');
    expect(reason()).toBe('This is the last step');
    await user.click($('#back')!);
    expect(heading()).toHaveTextContent('Sign in');
    expect(rail('manage')).not.toHaveAttribute('aria-disabled');
  });

  it('after sign-in, when the engine says a new install, Manage stays locked', async () => {
    const user = userEvent.setup();
    const answer = deferred<unknown>();
    const calls = setup(info, { landing: () => answer.promise });
    render(App);
    await user.click(await vi.waitFor(() => rail('sign-in')));
    await user.click(await vi.waitFor(() => $('#sign-in')!));
    await screen.findByTestId('account-id');
    await vi.waitFor(() => expect(calls.some((c) => c.cmd === 'landing')).toBe(true));
    answer.resolve({ kind: 'new_install' });
    await handled(answer.promise);
    expect(heading()).toHaveTextContent('Sign in');
    expect(rail('manage')).toHaveAttribute('aria-disabled', 'true');
  });

  it("Install's Ready banner offers Manage access", async () => {
    const user = userEvent.setup();
    const follow = deferred<unknown>();
    // In flight at sign-in; ready once the run has ended.
    setup(info, {
      ...manageHandlers,
      landing: () => ({ kind: 'resume_install', installation: inFlight }),
      follow_install: () => follow.promise,
    });
    render(App);
    await user.click(await vi.waitFor(() => rail('sign-in')));
    await user.click(await vi.waitFor(() => $('#sign-in')!));
    await screen.findByTestId('following');
    expect(rail('manage')).toHaveAttribute('aria-disabled', 'true');
    follow.resolve({ kind: 'ready', installation_id: 'sandbox-demo', outputs: [] });
    await user.click(await screen.findByTestId('manage-button'));
    expect(heading()).toHaveTextContent('Manage');
    await screen.findByTestId('manage-status');
  });
});

describe('one state for the open installation', () => {
  it('brings back the choices saved before the app closed, the boundary included', async () => {
    const user = userEvent.setup();
    const calls = setup(info, {
      restore_draft: () => ({
        invite: verifiedInvite,
        choices: { invite_source: 'invite.json', confirmation: '', use_boundary: true, region: 'eu-west-1', avoid: [] },
        saved_at: '2026-11-21T09:00:00Z',
      }),
      save_draft: () => null,
    });
    render(App);
    const card = await screen.findByTestId('invite-summary');
    expect(card).toHaveTextContent('Sandbox Vendor');
    // Restoring saves nothing: only a change does.
    expect(calls.some((c) => c.cmd === 'save_draft')).toBe(false);
    await user.click($('#next')!);
    await signIn(user);
    await user.click($('#next')!);
    await screen.findByTestId('trust-policy');
    expect(screen.getByRole('checkbox')).toBeChecked();
    expect(calls.find((c) => c.cmd === 'review_access')!.args.useBoundary).toBe(true);
  });

  it('once launched, shows the choices read-only on their steps, and starts a different installation from there', async () => {
    const user = userEvent.setup();
    const calls = setup(info, { installation: () => ready, save_draft: () => null });
    render(App);
    await openInvite(user);
    await user.click($('#next')!);
    await user.click(await vi.waitFor(() => $('#sign-in')!));
    // The engine has this invite's installation, ready: its choices are what the stacks were made with.
    expect(await screen.findByTestId('summary-account')).toHaveTextContent('123456789012');
    await user.click(rail('region'));
    const region = await screen.findByTestId('launched-choices');
    expect(region.dataset.phase).toBe('ready');
    expect(screen.getByTestId('summary-region')).toHaveTextContent('us-east-1');
    expect($('input[type=radio][name=region]')).toBeNull();
    await user.click(rail('invite'));
    expect(screen.getByTestId('summary-installation')).toHaveTextContent('sandbox-demo');
    expect(rail('manage')).not.toHaveAttribute('aria-disabled', 'true');

    await user.click(screen.getByTestId('start-different'));
    expect(heading()).toHaveTextContent('Invite');
    await screen.findByTestId('invite-drop');
    expect(screen.queryByTestId('launched-choices')).toBeNull();
    // The saved choices go too: a restart does not bring the launched invite back as a new one.
    await vi.waitFor(() =>
      expect(calls.filter((c) => c.cmd === 'save_draft').at(-1)?.args.draft).toEqual({
        choices: { confirmation: '', use_boundary: false, avoid: [] },
      }),
    );
  });
  it('Back pressed as the install ends, before its record is read, keeps the Ready outputs', async () => {
    const user = userEvent.setup();
    const record = deferred<unknown>();
    let ended = false;
    setup(info, {
      // Nothing recorded until the run has ended; then the read is held back.
      installation: () => {
        if (!ended) throw { code: 'not_found', message: 'No installation.', hint: null } satisfies IpcError;
        return record.promise;
      },
      start_install: () => {
        ended = true;
        return { kind: 'ready', installation_id: 'sandbox-demo', outputs: [] };
      },
      save_draft: () => null,
    });
    render(App);
    await toRegion(user);
    await vi.waitFor(() => expect(regionRadio('eu-west-1')?.checked).toBe(true));
    await user.click($('#next')!);
    await user.click(await vi.waitFor(() => $('#use-network')!));
    await screen.findByTestId('network-saved');
    await user.click($('#next')!);
    await user.click(await screen.findByTestId('install-button'));
    await screen.findByTestId('install-ready');
    await vi.waitFor(() => expect($('#back')).toBeEnabled());

    await user.click($('#back')!);
    expect(heading()).toHaveTextContent('Network');
    record.resolve(ready);
    await screen.findByTestId('launched-choices');
    await user.click(rail('install'));
    expect(screen.getByTestId('install-ready')).toBeVisible();
    expect(screen.queryByTestId('install-button')).toBeNull();
  });
});

describe('restoring an invite that no longer opens', () => {
  it('says why and keeps the other choices', async () => {
    setup(info, {
      restore_draft: () => ({
        invite_error: { code: 'invalid_input', message: 'The invite expired.', hint: null },
        choices: { confirmation: '', use_boundary: true, avoid: [] },
        saved_at: '2026-11-21T09:00:00Z',
      }),
      save_draft: () => null,
    });
    render(App);
    expect(await screen.findByTestId('restore-error')).toHaveTextContent('The invite expired.');
    expect(screen.queryByTestId('invite-summary')).toBeNull();
  });
});

describe('updates', () => {
  it('checks once on start and offers a newer version, which opens About with what changed', async () => {
    const calls = setup(info, {
      check_for_update: () => ({
        current_version: '0.1.0',
        version: '0.2.0',
        notes: 'Faster discovery.',
        published: null,
        install: 'in_app',
        download_page: 'https://github.com/private-deploy/private-deploy/releases',
      }),
    });
    render(App);
    const banner = await screen.findByTestId('update-available');
    expect(banner).toHaveTextContent('Version 0.2.0 is available');
    expect(calls.filter((c) => c.cmd === 'check_for_update').map((c) => c.args)).toEqual([{ automatic: true }]);
    await userEvent.click(banner);
    expect(within(screen.getByTestId('about')).getByTestId('update-notes')).toHaveTextContent('Faster discovery.');
    expect(within(screen.getByTestId('about')).getByTestId('about-version')).toHaveTextContent('0.1.0');
  });
});
