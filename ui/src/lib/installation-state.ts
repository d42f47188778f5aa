// The window's one state for the open installation: the choices made for it
// (invite, vendor confirmation, boundary, region, block, networks to avoid)
// and where it stands, as the engine classifies it (InstallationStatus.phase).
// Replaced as a whole by the pure transitions below; App.svelte holds it, the
// steps read it. Before anything is recorded the window knows two phases the
// engine cannot: not started, and launching (Install pressed, no record yet).
import type {
  AvoidInput,
  Discovery,
  Identity,
  InstallDraft,
  InstallPhase,
  InstallationStatus,
  InviteSummary,
  NetworkChoice,
  RestoredDraft,
} from './ipc';
import type { StepId } from './wizard';

export type Phase = 'not_started' | 'launching' | InstallPhase;

export interface Choices {
  invite: InviteSummary | null;
  /** Where the invite came from, for its card. */
  inviteSource: string | null;
  /** The vendor account ID typed to confirm an unverified invite. */
  confirmation: string;
  useBoundary: boolean;
  region: string | null;
  /** The size the invite asks for; null before one is open (Network then uses the engine's default). */
  prefix: number | null;
  avoid: AvoidInput[];
  /** The saved network choice on screen in the Network step: the Install step's block. */
  network: NetworkChoice | null;
}

export interface OpenInstallation {
  identity: Identity | null;
  /** The VPC discovery of this sign-in, shared by Region and Network. */
  discovery: Discovery | null;
  choices: Choices;
  /** The engine's record of the installation the choices are for; null before one exists. */
  status: InstallationStatus | null;
  /** Install was pressed and the engine has not recorded the installation yet. */
  launching: boolean;
  /** An install left in flight that the Install step follows (landing after sign-in). */
  resume: InstallationStatus | null;
}

export function noChoices(): Choices {
  return {
    invite: null,
    inviteSource: null,
    confirmation: '',
    useBoundary: false,
    region: null,
    prefix: null,
    avoid: [],
    network: null,
  };
}

export function initialInstallation(): OpenInstallation {
  return { identity: null, discovery: null, choices: noChoices(), status: null, launching: false, resume: null };
}

/** Where the open installation stands: the engine's phase once it has a record. */
export function phaseOf(s: OpenInstallation): Phase {
  if (s.status) return s.status.phase;
  return s.launching ? 'launching' : 'not_started';
}

/** Once launched, the choices are what the stacks were made with: shown, not edited. */
export function isLaunched(s: OpenInstallation): boolean {
  return phaseOf(s) !== 'not_started';
}

/** The phases in which Manage has something to act on (a role or a stack stands). */
export function isManageable(s: OpenInstallation): boolean {
  const phase = phaseOf(s);
  return phase === 'ready' || phase === 'failed_access_live' || phase === 'failed' || phase === 'in_progress';
}

/**
 * A new sign-in: what was read for the old one (the VPCs, the block saved for its account)
 * is dropped; the invite and the admin's choices stay (the Region step keeps the region only
 * when the new account has it enabled).
 */
export function signedIn(s: OpenInstallation, identity: Identity | null): OpenInstallation {
  return {
    ...s,
    identity,
    discovery: null,
    choices: { ...s.choices, network: null, prefix: s.choices.invite?.invite.vpc_prefix ?? null },
    status: null,
    launching: false,
    resume: null,
  };
}

/**
 * Another invite: its confirmation, boundary and install are new; sign-in and
 * region still hold, and a block of another size than it asks for is dropped.
 */
export function withInvite(s: OpenInstallation, summary: InviteSummary, source: string | null): OpenInstallation {
  const prefix = summary.invite.vpc_prefix;
  const keepsBlock = s.choices.network?.cidr.endsWith(`/${prefix}`) ?? false;
  return {
    ...s,
    choices: {
      ...s.choices,
      invite: summary,
      inviteSource: source,
      confirmation: '',
      useBoundary: summary.invite.access_mode === 'boundary',
      prefix,
      network: keepsBlock ? s.choices.network : null,
    },
    status: null,
    launching: false,
    resume: null,
  };
}

/** Whether `withInvite` dropped the saved block (the Network step must be done again). */
export function droppedBlock(before: OpenInstallation, after: OpenInstallation): boolean {
  return before.choices.network !== null && after.choices.network === null;
}

/** One choice changed on its step; refused once the installation is launched. */
export function choose(s: OpenInstallation, patch: Partial<Choices>): OpenInstallation {
  if (isLaunched(s)) return s;
  return { ...s, choices: { ...s.choices, ...patch } };
}

/** What the engine now reports about the installation of the open invite (null: nothing recorded). */
export function withStatus(s: OpenInstallation, status: InstallationStatus | null): OpenInstallation {
  return { ...s, status, launching: status === null && s.launching, resume: status ? s.resume : null };
}

/** Install pressed (busy) before anything is recorded; a run that ended clears it either way. */
export function launching(s: OpenInstallation, busy: boolean): OpenInstallation {
  const next = busy && !s.status;
  return next === s.launching ? s : { ...s, launching: next };
}

/** "Start a different installation": every choice goes, the sign-in stays. */
export function startOver(s: OpenInstallation): OpenInstallation {
  return { ...initialInstallation(), identity: s.identity, discovery: s.discovery };
}

/** The choices as the engine saves them; nothing once launched (the record holds them). */
export function toDraft(c: Choices): InstallDraft {
  return {
    ...(c.invite ? { invite: c.invite.invite } : {}),
    choices: {
      ...(c.inviteSource ? { invite_source: c.inviteSource } : {}),
      confirmation: c.confirmation,
      use_boundary: c.useBoundary,
      ...(c.region ? { region: c.region } : {}),
      avoid: c.avoid.map((a) => ({ cidr: a.cidr, label: a.label })),
    },
  };
}

/** The saved choices, as the engine restored them (the invite validated again). */
export function fromDraft(s: OpenInstallation, draft: RestoredDraft): OpenInstallation {
  const invite = draft.invite ?? null;
  return {
    ...s,
    choices: {
      ...s.choices,
      invite,
      inviteSource: invite ? (draft.choices.invite_source ?? null) : null,
      confirmation: invite ? draft.choices.confirmation : '',
      useBoundary: invite?.invite.access_mode === 'boundary' || draft.choices.use_boundary,
      region: draft.choices.region ?? null,
      prefix: invite?.invite.vpc_prefix ?? null,
      avoid: draft.choices.avoid,
    },
  };
}

/** The steps whose choices a launched installation shows read-only. */
export const CHOICE_STEPS: readonly StepId[] = ['invite', 'sign-in', 'review-access', 'region', 'network'];

export interface SummaryRow {
  label: string;
  value: string;
  testid: string;
}

/** What each choice step shows once launched: the choices as the engine recorded them. */
export function summaryRows(step: StepId, status: InstallationStatus): SummaryRow[] {
  switch (step) {
    case 'invite':
      return [
        { label: 'Vendor', value: status.vendor_name, testid: 'summary-vendor' },
        { label: 'Vendor account', value: status.vendor_account_id, testid: 'summary-vendor-account' },
        { label: 'Installation ID', value: status.installation_id, testid: 'summary-installation' },
      ];
    case 'sign-in':
      return [
        { label: 'Account', value: status.account, testid: 'summary-account' },
        { label: "Vendor's role in", value: status.home_region, testid: 'summary-home-region' },
      ];
    case 'review-access':
      return [
        {
          label: 'Permissions boundary',
          value: status.use_boundary ? 'On: the role is limited by the boundary' : 'Off',
          testid: 'summary-boundary',
        },
      ];
    case 'region':
      return [{ label: 'Region', value: status.region, testid: 'summary-region' }];
    case 'network':
      return [
        { label: 'Region', value: status.region, testid: 'summary-region' },
        { label: 'VPC block', value: status.cidr, testid: 'summary-cidr' },
      ];
    default:
      return [];
  }
}

/** One sentence on where the installation stands, for the read-only summaries. */
export function phaseSentence(phase: Phase): string {
  switch (phase) {
    case 'not_started':
      return 'Not installed yet.';
    case 'launching':
      return 'The install is starting.';
    case 'in_progress':
      return 'The install is running.';
    case 'ready':
      return 'Installed: both stacks are ready.';
    case 'failed_access_live':
      return "The install failed, and the vendor's role exists: close its access from the Install step or Manage.";
    case 'failed':
      return 'The install failed; Retry or Clean up from the Install step.';
    case 'deleted':
      return "The installation's stacks were deleted; Retry on the Install step launches them again.";
  }
}
