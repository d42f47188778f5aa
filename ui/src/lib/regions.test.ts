// Region presentation without the DOM: badges, the filter, per-region VPC
// counts from a discovery, and the preselection order.
import { describe, expect, it } from 'vitest';
import { filterRegions, isEnabledRegion, optInLabel, preselectedRegion, regionVpcs } from './regions';
import { discovery, regionList } from '../test/fixtures';

describe('regions', () => {
  it('labels opt-in statuses', () => {
    expect(optInLabel('opt_in_not_required')).toBe('enabled');
    expect(optInLabel('opted_in')).toBe('opted in');
    expect(optInLabel('not_opted_in')).toBe('not enabled');
  });

  it('filters by name substring, case-insensitively, ignoring surrounding blanks', () => {
    expect(filterRegions(regionList, '  EU-W ').map((r) => r.name)).toEqual(['eu-west-1']);
    expect(filterRegions(regionList, 'south').map((r) => r.name)).toEqual(['af-south-1']);
    expect(filterRegions(regionList, '')).toHaveLength(regionList.length);
    expect(filterRegions(regionList, 'mars')).toEqual([]);
  });

  it('counts VPCs per read region, names failures, and marks unread regions', () => {
    expect(regionVpcs(discovery, 'eu-west-1')).toEqual({ state: 'counted', count: 2 });
    expect(regionVpcs(discovery, 'ap-east-1')).toEqual({ state: 'counted', count: 0 });
    const failed = regionVpcs(discovery, 'eu-central-1');
    expect(failed.state).toBe('failed');
    expect(failed.state === 'failed' && failed.error.code).toBe('access_denied');
    expect(regionVpcs(discovery, 'af-south-1')).toEqual({ state: 'unread' });
  });

  it('preselects the first candidate that is an enabled region of the list', () => {
    expect(preselectedRegion(regionList, ['us-east-1', 'eu-west-1'])).toBe('us-east-1');
    expect(preselectedRegion(regionList, [null, 'af-south-1', 'eu-west-1'])).toBe('eu-west-1');
    expect(preselectedRegion(regionList, [undefined, 'mars-north-1', 'eu-west-1'])).toBe('eu-west-1');
    expect(preselectedRegion(regionList, ['af-south-1', null])).toBeNull();
  });

  it('knows which names are enabled regions', () => {
    expect(isEnabledRegion(regionList, 'ap-east-1')).toBe(true);
    expect(isEnabledRegion(regionList, 'af-south-1')).toBe(false);
    expect(isEnabledRegion(regionList, null)).toBe(false);
  });
});
