// The Network step in jsdom against a mocked back end: the VPC table,
// suggestions, typed blocks and their problems, stale answers, networks to
// avoid, refresh, and unread regions (saving and restoring: Network.saving.test.ts).
import { describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import Network from './Network.svelte';
import type { CheckReport, IpcError, Problem, Suggestions } from '../lib/ipc';
import { deferred, handled, discovery, okReport, suggestions, vpcLimits } from '../test/fixtures';
import { expectNoSeriousViolations } from '../test/axe';
import { expectFocusRing } from '../test/focus-ring';
import {
  $,
  $$,
  customField,
  noSuggestions,
  overlapsNetwork,
  overlapsVpc,
  problems,
  ready,
  report,
  setup,
  suggestionSelect,
  useButton,
} from '../test/network-harness';

describe('Network: the VPCs found', () => {
  it('groups VPCs by region, the chosen region first and open, with names, blocks and totals', async () => {
    setup();
    render(Network, { region: 'eu-west-1' });
    await vi.waitFor(() => expect($$('[data-testid="vpc-row"]')).toHaveLength(3));

    const groups = $$('[data-testid="vpc-group"]');
    expect(groups.map((g) => g.dataset.region)).toEqual(['eu-west-1', 'us-east-1']);
    expect((groups[0] as HTMLDetailsElement).open).toBe(true);
    expect((groups[1] as HTMLDetailsElement).open).toBe(false);
    expect($('[data-testid="vpc-totals"]')).toHaveTextContent('3 VPCs in 2 regions');

    const rows = $$('[data-testid="vpc-row"]');
    expect(rows.map((r) => [r.dataset.vpcId, r.dataset.region])).toEqual([
      ['vpc-0a1b2c3d4e5f60001', 'eu-west-1'],
      ['vpc-0a1b2c3d4e5f60002', 'eu-west-1'],
      ['vpc-0fedcba9876540003', 'us-east-1'],
    ]);
    expect(within(groups[1]).getAllByTestId('vpc-row')).toHaveLength(1);
    expect(rows[0]).toHaveTextContent('(default VPC)');
    expect(within(rows[0]).getByText('vpc-0a1b2c3d4e5f60001').tagName).toBe('CODE');
    expect(within(rows[0]).getByRole('button', { name: 'Copy VPC ID vpc-0a1b2c3d4e5f60001' })).toBeInTheDocument();
    const blocks = within(rows[1]).getAllByRole('listitem');
    expect(blocks.map((b) => b.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      '10.0.0.0/16 primary',
      '10.1.0.0/16 associating',
    ]);
    expect($('[data-testid="network-region"]')).toHaveTextContent('eu-west-1');
    await expectNoSeriousViolations();
  });

  it('shows the chosen region even when it has no VPC', async () => {
    setup();
    render(Network, { region: 'ap-east-1' });
    await vi.waitFor(() => expect($$('[data-testid="vpc-group"]')).toHaveLength(3));
    const first = $$('[data-testid="vpc-group"]')[0];
    expect(first.dataset.region).toBe('ap-east-1');
    expect(first).toHaveTextContent('No VPC in this region.');
  });

  it('warns about regions that could not be read, with each reason', async () => {
    setup({ discover_networks: () => discovery, suggest_cidrs: () => suggestions });
    render(Network, { region: 'eu-west-1' });
    const box = await screen.findByTestId('unread-regions');
    expect(box).toHaveTextContent('eu-central-1: Not allowed to call ec2:DescribeVpcs in eu-central-1.');
    expect(box).toHaveTextContent('Suggestions and checks do not cover the VPCs of these regions');
  });

  it('warns too when only the suggestions name a region they could not cover', async () => {
    setup({ suggest_cidrs: () => ({ ...noSuggestions, unread_regions: ['sa-east-1'] }) });
    render(Network, { region: 'eu-west-1' });
    const box = await screen.findByTestId('unread-regions');
    expect(box).toHaveTextContent('sa-east-1');
  });

  it('says the chosen region could not be read rather than that it has no VPC', async () => {
    setup({ discover_networks: () => discovery });
    render(Network, { region: 'eu-central-1' });
    await vi.waitFor(() => expect($$('[data-testid="vpc-group"]')[0]?.dataset.region).toBe('eu-central-1'));
    const first = $$('[data-testid="vpc-group"]')[0];
    expect(first).toHaveTextContent('The VPCs of this region could not be read: Not allowed to call ec2:DescribeVpcs');
    expect(first).not.toHaveTextContent('No VPC in this region.');
  });

  it('shows no unread-regions warning when every region was read', async () => {
    setup();
    render(Network, { region: 'eu-west-1' });
    await ready();
    await vi.waitFor(() => expect($$('[data-testid="vpc-row"]')).toHaveLength(3));
    expect(screen.queryByTestId('unread-regions')).toBeNull();
  });

  it('Refresh reads every region again, then re-runs the suggestions and the check', async () => {
    const user = userEvent.setup();
    const calls = setup();
    render(Network, { region: 'eu-west-1' });
    await ready();
    await user.click($('#cidr-mode-custom')!);
    await user.type(customField(), '10.9.0.0/16');
    await screen.findByTestId('cidr-ok');
    calls.length = 0;

    await user.click($('#refresh-networks')!);
    await vi.waitFor(() => expect(calls.map((c) => c.cmd)).toContain('check_cidr'));
    expect(calls.map((c) => c.cmd).slice(0, 1)).toEqual(['discover_networks']);
    expect(calls[0].args).toEqual({ refresh: true });
    expect(calls.map((c) => c.cmd)).toContain('suggest_cidrs');
    expect(calls.find((c) => c.cmd === 'check_cidr')!.args.input).toBe('10.9.0.0/16');
  });
});

describe('Network: choosing a block', () => {
  it('asks for 8 suggestions of /16 and preselects the first; a new size asks again', async () => {
    const user = userEvent.setup();
    const slash20 = deferred<Suggestions>();
    const calls = setup({
      suggest_cidrs: ({ prefix }) => (prefix === 20 ? slash20.promise : noSuggestions),
    });
    render(Network, { region: 'eu-west-1' });
    await ready();

    expect(calls.find((c) => c.cmd === 'suggest_cidrs')!.args).toEqual({ prefix: 16, avoid: [], count: 8 });
    expect(suggestionSelect().value).toBe('10.2.0.0/16');
    expect([...suggestionSelect().options].map((o) => o.value)).toEqual(suggestions.blocks);
    expect(useButton()).toBeEnabled();

    await user.selectOptions($('#cidr-prefix')!, '20');
    // The /16 picked before is not offered while the /20 list loads.
    expect(screen.getByRole('status')).toHaveTextContent('Finding free /20 blocks…');
    expect(useButton()).toBeDisabled();
    slash20.resolve({ ...noSuggestions, prefix: 20, blocks: ['10.2.0.0/20', '10.2.16.0/20'] });
    await vi.waitFor(() => expect(suggestionSelect().value).toBe('10.2.0.0/20'));
    expect($<HTMLSelectElement>('#cidr-prefix')!.value).toBe('20');
    expect(calls.filter((c) => c.cmd === 'suggest_cidrs').at(-1)!.args).toEqual({ prefix: 20, avoid: [], count: 8 });
  });

  it("offers only the engine's sizes and says why a VPC cannot be smaller", async () => {
    const user = userEvent.setup();
    const calls = setup();
    render(Network, { region: 'eu-west-1' });
    await ready();
    const sizes = () => [...$<HTMLSelectElement>('#cidr-prefix')!.options].map((o) => o.value);
    await vi.waitFor(() => expect(sizes()).toHaveLength(10));
    expect(sizes()[0]).toBe('16');
    expect(sizes().at(-1)).toBe('25');
    expect(calls.filter((c) => c.cmd === 'vpc_limits')).toHaveLength(1);

    await user.click($('#cidr-mode-custom')!);
    expect(screen.getByTestId('size-note')).toHaveTextContent('from /16 to /25');
    expect(screen.getByTestId('size-note')).toHaveTextContent('subnets of /27 or larger, so the smallest VPC is a /25');
  });

  it('refuses a typed /26 with the reason the engine gives', async () => {
    const user = userEvent.setup();
    const tooSmall: Problem = {
      kind: 'prefix_out_of_range',
      message:
        '10.9.0.0/26 is too small for the environment: its load balancer needs subnets of /27 or larger, and the VPC holds four subnets, so the block must be /25 (128 addresses) or larger, even though AWS takes VPCs down to /28. Choose a prefix length from 16 to 25.',
      prefix: 26,
    };
    setup({ check_cidr: ({ input }) => report(String(input), [tooSmall]) });
    render(Network, { region: 'eu-west-1' });
    await ready();

    await user.click($('#cidr-mode-custom')!);
    await user.type(customField(), '10.9.0.0/26');
    await vi.waitFor(() => expect(problems()).toHaveLength(1));

    expect(problems()[0].dataset.kind).toBe('prefix_out_of_range');
    expect(problems()[0]).toHaveTextContent('its load balancer needs subnets of /27 or larger');
    expect(useButton()).toBeDisabled();
  });

  it("starts, with no invite's size, at the engine's default size", async () => {
    const calls = setup({ vpc_limits: () => ({ ...vpcLimits, default_prefix: 20 }) });
    render(Network, { region: 'eu-west-1' });
    await ready();
    expect(calls.find((c) => c.cmd === 'suggest_cidrs')?.args.prefix).toBe(20);
    expect($<HTMLSelectElement>('#cidr-prefix')!.value).toBe('20');
  });

  it("keeps the invite's size and stays usable when the limits cannot be read", async () => {
    setup({ vpc_limits: () => Promise.reject({ code: 'internal', message: 'boom', hint: null }) });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    render(Network, { region: 'eu-west-1', prefix: 16 });
    await ready();
    await vi.waitFor(() => expect(warn).toHaveBeenCalled());
    expect([...$<HTMLSelectElement>('#cidr-prefix')!.options].map((o) => o.value)).toEqual(['16']);
    expect(useButton()).toBeEnabled();
    warn.mockRestore();
  });

  it('says when private space ran out', async () => {
    setup({ suggest_cidrs: () => ({ ...noSuggestions, prefix: 16, blocks: ['10.2.0.0/16'], exhausted: true }) });
    render(Network, { region: 'eu-west-1' });
    expect(await screen.findByTestId('suggestions-exhausted')).toHaveTextContent(
      'Only 1 free /16 block is left in private address space.',
    );
  });

  it('shows every problem of a typed block with its kind and message, and disables Use this network', async () => {
    const user = userEvent.setup();
    const onstatus = vi.fn();
    const calls = setup({ check_cidr: ({ input }) => report(String(input), [overlapsVpc, overlapsNetwork]) });
    render(Network, { region: 'eu-west-1', onstatus });
    await ready();
    expect(useButton()).toBeEnabled();

    await user.click($('#cidr-mode-custom')!);
    await user.type(customField(), '10.0.0.0/16');
    await vi.waitFor(() => expect(problems()).toHaveLength(2));

    expect(problems().map((p) => p.dataset.kind)).toEqual(['overlaps_vpc', 'overlaps_network']);
    expect(problems()[0]).toHaveTextContent(overlapsVpc.message);
    expect(problems()[1]).toHaveTextContent(overlapsNetwork.message);
    await expectNoSeriousViolations();
    expect(useButton()).toBeDisabled();
    expect(screen.queryByTestId('cidr-ok')).toBeNull();
    expect(onstatus).toHaveBeenLastCalledWith({
      complete: false,
      missing: 'Choose a VPC block that conflicts with nothing',
    });
    // Debounced: one check for the whole typed text, not one per keystroke.
    expect(calls.filter((c) => c.cmd === 'check_cidr').map((c) => c.args)).toEqual([
      { input: '10.0.0.0/16', avoid: [], allowPublic: false },
    ]);

    // Back to the suggestion: usable again.
    await user.click($('#cidr-mode-suggested')!);
    expect(useButton()).toBeEnabled();
  });

  it('arrow keys move focus between the two ways of choosing a block, with the ring on the focused one', async () => {
    const user = userEvent.setup();
    setup();
    render(Network, { region: 'eu-west-1' });
    await ready();
    const suggested = $<HTMLInputElement>('#cidr-mode-suggested')!;
    const custom = $<HTMLInputElement>('#cidr-mode-custom')!;
    expect(suggested.checked).toBe(true);
    suggested.focus();
    await user.keyboard('{ArrowDown}');
    expectFocusRing(custom);
    expect(custom.checked).toBe(true);
    expect(await screen.findByTestId('size-note')).toBeInTheDocument();
    await user.keyboard('{ArrowUp}');
    expectFocusRing(suggested);
    expect(suggested.checked).toBe(true);
  });

  it('offers the network address when host bits are set, and checks it', async () => {
    const user = userEvent.setup();
    const calls = setup({
      check_cidr: ({ input }) =>
        input === '10.2.3.4/16'
          ? {
              ...report('10.2.3.4/16', [
                { kind: 'host_bits_set', message: '10.2.3.4/16 has host bits set.', suggestion: '10.2.0.0/16' },
              ]),
              cidr: '10.2.0.0/16',
            }
          : okReport(String(input)),
    });
    render(Network, { region: 'eu-west-1' });
    await ready();
    await user.click($('#cidr-mode-custom')!);
    await user.type(customField(), '10.2.3.4/16');
    await vi.waitFor(() => expect(problems().map((p) => p.dataset.kind)).toEqual(['host_bits_set']));
    expect(useButton()).toBeDisabled();

    await user.click(screen.getByRole('button', { name: 'Use 10.2.0.0/16' }));
    expect(customField().value).toBe('10.2.0.0/16');
    expect(await screen.findByTestId('cidr-ok')).toHaveTextContent('10.2.0.0/16 conflicts with nothing');
    expect(calls.filter((c) => c.cmd === 'check_cidr').at(-1)!.args.input).toBe('10.2.0.0/16');
    expect(useButton()).toBeEnabled();
  });

  it('ignores the answer about older text that arrives after the answer about the latest text', async () => {
    const user = userEvent.setup();
    const answers: { input: string; reply: ReturnType<typeof deferred<CheckReport>> }[] = [];
    setup({
      check_cidr: ({ input }) => {
        const reply = deferred<CheckReport>();
        answers.push({ input: String(input), reply });
        return reply.promise;
      },
    });
    render(Network, { region: 'eu-west-1' });
    await ready();
    await user.click($('#cidr-mode-custom')!);
    await user.type(customField(), '10.0.0.0/16');
    await vi.waitFor(() => expect(answers).toHaveLength(1));
    await user.clear(customField());
    await user.type(customField(), '10.9.0.0/16');
    await vi.waitFor(() => expect(answers).toHaveLength(2));
    expect(answers.map((a) => a.input)).toEqual(['10.0.0.0/16', '10.9.0.0/16']);

    answers[1].reply.resolve(okReport('10.9.0.0/16'));
    await screen.findByTestId('cidr-ok');
    answers[0].reply.resolve(report('10.0.0.0/16', [overlapsVpc]));
    await handled(answers[0].reply.promise);
    expect(problems()).toHaveLength(0);
    expect(screen.getByTestId('cidr-ok')).toHaveTextContent('10.9.0.0/16 conflicts with nothing');
    expect(useButton()).toBeEnabled();
  });

  it('ignores an older answer about the same text when the networks to avoid changed since', async () => {
    const user = userEvent.setup();
    const answers: ReturnType<typeof deferred<CheckReport>>[] = [];
    const calls = setup({
      check_cidr: () => {
        const reply = deferred<CheckReport>();
        answers.push(reply);
        return reply.promise;
      },
    });
    render(Network, { region: 'eu-west-1' });
    await ready();
    await user.click($('#cidr-mode-custom')!);
    await user.type(customField(), '10.0.0.0/16');
    await vi.waitFor(() => expect(answers).toHaveLength(1));

    // Adding a network re-checks the same text against the new list.
    await user.type($('#avoid-cidr')!, '10.0.0.0/8');
    await user.click($('#avoid-add')!);
    await vi.waitFor(() => expect(answers).toHaveLength(2));
    expect(calls.filter((c) => c.cmd === 'check_cidr').at(-1)!.args.avoid).toEqual([
      { cidr: '10.0.0.0/8', label: 'Database VPC' },
    ]);

    answers[1].resolve(report('10.0.0.0/16', [overlapsNetwork]));
    await vi.waitFor(() => expect(problems()).toHaveLength(1));
    answers[0].resolve(okReport('10.0.0.0/16'));
    await handled(answers[0].promise);
    expect(problems().map((p) => p.dataset.kind)).toEqual(['overlaps_network']);
    expect(screen.queryByTestId('cidr-ok')).toBeNull();
    expect(useButton()).toBeDisabled();
  });
});

describe('Network: networks to avoid', () => {
  it('refuses a malformed entry inline and does not send it', async () => {
    const user = userEvent.setup();
    const calls = setup();
    render(Network, { region: 'eu-west-1' });
    await ready();
    const before = calls.length;

    await user.type($('#avoid-cidr')!, '10.0.0/16');
    await user.click($('#avoid-add')!);
    expect(screen.getByTestId('avoid-error')).toHaveTextContent('"10.0.0/16" is not an IPv4 CIDR block');
    expect($('#avoid-cidr')).toHaveAttribute('aria-invalid', 'true');
    await expectNoSeriousViolations();
    expect($$('[data-testid="avoid-entry"]')).toHaveLength(0);
    expect(calls.slice(before)).toEqual([]);

    // Fixing the text clears the error; the entry then joins the list.
    await user.clear($('#avoid-cidr')!);
    expect(screen.queryByTestId('avoid-error')).toBeNull();
    await user.type($('#avoid-cidr')!, '10.0.0.0/16{Enter}');
    expect($$('[data-testid="avoid-entry"]').map((e) => e.dataset.cidr)).toEqual(['10.0.0.0/16']);
  });

  it('sends the list with every suggestion and check, and drops removed entries', async () => {
    const user = userEvent.setup();
    const calls = setup();
    render(Network, { region: 'eu-west-1' });
    await ready();
    await user.click($('#cidr-mode-custom')!);
    await user.type(customField(), '10.9.0.0/16');
    await screen.findByTestId('cidr-ok');
    calls.length = 0;

    await user.type($('#avoid-cidr')!, '192.168.0.0/16');
    await user.clear($('#avoid-label')!);
    await user.type($('#avoid-label')!, 'Office');
    await user.click($('#avoid-add')!);
    const entry = { cidr: '192.168.0.0/16', label: 'Office' };
    await vi.waitFor(() => expect(calls.map((c) => c.cmd).sort()).toEqual(['check_cidr', 'suggest_cidrs']));
    expect(calls.find((c) => c.cmd === 'suggest_cidrs')!.args).toEqual({ prefix: 16, avoid: [entry], count: 8 });
    expect(calls.find((c) => c.cmd === 'check_cidr')!.args).toEqual({
      input: '10.9.0.0/16',
      avoid: [entry],
      allowPublic: false,
    });
    const listed = $$('[data-testid="avoid-entry"]');
    expect(listed).toHaveLength(1);
    expect(listed[0]).toHaveTextContent('192.168.0.0/16');
    expect(listed[0]).toHaveTextContent('Office');

    calls.length = 0;
    await user.click(screen.getByRole('button', { name: 'Remove 192.168.0.0/16 (Office)' }));
    await vi.waitFor(() => expect(calls.find((c) => c.cmd === 'suggest_cidrs')?.args.avoid).toEqual([]));
    expect($$('[data-testid="avoid-entry"]')).toHaveLength(0);
  });

  it('shows the back end refusing an entry (invalid_input) where the suggestions go', async () => {
    const user = userEvent.setup();
    setup({
      suggest_cidrs: ({ avoid }) => {
        if ((avoid as unknown[]).length) {
          throw {
            code: 'invalid_input',
            message: '"10.0.0.0/33" is not an IPv4 CIDR block.',
            hint: 'Write a network to avoid as address/prefix.',
          } satisfies IpcError;
        }
        return noSuggestions;
      },
    });
    render(Network, { region: 'eu-west-1' });
    await ready();
    await user.type($('#avoid-cidr')!, '10.0.0.0/30');
    await user.click($('#avoid-add')!);
    const box = await screen.findByTestId('error');
    expect(box.dataset.code).toBe('invalid_input');
    expect(box).toHaveTextContent('Could not suggest blocks');
    expect(box).toHaveTextContent('"10.0.0.0/33" is not an IPv4 CIDR block.');
    await expectNoSeriousViolations();
  });
});
