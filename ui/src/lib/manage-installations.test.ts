// How Manage names an installation in its picker.
import { describe, expect, it } from 'vitest';
import { installationLabel } from './manage-installations';
import { ready } from '../test/fixtures';

describe('installationLabel', () => {
  it('labels a choice by vendor, ID and region', () => {
    expect(installationLabel(ready)).toBe('Sandbox Vendor · sandbox-demo · us-east-1');
  });
});
