// The Review access step's plain words: the trust sentence read from the
// policy itself (ARN or bare account principals, one or several, with or
// without an External ID, unreadable JSON) and managed policy names.
import { describe, expect, it } from 'vitest';
import { policyName, readTrustPolicy, trustSentence } from './access-review';
import { trustPolicy } from '../test/fixtures';

describe('the trust sentence', () => {
  it('names the one account and External ID of the vendor policy', () => {
    expect(readTrustPolicy(trustPolicy)).toEqual({
      accounts: ['210987654321'],
      externalIds: ['pd-sandbox-demo-0001'],
      roles: [],
      sourceIdentity: false,
    });
    expect(trustSentence(readTrustPolicy(trustPolicy))).toBe(
      'Only AWS account 210987654321 may assume this role, and only with External ID pd-sandbox-demo-0001.',
    );
  });

  it('reads a single statement object, bare account IDs and lists of principals', () => {
    const doc = {
      Statement: {
        Effect: 'Allow',
        Principal: { AWS: ['111111111111', 'arn:aws-cn:iam::222222222222:root'] },
        Condition: { StringEquals: { 'sts:ExternalId': ['a', 'b'] } },
      },
    };
    const s = readTrustPolicy(JSON.stringify(doc));
    expect(s).toEqual({ accounts: ['111111111111', '222222222222'], externalIds: ['a', 'b'], roles: [], sourceIdentity: false });
    expect(trustSentence(s)).toBe(
      'Only AWS accounts 111111111111, 222222222222 may assume this role, and only with External ID a or b.',
    );
  });

  it('says when no External ID is required, and ignores Deny statements', () => {
    const doc = {
      Statement: [
        { Effect: 'Allow', Principal: { AWS: '333333333333' } },
        { Effect: 'Deny', Principal: { AWS: '444444444444' } },
      ],
    };
    expect(trustSentence(readTrustPolicy(JSON.stringify(doc)))).toBe(
      'Only AWS account 333333333333 may assume this role, with no External ID required.',
    );
  });

  it("names the vendor's role and the source identity a version 2 invite requires", () => {
    const doc = {
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::210987654321:role/ops/Support' },
          Action: ['sts:AssumeRole', 'sts:SetSourceIdentity'],
          Condition: { StringEquals: { 'sts:ExternalId': 'x-1' }, Null: { 'sts:SourceIdentity': 'false' } },
        },
      ],
    };
    expect(trustSentence(readTrustPolicy(JSON.stringify(doc)))).toBe(
      'Only the role arn:aws:iam::210987654321:role/ops/Support may assume this role, and only with External ID x-1. ' +
        'It must name the person using it (a source identity), which CloudTrail records with every call.',
    );
  });

  it('points at the policy itself when it cannot be read', () => {
    expect(readTrustPolicy('{ not json')).toBeNull();
    expect(readTrustPolicy('{"Statement": []}')).toBeNull();
    expect(trustSentence(null)).toMatch(/Read the trust policy below/);
  });
});

describe('policyName', () => {
  it('is the last part of the ARN', () => {
    expect(policyName('arn:aws:iam::aws:policy/AdministratorAccess')).toBe('AdministratorAccess');
    expect(policyName('AdministratorAccess')).toBe('AdministratorAccess');
  });
});
