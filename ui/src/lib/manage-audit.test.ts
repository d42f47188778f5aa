// The audit's query from the filter fields, and the timeline: each session
// with its own calls (matched by access key), oldest first, the rest last.
import { describe, expect, it } from 'vitest';
import { auditQuery, defaultSinceDate, timeline } from './manage-audit';
import { auditReport } from '../test/fixtures';

describe('auditQuery', () => {
  it('turns the date into midnight UTC and drops empty filters', () => {
    expect(auditQuery({ since: '2026-11-24', eventName: ' Terminate ', eventSource: '', errorsOnly: true })).toEqual({
      since: '2026-11-24T00:00:00Z',
      event_name: 'Terminate',
      errors_only: true,
    });
    expect(auditQuery({ since: '', eventName: '', eventSource: 'ec2', errorsOnly: false })).toEqual({
      event_source: 'ec2',
      errors_only: false,
    });
  });

  it('defaults to a week ago', () => {
    expect(defaultSinceDate(Date.parse('2026-12-01T10:00:00Z'))).toBe('2026-11-24');
  });
});

describe('timeline', () => {
  it("puts each session's calls under it, oldest first, and unmatched calls last", () => {
    const groups = timeline(auditReport);
    expect(groups.map((g) => [g.session?.session_name ?? null, g.events.map((e) => e.event_id)])).toEqual([
      ['vendor-ops', ['e1', 'e2']],
      [null, ['e3']],
    ]);
  });

  it('matches by session name when the keys are unknown, and never twice', () => {
    const report = {
      ...auditReport,
      sessions: [
        { ...auditReport.sessions[0], access_key_id: undefined },
        { ...auditReport.sessions[0], access_key_id: undefined, time: '2026-11-29T00:00:00Z' },
      ],
      events: [{ ...auditReport.events[0], access_key_id: undefined, session_name: 'vendor-ops' }],
    };
    const groups = timeline(report);
    expect(groups.map((g) => g.events.length)).toEqual([1, 0]);
  });
});
