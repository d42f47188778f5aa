// Which block the Network step would save, the wizard's reason while it is
// not saved, and how a saved choice is restored.
import { describe, expect, it } from 'vitest';
import { chosenBlock, keepOrFirst, NEEDS_BLOCK, NEEDS_SAVE, networkStatus, restoreChoice } from './network-choice';
import { choiceFor, okReport } from '../test/fixtures';

const base = { mode: 'suggested' as const, suggestion: '10.2.0.0/16', custom: '', report: null };

describe('network choice', () => {
  it('uses the picked suggestion in suggested mode', () => {
    expect(chosenBlock(base)).toBe('10.2.0.0/16');
    expect(chosenBlock({ ...base, suggestion: null })).toBeNull();
  });

  it('uses a typed block only when the report is about the current text and clean', () => {
    const custom = { ...base, mode: 'custom' as const, custom: ' 10.9.3.0/16 ' };
    expect(chosenBlock({ ...custom, report: okReport('10.9.0.0/16', '10.9.3.0/16') })).toBe('10.9.0.0/16');
    expect(chosenBlock({ ...custom, report: okReport('10.8.0.0/16') })).toBeNull();
    expect(chosenBlock({ ...custom, report: { ...okReport('10.9.3.0/16'), ok: false } })).toBeNull();
    expect(chosenBlock({ ...custom, report: null })).toBeNull();
  });

  it('is complete only when the block on screen is the one saved for this region', () => {
    expect(networkStatus('eu-west-1', null, null)).toEqual({ complete: false, missing: NEEDS_BLOCK });
    expect(networkStatus('eu-west-1', '10.2.0.0/16', null)).toEqual({ complete: false, missing: NEEDS_SAVE });
    expect(networkStatus('eu-west-1', '10.2.0.0/16', choiceFor('eu-west-1', '10.3.0.0/16')).complete).toBe(false);
    expect(networkStatus('eu-west-1', '10.2.0.0/16', choiceFor('us-east-1', '10.2.0.0/16')).complete).toBe(false);
    expect(networkStatus('eu-west-1', '10.2.0.0/16', choiceFor('eu-west-1', '10.2.0.0/16'))).toEqual({
      complete: true,
      missing: '',
    });
  });

  it('keeps the picked suggestion when it is still offered', () => {
    expect(keepOrFirst('10.3.0.0/16', ['10.2.0.0/16', '10.3.0.0/16'])).toBe('10.3.0.0/16');
    expect(keepOrFirst('10.9.0.0/16', ['10.2.0.0/16', '10.3.0.0/16'])).toBe('10.2.0.0/16');
    expect(keepOrFirst(null, [])).toBeNull();
  });

  it('restores a saved choice as a suggestion, as typed text, or not at all', () => {
    const blocks = ['10.2.0.0/16', '10.3.0.0/16'];
    expect(restoreChoice(choiceFor('eu-west-1', '10.3.0.0/16'), 'eu-west-1', blocks)).toEqual({
      mode: 'suggested',
      suggestion: '10.3.0.0/16',
      custom: '',
    });
    expect(restoreChoice(choiceFor('eu-west-1', '10.50.0.0/20'), 'eu-west-1', blocks)).toEqual({
      mode: 'custom',
      suggestion: '10.2.0.0/16',
      custom: '10.50.0.0/20',
    });
    expect(restoreChoice(choiceFor('us-east-1', '10.3.0.0/16'), 'eu-west-1', blocks)).toBeNull();
    expect(restoreChoice(null, 'eu-west-1', blocks)).toBeNull();
  });
});
