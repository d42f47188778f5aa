// The accessibility helper itself: it must see what it is meant to catch, or
// the steps' checks would pass on anything.
import { afterEach, describe, expect, it } from 'vitest';
import { expectNoSeriousViolations, seriousViolations } from './axe';

afterEach(() => {
  document.body.innerHTML = '';
});

describe('the axe helper', () => {
  it('reports a button without a name and a field without a label, and fails on them', async () => {
    document.body.innerHTML = '<main><button type="button"></button><input type="text" /></main>';
    const ids = (await seriousViolations()).map((v) => v.id);
    expect(ids).toContain('button-name');
    expect(ids).toContain('label');
    await expect(expectNoSeriousViolations()).rejects.toThrow(/button-name/);
  });

  it('passes named controls, and leaves colour contrast out (jsdom cannot compute it)', async () => {
    document.body.innerHTML =
      '<main><button type="button">Save</button><label>Name <input type="text" /></label>' +
      '<p style="color:#fff;background:#fff">white on white</p></main>';
    expect(await seriousViolations()).toEqual([]);
    await expectNoSeriousViolations();
  });
});
