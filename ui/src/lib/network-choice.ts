// Which VPC block the Network step would save, and what the wizard says about
// it: the block picked (a suggestion or a typed block that checked clean), the
// reason Next is blocked, and how a saved choice is put back on screen.
import type { CheckReport, NetworkChoice } from './ipc';

export type BlockMode = 'suggested' | 'custom';

export interface BlockSelection {
  mode: BlockMode;
  /** The suggestion picked in the list; null while suggestions load or when there are none. */
  suggestion: string | null;
  /** The text in the "Type a block" field. */
  custom: string;
  /** The back end's report on `custom`, once it answered for the text as it is now. */
  report: CheckReport | null;
}

/**
 * The block "Use this network" would save, or null. A typed block counts only
 * when the latest report is about exactly the text in the field and is clean:
 * a report on what the field said a keystroke ago proves nothing.
 */
export function chosenBlock(sel: BlockSelection): string | null {
  if (sel.mode === 'suggested') return sel.suggestion;
  const r = sel.report;
  if (!r || r.input !== sel.custom.trim() || !r.ok) return null;
  return r.cidr;
}

export const NEEDS_BLOCK = 'Choose a VPC block that conflicts with nothing';
export const NEEDS_SAVE = 'Save the network choice';

export function isSaved(saved: NetworkChoice | null, region: string, block: string | null): boolean {
  return saved !== null && block !== null && saved.region === region && saved.cidr === block;
}

/** Complete when the block on screen is the one saved for this region; else what is missing. */
export function networkStatus(
  region: string,
  block: string | null,
  saved: NetworkChoice | null,
): { complete: boolean; missing: string } {
  if (block === null) return { complete: false, missing: NEEDS_BLOCK };
  if (!isSaved(saved, region, block)) return { complete: false, missing: NEEDS_SAVE };
  return { complete: true, missing: '' };
}

/** After the suggestions change, keep the picked block if it is still offered, else take the first. */
export function keepOrFirst(current: string | null, blocks: readonly string[]): string | null {
  return current !== null && blocks.includes(current) ? current : (blocks[0] ?? null);
}

/**
 * Puts a saved choice for this region back on screen: as the picked
 * suggestion when it is one, otherwise typed in the custom field. A choice
 * for another region is not this step's business.
 */
export function restoreChoice(
  choice: NetworkChoice | null,
  region: string,
  blocks: readonly string[],
): Pick<BlockSelection, 'mode' | 'suggestion' | 'custom'> | null {
  if (!choice || choice.region !== region) return null;
  if (blocks.includes(choice.cidr)) return { mode: 'suggested', suggestion: choice.cidr, custom: '' };
  return { mode: 'custom', suggestion: blocks[0] ?? null, custom: choice.cidr };
}
