// The whole window with a mocked back end: header badge, the step rail's
// selectors and states, Back/Next with their blocked reasons, the
// Invite → Sign in → Review access → Region → Network → Install flow, launch
// requests, picking up an install in flight after sign-in, and Manage: right
// after sign-in for an account with a ready install, or from Install's Ready.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import App from './App.svelte';
import type { AppInfo, IpcError } from './lib/bindings';
import type { InviteLaunch } from './lib/ipc';
import {
  backend,
  choiceFor,
  deferred,
  handled,
  discovery,
  identityFor,
  accessStatusFor,
  accessWarnings,
  inFlight,
  natAddressList,
  okReport,
  ready,
  plan,
  profileList,
  regionList,
  reviewFor,
  suggestions,
  vpcLimits,
  unsignedInvite,
  verifiedInvite,
  type Handlers,
} from './test/fixtures';
import { expectNoSeriousViolations } from './test/axe';

const info: AppInfo = { version: '0.1.0', endpoints: [], journal_path: '/home/alice/.local/share/pd/journal.db', journal_problem: null };

function setup(appInfo: AppInfo = info, handlers: Handlers = {}) {
  return backend({
    app_info: () => appInfo,
    watch_launches: () => null,
    open_invite_link: () => verifiedInvite,
    open_invite_text: () => unsignedInvite,
    list_profiles: () => profileList,
    sign_in: ({ profile }) => identityFor(String(profile)),
    landing: () => ({ kind: 'new_install' }),
    review_access: ({ useBoundary }) => reviewFor(Boolean(useBoundary)),
    list_regions: () => regionList,
    discover_networks: () => discovery,
    last_network_choice: () => null,
    suggest_cidrs: () => suggestions,
    vpc_limits: () => vpcLimits,
    check_cidr: ({ input }) => okReport(String(input)),
    choose_network: ({ region, cidr }) => choiceFor(String(region), String(cidr)),
    plan_install: () => plan,
    session_endpoints: () => [],
    ...handlers,
  });
}

const $ = <T extends Element = HTMLElement>(sel: string) => document.querySelector<T>(sel);
// App loads the steps after Invite when first shown; transform them once here, before the
// tests' clocks start, so a slow machine does not spend a test's time budget on it.
beforeAll(async () => {
  await Promise.all([
    import('./steps/SignIn.svelte'),
    import('./steps/ReviewAccess.svelte'),
    import('./steps/Region.svelte'),
    import('./steps/Network.svelte'),
    import('./steps/Install.svelte'),
    import('./steps/Manage.svelte'),
  ]);
});

const heading = () => screen.getByRole('heading', { level: 2 });
const reason = () => $('[data-testid="next-reason"]')?.textContent ?? null;
const regionRadio = (name: string) => $<HTMLInputElement>(`input[type=radio][name=region][value="${name}"]`);
const rail = (id: string) => $(`button[data-step="${id}"]`)!;
const LINK = 'private-deploy://install?invite=eyJ2ZXJzaW9uIjoxfQ';

type User = ReturnType<typeof userEvent.setup>;

async function openInvite(user: User) {
  await user.type(await screen.findByTestId('invite-link'), LINK);
  await user.click(screen.getByRole('button', { name: 'Open link' }));
  await screen.findByTestId('invite-summary');
}

async function signIn(user: User) {
  await user.click(await vi.waitFor(() => $('#sign-in')!));
  await screen.findByTestId('account-id');
}

/** Invite → Sign in → Review access → Region, by Next. */
async function toRegion(user: User) {
  await openInvite(user);
  await user.click($('#next')!);
  expect(heading()).toHaveTextContent('Sign in');
  await signIn(user);
  await user.click($('#next')!);
  expect(heading()).toHaveTextContent('Review access');
  await screen.findByTestId('trust-policy');
  await vi.waitFor(() => expect(reason()).toBeNull());
  await user.click($('#next')!);
  expect(heading()).toHaveTextContent('Region');
}

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
