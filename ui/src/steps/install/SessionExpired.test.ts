// "Your AWS session expired": the panel the Install and Manage steps show while the engine
// waits for a new sign-in. It names the profile and account, offers the sign-in controls
// inline (the expired profile chosen, an MFA code when the profile needs one), shows the
// engine's refusal of another account without sending the admin elsewhere, and "Stop
// waiting" gives up through the engine.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import * as ipc from '../../lib/ipc';
import type { IpcError } from '../../lib/ipc';
import SessionExpired from './SessionExpired.svelte';
import type { SessionExpiry } from '../../lib/session-expiry';
import { sessionExpiry } from '../../lib/session-expiry';
import { expectNoSeriousViolations } from '../../test/axe';
import { deviceLogin, identityFor, profileList, ssoLoggedIn } from '../../test/fixtures';

vi.mock('../../lib/ipc', async (importActual) => {
  const actual = await importActual<typeof import('../../lib/ipc')>();
  return { ...actual, listProfiles: vi.fn(), signIn: vi.fn(), cancelRenewal: vi.fn(), ssoBegin: vi.fn(), ssoFinish: vi.fn() };
});
const api = vi.mocked(ipc);

const sso: SessionExpiry = {
  installationId: 'sandbox-demo',
  profile: 'prod-admin',
  accountId: '123456789012',
  sso: true,
  since: '2026-12-02T14:02:00Z',
  message: 'The AWS SSO session of profile prod-admin has expired or was never started.',
  command: 'aws sso login --profile prod-admin',
  waiting: true,
};

beforeEach(() => {
  vi.resetAllMocks();
  api.listProfiles.mockResolvedValue(profileList);
});

describe('SessionExpired', () => {
  it('names what expired and signs in again with the same profile, then says it goes on', async () => {
    const user = userEvent.setup();
    api.signIn.mockResolvedValue(identityFor('prod-admin'));
    render(SessionExpired, { expired: sso });
    const panel = screen.getByTestId('session-expired');
    expect(panel).toHaveAttribute('data-account', '123456789012');
    expect(panel).toHaveTextContent('Your AWS session expired');
    expect(panel).toHaveTextContent('profile prod-admin');
    expect(panel).toHaveTextContent('nothing is lost; the stacks go on in AWS meanwhile');
    expect(screen.getByTestId('session-expired-command')).toHaveTextContent('aws sso login --profile prod-admin');
    const chosen = await screen.findByRole('radio', { name: /prod-admin/ });
    expect(chosen).toBeChecked();
    await expectNoSeriousViolations();

    await user.click(screen.getByTestId('session-expired-sign-in'));
    expect(api.signIn).toHaveBeenCalledWith('prod-admin', null);
    expect(await screen.findByTestId('session-expired-done')).toHaveTextContent('going on');
  });

  it('renews an expired Identity Center login in the window, then signs in again and goes on', async () => {
    const user = userEvent.setup();
    api.ssoBegin.mockResolvedValue(deviceLogin);
    api.ssoFinish.mockResolvedValue(ssoLoggedIn);
    api.signIn.mockResolvedValue(identityFor('prod-admin'));
    render(SessionExpired, { expired: sso });
    await user.click(await screen.findByTestId('session-expired-sso'));
    expect(api.ssoBegin).toHaveBeenCalledWith({ kind: 'profile', profile: 'prod-admin' });
    expect(await screen.findByTestId('session-expired-done')).toHaveTextContent('going on');
    expect(api.signIn).toHaveBeenCalledWith('prod-admin', null);
    expect(screen.getByTestId('session-expired-command')).toHaveTextContent('Or renew the login in a terminal');
  });

  it("shows the engine's refusal of another account beside the controls, and lets the admin try again", async () => {
    const user = userEvent.setup();
    const refused: IpcError = {
      code: 'other_account',
      message:
        'This sign-in is to account 999999999999, but the work waiting for a new sign-in is in account 123456789012.',
      hint: 'Sign in again with a profile of account 123456789012.',
      fix: 'sign-in',
    };
    api.signIn.mockRejectedValueOnce(refused).mockResolvedValueOnce(identityFor('default'));
    render(SessionExpired, { expired: sso });
    await user.click(await screen.findByRole('radio', { name: /^default/ }));
    await user.click(screen.getByTestId('session-expired-sign-in'));

    const error = await screen.findByTestId('session-expired-error');
    expect(error).toHaveTextContent('999999999999');
    expect(error).toHaveTextContent('123456789012');
    expect(screen.queryByRole('button', { name: /Back to/ })).toBeNull();
    expect(screen.queryByTestId('session-expired-done')).toBeNull();

    await user.click(screen.getByRole('radio', { name: /prod-admin/ }));
    await user.click(screen.getByTestId('session-expired-sign-in'));
    expect(api.signIn).toHaveBeenLastCalledWith('prod-admin', null);
    expect(await screen.findByTestId('session-expired-done')).toBeInTheDocument();
    expect(screen.queryByTestId('session-expired-error')).toBeNull();
  });

  it('asks for a new MFA code for a profile behind MFA and sends it', async () => {
    const user = userEvent.setup();
    const mfa = { ...profileList.profiles[2], name: 'mfa-role', mfa_serial: 'arn:aws:iam::123456789012:mfa/alice' };
    api.listProfiles.mockResolvedValue({ ...profileList, profiles: [...profileList.profiles, mfa] });
    api.signIn.mockResolvedValue(identityFor('mfa-role'));
    render(SessionExpired, {
      expired: { ...sso, profile: 'mfa-role', sso: false, command: null, message: 'The AWS credentials have expired.' },
    });
    await user.type(await screen.findByTestId('session-expired-mfa'), '123456');
    await user.click(screen.getByTestId('session-expired-sign-in'));
    expect(api.signIn).toHaveBeenCalledWith('mfa-role', '123456');
    expect(screen.queryByTestId('session-expired-command')).toBeNull();
  });

  it('"Stop waiting" gives up through the engine, and an action is worded as one', async () => {
    const user = userEvent.setup();
    api.cancelRenewal.mockResolvedValue(null);
    render(SessionExpired, { expired: sso, work: 'action', stacksGoOn: false });
    expect(screen.getByTestId('session-expired')).toHaveTextContent('The action is paused where it was and nothing is lost.');
    await user.click(await screen.findByTestId('session-expired-stop'));
    expect(api.cancelRenewal).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId('session-expired-sign-in')).toBeDisabled();
  });
});

describe('sessionExpiry', () => {
  it('is set by credentials_expired and cleared by credentials_renewed; other events leave it', () => {
    const expired = sessionExpiry(null, {
      kind: 'credentials_expired',
      installation_id: 'sandbox-demo',
      account_id: '123456789012',
      sso: false,
      since: '2026-12-02T14:02:00Z',
      message: 'The AWS credentials have expired.',
      waiting: true,
    });
    expect(expired).toMatchObject({ profile: null, accountId: '123456789012', command: null, waiting: true });
    expect(sessionExpiry(expired, { kind: 'ready', outputs: [] })).toBe(expired);
    const renewed = sessionExpiry(expired, {
      kind: 'credentials_renewed',
      installation_id: 'sandbox-demo',
      account_id: '123456789012',
      at: '2026-12-02T14:03:00Z',
    });
    expect(renewed).toBeNull();
  });
});
