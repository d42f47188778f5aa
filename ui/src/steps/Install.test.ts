// The Install step in jsdom with lib/ipc mocked (its calls stream events
// through channels): the plan and the request it sends, a run streamed to
// ready, a failure with Retry / Clean up (typed account), needs_clean_up,
// following an install in flight from its status, and the journal fallback
// for the VPC block.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import Install from './Install.svelte';
import * as ipc from '../lib/ipc';
import type { InstallEvent, InstallOutcome, IpcError } from '../lib/ipc';
import {
  ENV,
  choiceFor,
  deferred,
  failedRun,
  inFlight,
  plan,
  preflightFor,
  readyRun,
  readySummaryFor,
  deletionPreviewFor,
  rootCause,
  stackStatus,
  unsignedInvite,
  verifiedInvite,
  identityFor,
  profileList,
} from '../test/fixtures';
import { expectNoSeriousViolations } from '../test/axe';
import { stepFixerContext } from '../lib/fix-step';

vi.mock('../lib/ipc', async (importActual) => {
  const actual = await importActual<typeof import('../lib/ipc')>();
  return {
    ...actual,
    planInstall: vi.fn(),
    preflight: vi.fn(),
    startInstall: vi.fn(),
    retryInstall: vi.fn(),
    followInstall: vi.fn(),
    cleanUpInstall: vi.fn(),
    lastNetworkChoice: vi.fn(),
    readySummary: vi.fn(),
    deleteStacksPreview: vi.fn(),
    listProfiles: vi.fn(),
    signIn: vi.fn(),
  };
});
const api = vi.mocked(ipc);

/** A run call whose events and end the test drives. */
function streamed() {
  let send: (e: InstallEvent) => void = () => {};
  const end = deferred<InstallOutcome>();
  const call = vi.fn((_: unknown, onEvent: (e: InstallEvent) => void) => {
    send = onEvent;
    return end.promise;
  });
  return { call, emit: (events: InstallEvent[]) => events.forEach((e) => send(e)), end };
}

const props = {
  invite: verifiedInvite,
  region: 'us-east-1',
  cidr: '10.2.0.0/16',
  useBoundary: false,
};
const rows = () => screen.queryAllByTestId('resource-row');
const readyOutputs = (readyRun.at(-1) as Extract<InstallEvent, { kind: 'ready' }>).outputs;

beforeEach(() => {
  vi.resetAllMocks();
  api.planInstall.mockResolvedValue(plan);
  api.preflight.mockResolvedValue(preflightFor());
  api.readySummary.mockResolvedValue(readySummaryFor());
});

describe('Install: an error about a choice', () => {
  const rejected: IpcError = {
    code: 'invalid_input',
    message: '10.1.0.0/16 cannot be used: 10.1.0.0/16 overlaps VPC vpc-1 ("prod-core") in us-east-1.',
    hint: 'Choose one of the suggested blocks, or another block that conflicts with nothing.',
    fix: 'network',
  };

  it('offers "Back to Network" instead of a Try again that would repeat the failure', async () => {
    const user = userEvent.setup();
    api.planInstall.mockRejectedValue(rejected);
    const go = vi.fn();
    render(Install, { props, context: stepFixerContext({ offers: () => true, go }) });
    const box = await screen.findByTestId('error');
    expect(box).toHaveTextContent('overlaps VPC vpc-1');
    expect(within(box).queryByRole('button', { name: 'Try again' })).toBeNull();
    await expectNoSeriousViolations();
    await user.click(within(box).getByRole('button', { name: 'Back to Network' }));
    expect(go).toHaveBeenCalledWith('network');
    expect(api.planInstall).toHaveBeenCalledTimes(1);
  });

  it('keeps Try again for an error no step fixes', async () => {
    api.planInstall.mockRejectedValue({ code: 'throttled', message: 'Rate exceeded.', hint: null } satisfies IpcError);
    render(Install, { props, context: stepFixerContext({ offers: () => true, go: vi.fn() }) });
    const box = await screen.findByTestId('error');
    expect(within(box).getByRole('button', { name: 'Try again' })).toBeInTheDocument();
    expect(within(box).queryByTestId('fix-step')).toBeNull();
  });
});

describe('Install: before launching', () => {
  it('plans with the wizard\'s choices and shows what will be created', async () => {
    const onstatus = vi.fn();
    render(Install, { ...props, onstatus });
    expect(screen.getByRole('status')).toHaveTextContent('Working out the stacks');
    await expectNoSeriousViolations();
    const card = await screen.findByTestId('install-plan');
    expect(api.planInstall).toHaveBeenCalledWith({
      invite: verifiedInvite.invite,
      region: 'us-east-1',
      cidr: '10.2.0.0/16',
      use_boundary: false,
    });
    expect(within(card).getByTestId('plan-account').textContent).toBe('123456789012');
    expect(within(card).getByTestId('plan-home-region')).toHaveTextContent('eu-west-1');
    expect(within(card).getByTestId('plan-region')).toHaveTextContent('us-east-1');
    expect(within(card).getByTestId('plan-cidr')).toHaveTextContent('10.2.0.0/16');
    expect(within(card).getByTestId('plan-zones')).toHaveTextContent('us-east-1a and us-east-1b');
    expect(within(card).getByTestId('plan-vendor')).toHaveTextContent('Sandbox Vendor, AWS account 210987654321');
    expect(within(card).getByTestId('plan-access')).toHaveTextContent('Administrator (AdministratorAccess)');
    expect(within(card).getByTestId('plan-headline')).toHaveTextContent('gets full administrator access');
    expect(within(card).getAllByTestId('plan-stack').map((r) => r.textContent)).toEqual([
      expect.stringContaining('2 resources'),
      expect.stringContaining('3 resources'),
    ]);
    expect(screen.getByTestId('install-button')).toBeEnabled();
    await expectNoSeriousViolations();
    expect(onstatus).toHaveBeenLastCalledWith({
      complete: false,
      missing: 'Press Install and wait until the install is ready',
    });
  });

  it('sends the typed vendor account of an unverified invite, and the boundary choice', async () => {
    render(Install, { ...props, invite: unsignedInvite, confirmation: ' 210987654321 ', useBoundary: true });
    await screen.findByTestId('install-plan');
    expect(api.planInstall).toHaveBeenCalledWith(
      expect.objectContaining({ use_boundary: true, confirmed_vendor_account: '210987654321' }),
    );
  });

  it('reads the saved block from the journal when the wizard has none', async () => {
    api.lastNetworkChoice.mockResolvedValue(choiceFor('us-east-1', '10.9.0.0/16'));
    render(Install, { ...props, cidr: null });
    await screen.findByTestId('install-plan');
    expect(api.planInstall).toHaveBeenCalledWith(expect.objectContaining({ cidr: '10.9.0.0/16' }));
  });

  it('shows a refused plan with the engine\'s words and Try again', async () => {
    const user = userEvent.setup();
    api.planInstall.mockRejectedValueOnce({
      code: 'invalid_input',
      message: '10.2.0.0/16 overlaps VPC vpc-1 in us-east-1.',
      hint: 'Choose another block on the Network step.',
    } satisfies IpcError);
    render(Install, props);
    const box = await screen.findByTestId('error');
    expect(box).toHaveTextContent('10.2.0.0/16 overlaps VPC vpc-1 in us-east-1.');
    await expectNoSeriousViolations();
    await user.click(within(box).getByRole('button', { name: 'Try again' }));
    await screen.findByTestId('install-plan');
    expect(api.planInstall).toHaveBeenCalledTimes(2);
  });
});

describe('Install: time and connectivity', () => {
  it('says how long the plan should take, from the engine\'s estimate, and that the app may be closed while it runs', async () => {
    const user = userEvent.setup();
    const run = streamed();
    api.startInstall.mockImplementation(run.call);
    render(Install, props);
    expect(await screen.findByTestId('plan-estimate')).toHaveTextContent('About 2 min 55 s');
    expect(screen.getByTestId('install-estimate')).toHaveTextContent('about 2 min 55 s');
    await user.click(screen.getByTestId('install-button'));
    run.emit([readyRun[0], { kind: 'progress', done: 0, total: 5, elapsed_ms: 0, eta_ms: plan.estimate_ms }]);
    expect(await screen.findByTestId('close-app-note')).toHaveTextContent('You can close the app');
    expect(screen.getByTestId('eta')).toHaveTextContent('2 min 55 s');
  });

  it('says at once when AWS cannot be reached, holds the estimate, then says when it came back', async () => {
    const user = userEvent.setup();
    const run = streamed();
    api.startInstall.mockImplementation(run.call);
    render(Install, props);
    await user.click(await screen.findByTestId('install-button'));
    run.emit([readyRun[0], { kind: 'progress', done: 1, total: 5, elapsed_ms: 5_000, eta_ms: 100_000 }]);
    await screen.findByTestId('eta');
    expect(screen.queryByTestId('connectivity-note')).toBeNull();

    run.emit([{ kind: 'connection_lost', since: '2026-12-02T14:02:00Z', detail: 'could not reach AWS for cloudformation:DescribeStacks' }]);
    const note = await screen.findByTestId('connectivity-note');
    expect(note).toHaveAttribute('data-state', 'lost');
    expect(note).toHaveTextContent(/^Can't reach AWS since .+, retrying…/);
    const since = screen.getByTestId('connectivity-since');
    expect(since).toHaveAttribute('title', '2026-12-02 14:02:00 UTC');
    expect(since).toHaveAttribute('datetime', '2026-12-02T14:02:00.000Z');
    expect(screen.getByTestId('eta')).toHaveAttribute('data-held', 'true');
    expect(screen.getByTestId('eta').parentElement).toHaveTextContent('on hold until AWS answers');
    expect(screen.getByTestId('close-app-note')).toBeInTheDocument();
    await expectNoSeriousViolations();

    run.emit([{ kind: 'connection_restored', since: '2026-12-02T14:02:00Z', at: '2026-12-02T14:03:10Z' }]);
    await vi.waitFor(() => expect(screen.getByTestId('connectivity-note')).toHaveAttribute('data-state', 'restored'));
    expect(screen.getByTestId('connectivity-note')).toHaveTextContent('AWS answers again since');
    expect(screen.getByTestId('connectivity-back')).toHaveAttribute('title', '2026-12-02 14:03:10 UTC');
    expect(screen.getByTestId('eta')).toHaveAttribute('data-held', 'false');
  });
});

describe('Install: credentials that expire mid-run', () => {
  it('shows "Your AWS session expired" with the sign-in inline while the engine waits, and goes on after', async () => {
    const user = userEvent.setup();
    const run = streamed();
    api.startInstall.mockImplementation(run.call);
    api.listProfiles.mockResolvedValue(profileList);
    api.signIn.mockResolvedValue(identityFor('prod-admin'));
    render(Install, props);
    await user.click(await screen.findByTestId('install-button'));
    run.emit([readyRun[0], { kind: 'progress', done: 1, total: 5, elapsed_ms: 5_000, eta_ms: 100_000 }]);
    await screen.findByTestId('eta');
    expect(screen.queryByTestId('session-expired')).toBeNull();

    run.emit([
      {
        kind: 'credentials_expired',
        installation_id: 'sandbox-demo',
        profile: 'prod-admin',
        account_id: '123456789012',
        sso: true,
        since: '2026-12-02T14:02:00Z',
        message: 'The AWS SSO session of profile prod-admin has expired or was never started.',
        command: 'aws sso login --profile prod-admin',
        waiting: true,
      },
    ]);
    const panel = await screen.findByTestId('session-expired');
    expect(panel).toHaveAttribute('data-account', '123456789012');
    expect(screen.getAllByTestId('stack-group').length).toBeGreaterThan(0);
    await user.click(await screen.findByTestId('session-expired-sign-in'));
    expect(api.signIn).toHaveBeenCalledWith('prod-admin', null);

    run.emit([{ kind: 'credentials_renewed', installation_id: 'sandbox-demo', profile: 'prod-admin', account_id: '123456789012', at: '2026-12-02T14:05:00Z' }]);
    await vi.waitFor(() => expect(screen.queryByTestId('session-expired')).toBeNull());
    run.emit(readyRun.slice(1));
    run.end.resolve({ kind: 'ready', installation_id: 'sandbox-demo', outputs: readyOutputs });
    expect(await screen.findByTestId('install-ready')).toBeInTheDocument();
  });
});

describe('Install: a run', () => {
  it('streams resources grouped by stack, the progress bar and elapsed time, then Ready with the outputs', async () => {
    const user = userEvent.setup();
    const run = streamed();
    api.startInstall.mockImplementation(run.call);
    const onstatus = vi.fn();
    const onbusy = vi.fn();
    render(Install, { ...props, onstatus, onbusy });
    await user.click(await screen.findByTestId('install-button'));

    expect(api.startInstall).toHaveBeenCalledWith(
      { invite: verifiedInvite.invite, region: 'us-east-1', cidr: '10.2.0.0/16', use_boundary: false },
      expect.any(Function),
    );
    expect(onbusy).toHaveBeenLastCalledWith(true);
    expect(onstatus).toHaveBeenLastCalledWith({ complete: false, missing: 'Wait for the install to finish' });

    run.emit(readyRun.slice(0, 14));
    await vi.waitFor(() => expect(rows()).toHaveLength(4));
    const bar = screen.getByTestId('install-progress');
    expect(bar).toHaveAttribute('aria-valuenow', '3');
    expect(bar).toHaveAttribute('aria-valuemax', '5');
    expect(screen.getByTestId('progress-count')).toHaveTextContent('3 of 5 resources (60%)');
    expect(screen.getByTestId('elapsed')).toHaveTextContent('1 min 05 s');
    expect(screen.getByTestId('eta')).toHaveTextContent('2 min 00 s');
    const nat = rows().find((r) => r.dataset.logicalId === 'Nat')!;
    expect(nat.dataset.status).toBe('CREATE_IN_PROGRESS');
    expect(within(nat).getByText('CREATE_IN_PROGRESS')).toHaveClass('progress');
    const groups = screen.getAllByTestId('stack-group');
    expect(groups.map((g) => g.dataset.stack)).toEqual([plan.stacks[0].name, ENV]);
    expect(within(groups[0]).getByTestId('stack-status')).toHaveTextContent('CREATE_COMPLETE');
    expect(within(groups[1]).getAllByTestId('resource-row').map((r) => r.dataset.logicalId)).toEqual(['Vpc', 'Nat']);
    await expectNoSeriousViolations();

    run.emit(readyRun.slice(14));
    run.end.resolve({ kind: 'ready', installation_id: 'sandbox-demo', outputs: readyOutputs });
    const ready = await screen.findByTestId('install-ready');
    expect(ready).toHaveTextContent('Ready');
    expect(await within(ready).findByTestId('ready-headline')).toHaveTextContent('Sandbox Vendor');
    expect(api.readySummary).toHaveBeenCalledWith('sandbox-demo');
    expect(within(ready).getByTestId('output-LoadBalancerDns').textContent).toBe(
      'pd-sandbox-demo-123.us-east-1.elb.amazonaws.com',
    );
    expect(within(ready).getByRole('button', { name: 'Copy RoleArn' })).toBeInTheDocument();
    await expectNoSeriousViolations();
    expect(screen.getByTestId('install-progress')).toHaveAttribute('aria-valuenow', '5');
    expect(rows().every((r) => r.dataset.status === 'CREATE_COMPLETE')).toBe(true);
    expect(onstatus).toHaveBeenLastCalledWith({ complete: true, missing: '' });
    expect(onbusy).toHaveBeenLastCalledWith(false);
  });

  it('on failure shows the root cause and rollback; Retry re-runs; needs_clean_up says to clean up first', async () => {
    const user = userEvent.setup();
    const run = streamed();
    api.startInstall.mockImplementation(run.call);
    api.retryInstall.mockRejectedValueOnce({
      code: 'needs_clean_up',
      message: 'The environment stack private-deploy-env-sandbox-demo rolled back and is still there.',
      hint: 'Clean up, then Retry.',
    } satisfies IpcError);
    const onstatus = vi.fn();
    render(Install, { ...props, onstatus });
    await user.click(await screen.findByTestId('install-button'));
    run.emit(failedRun);
    run.end.resolve({ kind: 'failed', installation_id: 'sandbox-demo', stack: ENV, root_cause: rootCause, rollback_status: 'ROLLBACK_COMPLETE', health: 'failed_create' });

    const box = await screen.findByTestId('install-failure');
    expect(within(box).getByTestId('root-cause')).toHaveTextContent('The maximum number of addresses has been reached.');
    expect(within(box).getByTestId('failure-stack')).toHaveTextContent(`${ENV}-Network-1ABC`);
    expect(within(box).getByTestId('failure-logical-id')).toHaveTextContent('NatEip');
    expect(box).toHaveTextContent('AWS::EC2::EIP');
    expect(within(box).getByTestId('rollback-status')).toHaveTextContent('ROLLBACK_COMPLETE');
    const failedRow = rows().find((r) => r.dataset.logicalId === 'NatEip')!;
    expect(within(failedRow).getByText('CREATE_FAILED')).toHaveClass('failed');
    expect(onstatus.mock.lastCall?.[0].missing).toMatch(/^The install failed: fix the cause, then Retry/);
    await expectNoSeriousViolations();

    await user.click(within(box).getByTestId('retry-button'));
    expect(api.retryInstall).toHaveBeenCalledWith('sandbox-demo', expect.any(Function));
    const err = await screen.findByTestId('error');
    expect(err.dataset.code).toBe('needs_clean_up');
    expect(err).toHaveTextContent('Clean up first');
    expect(err).toHaveTextContent('clean up first, then Retry launches the install again');
    // The failure and its Clean up stay on screen.
    expect(screen.getByTestId('install-failure')).toContainElement(screen.getByTestId('cleanup-button'));
    await expectNoSeriousViolations();
  });

  it('Clean up asks for the account ID, deletes the failed stacks, then offers Retry', async () => {
    const user = userEvent.setup();
    const run = streamed();
    api.startInstall.mockImplementation(run.call);
    const cleanUp = deferred<ipc.StackKind[]>();
    let cleanEvents: (e: InstallEvent) => void = () => {};
    api.cleanUpInstall.mockImplementation((_, onEvent) => {
      cleanEvents = onEvent;
      return cleanUp.promise;
    });
    const retry = streamed();
    api.retryInstall.mockImplementation(retry.call);
    render(Install, props);
    await user.click(await screen.findByTestId('install-button'));
    run.emit(failedRun);
    run.end.resolve({ kind: 'failed', installation_id: 'sandbox-demo', stack: ENV, root_cause: rootCause, rollback_status: 'ROLLBACK_COMPLETE', health: 'failed_create' });
    await screen.findByTestId('install-failure');

    api.deleteStacksPreview.mockResolvedValue(deletionPreviewFor(true));
    await user.click(screen.getByTestId('cleanup-button'));
    const confirm = screen.getByTestId('cleanup-confirm');
    expect(confirm).toBeDisabled();
    // The confirmation lists what Clean up deletes, as the engine reads it: the failed stack only.
    const listed = await screen.findAllByTestId('cleanup-stack');
    expect(listed.map((l) => l.textContent)).toEqual([`${ENV} in us-east-1 (ROLLBACK_COMPLETE)`]);
    expect(api.deleteStacksPreview).toHaveBeenCalledWith('sandbox-demo');
    await expectNoSeriousViolations();
    await user.type(screen.getByTestId('cleanup-account'), '123456789013');
    expect(confirm).toBeDisabled();
    await user.clear(screen.getByTestId('cleanup-account'));
    await user.type(screen.getByTestId('cleanup-account'), '123456789012');
    await user.click(confirm);
    expect(api.cleanUpInstall).toHaveBeenCalledWith('sandbox-demo', expect.any(Function), null);
    expect(screen.getByText('Deleting the failed stacks and waiting until they are gone…')).toBeInTheDocument();
    await expectNoSeriousViolations();

    cleanEvents(stackStatus(ENV, 'arn:env', 'DELETE_COMPLETE'));
    cleanUp.resolve(['environment']);
    const cleaned = await screen.findByTestId('cleaned-up');
    expect(cleaned).toHaveTextContent('Deleted: environment stack.');
    expect(screen.queryByTestId('install-failure')).toBeNull();
    const envGroup = screen.getAllByTestId('stack-group').find((g) => g.dataset.stack === ENV)!;
    expect(within(envGroup).getByTestId('stack-status')).toHaveTextContent('DELETE_COMPLETE');
    await expectNoSeriousViolations();

    await user.click(within(cleaned).getByTestId('retry-button'));
    expect(api.retryInstall).toHaveBeenCalledWith('sandbox-demo', expect.any(Function));
    retry.emit(readyRun.slice(0, 3));
    // The new run starts over: the failed attempt's rows are gone.
    await vi.waitFor(() => expect(rows()).toHaveLength(0));
    expect(screen.queryByTestId('cleaned-up')).toBeNull();
  });
});

describe('Install: following an install in flight', () => {
  it('follows it from its status alone: no invite, no plan', async () => {
    const run = streamed();
    api.followInstall.mockImplementation(run.call);
    const onbusy = vi.fn();
    render(Install, { resume: inFlight, onbusy });
    const card = screen.getByTestId('following');
    expect(card).toHaveTextContent('Picking up the install of Sandbox Vendor');
    expect(within(card).getByTestId('following-id').textContent).toBe('sandbox-demo');
    expect(card).toHaveTextContent('10.2.0.0/16');
    await vi.waitFor(() => expect(api.followInstall).toHaveBeenCalledWith('sandbox-demo', expect.any(Function)));
    expect(api.planInstall).not.toHaveBeenCalled();
    expect(screen.getByRole('status')).toHaveTextContent('Re-attaching to the stacks…');
    expect(onbusy).toHaveBeenLastCalledWith(true);

    // The joined run replays its history, then goes on.
    run.emit(readyRun.slice(0, 8));
    run.emit(readyRun.slice(0, 12));
    await vi.waitFor(() => expect(rows()).toHaveLength(3));
    expect(screen.getByTestId('install-progress')).toHaveAttribute('aria-valuenow', '2');
  });

  it('shows a refused follow with Try again', async () => {
    const user = userEvent.setup();
    api.followInstall.mockRejectedValueOnce({ code: 'not_signed_in', message: 'Sign in first.', hint: null } satisfies IpcError);
    const run = streamed();
    render(Install, { resume: inFlight });
    const box = await screen.findByTestId('error');
    expect(box).toHaveTextContent('Sign in first.');
    api.followInstall.mockImplementation(run.call);
    await user.click(within(box).getByTestId('error-retry'));
    expect(api.followInstall).toHaveBeenCalledTimes(2);
  });
});

describe('Install: the preflight', () => {
  it('runs when the step opens and keeps Install disabled until it is done', async () => {
    const pending = deferred<ipc.Preflight>();
    api.preflight.mockReturnValue(pending.promise);
    render(Install, { props });
    const button = await screen.findByTestId('install-button');
    expect(button).toBeDisabled();
    expect(api.preflight).toHaveBeenCalledWith(expect.objectContaining({ region: 'us-east-1', cidr: '10.2.0.0/16' }));
    expect(screen.getByTestId('preflight').dataset.state).toBe('running');
    pending.resolve(preflightFor());
    await vi.waitFor(() => expect(button).toBeEnabled());
    expect(screen.getByTestId('preflight-summary')).toHaveTextContent('Every check passed.');
    expect(screen.getByTestId('cost-monthly')).toHaveTextContent('49.28 USD');
    expect(screen.getByTestId('cost-not-included')).toHaveTextContent('NAT gateway data processing');
  });

  it('keeps Install disabled while a check fails, names every failure with its fix, and runs again on demand', async () => {
    api.preflight.mockResolvedValue(preflightFor({ 'quota-vpcs': 'failure', names: 'failure', permissions: 'warning' }));
    const onstatus = vi.fn();
    render(Install, { props: { ...props, onstatus } });
    await vi.waitFor(() => expect(screen.getByTestId('preflight-summary')).toHaveTextContent('2 checks failed'));
    expect(screen.getByTestId('install-button')).toBeDisabled();
    const failed = screen.getAllByTestId('preflight-check').filter((c) => c.dataset.outcome === 'failure');
    expect(failed.map((c) => c.dataset.id)).toEqual(['names', 'quota-vpcs']);
    expect(within(failed[1]).getByTestId('check-what-to-do')).toHaveTextContent('Fix VPCs per Region.');
    expect(within(failed[1]).getByTestId('check-detail')).toHaveTextContent('L-F678F1CE');
    expect(onstatus).toHaveBeenLastCalledWith(expect.objectContaining({ missing: expect.stringContaining('preflight check failed') }));

    api.preflight.mockResolvedValue(preflightFor({ permissions: 'warning' }));
    await userEvent.click(screen.getByTestId('preflight-rerun'));
    const button = screen.getByTestId('install-button');
    await vi.waitFor(() => expect(button).toBeEnabled());
    expect(button).toHaveTextContent('Install despite 1 warning');
    expect(api.preflight).toHaveBeenCalledTimes(2);
  });

  it("shows the engine's outcome and counts, not its own count of the checks", async () => {
    // Two checks listed as warnings, but the engine reports the outcome and counts: the window shows those.
    const report = preflightFor({ permissions: 'warning', names: 'warning' });
    api.preflight.mockResolvedValue({ ...report, warnings: 3 });
    render(Install, { props });
    const button = await screen.findByTestId('install-button');
    await vi.waitFor(() => expect(button).toHaveTextContent('Install despite 3 warnings'));
    expect(screen.getByTestId('preflight-summary')).toHaveTextContent('No check failed; 3 warnings to read');

    api.preflight.mockResolvedValue({ ...preflightFor({ permissions: 'warning' }), outcome: 'failure', failures: 1 });
    await userEvent.click(screen.getByTestId('preflight-rerun'));
    await vi.waitFor(() => expect(screen.getByTestId('preflight-summary')).toHaveTextContent('1 check failed'));
    expect(button).toBeDisabled();
    expect(button).toHaveTextContent(/^Install$/);
  });
});
