// Times in local time with the UTC moment on hover.
import { describe, expect, it } from 'vitest';
import { expiresIn, isoTime, localTime, utcTime } from './time';

describe('time', () => {
  it('shows a moment of today as the local hour and minute, another day with its date', () => {
    const iso = '2026-12-02T14:02:05Z';
    const d = new Date(iso);
    const hm = `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
    expect(localTime(iso, d.getTime())).toBe(hm);
    expect(localTime(iso, d.getTime() + 3 * 86_400_000)).toMatch(new RegExp(`^\\d{1,2} Dec ${hm}$`));
    expect(localTime(iso, Date.parse('2027-06-01T00:00:00Z'))).toContain('2026');
  });

  it('gives the exact UTC moment for the hover and the machine', () => {
    expect(utcTime('2026-12-02T14:02:05.123Z')).toBe('2026-12-02 14:02:05 UTC');
    expect(isoTime('2026-12-02T15:02:05+01:00')).toBe('2026-12-02T14:02:05.000Z');
    expect(utcTime('not a time')).toBe('not a time');
    expect(localTime('not a time')).toBe('not a time');
  });

  it('says how long temporary credentials have left, and when they run out', () => {
    const iso = '2026-12-02T14:05:00Z';
    const at = localTime(iso, Date.parse(iso));
    const before = (ms: number) => Date.parse(iso) - ms;
    expect(expiresIn(iso, before(52 * 60_000 + 30_000))).toBe(`expires in 52 min (at ${at})`);
    expect(expiresIn(iso, before(125 * 60_000))).toBe(`expires in 2 h 05 min (at ${at})`);
    expect(expiresIn(iso, before(20_000))).toBe(`expires in less than a minute (at ${at})`);
    expect(expiresIn(iso, Date.parse(iso) + 60_000)).toBe(`expired at ${at}`);
    expect(expiresIn('soon')).toBe('soon');
  });
});
