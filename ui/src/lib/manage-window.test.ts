// The access window in words: UTC times, spans, the time left ticking from
// the read, the sentence for each kind of window, and the hours field.
import { describe, expect, it } from 'vitest';
import { describeWindow, formatSpan, formatWhen, hoursProblem, secondsLeft, timeLeftText } from './manage-window';
import type { AccessWindow } from './ipc';

const READ = Date.parse('2026-12-01T10:00:00Z');
const open: AccessWindow = { kind: 'window', start: '2026-12-01T08:00:00Z', end: '2026-12-01T14:00:00Z', open_now: true, seconds_left: 4 * 3600 };

describe('formatWhen and formatSpan', () => {
  it('shows times in UTC to the minute, and leaves non-dates alone', () => {
    expect(formatWhen('2026-12-01T14:00:00Z')).toBe('2026-12-01 14:00 UTC');
    expect(formatWhen('2026-12-01T15:30:00+01:00')).toBe('2026-12-01 14:30 UTC');
    expect(formatWhen('soon')).toBe('soon');
    expect(formatWhen(undefined)).toBe('unknown');
  });

  it('says spans in days, hours and minutes', () => {
    expect(formatSpan(30)).toBe('less than a minute');
    expect(formatSpan(12 * 60 + 59)).toBe('12 min');
    expect(formatSpan(2 * 3600 + 5 * 60)).toBe('2 h 05 min');
    expect(formatSpan(3 * 86400 + 4 * 3600 + 10)).toBe('3 d 4 h');
    expect(formatSpan(-5)).toBe('less than a minute');
  });
});

describe('time left', () => {
  it('counts down to the end from the clock, not from when the status was read', () => {
    expect(secondsLeft(open, READ, READ)).toBe(4 * 3600);
    expect(timeLeftText(open, READ + 3600_000, READ)).toBe('3 h 00 min left');
    expect(timeLeftText(open, READ + 4 * 3600_000 + 1, READ)).toBe('Closed: the window has ended');
  });

  it('falls back to seconds_left when the end was not read', () => {
    const noEnd: AccessWindow = { kind: 'window', open_now: true, seconds_left: 600 };
    expect(secondsLeft(noEnd, READ + 120_000, READ)).toBe(480);
    expect(timeLeftText(noEnd, READ + 120_000, READ)).toBe('8 min left');
  });

  it('says when a window opens later, and has no countdown for the other kinds', () => {
    const later: AccessWindow = { kind: 'window', start: '2026-12-02T08:00:00Z', end: '2026-12-02T10:00:00Z', open_now: false };
    expect(secondsLeft(later, READ, READ)).toBeNull();
    expect(timeLeftText(later, READ, READ)).toBe('Opens 2026-12-02 08:00 UTC');
    expect(timeLeftText({ kind: 'always_open' }, READ, READ)).toBe('No end: always open');
    expect(timeLeftText({ kind: 'closed' }, READ, READ)).toBe('Closed');
    expect(secondsLeft({ kind: 'closed' }, READ, READ)).toBeNull();
  });
});

describe('describeWindow', () => {
  it('says an open window ends by itself at its end time', () => {
    expect(describeWindow(open, READ, READ)).toBe(
      'Open until 2026-12-01 14:00 UTC: then the role denies every action by itself, even with this app closed.',
    );
  });

  it('says an ended window is closed since its end', () => {
    expect(describeWindow(open, Date.parse('2026-12-01T15:00:00Z'), READ)).toMatch(/^Closed since 2026-12-01 14:00 UTC/);
  });

  it('has a sentence for every other kind', () => {
    expect(describeWindow({ kind: 'always_open' }, READ, READ)).toMatch(/^Always open/);
    expect(describeWindow({ kind: 'closed' }, READ, READ)).toMatch(/^Closed: the role denies every action/);
    expect(describeWindow({ kind: 'missing' }, READ, READ)).toMatch(/not limited in time/);
    expect(describeWindow({ kind: 'custom', document: '{}' }, READ, READ)).toMatch(/not one Private Deploy wrote/);
    expect(describeWindow({ kind: 'unknown' }, READ, READ)).toMatch(/could not be read/);
  });
});

describe('hoursProblem', () => {
  it('accepts whole hours from 1 to the maximum', () => {
    expect(hoursProblem(1, 72)).toBeNull();
    expect(hoursProblem(72, 72)).toBeNull();
  });

  it('says what is wrong otherwise', () => {
    expect(hoursProblem(null, 72)).toBe('Type a number of hours');
    expect(hoursProblem(Number.NaN, 72)).toBe('Type a number of hours');
    expect(hoursProblem(1.5, 72)).toBe('Type whole hours');
    expect(hoursProblem(0, 72)).toBe('Open the window for at least 1 hour');
    expect(hoursProblem(73, 72)).toBe('At most 72 hours; use "Always open" for longer');
  });
});
