// The whole Identity Center sign-in against a mocked back end: for an SSO profile (log in,
// then the profile's own sign-in) and from a typed start URL (log in, account and role,
// consent, sign_in_sso); denied and expired codes; Cancel; a login left behind is cancelled.
import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import IdentityCenterSignIn from './IdentityCenterSignIn.svelte';
import type { IpcError, SsoLoggedIn } from '../../lib/bindings';
import {
  backend,
  deferred,
  deviceLogin,
  handled,
  identityFor,
  ssoAccountList,
  ssoChoice,
  ssoLoggedIn,
  ssoPreview,
  START_URL,
} from '../../test/fixtures';
import { expectNoSeriousViolations } from '../../test/axe';

const denied: IpcError = {
  code: 'sso_login_denied',
  message: 'The sign-in was denied in the browser.',
  hint: 'Start again and choose Allow access.',
};
const expired: IpcError = {
  code: 'sso_login_expired',
  message: 'The code expired before it was approved.',
  hint: 'Start again for a new code.',
};

async function fillStartUrl(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByLabelText('AWS access portal URL'), START_URL);
  await user.type(screen.getByLabelText('Identity Center region'), 'eu-west-1');
  await user.click(screen.getByRole('button', { name: 'Sign in with this start URL' }));
}

describe('IdentityCenterSignIn for an SSO profile', () => {
  it('logs in, then signs in with the profile and hands back the identity', async () => {
    const approved = deferred<SsoLoggedIn>();
    const calls = backend({
      sso_begin: () => deviceLogin,
      sso_finish: () => approved.promise,
      sign_in: ({ profile }) => identityFor(profile),
    });
    const onstart = vi.fn();
    const onsignedin = vi.fn();
    render(IdentityCenterSignIn, { profile: 'prod-admin', onstart, onsignedin });

    expect((await screen.findByTestId('sso-user-code')).textContent).toBe('WDDD-HRQK');
    expect(onstart).toHaveBeenCalledOnce();
    await expectNoSeriousViolations();
    approved.resolve({ ...ssoLoggedIn, session_name: 'acme' });

    await vi.waitFor(() => expect(onsignedin).toHaveBeenCalledExactlyOnceWith(identityFor('prod-admin')));
    expect(calls.map((c) => [c.cmd, c.args])).toEqual([
      ['sso_begin', { target: { kind: 'profile', profile: 'prod-admin' } }],
      ['sso_finish', { loginId: 'login-1' }],
      ['sign_in', { profile: 'prod-admin', mfaCode: null }],
    ]);
  });

  it('a login renewed by its refresh token shows no code and signs in at once', async () => {
    const calls = backend({
      sso_begin: () => ({ ...deviceLogin, refreshed: true, user_code: '', verification_uri: '', verification_uri_complete: '' }),
      sso_finish: () => ssoLoggedIn,
      sign_in: ({ profile }) => identityFor(profile),
    });
    const onsignedin = vi.fn();
    render(IdentityCenterSignIn, { profile: 'prod-admin', onstart: () => {}, onsignedin });

    await vi.waitFor(() => expect(onsignedin).toHaveBeenCalledOnce());
    expect(screen.queryByTestId('sso-user-code')).toBeNull();
    expect(calls.map((c) => c.cmd)).toEqual(['sso_begin', 'sso_finish', 'sign_in']);
  });

  it('Cancel cancels the login and goes back to the profiles without an error', async () => {
    const user = userEvent.setup();
    const approved = deferred<SsoLoggedIn>();
    const calls = backend({
      sso_begin: () => deviceLogin,
      sso_finish: () => approved.promise,
      sso_cancel: () => {
        approved.reject({ code: 'sso_login_cancelled', message: 'The sign-in was cancelled.', hint: null });
        return null;
      },
    });
    const onclose = vi.fn();
    render(IdentityCenterSignIn, { profile: 'prod-admin', onstart: () => {}, onsignedin: () => {}, onclose });

    await user.click(await screen.findByRole('button', { name: 'Cancel' }));
    await vi.waitFor(() => expect(onclose).toHaveBeenCalledOnce());
    await handled(approved.promise);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(calls.filter((c) => c.cmd === 'sso_cancel')).toEqual([{ cmd: 'sso_cancel', args: { loginId: 'login-1' } }]);
  });

  it('cancels a login still waiting when it goes away', async () => {
    const calls = backend({ sso_begin: () => deviceLogin, sso_finish: () => new Promise(() => {}), sso_cancel: () => null });
    const view = render(IdentityCenterSignIn, { profile: 'prod-admin', onstart: () => {}, onsignedin: () => {} });
    await screen.findByTestId('sso-user-code');

    view.unmount();
    expect(calls.at(-1)).toEqual({ cmd: 'sso_cancel', args: { loginId: 'login-1' } });
  });
});

describe('IdentityCenterSignIn from a start URL', () => {
  it('logs in, lists accounts and roles, shows the config text, and signs in for this session only', async () => {
    const user = userEvent.setup();
    const calls = backend({
      sso_begin: () => deviceLogin,
      sso_finish: () => ssoLoggedIn,
      sso_accounts: () => ssoAccountList,
      sso_roles: () => ['AdministratorAccess'],
      sso_config_preview: () => ssoPreview,
      sign_in_sso: () => identityFor('Production-AdministratorAccess'),
    });
    const onsignedin = vi.fn();
    render(IdentityCenterSignIn, { open: true, onstart: () => {}, onsignedin });

    await fillStartUrl(user);
    const production = await screen.findByRole('radio', { name: /Production/ });
    // Keyboard users land on the list, and then on the question.
    await vi.waitFor(() => expect(document.activeElement).toBe(production));
    await user.click(production);
    await screen.findByRole('radio', { name: 'AdministratorAccess' });
    await user.click(screen.getByRole('button', { name: 'Use this role' }));
    expect((await screen.findByTestId('sso-config-text')).textContent).toBe(ssoPreview.text);
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Save this sign-in as an AWS profile?' }));
    await user.click(screen.getByRole('button', { name: 'Use for this session only' }));

    await vi.waitFor(() => expect(onsignedin).toHaveBeenCalledOnce());
    expect(calls.map((c) => [c.cmd, c.args])).toEqual([
      ['sso_begin', { target: { kind: 'start_url', start_url: START_URL, sso_region: 'eu-west-1' } }],
      ['sso_finish', { loginId: 'login-1' }],
      ['sso_accounts', { startUrl: START_URL, ssoRegion: 'eu-west-1' }],
      ['sso_roles', { startUrl: START_URL, ssoRegion: 'eu-west-1', accountId: '111111111111' }],
      ['sso_config_preview', { choice: ssoChoice }],
      ['sign_in_sso', { choice: ssoChoice, save: false }],
    ]);
    // Done: the form is back for another sign-in.
    expect(screen.getByLabelText('AWS access portal URL')).toBeInTheDocument();
  });

  it('"Save this profile" signs in with save', async () => {
    const user = userEvent.setup();
    const calls = backend({
      sso_begin: () => deviceLogin,
      sso_finish: () => ssoLoggedIn,
      sso_accounts: () => [ssoAccountList[0]],
      sso_roles: () => ['AdministratorAccess'],
      sso_config_preview: () => ssoPreview,
      sign_in_sso: () => identityFor('Production-AdministratorAccess'),
    });
    render(IdentityCenterSignIn, { open: true, onstart: () => {}, onsignedin: () => {} });
    await fillStartUrl(user);
    await user.click(await screen.findByRole('button', { name: 'Use this role' }));
    await screen.findByTestId('sso-config-text');
    await user.click(screen.getByRole('button', { name: 'Save this profile' }));
    await vi.waitFor(() => expect(calls.at(-1)).toEqual({ cmd: 'sign_in_sso', args: { choice: ssoChoice, save: true } }));
  });

  it.each([
    ['denied', denied, 'The sign-in was not allowed in the browser'],
    ['expired', expired, 'The sign-in code expired'],
  ])('says what happened when the code is %s, and Start again asks for a new code', async (_, error, title) => {
    const user = userEvent.setup();
    let finishes = 0;
    const calls = backend({
      sso_begin: () => deviceLogin,
      sso_finish: () => {
        finishes++;
        if (finishes === 1) throw error;
        return new Promise(() => {});
      },
    });
    render(IdentityCenterSignIn, { open: true, onstart: () => {}, onsignedin: () => {} });
    await fillStartUrl(user);

    const alert = await screen.findByRole('alert');
    expect(alert.querySelector('h3')!.textContent).toBe(title);
    expect(alert).toHaveTextContent(error.message);
    expect(alert).toHaveTextContent(error.hint!);
    expect(screen.queryByTestId('sso-user-code')).toBeNull();
    await expectNoSeriousViolations();

    await user.click(screen.getByRole('button', { name: 'Start again' }));
    expect(await screen.findByTestId('sso-user-code')).toBeInTheDocument();
    expect(calls.filter((c) => c.cmd === 'sso_begin')).toHaveLength(2);
  });

  it('Cancel goes back to the form with what was typed', async () => {
    const user = userEvent.setup();
    const approved = deferred<SsoLoggedIn>();
    const calls = backend({
      sso_begin: () => deviceLogin,
      sso_finish: () => approved.promise,
      sso_cancel: () => {
        approved.reject({ code: 'sso_login_cancelled', message: 'The sign-in was cancelled.', hint: null });
        return null;
      },
    });
    render(IdentityCenterSignIn, { open: true, onstart: () => {}, onsignedin: () => {} });
    await fillStartUrl(user);

    await user.click(await screen.findByRole('button', { name: 'Cancel' }));
    expect(await screen.findByLabelText('AWS access portal URL')).toHaveValue(START_URL);
    await handled(approved.promise);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(calls.map((c) => c.cmd)).toEqual(['sso_begin', 'sso_finish', 'sso_cancel']);
  });

  it('a failed sign-in as the role goes back to the consent on Start again', async () => {
    const user = userEvent.setup();
    backend({
      sso_begin: () => deviceLogin,
      sso_finish: () => ssoLoggedIn,
      sso_accounts: () => [ssoAccountList[0]],
      sso_roles: () => ['AdministratorAccess'],
      sso_config_preview: () => ssoPreview,
      sign_in_sso: () => {
        throw { code: 'access_denied', message: 'GetRoleCredentials was denied.', hint: null };
      },
    });
    render(IdentityCenterSignIn, { open: true, onstart: () => {}, onsignedin: () => {} });
    await fillStartUrl(user);
    await user.click(await screen.findByRole('button', { name: 'Use this role' }));
    await screen.findByTestId('sso-config-text');
    await user.click(screen.getByRole('button', { name: 'Use for this session only' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Could not sign in as AdministratorAccess in Production');
    await user.click(screen.getByRole('button', { name: 'Start again' }));
    expect(await screen.findByTestId('sso-config-text')).toBeInTheDocument();
  });
});
