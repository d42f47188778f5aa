// Test data of the IAM Identity Center sign-in, shaped like the back end's replies;
// re-exported by fixtures.ts.
import type { DeviceLogin, SsoAccount, SsoChoice, SsoConfigPreview, SsoLoggedIn } from '../lib/ipc';

export const START_URL = 'https://acme.awsapps.com/start';

export const deviceLogin: DeviceLogin = {
  login_id: 'login-1',
  start_url: START_URL,
  sso_region: 'eu-west-1',
  verification_uri: 'https://device.sso.eu-west-1.amazonaws.com/',
  verification_uri_complete: 'https://device.sso.eu-west-1.amazonaws.com/?user_code=WDDD-HRQK',
  user_code: 'WDDD-HRQK',
  expires_at: '2026-12-03T10:10:00Z',
  interval_seconds: 1,
  refreshed: false,
};

export const ssoLoggedIn: SsoLoggedIn = {
  start_url: START_URL,
  sso_region: 'eu-west-1',
  session_name: null,
  expires_at: '2026-12-03T18:00:00Z',
};

export const ssoAccountList: SsoAccount[] = [
  { account_id: '111111111111', account_name: 'Production', email: 'prod@example.com' },
  { account_id: '222222222222', account_name: 'Staging', email: null },
];

/** As many accounts as a large organization has: the picker offers a search. */
export function manyAccounts(count: number): SsoAccount[] {
  return Array.from({ length: count }, (_, i) => ({
    account_id: String(100000000000 + i),
    account_name: `Team ${String(i).padStart(3, '0')}`,
    email: `team${i}@example.com`,
  }));
}

export const ssoChoice: SsoChoice = {
  start_url: START_URL,
  sso_region: 'eu-west-1',
  account_id: '111111111111',
  role_name: 'AdministratorAccess',
  region: null,
};

export const ssoPreview: SsoConfigPreview = {
  config_file: '/home/alice/.aws/config',
  profile_name: 'Production-AdministratorAccess',
  session_name: 'acme',
  text:
    '\n[sso-session acme]\nsso_start_url = https://acme.awsapps.com/start\nsso_region = eu-west-1\nsso_registration_scopes = sso:account:access\n\n' +
    '[profile Production-AdministratorAccess]\nsso_session = acme\nsso_account_id = 111111111111\nsso_role_name = AdministratorAccess\n',
};
