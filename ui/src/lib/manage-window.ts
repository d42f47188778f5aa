// The access window in words: when it ends, how long is left (ticking from
// the moment the status was read), one sentence of what it means for the
// vendor, and the check of the "open for N hours" field. Times are shown in
// UTC, as AWS evaluates aws:CurrentTime, so the admin compares like with like.
import type { AccessWindow } from './ipc';

/** "2026-11-21 09:00 UTC"; text that is not a date is shown as it came. */
export function formatWhen(iso: string | null | undefined): string {
  if (!iso) return 'unknown';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const d = new Date(ms).toISOString();
  return `${d.slice(0, 10)} ${d.slice(11, 16)} UTC`;
}

/** A span for people: "3 d 4 h", "2 h 05 min", "12 min", "less than a minute". */
export function formatSpan(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return 'less than a minute';
  const days = Math.floor(s / 86_400);
  const hours = Math.floor((s % 86_400) / 3_600);
  const minutes = Math.floor((s % 3_600) / 60);
  if (days > 0) return `${days} d ${hours} h`;
  if (hours > 0) return `${hours} h ${String(minutes).padStart(2, '0')} min`;
  return `${minutes} min`;
}

type Window = Extract<AccessWindow, { kind: 'window' }>;

function opensLater(w: Window, nowMs: number): boolean {
  const start = w.start ? Date.parse(w.start) : NaN;
  return !Number.isNaN(start) && start > nowMs;
}

/**
 * Seconds until a dated window closes by itself, at `nowMs`; 0 once it has
 * ended; null when it is not a dated window or has not opened yet. The end
 * time wins over `seconds_left`, which was only true when the status was read.
 */
export function secondsLeft(w: AccessWindow, nowMs: number, readAtMs: number): number | null {
  if (w.kind !== 'window' || opensLater(w, nowMs)) return null;
  const end = w.end ? Date.parse(w.end) : NaN;
  if (!Number.isNaN(end)) return Math.max(0, (end - nowMs) / 1000);
  if (w.seconds_left !== undefined && w.open_now) return Math.max(0, w.seconds_left - (nowMs - readAtMs) / 1000);
  return w.open_now ? null : 0;
}

/** The short text beside the window's state: how long the vendor still has. */
export function timeLeftText(w: AccessWindow, nowMs: number, readAtMs: number): string {
  switch (w.kind) {
    case 'always_open':
      return 'No end: always open';
    case 'closed':
      return 'Closed';
    case 'missing':
      return 'No time limit';
    case 'custom':
      return 'Unknown: the policy was edited by hand';
    case 'unknown':
      return 'Unknown: the policy could not be read';
    case 'window': {
      if (opensLater(w, nowMs)) return `Opens ${formatWhen(w.start)}`;
      const left = secondsLeft(w, nowMs, readAtMs);
      if (left === null) return 'Open, with no end time read';
      return left > 0 ? `${formatSpan(left)} left` : 'Closed: the window has ended';
    }
  }
}

/** One sentence of what the window means for the vendor right now. */
export function describeWindow(w: AccessWindow, nowMs: number, readAtMs: number): string {
  switch (w.kind) {
    case 'always_open':
      return 'Always open: the vendor can use the role at any time, until you close the window.';
    case 'closed':
      return 'Closed: the role denies every action until you open the window again.';
    case 'missing':
      return "The role has no access-window policy: the vendor's access is not limited in time.";
    case 'custom':
      return 'The access-window policy is not one Private Deploy wrote: opening or closing the window replaces it.';
    case 'unknown':
      return 'The access-window policy could not be read: re-read the status, or close the window to be sure.';
    case 'window': {
      if (opensLater(w, nowMs)) return `Opens at ${formatWhen(w.start)} and closes at ${formatWhen(w.end)}.`;
      const left = secondsLeft(w, nowMs, readAtMs);
      if (left === 0) {
        return w.end
          ? `Closed since ${formatWhen(w.end)}: the role denies every action until you open the window again.`
          : 'Closed: the role denies every action until you open the window again.';
      }
      // AWS enforces the end itself, so the laptop being shut changes nothing.
      return `Open until ${formatWhen(w.end)}: then the role denies every action by itself, even with this app closed.`;
    }
  }
}

/** Why the "open for N hours" field cannot be used as typed, or null. */
export function hoursProblem(hours: number | null | undefined, max: number): string | null {
  if (hours === null || hours === undefined || Number.isNaN(hours)) return 'Type a number of hours';
  if (!Number.isInteger(hours)) return 'Type whole hours';
  if (hours < 1) return 'Open the window for at least 1 hour';
  if (hours > max) return `At most ${max} hours; use "Always open" for longer`;
  return null;
}
