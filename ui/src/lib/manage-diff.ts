// The tighten diff as rows to draw: each line with its sign and its line
// numbers before and after, the counts for the heading, and long unchanged
// runs folded to a "n unchanged lines" marker so the changes stay in view.
import type { DiffKind, DiffLine } from './ipc';

export interface DiffRow {
  kind: DiffKind;
  text: string;
  sign: '+' | '-' | ' ';
  /** Line number in today's policy; null for added lines. */
  oldLine: number | null;
  /** Line number in the proposed policy; null for removed lines. */
  newLine: number | null;
}

export type DiffItem = { type: 'line'; row: DiffRow } | { type: 'gap'; hidden: number };

const SIGNS: Record<DiffKind, DiffRow['sign']> = { same: ' ', added: '+', removed: '-' };

export function diffRows(diff: readonly DiffLine[]): DiffRow[] {
  let oldLine = 0;
  let newLine = 0;
  return diff.map((d) => {
    if (d.kind !== 'added') oldLine += 1;
    if (d.kind !== 'removed') newLine += 1;
    return {
      kind: d.kind,
      text: d.text,
      sign: SIGNS[d.kind],
      oldLine: d.kind === 'added' ? null : oldLine,
      newLine: d.kind === 'removed' ? null : newLine,
    };
  });
}

export function diffSummary(diff: readonly DiffLine[]): { added: number; removed: number } {
  return {
    added: diff.filter((d) => d.kind === 'added').length,
    removed: diff.filter((d) => d.kind === 'removed').length,
  };
}

/** Keeps `context` unchanged lines around each change; longer unchanged runs become one gap. */
export function foldUnchanged(rows: readonly DiffRow[], context = 3): DiffItem[] {
  const keep = rows.map((r) => r.kind !== 'same');
  const near = rows.map((_, i) => {
    for (let j = Math.max(0, i - context); j <= Math.min(rows.length - 1, i + context); j++) if (keep[j]) return true;
    return false;
  });
  const out: DiffItem[] = [];
  let hidden = 0;
  rows.forEach((row, i) => {
    if (near[i]) {
      if (hidden) out.push({ type: 'gap', hidden });
      hidden = 0;
      out.push({ type: 'line', row });
    } else {
      hidden += 1;
    }
  });
  if (hidden) out.push({ type: 'gap', hidden });
  return out;
}
