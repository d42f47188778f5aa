// The window's own CIDR text rules: the sizes offered and the format check
// that keeps typos out of "Networks to avoid".
import { describe, expect, it } from 'vitest';
import { avoidEntryError, isCidrText, prefixesOf, prefixLabel, sizeNote } from './cidr-text';
import { vpcLimits } from '../test/fixtures';

describe('cidr text', () => {
  it("offers the engine's sizes, /16 to /25, and says why they stop there", () => {
    const prefixes = prefixesOf(vpcLimits);
    expect(prefixes[0]).toBe(16);
    expect(prefixes.at(-1)).toBe(25);
    expect(prefixes).toHaveLength(10);
    expect(prefixesOf({ ...vpcLimits, max_prefix: 20 })).toEqual([16, 17, 18, 19, 20]);
    expect(prefixLabel(16)).toBe('/16 · 65,536 addresses');
    expect(prefixLabel(25)).toBe('/25 · 128 addresses');
    expect(sizeNote(vpcLimits)).toContain('from /16 to /25');
    expect(sizeNote(vpcLimits)).toContain('subnets of /27 or larger');
  });

  it.each(['10.0.0.0/16', '192.168.1.0/24', '0.0.0.0/0', '255.255.255.255/32', ' 10.1.2.3/8 '])('accepts %s', (t) => {
    expect(isCidrText(t)).toBe(true);
  });

  it.each(['10.0.0/16', '10.0.0.0', '10.0.0.0/33', '256.0.0.0/8', '010.0.0.0/8', '10.0.0.0/-1', 'a.b.c.d/8', '', '10.0.0.0/16/2'])(
    'refuses %s',
    (t) => {
      expect(isCidrText(t)).toBe(false);
    },
  );

  it('says why an avoid entry cannot be added', () => {
    const list = [{ cidr: '10.0.0.0/8', label: 'Database VPC' }];
    expect(avoidEntryError('', 'x', list)).toMatch(/Type the network/);
    expect(avoidEntryError('10.0.0/8', 'x', list)).toMatch(/is not an IPv4 CIDR block/);
    expect(avoidEntryError('172.16.0.0/12', '  ', list)).toMatch(/Give the network a name/);
    expect(avoidEntryError(' 10.0.0.0/8', 'Again', list)).toBe('10.0.0.0/8 is already in the list.');
    expect(avoidEntryError('172.16.0.0/12', 'Office', list)).toBeNull();
  });
});
