// The Network step's shared test set-up: DOM helpers, a mocked back end that answers every
// command the step sends, and problems shaped like the engine's.
import { expect, vi } from 'vitest';
import type { CheckReport, Problem, Suggestions } from '../lib/ipc';
import { backend, choiceFor, discovery, okReport, suggestions, vpcLimits, type Handlers } from './fixtures';

export const $ = <T extends Element = HTMLElement>(sel: string) => document.querySelector<T>(sel);
export const $$ = (sel: string) => [...document.querySelectorAll<HTMLElement>(sel)];
export const useButton = () => $<HTMLButtonElement>('#use-network')!;
export const suggestionSelect = () => $<HTMLSelectElement>('#cidr-suggestion')!;
export const customField = () => $<HTMLInputElement>('#cidr-custom')!;
export const problems = () => $$('[data-testid="cidr-problem"]');

export const noSuggestions: Suggestions = { ...suggestions, unread_regions: [] };
export const cleanDiscovery = { ...discovery, failed: [] };

export function setup(handlers: Handlers = {}) {
  return backend({
    discover_networks: () => cleanDiscovery,
    suggest_cidrs: () => noSuggestions,
    check_cidr: ({ input }) => okReport(String(input)),
    choose_network: ({ region, cidr }) => choiceFor(String(region), String(cidr)),
    last_network_choice: () => null,
    vpc_limits: () => vpcLimits,
    ...handlers,
  });
}

export async function ready() {
  await vi.waitFor(() => expect(suggestionSelect().value).not.toBe(''));
}

export const overlapsVpc: Problem = {
  kind: 'overlaps_vpc',
  message: '10.0.0.0/16 overlaps VPC vpc-0a1b2c3d4e5f60002 (prod-db) in eu-west-1, whose block 10.0.0.0/16 is the same range.',
  vpc_id: 'vpc-0a1b2c3d4e5f60002',
  name: 'prod-db',
  region: 'eu-west-1',
  cidr: '10.0.0.0/16',
  relation: 'equal',
};
export const overlapsNetwork: Problem = {
  kind: 'overlaps_network',
  message: '10.0.0.0/16 overlaps Database VPC (10.0.0.0/8), which contains it.',
  label: 'Database VPC',
  cidr: '10.0.0.0/8',
  relation: 'contained_by',
};

export function report(input: string, list: Problem[]): CheckReport {
  return { input, cidr: list.length ? input : null, ok: list.length === 0, problems: list, warnings: [] };
}
