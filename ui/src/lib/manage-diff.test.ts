// The tighten diff as rows: signs, line numbers on each side, counts, and
// folding of long unchanged runs.
import { describe, expect, it } from 'vitest';
import { diffRows, diffSummary, foldUnchanged } from './manage-diff';
import type { DiffLine } from './ipc';
import { tightenPreviewFixture } from '../test/fixtures';

describe('diffRows and diffSummary', () => {
  it('numbers lines on each side and signs the changes', () => {
    const rows = diffRows(tightenPreviewFixture.diff);
    expect(rows.map((r) => [r.sign, r.oldLine, r.newLine])).toEqual([
      [' ', 1, 1],
      ['-', 2, null],
      ['+', null, 2],
      ['+', null, 3],
      [' ', 3, 4],
    ]);
    expect(diffSummary(tightenPreviewFixture.diff)).toEqual({ added: 2, removed: 1 });
  });
});

describe('foldUnchanged', () => {
  const same = (n: number): DiffLine[] => Array.from({ length: n }, (_, i) => ({ kind: 'same', text: `l${i}` }));

  it('keeps the context around a change and folds the rest', () => {
    const diff: DiffLine[] = [...same(10), { kind: 'added', text: 'new' }, ...same(10)];
    const items = foldUnchanged(diffRows(diff), 2);
    expect(items.map((i) => (i.type === 'gap' ? `gap ${i.hidden}` : i.row.text))).toEqual([
      'gap 8', 'l8', 'l9', 'new', 'l0', 'l1', 'gap 8',
    ]);
  });

  it('folds everything when nothing changes, and nothing when all changes', () => {
    expect(foldUnchanged(diffRows(same(5)))).toEqual([{ type: 'gap', hidden: 5 }]);
    expect(foldUnchanged(diffRows([{ kind: 'removed', text: 'x' }])).map((i) => i.type)).toEqual(['line']);
  });
});
