// The Network step's VPC listing without the DOM: grouping, labels, totals,
// and the regions nothing covers.
import { describe, expect, it } from 'vitest';
import { groupByRegion, plural, unreadRegions, vpcLabel, vpcTotals } from './vpc-groups';
import { discovery, suggestions } from '../test/fixtures';

describe('vpc groups', () => {
  it('puts the chosen region first, then the others with VPCs by name', () => {
    expect(groupByRegion(discovery, 'us-east-1').map((g) => [g.region, g.vpcs.length])).toEqual([
      ['us-east-1', 1],
      ['eu-west-1', 2],
    ]);
    expect(groupByRegion(discovery, 'ap-east-1').map((g) => [g.region, g.vpcs.length])).toEqual([
      ['ap-east-1', 0],
      ['eu-west-1', 2],
      ['us-east-1', 1],
    ]);
  });

  it('labels VPCs by Name tag, then as the default VPC', () => {
    expect(vpcLabel(discovery.vpcs[0])).toBe('(default VPC)');
    expect(vpcLabel(discovery.vpcs[1])).toBe('prod-db');
    expect(vpcLabel({ ...discovery.vpcs[1], name: null })).toBeNull();
    expect(vpcLabel({ ...discovery.vpcs[0], name: 'main' })).toBe('main');
  });

  it('totals VPCs and the regions that have them', () => {
    expect(vpcTotals(discovery)).toBe('3 VPCs in 2 regions');
    expect(vpcTotals({ ...discovery, vpcs: [discovery.vpcs[2]] })).toBe('1 VPC in 1 region');
    expect(plural(0, 'VPC')).toBe('0 VPCs');
  });

  it('merges unread regions from the discovery (with reasons) and the suggestions', () => {
    expect(unreadRegions(discovery, { ...suggestions, unread_regions: ['eu-central-1', 'ap-east-2'] })).toEqual([
      { region: 'ap-east-2', message: null },
      { region: 'eu-central-1', message: 'Not allowed to call ec2:DescribeVpcs in eu-central-1.' },
    ]);
    expect(unreadRegions(null, null)).toEqual([]);
    expect(unreadRegions({ ...discovery, failed: [] }, { ...suggestions, unread_regions: [] })).toEqual([]);
  });
});
