// The audit's filters and timeline: the "since" date field as the RFC 3339
// time CloudTrail is asked from, the query sent, and the sessions (AssumeRole
// events) each followed by the calls made with the keys it was issued, oldest
// first so a session reads as a story. Calls matched to no session come last.
import type { AuditEvent, AuditQuery, AuditReport, AuditSession } from './ipc';

/** The date field's default: `days` before now (the engine's default is 7; CloudTrail keeps 90). */
export function defaultSinceDate(nowMs: number, days = 7): string {
  return new Date(nowMs - days * 86_400_000).toISOString().slice(0, 10);
}

export interface AuditForm {
  /** YYYY-MM-DD from the date field, or empty for the engine's default. */
  since: string;
  eventName: string;
  eventSource: string;
  errorsOnly: boolean;
}

export function auditQuery(form: AuditForm): AuditQuery {
  const q: AuditQuery = { errors_only: form.errorsOnly };
  // Midnight UTC of the chosen day: CloudTrail times are UTC too.
  if (/^\d{4}-\d{2}-\d{2}$/.test(form.since)) q.since = `${form.since}T00:00:00Z`;
  if (form.eventName.trim()) q.event_name = form.eventName.trim();
  if (form.eventSource.trim()) q.event_source = form.eventSource.trim();
  return q;
}

export interface SessionGroup {
  /** Null for the calls no session of this audit issued the keys of. */
  session: AuditSession | null;
  events: AuditEvent[];
}

function belongs(e: AuditEvent, s: AuditSession): boolean {
  if (s.access_key_id && e.access_key_id) return e.access_key_id === s.access_key_id;
  return !!e.session_name && e.session_name === s.session_name;
}

const byTime = (a: { time: string }, b: { time: string }) => Date.parse(a.time) - Date.parse(b.time);

export function timeline(report: AuditReport): SessionGroup[] {
  const taken = new Set<string>();
  const groups: SessionGroup[] = report.sessions.map((session) => {
    const events = report.events.filter((e) => !taken.has(e.event_id) && belongs(e, session)).sort(byTime);
    events.forEach((e) => taken.add(e.event_id));
    return { session, events };
  });
  const rest = report.events.filter((e) => !taken.has(e.event_id)).sort(byTime);
  return rest.length ? [...groups, { session: null, events: rest }] : groups;
}
