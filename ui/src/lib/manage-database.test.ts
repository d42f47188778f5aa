// The database check's input rules and sentences.
import { describe, expect, it } from 'vitest';
import { databaseInputProblem, overlapHeadline, relationSentence } from './manage-database';
import type { DatabaseCheck } from './ipc';

describe('databaseInputProblem', () => {
  it('accepts VPC IDs (short and long) and CIDR blocks', () => {
    expect(databaseInputProblem('vpc-0a1b2c3d')).toBeNull();
    expect(databaseInputProblem(' vpc-0a1b2c3d4e5f60001 ')).toBeNull();
    expect(databaseInputProblem('10.20.0.0/16')).toBeNull();
  });

  it('says what to type otherwise', () => {
    expect(databaseInputProblem('')).toMatch(/^Type the VPC ID or the CIDR block/);
    expect(databaseInputProblem('10.300.0.0/16')).toBe('10.300.0.0/16 is not a valid IPv4 CIDR block');
    expect(databaseInputProblem('10.0.0.0/33')).toMatch(/not a valid/);
    expect(databaseInputProblem('my-db')).toMatch(/^Type a VPC ID/);
  });
});

describe('sentences', () => {
  const check: DatabaseCheck = { input: 'vpc-0a1b2c3d', vpc_id: 'vpc-0a1b2c3d', region: 'us-east-1', environment_cidr: '10.2.0.0/16', blocks: [], ok: true, message: '' };

  it('says peering and Transit Gateway work when nothing overlaps, and not otherwise', () => {
    expect(overlapHeadline(check)).toMatch(/^No overlap: vpc-0a1b2c3d can be connected/);
    expect(overlapHeadline({ ...check, ok: false, vpc_id: undefined, input: '10.2.0.0/20' })).toMatch(
      /^Overlap: 10.2.0.0\/20 cannot be connected .* need blocks that do not overlap/,
    );
  });

  it('says how a block relates to the environment', () => {
    expect(relationSentence('10.2.0.0/20', 'contained_by', '10.2.0.0/16')).toBe("10.2.0.0/20 lies inside the environment's 10.2.0.0/16");
    expect(relationSentence('10.0.0.0/8', 'contains', '10.2.0.0/16')).toBe("10.0.0.0/8 contains the environment's 10.2.0.0/16");
  });
});
