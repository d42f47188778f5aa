// The Region step in jsdom against a mocked back end: the two reads in
// flight, badges and VPC counts, disabled regions, the filter, preselection,
// unread regions, and errors.
import { describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import Region from './Region.svelte';
import type { Discovery, NetworkChoice, RegionInfo } from '../lib/ipc';
import { backend, choiceFor, deferred, discovery, handled, identityFor, regionList, type Handlers } from '../test/fixtures';
import { expectFocusRing } from '../test/focus-ring';
import { expectNoSeriousViolations } from '../test/axe';

const radio = (name: string) =>
  document.querySelector<HTMLInputElement>(`input[type=radio][name=region][value="${name}"]`);
const count = (name: string) => document.querySelector(`[data-testid="vpc-count"][data-region="${name}"]`);
const row = (name: string) => radio(name)!.closest('label')!;
const shownRegions = () =>
  [...document.querySelectorAll<HTMLInputElement>('input[type=radio][name=region]')].map((r) => r.value);

function setup(handlers: Handlers = {}) {
  return backend({
    list_regions: () => regionList,
    discover_networks: () => discovery,
    last_network_choice: () => null,
    ...handlers,
  });
}

describe('Region', () => {
  it('shows both reads in flight, then regions with badges and VPC counts from the discovery', async () => {
    const regions = deferred<RegionInfo[]>();
    const found = deferred<Discovery>();
    const calls = setup({ list_regions: () => regions.promise, discover_networks: () => found.promise });
    render(Region, { identity: identityFor('prod-admin') });

    // Both calls start at once, neither waits for the other.
    await vi.waitFor(() => expect(calls.map((c) => c.cmd)).toContain('discover_networks'));
    expect(calls.map((c) => c.cmd)).toContain('list_regions');
    expect(calls.find((c) => c.cmd === 'discover_networks')!.args).toEqual({ refresh: false });
    const busy = screen.getAllByRole('status').map((s) => s.textContent?.trim());
    expect(busy).toContain('Reading regions (ec2:DescribeRegions)…');
    expect(busy).toContain('Reading the VPCs of every enabled region…');

    regions.resolve(regionList);
    await vi.waitFor(() => expect(radio('eu-west-1')).not.toBeNull());
    // Discovery still running: counts are skeletons, not numbers.
    expect(count('eu-west-1')).toBeNull();
    expect(within(row('eu-west-1')).getByText('VPCs being read')).toBeInTheDocument();
    await expectNoSeriousViolations();

    found.resolve(discovery);
    await vi.waitFor(() => expect(count('eu-west-1')?.textContent).toBe('2'));
    expect(count('us-east-1')?.textContent).toBe('1');
    expect(count('ap-east-1')?.textContent).toBe('0');
    expect(screen.queryByText('Reading the VPCs of every enabled region…')).toBeNull();

    expect(within(row('eu-west-1')).getByText('enabled')).toBeInTheDocument();
    expect(within(row('ap-east-1')).getByText('opted in')).toBeInTheDocument();
    expect(within(row('af-south-1')).getByText('not enabled')).toBeInTheDocument();
    expect(within(row('eu-west-1')).getByText('eu-west-1')).toHaveClass('mono');
    await expectNoSeriousViolations();
  });

  it('shows not-opted-in regions disabled, with how to enable them', async () => {
    setup();
    render(Region, { identity: identityFor('prod-admin') });
    await vi.waitFor(() => expect(radio('af-south-1')).not.toBeNull());
    expect(radio('af-south-1')).toBeDisabled();
    expect(row('af-south-1')).toHaveTextContent(
      'Not enabled in this account — enable it in the AWS console (Account › AWS Regions) to use it',
    );
    expect(radio('us-east-1')).toBeEnabled();
    expect(row('us-east-1')).not.toHaveTextContent('Not enabled in this account');
  });

  it('shows "not read" with the reason for regions discovery could not read', async () => {
    setup();
    render(Region, { identity: identityFor('prod-admin') });
    await vi.waitFor(() => expect(count('eu-west-1')).not.toBeNull());
    expect(count('eu-central-1')).toBeNull();
    expect(within(row('eu-central-1')).getByTestId('vpc-unread')).toHaveTextContent('not read');
    expect(within(row('eu-central-1')).getByTestId('vpc-unread-reason')).toHaveTextContent(
      'Not allowed to call ec2:DescribeVpcs in eu-central-1.',
    );
    expect(screen.getByTestId('discovery-totals')).toHaveTextContent(
      'Read the VPCs of 3 regions: 3 VPCs found; 1 region could not be read.',
    );
    // The region itself can still be chosen: only its VPCs are unknown.
    expect(radio('eu-central-1')).toBeEnabled();
  });

  it('narrows the list as the filter is typed, case-insensitively', async () => {
    const user = userEvent.setup();
    setup();
    render(Region, { identity: identityFor('prod-admin') });
    await vi.waitFor(() => expect(radio('eu-west-1')).not.toBeNull());
    // Usable regions first, then the ones the account has not enabled.
    expect(shownRegions()).toEqual(['ap-east-1', 'eu-central-1', 'eu-west-1', 'us-east-1', 'af-south-1']);
    expect(screen.getByRole('heading', { name: 'Not enabled in this account' })).toBeInTheDocument();

    await user.type(document.querySelector('#region-filter')!, 'EU-');
    expect(shownRegions()).toEqual(['eu-central-1', 'eu-west-1']);
    await user.clear(document.querySelector('#region-filter')!);
    await user.type(document.querySelector('#region-filter')!, 'east');
    expect(shownRegions()).toEqual(['ap-east-1', 'us-east-1']);
    await user.type(document.querySelector('#region-filter')!, 'zzz');
    expect(shownRegions()).toEqual([]);
    expect(screen.getByText(/No region matches/)).toHaveTextContent('No region matches eastzzz.');
  });

  it("preselects the last saved choice's region over the profile's region", async () => {
    setup({ last_network_choice: () => choiceFor('us-east-1', '10.2.0.0/16') });
    const onregion = vi.fn();
    render(Region, { identity: identityFor('prod-admin', { region: 'eu-west-1' }), onregion });
    await vi.waitFor(() => expect(radio('us-east-1')?.checked).toBe(true));
    expect(radio('eu-west-1')!.checked).toBe(false);
    expect(onregion).toHaveBeenLastCalledWith('us-east-1');
  });

  it("falls back to the profile's region when the last choice's region is not enabled", async () => {
    setup({ last_network_choice: () => choiceFor('af-south-1', '10.2.0.0/16') });
    render(Region, { identity: identityFor('prod-admin', { region: 'eu-west-1' }) });
    await vi.waitFor(() => expect(radio('eu-west-1')?.checked).toBe(true));
    expect(radio('af-south-1')!.checked).toBe(false);
  });

  it('selects nothing when neither the last choice nor the profile region is an enabled region', async () => {
    const onregion = vi.fn();
    setup({ last_network_choice: (): NetworkChoice | null => null });
    render(Region, { identity: identityFor('prod-admin', { region: 'af-south-1' }), onregion });
    await vi.waitFor(() => expect(radio('eu-west-1')).not.toBeNull());
    expect(document.querySelector('input[name=region]:checked')).toBeNull();
    expect(onregion).not.toHaveBeenCalled();
    expect(screen.getByText('No region selected yet.')).toBeInTheDocument();
  });

  it('keeps the region already chosen in this session when the step is entered again', async () => {
    setup({ last_network_choice: () => choiceFor('us-east-1', '10.2.0.0/16') });
    render(Region, { identity: identityFor('prod-admin'), region: 'ap-east-1' });
    await vi.waitFor(() => expect(radio('ap-east-1')?.checked).toBe(true));
  });

  it('chooses by keyboard: arrows move the choice and skip disabled regions', async () => {
    const user = userEvent.setup();
    setup();
    const onregion = vi.fn();
    render(Region, { identity: identityFor('prod-admin', { region: 'ap-east-1' }), onregion });
    await vi.waitFor(() => expect(radio('ap-east-1')?.checked).toBe(true));
    radio('ap-east-1')!.focus();
    await user.keyboard('{ArrowDown}');
    // Real focus moves with the choice, and the row shows the ring.
    expectFocusRing(radio('eu-central-1'));
    expect(radio('eu-central-1')!.checked).toBe(true);
    expect(onregion).toHaveBeenLastCalledWith('eu-central-1');
    expect(screen.getByTestId('selected-region')).toHaveTextContent('eu-central-1');
    // Down three times: eu-west-1, us-east-1, then over the disabled af-south-1 back to the start.
    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowDown}');
    expect(radio('af-south-1')!.checked).toBe(false);
    expect(radio('ap-east-1')!.checked).toBe(true);
    expectFocusRing(radio('ap-east-1'));
  });

  it('drops answers that arrive after the step was left', async () => {
    const regions = deferred<RegionInfo[]>();
    const found = deferred<Discovery>();
    const calls = setup({ list_regions: () => regions.promise, discover_networks: () => found.promise });
    const onregion = vi.fn();
    const { unmount } = render(Region, { identity: identityFor('prod-admin'), onregion });
    await vi.waitFor(() => expect(calls.map((c) => c.cmd)).toContain('discover_networks'));
    unmount();
    regions.resolve(regionList);
    found.resolve(discovery);
    await handled(regions.promise, found.promise);
    // eu-west-1 (the profile's region) would have been preselected had the step still been open.
    expect(onregion).not.toHaveBeenCalled();
  });

  it('shows a list_regions failure next to the list, and Try again reads again', async () => {
    const user = userEvent.setup();
    let attempts = 0;
    const calls = setup({
      list_regions: () => {
        attempts += 1;
        if (attempts === 1) throw { code: 'access_denied', message: 'Not allowed: ec2:DescribeRegions.', hint: 'Ask for ec2:DescribeRegions.' };
        return regionList;
      },
    });
    render(Region, { identity: identityFor('prod-admin') });
    const box = await screen.findByTestId('error');
    expect(box.dataset.code).toBe('access_denied');
    expect(box).toHaveTextContent('Could not read the regions');
    expect(box).toHaveTextContent('Not allowed: ec2:DescribeRegions.');
    expect(box).toHaveTextContent('Ask for ec2:DescribeRegions.');
    await expectNoSeriousViolations();

    await user.click(within(box).getByRole('button', { name: 'Try again' }));
    await vi.waitFor(() => expect(radio('eu-west-1')).not.toBeNull());
    expect(screen.queryByTestId('error')).toBeNull();
    expect(calls.filter((c) => c.cmd === 'list_regions')).toHaveLength(2);
  });
});
