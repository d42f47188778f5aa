// The Review access step's managed policy names.
import { describe, expect, it } from 'vitest';
import { policyName } from './access-review';

describe('policyName', () => {
  it('is the last part of the ARN', () => {
    expect(policyName('arn:aws:iam::aws:policy/AdministratorAccess')).toBe('AdministratorAccess');
    expect(policyName('AdministratorAccess')).toBe('AdministratorAccess');
  });
});
