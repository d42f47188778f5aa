// The Sign in step in jsdom against a mocked back end (mockIPC): profiles,
// preselection, the in-flight state, success, root warning, and errors.
import { describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import SignIn from './SignIn.svelte';
import type { AwsProfile, Identity, IpcError } from '../lib/bindings';
import {
  backend,
  deferred,
  deviceLogin,
  emptyList,
  identityFor,
  profileList,
  ssoAccountList,
  ssoLoggedIn,
  ssoPreview,
  START_URL,
} from '../test/fixtures';
import { expectNoSeriousViolations } from '../test/axe';
import { expectFocusRing } from '../test/focus-ring';

function radio(name: string): HTMLInputElement {
  const el = document.querySelector<HTMLInputElement>(`input[type=radio][name=profile][value="${name}"]`);
  if (!el) throw new Error(`no radio for ${name}`);
  return el;
}

const signInButton = () => document.querySelector<HTMLButtonElement>('#sign-in')!;
const errorBox = () => document.querySelector<HTMLElement>('[data-testid="error"]');

describe('Sign in', () => {
  it('says it is reading profiles, then lists them with last_used preselected', async () => {
    const list = deferred<unknown>();
    backend({ list_profiles: () => list.promise });
    render(SignIn);

    expect(screen.getByRole('status')).toHaveTextContent('Reading AWS profiles…');
    await expectNoSeriousViolations();
    list.resolve(profileList);

    await screen.findByRole('group', { name: 'AWS profile' });
    expect(screen.queryByText('Reading AWS profiles…')).toBeNull();
    expect(radio('prod-admin').checked).toBe(true);
    expect(radio('default').checked).toBe(false);
    expect(radio('ci-role').checked).toBe(false);
    const row = radio('prod-admin').closest('label')!;
    expect(within(row).getByText('SSO')).toBeInTheDocument();
    expect(within(row).getByText('eu-west-1')).toBeInTheDocument();
    expect(within(radio('ci-role').closest('label')!).getByText('assume role')).toBeInTheDocument();
    await expectNoSeriousViolations();
  });

  it("badges a profile with its own endpoints, leaving the environment's to the header", async () => {
    const own = { service: null, url: 'http://localhost:4566', setting: 'profile lab (endpoint_url)', origin: 'profile' } as const;
    const env = { service: 'sts', url: 'https://sts.example', setting: 'AWS_ENDPOINT_URL_STS', origin: 'environment' } as const;
    const profiles: AwsProfile[] = profileList.profiles.map((p) => ({ ...p, endpoints: [env] }));
    profiles[1] = { ...profiles[1], endpoints: [env, own] };
    backend({ list_profiles: () => ({ ...profileList, profiles }) });
    render(SignIn);
    await screen.findByRole('group', { name: 'AWS profile' });
    const badges = screen.getAllByTestId('profile-endpoint-badge');
    expect(badges).toHaveLength(1);
    expect(badges[0]).toHaveTextContent('Custom endpoint: http://localhost:4566 (profile lab (endpoint_url))');
    expect(badges[0].closest('label')).toBe(radio(profiles[1].name).closest('label'));
  });

  it('preselects selected when there is no last_used', async () => {
    backend({ list_profiles: () => ({ ...profileList, last_used: null }) });
    render(SignIn);
    await screen.findByRole('group', { name: 'AWS profile' });
    expect(radio('default').checked).toBe(true);
  });

  it('signs in with the chosen profile and shows the account, ARN and region', async () => {
    const user = userEvent.setup();
    const reply = deferred<Identity>();
    const calls = backend({ list_profiles: () => profileList, sign_in: () => reply.promise });
    const onidentity = vi.fn();
    render(SignIn, { onidentity });
    await screen.findByRole('group', { name: 'AWS profile' });

    await user.click(radio('ci-role'));
    await user.click(signInButton());

    expect(calls.at(-1)).toEqual({ cmd: 'sign_in', args: { profile: 'ci-role', mfaCode: null } });
    expect(screen.getByRole('status')).toHaveTextContent('Calling sts:GetCallerIdentity as ci-role…');
    expect(signInButton()).toBeDisabled();

    reply.resolve(identityFor('ci-role'));
    const account = await screen.findByTestId('account-id');
    expect(account.textContent).toBe('123456789012');
    expect(screen.getByTestId('arn').textContent).toBe(
      'arn:aws:sts::123456789012:assumed-role/AdministratorAccess/alice@ci-role',
    );
    expect(screen.getByTestId('user-id').textContent).toBe('AROAEXAMPLEID:alice');
    expect(signInButton()).toBeEnabled();
    expect(screen.queryByTestId('root-warning')).toBeNull();
    expect(screen.queryByTestId('clock-warning')).toBeNull();
    expect(onidentity).toHaveBeenLastCalledWith(identityFor('ci-role'));
    await expectNoSeriousViolations();
  });

  it('warns loudly when signed in as the root user', async () => {
    const user = userEvent.setup();
    backend({
      list_profiles: () => profileList,
      sign_in: ({ profile }) =>
        identityFor(String(profile), { is_root: true, arn: 'arn:aws:iam::123456789012:root' }),
    });
    render(SignIn);
    await screen.findByRole('group', { name: 'AWS profile' });
    await user.click(signInButton());

    const warning = await screen.findByTestId('root-warning');
    expect(warning).toHaveTextContent(
      "You are signed in as the account's root user. Use an IAM role or IAM Identity Center user instead.",
    );
    await expectNoSeriousViolations();
  });

  it("shows the engine's warning when this computer's clock is off AWS's", async () => {
    const user = userEvent.setup();
    const warning =
      "This computer's clock is 3 h behind AWS's. The times Private Deploy writes into the vendor's access come from AWS's clock, but other tools may not: set this computer's clock to update automatically.";
    backend({
      list_profiles: () => profileList,
      sign_in: ({ profile }) =>
        identityFor(String(profile), { clock_skew_seconds: 10800, clock_warning: warning }),
    });
    render(SignIn);
    await screen.findByRole('group', { name: 'AWS profile' });
    await user.click(signInButton());

    const shown = await screen.findByTestId('clock-warning');
    expect(shown).toHaveTextContent(warning);
    expect(screen.queryByTestId('root-warning')).toBeNull();
  });

  it('on sso_login_required shows the engine\'s aws sso login command once, and retries', async () => {
    const user = userEvent.setup();
    let attempts = 0;
    const calls = backend({
      list_profiles: () => profileList,
      sign_in: ({ profile }) => {
        attempts += 1;
        if (attempts === 1) {
          throw {
            code: 'sso_login_required',
            message: 'The SSO session for prod-admin has expired.',
            hint: 'Log in to IAM Identity Center again.',
            command: 'aws sso login --profile prod-admin',
            fix: 'sign-in',
          } satisfies IpcError;
        }
        return identityFor(String(profile));
      },
    });
    render(SignIn);
    await screen.findByRole('group', { name: 'AWS profile' });
    await user.click(signInButton());

    await vi.waitFor(() => expect(errorBox()).not.toBeNull());
    const box = errorBox()!;
    expect(box.dataset.code).toBe('sso_login_required');
    expect(box).toHaveTextContent('The SSO session for prod-admin has expired.');
    expect(box).toHaveTextContent('Log in to IAM Identity Center again.');
    expect(within(box).getByText('aws sso login --profile prod-admin').tagName).toBe('CODE');
    expect(box.textContent!.split('aws sso login').length - 1, 'the command is shown once').toBe(1);
    expect(within(box).getByRole('button', { name: 'Copy command' })).toBeInTheDocument();
    expect(within(box).queryByRole('button', { name: 'Pick another profile' })).toBeNull();
    await expectNoSeriousViolations();

    await user.click(within(box).getByRole('button', { name: 'Try again' }));
    expect((await screen.findByTestId('account-id')).textContent).toBe('123456789012');
    expect(errorBox()).toBeNull();
    expect(calls.filter((c) => c.cmd === 'sign_in')).toHaveLength(2);
  });

  it('on sso_login_required also offers the Identity Center login in the window, keeping the command', async () => {
    const user = userEvent.setup();
    let expiredToken = true;
    const calls = backend({
      list_profiles: () => profileList,
      sign_in: ({ profile }) => {
        if (expiredToken)
          throw {
            code: 'sso_login_required',
            message: 'The SSO session for prod-admin has expired.',
            hint: null,
            command: 'aws sso login --profile prod-admin',
          } satisfies IpcError;
        return identityFor(String(profile));
      },
      sso_begin: () => deviceLogin,
      sso_finish: () => {
        expiredToken = false;
        return ssoLoggedIn;
      },
    });
    render(SignIn);
    await screen.findByRole('group', { name: 'AWS profile' });
    await user.click(signInButton());
    await vi.waitFor(() => expect(errorBox()?.dataset.code).toBe('sso_login_required'));
    expect(within(errorBox()!).getByText('aws sso login --profile prod-admin')).toBeInTheDocument();

    await user.click(within(errorBox()!).getByRole('button', { name: 'Sign in with IAM Identity Center' }));

    expect((await screen.findByTestId('account-id')).textContent).toBe('123456789012');
    // …and the list is read again: the profile's login is cached now.
    await vi.waitFor(() =>
      expect(calls.map((c) => c.cmd)).toEqual([
        'list_profiles',
        'sign_in',
        'sso_begin',
        'sso_finish',
        'sign_in',
        'list_profiles',
      ]),
    );
    expect(calls[2].args).toEqual({ target: { kind: 'profile', profile: 'prod-admin' } });
    expect(signInButton()).toBeEnabled();
  });

  it('offers the Identity Center login beside an SSO profile whose login is needed, and only that one', async () => {
    const user = userEvent.setup();
    const list = {
      ...profileList,
      profiles: profileList.profiles.map((p) => (p.name === 'prod-admin' ? { ...p, sso_login_needed: true } : p)),
    };
    const calls = backend({
      list_profiles: () => list,
      sso_begin: () => deviceLogin,
      sso_finish: () => new Promise(() => {}),
      sso_cancel: () => null,
    });
    render(SignIn);
    await screen.findByRole('group', { name: 'AWS profile' });
    const ssoButton = () => screen.queryByRole('button', { name: 'Sign in with IAM Identity Center' });
    expect(ssoButton()).toBeInTheDocument();

    await user.click(radio('default'));
    expect(ssoButton()).toBeNull();
    await user.click(radio('prod-admin'));
    await user.click(ssoButton()!);

    expect((await screen.findByTestId('sso-user-code')).textContent).toBe('WDDD-HRQK');
    expect(signInButton()).toBeDisabled();
    expect(radio('default')).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    await vi.waitFor(() => expect(screen.queryByTestId('sso-user-code')).toBeNull());
    expect(signInButton()).toBeEnabled();
    expect(calls.at(-1)).toEqual({ cmd: 'sso_cancel', args: { loginId: 'login-1' } });
  });

  it('once the Identity Center login is done, the profile no longer offers it', async () => {
    const user = userEvent.setup();
    let loggedIn = false;
    const listed = () => ({
      ...profileList,
      profiles: profileList.profiles.map((p) => (p.name === 'prod-admin' ? { ...p, sso_login_needed: !loggedIn } : p)),
    });
    backend({
      list_profiles: listed,
      sso_begin: () => deviceLogin,
      sso_finish: () => {
        loggedIn = true;
        return ssoLoggedIn;
      },
      sign_in: ({ profile }) => identityFor(String(profile)),
    });
    render(SignIn);
    await user.click(await screen.findByRole('button', { name: 'Sign in with IAM Identity Center' }));

    expect((await screen.findByTestId('account-id')).textContent).toBe('123456789012');
    await vi.waitFor(() => expect(screen.queryByRole('button', { name: 'Sign in with IAM Identity Center' })).toBeNull());
    expect(radio('prod-admin').checked).toBe(true);
  });

  it('offers a start URL sign-in: folded beside the profiles, open when there are none', async () => {
    backend({ list_profiles: () => profileList });
    const first = render(SignIn);
    await screen.findByRole('group', { name: 'AWS profile' });
    expect(screen.getByTestId('sso-start-url')).not.toHaveAttribute('open');
    expect(screen.getByText('I have an IAM Identity Center start URL')).toBeInTheDocument();
    first.unmount();

    backend({ list_profiles: () => emptyList });
    render(SignIn);
    await vi.waitFor(() => expect(screen.getByTestId('sso-start-url')).toHaveAttribute('open'));
    expect(screen.getByLabelText('AWS access portal URL')).toBeVisible();
  });

  it('after saving an Identity Center profile lists it, chosen as the one signed in', async () => {
    const user = userEvent.setup();
    const saved = {
      name: 'Production-AdministratorAccess',
      kind: 'sso',
      region: null,
      sso_start_url: START_URL,
      mfa_serial: null,
      sso_login_needed: false,
      endpoints: [],
    } as const;
    let lists = 0;
    backend({
      list_profiles: () => (++lists === 1 ? emptyList : { ...emptyList, profiles: [saved] }),
      sso_begin: () => deviceLogin,
      sso_finish: () => ssoLoggedIn,
      sso_accounts: () => [ssoAccountList[0]],
      sso_roles: () => ['AdministratorAccess'],
      sso_config_preview: () => ssoPreview,
      sign_in_sso: () => identityFor('Production-AdministratorAccess'),
    });
    render(SignIn);
    await user.type(await screen.findByLabelText('AWS access portal URL'), START_URL);
    await user.type(screen.getByLabelText('Identity Center region'), 'eu-west-1');
    await user.click(screen.getByRole('button', { name: 'Sign in with this start URL' }));
    await user.click(await screen.findByRole('button', { name: 'Use this role' }));
    await screen.findByTestId('sso-config-text');
    await user.click(screen.getByRole('button', { name: 'Save this profile' }));

    await vi.waitFor(() => expect(radio('Production-AdministratorAccess').checked).toBe(true));
    expect(screen.getByTestId('account-id').textContent).toBe('123456789012');
    expect(screen.queryByTestId('sign-in-switch')).toBeNull();
  });

  it('on invalid_credentials offers another profile, and clears the error when one is picked', async () => {
    const user = userEvent.setup();
    backend({
      list_profiles: () => profileList,
      sign_in: () => {
        throw { code: 'invalid_credentials', message: 'The security token is invalid.', hint: null };
      },
    });
    render(SignIn);
    await screen.findByRole('group', { name: 'AWS profile' });
    await user.click(signInButton());

    await vi.waitFor(() => expect(errorBox()?.dataset.code).toBe('invalid_credentials'));
    expect(errorBox()).not.toHaveTextContent('aws sso login');
    await user.click(screen.getByRole('button', { name: 'Pick another profile' }));
    expect(document.activeElement).toBe(radio('prod-admin'));

    // Arrow keys move the choice inside the native radio group.
    await user.keyboard('{ArrowUp}');
    expect(radio('default').checked).toBe(true);
    expect(errorBox()).toBeNull();
  });

  it('arrowing over the profiles moves focus and the choice only: no sign-in, and the session stays', async () => {
    const user = userEvent.setup();
    const calls = backend({ list_profiles: () => profileList, sign_in: ({ profile }) => identityFor(String(profile)) });
    const onidentity = vi.fn();
    // Signed in as prod-admin earlier; the step is entered again.
    render(SignIn, { identity: identityFor('prod-admin'), onidentity });
    await screen.findByRole('group', { name: 'AWS profile' });
    expect(screen.getByRole('heading', { name: 'Signed in as prod-admin' })).toBeInTheDocument();
    expect(radio('prod-admin').checked).toBe(true);

    radio('prod-admin').focus();
    await user.keyboard('{ArrowDown}');
    expectFocusRing(radio('ci-role'));
    await user.keyboard('{ArrowUp}{ArrowUp}');
    expectFocusRing(radio('default'));
    expect(radio('default').checked).toBe(true);

    // The sign-in in place is still shown and still the wizard's.
    expect(screen.getByRole('heading', { name: 'Signed in as prod-admin' })).toBeInTheDocument();
    expect(screen.getByTestId('account-id').textContent).toBe('123456789012');
    expect(onidentity).not.toHaveBeenCalled();
    expect(screen.getByTestId('sign-in-switch')).toHaveTextContent(
      'Still signed in as prod-admin. Sign in to use default instead.',
    );
    expect(signInButton()).toHaveAccessibleDescription('Still signed in as prod-admin. Sign in to use default instead.');
    await expectNoSeriousViolations();

    // Signing in takes the button; the only sign-in call is the one it made.
    await user.click(signInButton());
    expect(await screen.findByRole('heading', { name: 'Signed in as default' })).toBeInTheDocument();
    expect(calls.filter((c) => c.cmd === 'sign_in').map((c) => c.args)).toEqual([{ profile: 'default', mfaCode: null }]);
    expect(onidentity).toHaveBeenLastCalledWith(identityFor('default'));
    expect(screen.queryByTestId('sign-in-switch')).toBeNull();
  });

  it('copies the account ID, and selects it when the clipboard is unavailable', async () => {
    const user = userEvent.setup();
    backend({ list_profiles: () => profileList, sign_in: ({ profile }) => identityFor(String(profile)) });
    render(SignIn);
    await screen.findByRole('group', { name: 'AWS profile' });
    await user.click(signInButton());
    await screen.findByTestId('account-id');

    await user.click(screen.getByRole('button', { name: 'Copy account ID' }));
    await expect(navigator.clipboard.readText()).resolves.toBe('123456789012');
    expect(await screen.findByText('Copied')).toBeInTheDocument();

    vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValueOnce(new Error('denied'));
    await user.click(screen.getByRole('button', { name: 'Copy ARN' }));
    expect(await screen.findByText(/press Ctrl\+C/)).toBeInTheDocument();
    expect(window.getSelection()?.toString()).toBe(screen.getByTestId('arn').textContent);
  });

  it('with no profiles explains where it looked and what to run', async () => {
    backend({ list_profiles: () => emptyList });
    render(SignIn);
    const box = await screen.findByTestId('no-profiles');
    expect(box).toHaveTextContent('/home/alice/.aws/config');
    expect(box).toHaveTextContent('/home/alice/.aws/credentials');
    expect(within(box).getByText('aws configure sso')).toBeInTheDocument();
    expect(within(box).getByText('aws configure')).toBeInTheDocument();
    expect(signInButton()).toBeNull();
    await expectNoSeriousViolations();
  });

  it('when the profiles cannot be read, shows the error and reads them again on Try again', async () => {
    const user = userEvent.setup();
    let attempts = 0;
    backend({
      list_profiles: () => {
        attempts += 1;
        if (attempts === 1) throw { code: 'profile_config', message: 'Bad line 3 in ~/.aws/config', hint: null };
        return profileList;
      },
    });
    render(SignIn);
    await vi.waitFor(() => expect(errorBox()?.dataset.code).toBe('profile_config'));
    await expectNoSeriousViolations();
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    await screen.findByRole('group', { name: 'AWS profile' });
    expect(errorBox()).toBeNull();
  });

  describe('pasted credentials', () => {
    const pasted =
      'export AWS_ACCESS_KEY_ID="ASIAIOSFODNN7EXAMPLE"\nexport AWS_SECRET_ACCESS_KEY="secret"\nexport AWS_SESSION_TOKEN="token"';
    const pastedIdentity = { ...identityFor('pasted credentials'), profile: 'pasted credentials' };

    it('is offered open when there is no profile, signs in, and empties the field', async () => {
      const user = userEvent.setup();
      const reply = deferred<Identity>();
      const calls = backend({ list_profiles: () => emptyList, sign_in_pasted: () => reply.promise });
      const onidentity = vi.fn();
      render(SignIn, { onidentity });
      const field = await screen.findByLabelText('Credentials');
      expect(field).toBeVisible();

      await user.click(field);
      await user.paste(pasted);
      await user.click(screen.getByRole('button', { name: 'Sign in with these keys' }));
      expect(calls.at(-1)).toEqual({ cmd: 'sign_in_pasted', args: { text: pasted } });
      expect(field).toHaveValue('');
      expect(screen.getByRole('status')).toHaveTextContent('Calling sts:GetCallerIdentity with the pasted keys…');

      reply.resolve(pastedIdentity);
      expect((await screen.findByTestId('account-id')).textContent).toBe('123456789012');
      expect(onidentity).toHaveBeenLastCalledWith(pastedIdentity);
      await expectNoSeriousViolations();
    });

    it("shows the engine's refusal and keeps the sign-in button usable for another paste", async () => {
      const user = userEvent.setup();
      const refused: IpcError = {
        code: 'invalid_input',
        message: 'The pasted text has no AWS_SECRET_ACCESS_KEY.',
        hint: 'In the AWS access portal, open the account\'s "Access keys" and copy one of the options whole.',
      };
      backend({
        list_profiles: () => profileList,
        sign_in_pasted: () => {
          throw refused;
        },
      });
      const onidentity = vi.fn();
      render(SignIn, { onidentity });
      await screen.findByRole('group', { name: 'AWS profile' });
      await user.click(screen.getByText('Paste temporary credentials instead'));
      await user.click(screen.getByLabelText('Credentials'));
      await user.paste('export AWS_ACCESS_KEY_ID=ASIAIOSFODNN7EXAMPLE');
      await user.click(screen.getByRole('button', { name: 'Sign in with these keys' }));

      const box = await screen.findByRole('alert');
      expect(box).toHaveTextContent('The pasted text has no AWS_SECRET_ACCESS_KEY.');
      expect(box).toHaveAttribute('data-code', 'invalid_input');
      expect(onidentity).toHaveBeenLastCalledWith(null);
      expect(screen.getByRole('button', { name: 'Sign in with these keys' })).toBeDisabled();
      await user.click(screen.getByLabelText('Credentials'));
      await user.paste(pasted);
      expect(screen.getByRole('button', { name: 'Sign in with these keys' })).toBeEnabled();
    });
  });

  it('asks for the MFA code of a role profile behind MFA and sends it once', async () => {
    const user = userEvent.setup();
    const serial = 'arn:aws:iam::123456789012:mfa/admin';
    const list = {
      ...profileList,
      profiles: [...profileList.profiles, { ...profileList.profiles[0], name: 'mfa-admin', mfa_serial: serial }],
    };
    const refused: IpcError = { code: 'mfa_required', message: 'AWS did not accept the MFA code.', hint: null };
    let answer: () => Identity = () => {
      throw refused;
    };
    const calls = backend({ list_profiles: () => list, sign_in: () => answer() });
    render(SignIn);
    await screen.findByRole('group', { name: 'AWS profile' });
    expect(screen.queryByLabelText('MFA code')).toBeNull();

    await user.click(radio('mfa-admin'));
    const field = screen.getByLabelText('MFA code');
    expect(field).toHaveAccessibleDescription(`From the device ${serial}`);
    await user.type(field, '123456');
    await user.click(signInButton());
    expect(calls.at(-1)).toEqual({ cmd: 'sign_in', args: { profile: 'mfa-admin', mfaCode: '123456' } });
    await vi.waitFor(() => expect(field).toHaveFocus());
    expect(field).toHaveValue('');

    answer = () => identityFor('mfa-admin');
    await user.type(field, '654321');
    await user.click(signInButton());
    expect(calls.at(-1)).toEqual({ cmd: 'sign_in', args: { profile: 'mfa-admin', mfaCode: '654321' } });
    await screen.findByTestId('account-id');
  });
});
