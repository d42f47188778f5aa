// The whole window with a mocked back end, shared by the App tests: the back end every test
// starts from, the selectors of the step rail and Back/Next, and the walk to a step.
import { expect, vi } from 'vitest';
import { screen } from '@testing-library/svelte';
import type userEvent from '@testing-library/user-event';
import type { AppInfo } from '../lib/bindings';
import {
  backend,
  choiceFor,
  discovery,
  identityFor,
  okReport,
  plan,
  profileList,
  regionList,
  reviewFor,
  suggestions,
  vpcLimits,
  unsignedInvite,
  verifiedInvite,
  type Handlers,
} from './fixtures';

export const info: AppInfo = { version: '0.1.0', endpoints: [], journal_path: '/home/alice/.local/share/pd/journal.db', journal_problem: null };

export function setup(appInfo: AppInfo = info, handlers: Handlers = {}) {
  return backend({
    app_info: () => appInfo,
    watch_launches: () => null,
    open_invite_link: () => verifiedInvite,
    open_invite_text: () => unsignedInvite,
    list_profiles: () => profileList,
    sign_in: ({ profile }) => identityFor(String(profile)),
    landing: () => ({ kind: 'new_install' }),
    review_access: ({ useBoundary }) => reviewFor(Boolean(useBoundary)),
    list_regions: () => regionList,
    discover_networks: () => discovery,
    last_network_choice: () => null,
    suggest_cidrs: () => suggestions,
    vpc_limits: () => vpcLimits,
    check_cidr: ({ input }) => okReport(String(input)),
    choose_network: ({ region, cidr }) => choiceFor(String(region), String(cidr)),
    plan_install: () => plan,
    session_endpoints: () => [],
    ...handlers,
  });
}

export const $ = <T extends Element = HTMLElement>(sel: string) => document.querySelector<T>(sel);
// App loads the steps after Invite when first shown; each test file transforms them once
// (`beforeAll(preloadSteps)`), before the tests' clocks start, so a slow machine does not spend
// a test's time budget on it.
export async function preloadSteps() {
  await Promise.all([
    import('../steps/SignIn.svelte'),
    import('../steps/ReviewAccess.svelte'),
    import('../steps/Region.svelte'),
    import('../steps/Network.svelte'),
    import('../steps/Install.svelte'),
    import('../steps/Manage.svelte'),
  ]);
}

export const heading = () => screen.getByRole('heading', { level: 2 });
export const reason = () => $('[data-testid="next-reason"]')?.textContent ?? null;
export const regionRadio = (name: string) => $<HTMLInputElement>(`input[type=radio][name=region][value="${name}"]`);
export const rail = (id: string) => $(`button[data-step="${id}"]`)!;
export const LINK = 'private-deploy://install?invite=eyJ2ZXJzaW9uIjoxfQ';

export type User = ReturnType<typeof userEvent.setup>;

export async function openInvite(user: User) {
  await user.type(await screen.findByTestId('invite-link'), LINK);
  await user.click(screen.getByRole('button', { name: 'Open link' }));
  await screen.findByTestId('invite-summary');
}

export async function signIn(user: User) {
  await user.click(await vi.waitFor(() => $('#sign-in')!));
  await screen.findByTestId('account-id');
}

/** Invite → Sign in → Review access → Region, by Next. */
export async function toRegion(user: User) {
  await openInvite(user);
  await user.click($('#next')!);
  expect(heading()).toHaveTextContent('Sign in');
  await signIn(user);
  await user.click($('#next')!);
  expect(heading()).toHaveTextContent('Review access');
  await screen.findByTestId('trust-policy');
  await vi.waitFor(() => expect(reason()).toBeNull());
  await user.click($('#next')!);
  expect(heading()).toHaveTextContent('Region');
}
