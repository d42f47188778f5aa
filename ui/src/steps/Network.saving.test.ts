// The Network step saving a choice and putting a saved one back, in jsdom against a mocked
// back end: what is saved, a refused save, a saved block restored as a suggestion or typed,
// one the environment can no longer use, and one saved for another region.
import { describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import Network from './Network.svelte';
import type { IpcError, NetworkChoice, Problem } from '../lib/ipc';
import { choiceFor, deferred, handled, okReport } from '../test/fixtures';
import { expectNoSeriousViolations } from '../test/axe';
import { stepFixerContext } from '../lib/fix-step';
import {
  $,
  customField,
  overlapsVpc,
  problems,
  ready,
  report,
  setup,
  suggestionSelect,
  useButton,
} from '../test/network-harness';

describe('Network: saving', () => {
  it('Use this network saves region, block and networks to avoid, and shows it saved', async () => {
    const user = userEvent.setup();
    const onstatus = vi.fn();
    const onchoice = vi.fn();
    const calls = setup();
    render(Network, { region: 'eu-west-1', avoid: [{ cidr: '10.0.0.0/8', label: 'Database VPC' }], onstatus, onchoice });
    await ready();
    await user.selectOptions(suggestionSelect(), '10.3.0.0/16');
    expect(onstatus).toHaveBeenLastCalledWith({ complete: false, missing: 'Save the network choice' });
    expect(screen.queryByTestId('network-saved')).toBeNull();

    await user.click(useButton());
    const saved = await screen.findByTestId('network-saved');
    expect(calls.filter((c) => c.cmd === 'choose_network').map((c) => c.args)).toEqual([
      { region: 'eu-west-1', cidr: '10.3.0.0/16', avoid: [{ cidr: '10.0.0.0/8', label: 'Database VPC' }] },
    ]);
    expect(saved).toHaveTextContent('10.3.0.0/16 in eu-west-1 saved');
    expect(within(saved).getByText('10.3.0.0/16').tagName).toBe('CODE');
    expect(within(saved).getByText('eu-west-1').tagName).toBe('CODE');
    await expectNoSeriousViolations();
    expect(onstatus).toHaveBeenLastCalledWith({ complete: true, missing: '' });
    // The Install step's region and block.
    expect(onchoice).toHaveBeenLastCalledWith(choiceFor('eu-west-1', '10.3.0.0/16'));

    // Picking another block means the saved one is no longer what is on screen.
    await user.selectOptions(suggestionSelect(), '10.4.0.0/16');
    expect(screen.queryByTestId('network-saved')).toBeNull();
    expect(onstatus).toHaveBeenLastCalledWith({ complete: false, missing: 'Save the network choice' });
    expect(onchoice).toHaveBeenLastCalledWith(null);
  });

  it('saves a typed block by its network address as the check reported it', async () => {
    const user = userEvent.setup();
    const calls = setup({ check_cidr: ({ input }) => okReport('10.20.0.0/16', String(input)) });
    render(Network, { region: 'eu-west-1' });
    await ready();
    await user.click($('#cidr-mode-custom')!);
    await user.type(customField(), ' 10.20.0.0/16 ');
    await screen.findByTestId('cidr-ok');
    await user.click(useButton());
    await screen.findByTestId('network-saved');
    expect(calls.find((c) => c.cmd === 'choose_network')!.args).toEqual({
      region: 'eu-west-1',
      cidr: '10.20.0.0/16',
      avoid: [],
    });
  });

  it('shows a refused save next to the button', async () => {
    const user = userEvent.setup();
    setup({
      choose_network: () => {
        throw { code: 'region_disabled', message: 'eu-west-1 is not enabled in this account.', hint: 'Pick another region.' };
      },
    });
    render(Network, { region: 'eu-west-1' });
    await ready();
    await user.click(useButton());
    const box = await screen.findByTestId('error');
    expect(box.dataset.code).toBe('region_disabled');
    expect(box).toHaveTextContent('Could not save the network choice');
    expect(box).toHaveTextContent('eu-west-1 is not enabled in this account.');
    expect(box.closest('.choose')).toContainElement(useButton());
    expect(screen.queryByTestId('network-saved')).toBeNull();
  });

  it('puts a saved choice for this region back as the picked suggestion, shown as saved', async () => {
    const onstatus = vi.fn();
    setup({ last_network_choice: () => choiceFor('eu-west-1', '10.3.0.0/16') });
    render(Network, { region: 'eu-west-1', onstatus });
    await vi.waitFor(() => expect(suggestionSelect().value).toBe('10.3.0.0/16'));
    expect($<HTMLInputElement>('#cidr-mode-suggested')!.checked).toBe(true);
    expect(await screen.findByTestId('network-saved')).toHaveTextContent('10.3.0.0/16 in eu-west-1 saved');
    expect(onstatus).toHaveBeenLastCalledWith({ complete: true, missing: '' });
  });

  it('puts a saved choice that is not a suggestion back as a typed block, and checks it', async () => {
    const calls = setup({ last_network_choice: () => choiceFor('eu-west-1', '10.50.0.0/20') });
    render(Network, { region: 'eu-west-1' });
    await vi.waitFor(() => expect(customField().value).toBe('10.50.0.0/20'));
    expect($<HTMLInputElement>('#cidr-mode-custom')!.checked).toBe(true);
    expect(await screen.findByTestId('network-saved')).toHaveTextContent('10.50.0.0/20 in eu-west-1 saved');
    expect(calls.find((c) => c.cmd === 'check_cidr')!.args.input).toBe('10.50.0.0/20');
  });

  it('refuses on this step a saved block the environment can no longer use, instead of passing it to Install', async () => {
    const onstatus = vi.fn();
    const onchoice = vi.fn();
    const taken: Problem = { ...overlapsVpc, message: overlapsVpc.message.replaceAll('10.0.0.0/16', '10.50.0.0/20') };
    setup({
      last_network_choice: () => choiceFor('eu-west-1', '10.50.0.0/20'),
      check_cidr: ({ input }) => report(String(input), [taken]),
    });
    render(Network, { region: 'eu-west-1', onstatus, onchoice });
    await vi.waitFor(() => expect(problems()).toHaveLength(1));
    expect(customField().value).toBe('10.50.0.0/20');
    expect(problems()[0]).toHaveTextContent('overlaps VPC vpc-0a1b2c3d4e5f60002');
    expect(useButton()).toBeDisabled();
    expect(screen.queryByTestId('network-saved')).toBeNull();
    expect(onstatus).toHaveBeenLastCalledWith({ complete: false, missing: 'Choose a VPC block that conflicts with nothing' });
    expect(onchoice).toHaveBeenLastCalledWith(null);
  });

  it('shows a save the engine refuses as about this step, without a "Back to Network" to itself', async () => {
    const user = userEvent.setup();
    setup({
      choose_network: () => {
        throw {
          code: 'invalid_input',
          message: '10.3.0.0/16 cannot be used: it overlaps a VPC created since.',
          hint: 'Choose one of the suggested blocks.',
          fix: 'network',
        } satisfies IpcError;
      },
    });
    render(Network, {
      props: { region: 'eu-west-1' },
      context: stepFixerContext({ offers: (step) => step !== 'network', go: vi.fn() }),
    });
    await ready();
    await user.click(useButton());
    const box = await screen.findByTestId('error');
    expect(box).toHaveTextContent('overlaps a VPC created since');
    expect(within(box).queryByTestId('fix-step')).toBeNull();
    expect(screen.queryByTestId('network-saved')).toBeNull();
  });

  it('does not restore a choice saved for another region', async () => {
    const last = deferred<NetworkChoice>();
    const calls = setup({ last_network_choice: () => last.promise });
    render(Network, { region: 'eu-west-1' });
    await ready();
    expect(calls.map((c) => c.cmd)).toContain('last_network_choice');
    last.resolve(choiceFor('us-east-1', '10.3.0.0/16'));
    await handled(last.promise);
    expect(suggestionSelect().value).toBe('10.2.0.0/16');
    expect(screen.queryByTestId('network-saved')).toBeNull();
  });
});
