// The Install step's reducer over realistic event sequences: resources going
// in progress → complete, nested stacks, a failure with rollback, a retried
// run, replays (idempotence), and the elapsed/estimate/percent helpers.
import { describe, expect, it } from 'vitest';
import {
  applyEvent,
  applyOutcome,
  elapsedAt,
  formatDuration,
  groupByStack,
  initialProgress,
  percent,
  remainingAt,
  statusTone,
  type InstallProgress,
} from './install-progress';
import type { InstallEvent } from './ipc';
import { ACCESS, ENV, failedRun, readyRun, resourceEvent, rootCause, stackStatus } from '../test/fixtures';

function replay(events: InstallEvent[], from: InstallProgress = initialProgress(), at = 1_000): InstallProgress {
  return events.reduce((s, e) => applyEvent(s, e, at), from);
}

const statuses = (s: InstallProgress) => s.resources.map((r) => `${r.stack}/${r.logicalId}=${r.status}`);

describe('a run that ends ready', () => {
  it('keeps one row per resource with its latest status, in the order first seen', () => {
    const s = replay(readyRun);
    expect(statuses(s)).toEqual([
      `${ACCESS}/VendorRole=CREATE_COMPLETE`,
      `${ACCESS}/AccessWindow=CREATE_COMPLETE`,
      `${ENV}/Vpc=CREATE_COMPLETE`,
      `${ENV}/Nat=CREATE_COMPLETE`,
      `${ENV}/Alb=CREATE_COMPLETE`,
    ]);
    expect(s.installationId).toBe('sandbox-demo');
    expect(s.outputs?.map((o) => o.key)).toEqual(['RoleArn', 'LoadBalancerDns']);
    expect(s.failure).toBeNull();
  });

  it('shows a resource in progress before it completes', () => {
    const s = replay(readyRun.slice(0, 5));
    expect(statuses(s)).toEqual([`${ACCESS}/VendorRole=CREATE_IN_PROGRESS`]);
    expect(s.stacks.find((st) => st.name === ACCESS)?.status).toBe('CREATE_IN_PROGRESS');
    expect(s.outputs).toBeNull();
  });

  it('lists the planned stacks from the start, with their share of the bar, then their launch and status', () => {
    const start = replay(readyRun.slice(0, 1));
    expect(start.stacks.map((st) => [st.name, st.kind, st.planned, st.status])).toEqual([
      [ACCESS, 'access', 2, null],
      [ENV, 'environment', 3, null],
    ]);
    const done = replay(readyRun);
    expect(done.stacks.map((st) => [st.name, st.status, st.region, st.attached])).toEqual([
      [ACCESS, 'CREATE_COMPLETE', 'eu-west-1', false],
      [ENV, 'CREATE_COMPLETE', 'us-east-1', false],
    ]);
    expect(done.stacks[1].stackId).toContain(`stack/${ENV}/2`);
  });

  it('takes the numbers of the latest progress event, with the time it arrived', () => {
    const s = replay(readyRun.slice(0, 14), initialProgress(), 5_000);
    expect(s.progress).toEqual({ done: 3, total: 5, elapsedMs: 65_000, etaMs: 120_000, at: 5_000 });
    expect(percent(s)).toBe(60);
    expect(replay(readyRun).progress?.etaMs).toBeNull();
  });

  it('groups rows under their stack', () => {
    const groups = groupByStack(replay(readyRun));
    expect(groups.map((g) => [g.stack.name, g.resources.map((r) => r.logicalId)])).toEqual([
      [ACCESS, ['VendorRole', 'AccessWindow']],
      [ENV, ['Vpc', 'Nat', 'Alb']],
    ]);
  });
});

describe('a run that fails in a nested stack', () => {
  const s = replay(failedRun);

  it('shows the nested stack as its own group, after the stacks launched', () => {
    const groups = groupByStack(s);
    expect(groups.map((g) => [g.stack.name, g.stack.kind])).toEqual([
      [ACCESS, 'access'],
      [ENV, 'environment'],
      [`${ENV}-Network-1ABC`, 'nested'],
    ]);
    expect(groups[2].resources.map((r) => [r.logicalId, r.status, r.reason])).toEqual([
      ['NatEip', 'CREATE_FAILED', rootCause.reason],
    ]);
  });

  it('keeps the root cause, the rollback status and the stack status with its reason', () => {
    expect(s.failure).toEqual({ stack: ENV, rootCause, rollbackStatus: 'ROLLBACK_COMPLETE', health: 'failed_create', hint: null });
    const env = s.stacks.find((st) => st.name === ENV)!;
    expect(env.status).toBe('ROLLBACK_COMPLETE');
    expect(env.reason).toBe('The following resource(s) failed to create: [Network].');
    expect(s.outputs).toBeNull();
  });

  it('stops the clock and the estimate once failed', () => {
    expect(elapsedAt(s, 999_999)).toBe(120_000);
    expect(remainingAt(s, 999_999)).toBeNull();
  });

  it('after a clean-up, shows the deleted stack and keeps the failure until a new run starts', () => {
    const id = `arn:aws:cloudformation:us-east-1:123456789012:stack/${ENV}/2`;
    const cleaned = replay(
      [
        stackStatus(ENV, id, 'DELETE_IN_PROGRESS'),
        stackStatus(ENV, id, 'DELETE_COMPLETE'),
      ],
      s,
    );
    expect(cleaned.stacks.find((st) => st.name === ENV)?.status).toBe('DELETE_COMPLETE');
    expect(cleaned.stacks.find((st) => st.name === ENV)?.reason).toBeNull();

    // Retry: a new run starts over; the old rows and the failure go.
    const retried = replay(readyRun, cleaned);
    expect(retried.failure).toBeNull();
    expect(retried.stacks.map((st) => st.name)).toEqual([ACCESS, ENV]);
    expect(statuses(retried)).toEqual(statuses(replay(readyRun)));
  });
});

describe('replays and duplicates', () => {
  it('applying every event twice in a row gives the same state as once', () => {
    for (const run of [readyRun, failedRun]) {
      const twice = run.reduce((s, e) => applyEvent(applyEvent(s, e, 1_000), e, 1_000), initialProgress());
      expect(twice).toEqual(replay(run));
    }
  });

  it('a joined run replays its whole history from started: the state comes out the same', () => {
    const first = replay(readyRun.slice(0, 12));
    const rejoined = replay(readyRun.slice(0, 12), first);
    expect(rejoined).toEqual(first);
    expect(rejoined.resources).toHaveLength(3);
  });

  it('a resumed run reporting every resource again changes nothing, and an older status never undoes a newer one', () => {
    const before = replay(readyRun.slice(0, 13));
    const resumed = replay(
      [
        // The tracker re-reports what DescribeStackResources says now…
        resourceEvent(ACCESS, 'VendorRole', 'AWS::IAM::Role', 'CREATE_COMPLETE', '2026-11-21T09:00:20Z'),
        resourceEvent(ENV, 'Vpc', 'AWS::EC2::VPC', 'CREATE_COMPLETE', '2026-11-21T09:00:52Z'),
        // …and the journal's older events may come again.
        resourceEvent(ENV, 'Vpc', 'AWS::EC2::VPC', 'CREATE_IN_PROGRESS', '2026-11-21T09:00:40Z'),
      ],
      before,
    );
    expect(statuses(resumed)).toEqual(statuses(before));
  });

  it('the call outcome ends the screen right even when the last event was missed', () => {
    const missed = replay(readyRun.slice(0, -1));
    expect(missed.outputs).toBeNull();
    const ready = applyOutcome(missed, { kind: 'ready', installation_id: 'sandbox-demo', outputs: [] });
    expect(ready.outputs).toEqual([]);
    const failed = applyOutcome(initialProgress(), {
      kind: 'failed',
      installation_id: 'sandbox-demo',
      stack: ENV,
      root_cause: rootCause,
      rollback_status: 'ROLLBACK_FAILED',
      health: 'failed_create',
    });
    expect(failed.installationId).toBe('sandbox-demo');
    expect(failed.failure?.rollbackStatus).toBe('ROLLBACK_FAILED');
    expect(failed.failure?.health).toBe('failed_create');
  });

  it('an update rollback that failed carries the engine\'s hint instead of Clean up', () => {
    const failed = applyOutcome(initialProgress(), {
      kind: 'failed',
      installation_id: 'sandbox-demo',
      stack: ENV,
      root_cause: rootCause,
      rollback_status: 'UPDATE_ROLLBACK_FAILED',
      health: 'update_rollback_failed',
      hint: 'continue the rollback: aws cloudformation continue-update-rollback',
    });
    expect(failed.failure?.health).toBe('update_rollback_failed');
    expect(failed.failure?.hint).toContain('continue-update-rollback');
  });

  it("keeps the engine's class with each status, not one read from the text", () => {
    // A rolled-back update is complete by the engine's rule: the row carries that, whatever the text says.
    const s = replay([
      ...readyRun.slice(0, 3),
      { kind: 'stack_status', stack: ACCESS, stack_id: 'a', status: 'UPDATE_ROLLBACK_COMPLETE', status_class: 'complete' },
      {
        kind: 'resource',
        stack: ACCESS,
        logical_id: 'VendorRole',
        resource_type: 'AWS::IAM::Role',
        status: 'CREATE_COMPLETE',
        status_class: 'rollback',
        timestamp: '2026-11-21T09:00:20Z',
      },
    ]);
    expect(s.stacks.find((r) => r.name === ACCESS)?.statusClass).toBe('complete');
    expect(s.resources.map((r) => r.statusClass)).toEqual(['rollback']);
    expect(s.stacks.find((r) => r.name === ENV)?.statusClass).toBeNull();
  });

  it('never changes the state it was given', () => {
    const s = replay(readyRun.slice(0, 6));
    const copy = structuredClone(s);
    replay(readyRun.slice(6), s);
    expect(s).toEqual(copy);
  });
});

describe('time and colours', () => {
  it('elapsed time ticks on from the last progress event; the estimate counts down, not below zero', () => {
    const s = applyEvent(initialProgress(), { kind: 'progress', done: 1, total: 4, elapsed_ms: 10_000, eta_ms: 30_000 }, 100_000);
    expect(elapsedAt(s, 100_000)).toBe(10_000);
    expect(elapsedAt(s, 105_000)).toBe(15_000);
    expect(remainingAt(s, 105_000)).toBe(25_000);
    expect(remainingAt(s, 200_000)).toBe(0);
    // A clock that went backwards does not make time negative.
    expect(elapsedAt(s, 90_000)).toBe(10_000);
    expect(elapsedAt(initialProgress(), 1)).toBeNull();
    expect(percent(initialProgress())).toBe(0);
  });

  it('holds the estimate while AWS cannot be reached, keeps the elapsed time ticking, and counts down again once back', () => {
    const progress: InstallEvent = { kind: 'progress', done: 1, total: 4, elapsed_ms: 10_000, eta_ms: 60_000 };
    let s = applyEvent(initialProgress(), progress, 100_000);
    s = applyEvent(s, { kind: 'connection_lost', since: '2026-12-02T14:02:00Z', detail: 'could not reach AWS' }, 105_000);
    expect(s.connection.lostSince).toBe('2026-12-02T14:02:00Z');
    expect(remainingAt(s, 105_000)).toBe(55_000);
    expect(remainingAt(s, 175_000)).toBe(55_000);
    expect(elapsedAt(s, 175_000)).toBe(85_000);
    // The same outage reported again (a replay to a late watcher) does not move its start.
    const again = applyEvent(s, { kind: 'connection_lost', since: '2026-12-02T14:03:00Z', detail: 'x' }, 170_000);
    expect(again.connection.lostSince).toBe('2026-12-02T14:02:00Z');
    expect(remainingAt(again, 175_000)).toBe(55_000);

    s = applyEvent(s, { kind: 'connection_restored', since: '2026-12-02T14:02:00Z', at: '2026-12-02T14:03:10Z' }, 180_000);
    expect(s.connection).toEqual({ lostSince: null, lostAt: null, restored: { since: '2026-12-02T14:02:00Z', at: '2026-12-02T14:03:10Z' } });
    s = applyEvent(s, { ...progress, elapsed_ms: 90_000, eta_ms: 50_000 }, 181_000);
    expect(remainingAt(s, 186_000)).toBe(45_000);
  });

  it('forgets an outage of an earlier run when a run starts', () => {
    const lost = applyEvent(initialProgress(), { kind: 'connection_lost', since: '2026-12-02T14:02:00Z', detail: 'x' }, 1);
    const started = applyEvent(lost, { kind: 'started', installation_id: 'sandbox-demo', stacks: [] }, 2);
    expect(started.connection.lostSince).toBeNull();
  });

  it('formats durations for people', () => {
    expect(formatDuration(0)).toBe('0 s');
    expect(formatDuration(45_400)).toBe('45 s');
    expect(formatDuration(185_000)).toBe('3 min 05 s');
    expect(formatDuration(3_720_000)).toBe('1 h 02 min');
  });

  it("colours a status by the engine's class; none, or one this version does not know, is pending", () => {
    expect(statusTone('progress')).toBe('progress');
    expect(statusTone('rollback')).toBe('rollback');
    expect(statusTone('deleted')).toBe('deleted');
    expect(statusTone('unknown')).toBe('pending');
    expect(statusTone(null)).toBe('pending');
    expect(statusTone(undefined)).toBe('pending');
  });
});
