// The whole window with a mocked back end: header badge, the step rail's
// selectors and states, Back/Next with their blocked reasons, and the
// Sign in → Region → Network flow.
import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import App from './App.svelte';
import type { AppInfo } from './lib/bindings';
import {
  backend,
  choiceFor,
  discovery,
  identityFor,
  okReport,
  profileList,
  regionList,
  suggestions,
  type Handler,
} from './test/fixtures';

const info: AppInfo = { version: '0.1.0', endpoint: null, journal_path: '/home/alice/.local/share/pd/journal.db' };

function setup(appInfo: AppInfo = info, handlers: Record<string, Handler> = {}) {
  return backend({
    app_info: () => appInfo,
    list_profiles: () => profileList,
    sign_in: ({ profile }) => identityFor(String(profile)),
    list_regions: () => regionList,
    discover_networks: () => discovery,
    last_network_choice: () => null,
    suggest_cidrs: () => suggestions,
    check_cidr: ({ input }) => okReport(String(input)),
    choose_network: ({ region, cidr }) => choiceFor(String(region), String(cidr)),
    ...handlers,
  });
}

const $ = <T extends Element = HTMLElement>(sel: string) => document.querySelector<T>(sel);

describe('the wizard window', () => {
  it('opens on Sign in with every step in the rail, the unbuilt ones coming soon and the later ones locked', async () => {
    setup();
    render(App);
    await screen.findByRole('group', { name: 'AWS profile' });

    const ids = [...document.querySelectorAll('button[data-step]')].map((b) => b.getAttribute('data-step'));
    expect(ids).toEqual(['invite', 'sign-in', 'review-access', 'region', 'network', 'install', 'manage']);
    expect($('button[data-step="sign-in"]')).toHaveAttribute('aria-current', 'step');
    expect(document.querySelectorAll('[aria-current="step"]')).toHaveLength(1);
    for (const id of ['invite', 'review-access', 'install', 'manage']) {
      const b = $(`button[data-step="${id}"]`)!;
      expect(b).toHaveAttribute('aria-disabled', 'true');
      expect(b).toHaveTextContent('Coming soon');
    }
    for (const id of ['region', 'network']) {
      const b = $(`button[data-step="${id}"]`)!;
      expect(b).toHaveAttribute('aria-disabled', 'true');
      expect(b).toHaveTextContent('Finish the earlier steps first');
    }
    expect($('button[data-step="sign-in"]')).not.toHaveAttribute('aria-disabled');
    expect(screen.getByRole('heading', { level: 2 })).toHaveTextContent('Sign in');
  });

  it('keeps Next disabled with a reason that follows the sign-in', async () => {
    const user = userEvent.setup();
    setup();
    render(App);
    await screen.findByRole('group', { name: 'AWS profile' });

    expect($('#back')).toBeDisabled();
    expect($('#next')).toBeDisabled();
    expect($('[data-testid="next-reason"]')).toHaveTextContent('Sign in to continue');
    expect($('#next')).toHaveAccessibleDescription('Sign in to continue');

    await user.click($('#sign-in')!);
    await screen.findByTestId('account-id');
    // Review access is not built: Next goes straight on to Region.
    expect($('[data-testid="next-reason"]')).toBeNull();
    expect($('#next')).toBeEnabled();
    expect($('button[data-step="region"]')).not.toHaveAttribute('aria-disabled');

    // Choosing another profile drops the identity, so the step is incomplete again.
    await user.click($('input[type=radio][name=profile][value="default"]')!);
    expect($('[data-testid="next-reason"]')).toHaveTextContent('Sign in to continue');
    expect(screen.queryByTestId('account-id')).toBeNull();
  });

  it('signs in by keyboard alone: Tab to the profiles, arrows to choose, Tab and Enter', async () => {
    const user = userEvent.setup();
    const calls = setup();
    render(App);
    await screen.findByRole('group', { name: 'AWS profile' });

    await user.tab();
    expect(document.activeElement).toBe($('button[data-step="sign-in"]'));
    await user.tab();
    expect(document.activeElement).toBe($('input[type=radio][name=profile][value="prod-admin"]'));
    await user.keyboard('{ArrowDown}');
    expect($<HTMLInputElement>('input[type=radio][name=profile][value="ci-role"]')!.checked).toBe(true);
    await user.tab();
    expect(document.activeElement).toBe($('#sign-in'));
    await user.keyboard('{Enter}');

    expect((await screen.findByTestId('account-id')).textContent).toBe('123456789012');
    expect(calls.filter((c) => c.cmd === 'sign_in').map((c) => c.args)).toEqual([{ profile: 'ci-role' }]);
  });

  it('does nothing when a disabled step is clicked', async () => {
    const user = userEvent.setup();
    setup();
    render(App);
    await screen.findByRole('group', { name: 'AWS profile' });
    await user.click($('button[data-step="region"]')!);
    expect($('button[data-step="sign-in"]')).toHaveAttribute('aria-current', 'step');
    expect(screen.getByRole('heading', { level: 2 })).toHaveTextContent('Sign in');
  });

  it('shows the custom endpoint badge only when an endpoint is set', async () => {
    setup({ ...info, endpoint: 'http://127.0.0.1:5000' });
    const { unmount } = render(App);
    expect(await screen.findByTestId('endpoint-badge')).toHaveTextContent('Custom endpoint: http://127.0.0.1:5000');
    unmount();

    setup(info);
    render(App);
    await screen.findByText('v0.1.0');
    expect(screen.queryByTestId('endpoint-badge')).toBeNull();
  });
});

const heading = () => screen.getByRole('heading', { level: 2 });
const reason = () => $('[data-testid="next-reason"]')?.textContent ?? null;
const regionRadio = (name: string) => $<HTMLInputElement>(`input[type=radio][name=region][value="${name}"]`);

describe('Sign in → Region → Network', () => {
  it('walks the built steps with Next and Back, and stops after a saved network because Install is not built', async () => {
    const user = userEvent.setup();
    const calls = setup();
    render(App);
    await screen.findByRole('group', { name: 'AWS profile' });
    await user.click($('#sign-in')!);
    await screen.findByTestId('account-id');

    await user.click($('#next')!);
    expect(heading()).toHaveTextContent('Region');
    expect($('button[data-step="sign-in"]')).toHaveTextContent('Done');
    // The profile's region (eu-west-1) is preselected, so Network is reachable at once.
    await vi.waitFor(() => expect(regionRadio('eu-west-1')?.checked).toBe(true));
    expect(reason()).toBeNull();
    expect($('button[data-step="network"]')).not.toHaveAttribute('aria-disabled');

    await user.click(regionRadio('us-east-1')!);
    await user.click($('#next')!);
    expect(heading()).toHaveTextContent('Network');
    expect($('[data-testid="network-region"]')).toHaveTextContent('us-east-1');
    await vi.waitFor(() => expect(reason()).toBe('Save the network choice'));
    expect($('#next')).toBeDisabled();

    await user.click($('#use-network')!);
    await screen.findByTestId('network-saved');
    expect(reason()).toBe('Install is not available in this version yet');
    expect($('#next')).toBeDisabled();
    expect(calls.find((c) => c.cmd === 'choose_network')!.args).toEqual({
      region: 'us-east-1',
      cidr: '10.2.0.0/16',
      avoid: [],
    });

    await user.click($('#back')!);
    expect(heading()).toHaveTextContent('Region');
    await vi.waitFor(() => expect(regionRadio('us-east-1')?.checked).toBe(true));
    // Coming back without changing the region keeps the network step done.
    expect($('button[data-step="network"]')).not.toHaveAttribute('aria-disabled');
    await user.click($('#back')!);
    expect(heading()).toHaveTextContent('Sign in');
    expect($('#back')).toBeDisabled();
  });

  it('blocks Next on Region until an enabled region is chosen', async () => {
    const user = userEvent.setup();
    setup(info, { sign_in: ({ profile }) => identityFor(String(profile), { region: 'af-south-1' }) });
    render(App);
    await screen.findByRole('group', { name: 'AWS profile' });
    await user.click($('#sign-in')!);
    await screen.findByTestId('account-id');
    await user.click($('#next')!);
    await vi.waitFor(() => expect(regionRadio('eu-west-1')).not.toBeNull());

    expect(reason()).toBe('Choose an enabled region to continue');
    expect($('#next')).toBeDisabled();
    expect($('button[data-step="network"]')).toHaveAttribute('aria-disabled', 'true');
    await user.click(regionRadio('ap-east-1')!);
    expect(reason()).toBeNull();
    expect($('#next')).toBeEnabled();
  });

  it('signing in again forgets the region and network of the previous sign-in', async () => {
    const user = userEvent.setup();
    setup();
    render(App);
    await screen.findByRole('group', { name: 'AWS profile' });
    await user.click($('#sign-in')!);
    await screen.findByTestId('account-id');
    await user.click($('#next')!);
    await vi.waitFor(() => expect(regionRadio('eu-west-1')?.checked).toBe(true));
    await user.click(regionRadio('ap-east-1')!);
    await user.click($('#next')!);
    await vi.waitFor(() => expect(reason()).toBe('Save the network choice'));
    await user.click($('#use-network')!);
    await screen.findByTestId('network-saved');

    await user.click($('button[data-step="sign-in"]')!);
    expect(heading()).toHaveTextContent('Sign in');
    await user.click(await vi.waitFor(() => $('input[type=radio][name=profile][value="default"]')!));
    await user.click($('#sign-in')!);
    await screen.findByTestId('account-id');

    // Region is open again, Network locked until a region is chosen for this sign-in.
    expect($('button[data-step="region"]')).not.toHaveAttribute('aria-disabled');
    expect($('button[data-step="region"]')).not.toHaveTextContent('Done');
    expect($('button[data-step="network"]')).toHaveAttribute('aria-disabled', 'true');
    await user.click($('#next')!);
    // Not ap-east-1 from before: the preselection starts over (profile region).
    await vi.waitFor(() => expect(regionRadio('eu-west-1')?.checked).toBe(true));
    expect(regionRadio('ap-east-1')!.checked).toBe(false);
  });

  it('changing the region on the way back re-opens the Network step', async () => {
    const user = userEvent.setup();
    setup();
    render(App);
    await screen.findByRole('group', { name: 'AWS profile' });
    await user.click($('#sign-in')!);
    await screen.findByTestId('account-id');
    await user.click($('#next')!);
    await vi.waitFor(() => expect(regionRadio('eu-west-1')?.checked).toBe(true));
    await user.click($('#next')!);
    await vi.waitFor(() => expect(reason()).toBe('Save the network choice'));
    await user.click($('#use-network')!);
    await vi.waitFor(() => expect(reason()).toBe('Install is not available in this version yet'));

    await user.click($('#back')!);
    await vi.waitFor(() => expect(regionRadio('us-east-1')).not.toBeNull());
    await user.click(regionRadio('us-east-1')!);
    await user.click($('#next')!);
    // The saved choice was for eu-west-1: us-east-1 needs its own.
    await vi.waitFor(() => expect(reason()).toBe('Save the network choice'));
    expect(screen.queryByTestId('network-saved')).toBeNull();
  });
});
