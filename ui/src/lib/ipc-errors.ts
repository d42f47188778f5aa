// Every error that reaches the UI as one IpcError ({code, message, hint}, and the step that
// fixes it): the codes and steps the back end sends, checked against bindings.ts, and the
// normalization of whatever a rejected call threw. No Tauri import: ipc.ts uses it for every
// call, and the steps use it for their own errors.
import type { ErrorCode, FixStep, IpcError } from './bindings';

// A Record rather than a list: a code added to bindings.ts fails the type
// check until it is named here, instead of arriving as "internal".
const KNOWN_CODES: Record<ErrorCode, true> = {
  no_credentials: true,
  invalid_credentials: true,
  expired_credentials: true,
  sso_login_required: true,
  access_denied: true,
  throttled: true,
  network: true,
  profile_not_found: true,
  profile_config: true,
  region_disabled: true,
  region_required: true,
  invalid_input: true,
  not_signed_in: true,
  journal: true,
  internal: true,
  needs_clean_up: true,
  stack_busy: true,
  stack_failed: true,
  not_found: true,
  not_verified: true,
  changed_outside: true,
  mfa_required: true,
  aws_unavailable: true,
  sso_login_denied: true,
  sso_login_expired: true,
  sso_login_cancelled: true,
  other_account: true,
  invite_expired: true,
  preflight_failed: true,
  update_refused: true,
  update_failed: true,
  handoff_refused: true,
  handoff_undelivered: true,
};
const ERROR_CODES = Object.keys(KNOWN_CODES) as ErrorCode[];

export function isIpcError(e: unknown): e is IpcError {
  if (typeof e !== 'object' || e === null) return false;
  const o = e as Record<string, unknown>;
  return (
    typeof o.code === 'string' &&
    (ERROR_CODES as readonly string[]).includes(o.code) &&
    typeof o.message === 'string' &&
    (o.hint === null || typeof o.hint === 'string' || o.hint === undefined)
  );
}

// As KNOWN_CODES: a step added to bindings.ts fails the type check until it is named here.
const FIX_STEPS: Record<FixStep, true> = {
  invite: true,
  'sign-in': true,
  'review-access': true,
  region: true,
  network: true,
};

/** Turns anything a rejected call (or our own code) threw into an IpcError. */
export function asIpcError(e: unknown): IpcError {
  if (isIpcError(e)) {
    const error: IpcError = { code: e.code, message: e.message, hint: e.hint ?? null };
    if (typeof e.command === 'string') error.command = e.command;
    if (typeof e.fix === 'string' && Object.hasOwn(FIX_STEPS, e.fix)) error.fix = e.fix;
    return error;
  }
  if (e instanceof Error) return { code: 'internal', message: e.message || e.name, hint: null };
  if (typeof e === 'string') return { code: 'internal', message: e, hint: null };
  let message: string;
  try {
    message = JSON.stringify(e) ?? String(e);
  } catch {
    message = String(e);
  }
  return { code: 'internal', message: `Unexpected error: ${message}`, hint: null };
}
