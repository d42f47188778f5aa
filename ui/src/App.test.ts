// The whole window with a mocked back end: header badge, the step rail's
// selectors and states, Back/Next with their blocked reasons, the
// Invite → Sign in → Review access → Region → Network → Install flow, launch
// requests, and picking up an install in flight after sign-in. The window once an
// installation exists is in App.installation.test.ts; the shared set-up in test/app-harness.ts.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import App from './App.svelte';
import type { IpcError } from './lib/bindings';
import type { InviteLaunch } from './lib/ipc';
import {
  deferred,
  identityFor,
  inFlight,
  unsignedInvite,
  verifiedInvite,
} from './test/fixtures';
import { $, heading, info, openInvite, preloadSteps, rail, reason, regionRadio, setup, signIn, toRegion } from './test/app-harness';
import { expectNoSeriousViolations } from './test/axe';

beforeAll(preloadSteps);

describe('the wizard window', () => {
  it('opens on Invite with every step in the rail: Sign in open, the rest locked', async () => {
    const calls = setup();
    render(App);
    await screen.findByTestId('invite-drop');

    const ids = [...document.querySelectorAll('button[data-step]')].map((b) => b.getAttribute('data-step'));
    expect(ids).toEqual(['invite', 'sign-in', 'review-access', 'region', 'network', 'install', 'manage']);
    expect(rail('invite')).toHaveAttribute('aria-current', 'step');
    expect(document.querySelectorAll('[aria-current="step"]')).toHaveLength(1);
    expect(document.body).not.toHaveTextContent('Coming soon');
    for (const id of ['review-access', 'region', 'network', 'install', 'manage']) {
      expect(rail(id)).toHaveAttribute('aria-disabled', 'true');
      expect(rail(id)).toHaveTextContent('Finish the earlier steps first');
      expect(rail(id)).toHaveAccessibleDescription('Locked steps: finish the earlier steps first.');
    }
    expect(rail('sign-in')).not.toHaveAttribute('aria-disabled');
    expect(heading()).toHaveTextContent('Invite');
    await expectNoSeriousViolations();
    expect($('#back')).toBeDisabled();
    expect(reason()).toBe("Open the vendor's invite file or link to continue");
    // Launch requests are watched once, from the start.
    await vi.waitFor(() => expect(calls.filter((c) => c.cmd === 'watch_launches')).toHaveLength(1));
  });

  it('keeps Next disabled with a reason that follows the invite and its confirmation', async () => {
    const user = userEvent.setup();
    setup(info, { open_invite_link: () => unsignedInvite });
    render(App);
    await openInvite(user);
    expect(reason()).toBe("Type the vendor's 12-digit AWS account ID to confirm the invite");
    expect($('#next')).toHaveAccessibleDescription("Type the vendor's 12-digit AWS account ID to confirm the invite");
    await user.type(screen.getByTestId('vendor-account-confirm'), '210987654321');
    expect(reason()).toBeNull();
    expect($('#next')).toBeEnabled();
  });

  it('signs in by keyboard alone: the rail to Sign in, Tab to the profiles, arrows, Tab and Enter', async () => {
    const user = userEvent.setup();
    const calls = setup();
    render(App);
    await screen.findByTestId('invite-drop');

    await user.tab();
    expect(document.activeElement).toBe(rail('invite'));
    await user.tab();
    expect(document.activeElement).toBe(rail('sign-in'));
    await user.keyboard('{Enter}');
    expect(heading()).toHaveTextContent('Sign in');
    await screen.findByRole('group', { name: 'AWS profile' });
    await vi.waitFor(() => expect(document.activeElement).toBe(heading()));
    await user.tab();
    expect(document.activeElement).toBe($('input[type=radio][name=profile][value="prod-admin"]'));
    await user.keyboard('{ArrowDown}');
    await user.tab();
    expect(document.activeElement).toBe($('#sign-in'));
    await user.keyboard('{Enter}');

    expect((await screen.findByTestId('account-id')).textContent).toBe('123456789012');
    expect(calls.filter((c) => c.cmd === 'sign_in').map((c) => c.args)).toEqual([{ profile: 'ci-role', mfaCode: null }]);
    // Signed in without an invite: Review access still waits for one.
    expect(reason()).toBeNull();
    expect(rail('review-access')).toHaveAttribute('aria-disabled', 'true');
  });

  it('does nothing when a locked step is clicked', async () => {
    const user = userEvent.setup();
    setup();
    render(App);
    await screen.findByTestId('invite-drop');
    await user.click(rail('region'));
    expect(rail('invite')).toHaveAttribute('aria-current', 'step');
    expect(heading()).toHaveTextContent('Invite');
  });

  it('shows the custom endpoint badge only when an endpoint is set', async () => {
    const global = { service: null, url: 'http://127.0.0.1:5000', setting: 'AWS_ENDPOINT_URL', origin: 'environment' } as const;
    setup({ ...info, endpoints: [global] });
    const { unmount } = render(App);
    expect(await screen.findByTestId('endpoint-badge')).toHaveTextContent(
      'Custom endpoint: http://127.0.0.1:5000 (AWS_ENDPOINT_URL)',
    );
    unmount();

    setup(info);
    render(App);
    await screen.findByText('v0.1.0');
    expect(screen.queryByTestId('endpoint-badge')).toBeNull();
  });

  it("shows the signed-in session's endpoints, per service, once signed in", async () => {
    const user = userEvent.setup();
    const global = { service: null, url: 'http://127.0.0.1:5000', setting: 'AWS_ENDPOINT_URL', origin: 'environment' } as const;
    const sts = { service: 'sts', url: 'https://sts.internal.example', setting: '[services lab] sts', origin: 'profile' } as const;
    setup({ ...info, endpoints: [global] }, { session_endpoints: () => [global, sts] });
    render(App);
    await openInvite(user);
    await user.click($('#next')!);
    expect(await screen.findByTestId('endpoint-badge')).not.toHaveTextContent('sts.internal.example');
    await signIn(user);
    await vi.waitFor(() => expect(screen.getByTestId('endpoint-badge')).toHaveTextContent('Custom endpoints:'));
    const entries = screen.getAllByTestId('endpoint-entry').map((e) => e.textContent?.replace(/\s+/g, ' ').trim());
    expect(entries).toEqual([
      'http://127.0.0.1:5000 (AWS_ENDPOINT_URL)',
      'sts https://sts.internal.example ([services lab] sts)',
    ]);
  });
});

describe('Invite → Sign in → Review access → Region → Network → Install', () => {
  it('walks every step with Next, carrying the boundary choice and the saved block into the install plan', async () => {
    const user = userEvent.setup();
    const calls = setup();
    render(App);
    await openInvite(user);
    await expectNoSeriousViolations();
    await user.click($('#next')!);
    await signIn(user);
    await expectNoSeriousViolations();
    await user.click($('#next')!);
    expect(heading()).toHaveTextContent('Review access');
    await screen.findByTestId('trust-policy');
    await user.click(screen.getByTestId('boundary-checkbox'));
    await screen.findByTestId('boundary-policy');
    await expectNoSeriousViolations();
    await vi.waitFor(() => expect(reason()).toBeNull());
    await user.click($('#next')!);

    expect(heading()).toHaveTextContent('Region');
    await vi.waitFor(() => expect(regionRadio('eu-west-1')?.checked).toBe(true));
    await user.click(regionRadio('us-east-1')!);
    await expectNoSeriousViolations();
    await user.click($('#next')!);
    expect(heading()).toHaveTextContent('Network');
    await vi.waitFor(() => expect(reason()).toBe('Save the network choice'));
    await user.click($('#use-network')!);
    await screen.findByTestId('network-saved');
    await expectNoSeriousViolations();
    expect(reason()).toBeNull();
    await user.click($('#next')!);

    expect(heading()).toHaveTextContent('Install');
    await screen.findByTestId('install-plan');
    expect(calls.find((c) => c.cmd === 'plan_install')!.args).toEqual({
      request: { invite: verifiedInvite.invite, region: 'us-east-1', cidr: '10.2.0.0/16', use_boundary: true },
    });
    expect(screen.getByTestId('install-button')).toBeEnabled();
    expect(reason()).toBe('Press Install and wait until the install is ready');
    await expectNoSeriousViolations();

    for (const back of ['Network', 'Region', 'Review access', 'Sign in', 'Invite']) {
      await user.click($('#back')!);
      expect(heading()).toHaveTextContent(back);
    }
    expect($('#back')).toBeDisabled();
  });

  it('a plan refused for the block offers "Back to Network", which goes there', async () => {
    const user = userEvent.setup();
    const refused: IpcError = {
      code: 'invalid_input',
      message: '10.2.0.0/16 cannot be used: it overlaps VPC vpc-9 in us-east-1, created since.',
      hint: 'Choose one of the suggested blocks.',
      fix: 'network',
    };
    setup(info, {
      plan_install: () => {
        throw refused;
      },
    });
    render(App);
    await toRegion(user);
    await vi.waitFor(() => expect(regionRadio('eu-west-1')?.checked).toBe(true));
    await user.click(regionRadio('us-east-1')!);
    await user.click($('#next')!);
    expect(heading()).toHaveTextContent('Network');
    await vi.waitFor(() => expect(reason()).toBe('Save the network choice'));
    await user.click($('#use-network')!);
    await screen.findByTestId('network-saved');
    await user.click($('#next')!);
    expect(heading()).toHaveTextContent('Install');

    const box = await screen.findByTestId('error');
    expect(box).toHaveTextContent('created since');
    expect(within(box).queryByRole('button', { name: 'Try again' })).toBeNull();
    await user.click(within(box).getByRole('button', { name: 'Back to Network' }));
    expect(heading()).toHaveTextContent('Network');
    await vi.waitFor(() => expect(document.activeElement).toBe(heading()));
  });

  it('blocks Next on Region until an enabled region is chosen', async () => {
    const user = userEvent.setup();
    setup(info, { sign_in: ({ profile }) => identityFor(String(profile), { region: 'af-south-1' }) });
    render(App);
    await toRegion(user);
    await vi.waitFor(() => expect(regionRadio('eu-west-1')).not.toBeNull());
    expect(reason()).toBe('Choose an enabled region to continue');
    expect($('#next')).toBeDisabled();
    expect(rail('network')).toHaveAttribute('aria-disabled', 'true');
    await user.click(regionRadio('ap-east-1')!);
    expect(reason()).toBeNull();
  });

  it('signing in again forgets the review, region and network of the previous sign-in', async () => {
    const user = userEvent.setup();
    setup();
    render(App);
    await toRegion(user);
    await vi.waitFor(() => expect(regionRadio('eu-west-1')?.checked).toBe(true));
    await user.click($('#next')!);
    await vi.waitFor(() => expect(reason()).toBe('Save the network choice'));
    await user.click($('#use-network')!);
    await screen.findByTestId('network-saved');

    await user.click(rail('sign-in'));
    await user.click(await vi.waitFor(() => $('input[type=radio][name=profile][value="default"]')!));
    await signIn(user);
    expect(rail('invite')).toHaveTextContent('Done');
    expect(rail('review-access')).not.toHaveAttribute('aria-disabled');
    expect(rail('review-access')).not.toHaveTextContent('Done');
    expect(rail('region')).toHaveAttribute('aria-disabled', 'true');
    expect(rail('network')).toHaveAttribute('aria-disabled', 'true');
  });

  it('arrowing over the profiles keeps the sign-in and all that hangs on it', async () => {
    const user = userEvent.setup();
    const calls = setup();
    render(App);
    await toRegion(user);
    await vi.waitFor(() => expect(regionRadio('eu-west-1')?.checked).toBe(true));
    await user.click(rail('sign-in'));
    const picked = await vi.waitFor(() => $<HTMLInputElement>('input[type=radio][name=profile]:checked')!);
    picked.focus();
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).not.toBe(picked);
    expect((document.activeElement as HTMLInputElement).checked).toBe(true);

    // Still signed in: the later steps stay open, and Region still has its choice.
    expect(screen.getByTestId('account-id')).toBeInTheDocument();
    expect(rail('region')).not.toHaveAttribute('aria-disabled');
    expect(rail('network')).not.toHaveAttribute('aria-disabled');
    await user.click(rail('region'));
    await vi.waitFor(() => expect(regionRadio('eu-west-1')?.checked).toBe(true));
    expect(calls.filter((c) => c.cmd === 'sign_in')).toHaveLength(1);
  });

  it('opening another invite forgets its review, keeping the sign-in and region', async () => {
    const user = userEvent.setup();
    const calls = setup();
    render(App);
    await toRegion(user);
    await vi.waitFor(() => expect(regionRadio('eu-west-1')?.checked).toBe(true));

    await user.click(rail('invite'));
    const other = { ...verifiedInvite, invite: { ...verifiedInvite.invite, installation_id: 'second-env' } };
    calls.length = 0;
    setup(info, { open_invite_link: () => other });
    await user.clear(screen.getByTestId('invite-link'));
    await openInvite(user);
    await vi.waitFor(() => expect(screen.getByTestId('installation-id').textContent).toBe('second-env'));
    expect(rail('sign-in')).not.toHaveAttribute('aria-disabled');
    expect(rail('review-access')).not.toHaveAttribute('aria-disabled');
    expect(rail('region')).toHaveAttribute('aria-disabled', 'true');

    await user.click($('#next')!);
    expect(heading()).toHaveTextContent('Sign in');
    expect(screen.getByTestId('account-id')).toBeInTheDocument();
  });
});

describe('invites from outside and installs in flight', () => {
  it('a launch request opens the invite and brings the wizard to the Invite step', async () => {
    const user = userEvent.setup();
    let send: ((r: InviteLaunch) => void) | null = null;
    const calls = setup(info, {
      watch_launches: ({ onLaunch }) => {
        send = (r) => onLaunch.onmessage(r);
        return null;
      },
    });
    render(App);
    await user.click(await vi.waitFor(() => rail('sign-in')));
    expect(heading()).toHaveTextContent('Sign in');
    await vi.waitFor(() => expect(send).not.toBeNull());

    send!({ kind: 'file', name: 'invite.json', text: '{"version": 1}' });
    await vi.waitFor(() => expect(heading()).toHaveTextContent('Invite'));
    await screen.findByTestId('invite-summary');
    expect(calls.find((c) => c.cmd === 'open_invite_text')!.args).toEqual({ text: '{"version": 1}' });
    expect(screen.getByTestId('invite-verification').dataset.status).toBe('unsigned');
    expect(screen.queryByTestId('new-invite-arrived')).toBeNull();

    // Mid-way with that invite, the next one waits for the admin's word.
    await user.click(rail('sign-in'));
    send!({ kind: 'link', link: 'private-deploy://install?invite=abc' });
    const asked = await screen.findByTestId('new-invite-arrived');
    expect(asked).toHaveTextContent('A new invite arrived from a link — open it?');
    expect(heading()).toHaveTextContent('Sign in');
    expect(calls.some((c) => c.cmd === 'open_invite_link')).toBe(false);
    await user.click(screen.getByTestId('keep-current-invite'));
    expect(screen.queryByTestId('new-invite-arrived')).toBeNull();
    expect(calls.some((c) => c.cmd === 'open_invite_link')).toBe(false);

    send!({ kind: 'link', link: 'private-deploy://install?invite=abc' });
    await user.click(await screen.findByTestId('open-new-invite'));
    await vi.waitFor(() => expect(heading()).toHaveTextContent('Invite'));
    await vi.waitFor(() =>
      expect(calls.find((c) => c.cmd === 'open_invite_link')?.args).toEqual({ link: 'private-deploy://install?invite=abc' }),
    );
  });

  it('a launched file the engine could not read says why on the Invite step', async () => {
    let send: ((r: InviteLaunch) => void) | null = null;
    setup(info, {
      watch_launches: ({ onLaunch }) => {
        send = (r) => onLaunch.onmessage(r);
        return null;
      },
    });
    render(App);
    await vi.waitFor(() => expect(send).not.toBeNull());
    send!({
      kind: 'unreadable',
      name: 'zero',
      error: { code: 'invalid_input', message: '/dev/zero is not a regular file, not an invite file.', hint: 'Check the path.' },
    });
    expect((await screen.findByTestId('error')).textContent).toContain('/dev/zero is not a regular file');
  });

  it('after sign-in, follows the install the engine says is in flight, and keeps the admin there while it runs', async () => {
    const user = userEvent.setup();
    const follow = deferred<unknown>();
    const calls = setup(info, {
      landing: () => ({ kind: 'resume_install', installation: inFlight }),
      follow_install: () => follow.promise,
    });
    render(App);
    await user.click(await vi.waitFor(() => rail('sign-in')));
    await user.click(await vi.waitFor(() => $('#sign-in')!));

    await vi.waitFor(() => expect(heading()).toHaveTextContent('Install'));
    const card = await screen.findByTestId('following');
    expect(within(card).getByTestId('following-id').textContent).toBe('sandbox-demo');
    await vi.waitFor(() =>
      expect(calls.find((c) => c.cmd === 'follow_install')?.args.installationId).toBe('sandbox-demo'),
    );
    expect(calls.some((c) => c.cmd === 'plan_install')).toBe(false);

    // While it runs, the other steps wait.
    expect($('#back')).toBeDisabled();
    expect(rail('sign-in')).toHaveTextContent('Wait for the install to finish');
    expect(rail('sign-in')).toHaveAccessibleDescription('Wait for the install to finish.');
    await user.click(rail('sign-in'));
    expect(heading()).toHaveTextContent('Install');
    expect(reason()).toBe('Wait for the install to finish');
  });
});
