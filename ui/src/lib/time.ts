// How moments are shown: in the computer's local time, with the UTC moment on hover, so
// "14:02" reads as the admin's own clock and the exact time is one hover away. The one
// helper for every time the window shows (see components/Time.svelte).

function valid(iso: string | number | null | undefined): Date | null {
  if (iso === null || iso === undefined) return null;
  const d = new Date(typeof iso === 'number' ? iso : Date.parse(iso));
  return Number.isNaN(d.getTime()) ? null : d;
}

const two = (n: number) => String(n).padStart(2, '0');

/**
 * Local time for people: "14:02" today, "2 Dec 14:02" on another day (relative to `now`).
 * Text that is not a time is shown as it came.
 */
export function localTime(iso: string | number, now: number = Date.now()): string {
  const d = valid(iso);
  if (!d) return String(iso);
  const hm = `${two(d.getHours())}:${two(d.getMinutes())}`;
  const today = new Date(now);
  if (d.toDateString() === today.toDateString()) return hm;
  const day = d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short' });
  const year = d.getFullYear() === today.getFullYear() ? '' : ` ${d.getFullYear()}`;
  return `${day}${year} ${hm}`;
}

/** The exact moment in UTC: "2026-12-02 14:02:05 UTC" (the hover text). */
export function utcTime(iso: string | number): string {
  const d = valid(iso);
  if (!d) return String(iso);
  const s = d.toISOString();
  return `${s.slice(0, 10)} ${s.slice(11, 19)} UTC`;
}

/** The machine-readable form for `<time datetime>`. */
export function isoTime(iso: string | number): string | undefined {
  return valid(iso)?.toISOString();
}

/** A span for people, rounded down to the minute: "52 min", "2 h 05 min", "less than a minute". */
function span(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return 'less than a minute';
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${two(minutes % 60)} min`;
}

/**
 * When temporary credentials stop working, from `now`: "expires in 52 min (at 14:05)", or
 * "expired at 14:05" once past. Text that is not a time is shown as it came.
 */
export function expiresIn(iso: string, now: number = Date.now()): string {
  const d = valid(iso);
  if (!d) return String(iso);
  const left = d.getTime() - now;
  const at = localTime(iso, now);
  return left > 0 ? `expires in ${span(left)} (at ${at})` : `expired at ${at}`;
}
