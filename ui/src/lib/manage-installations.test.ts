// Which installations Manage offers: this account's ready ones, newest first.
import { describe, expect, it } from 'vitest';
import { installationLabel, manageable } from './manage-installations';
import { inFlight, ready } from '../test/fixtures';

describe('manageable', () => {
  it("keeps this account's ready installations, the most recently changed first", () => {
    const older = { ...ready, installation_id: 'older', updated_at: '2026-01-01T00:00:00Z' };
    const all = [older, inFlight, { ...ready, account: '999999999999', installation_id: 'theirs' }, ready];
    expect(manageable(all, '123456789012').map((s) => s.installation_id)).toEqual(['sandbox-demo', 'older']);
    expect(manageable(all, '000000000000')).toEqual([]);
  });

  it('labels a choice by vendor, ID and region', () => {
    expect(installationLabel(ready)).toBe('Sandbox Vendor · sandbox-demo · us-east-1');
  });
});
