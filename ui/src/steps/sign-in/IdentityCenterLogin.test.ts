// The device login while it waits: the code shown large and copyable, the page opened by the
// back end for this login only, an open that fails without ending the login, Cancel.
import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import IdentityCenterLogin from './IdentityCenterLogin.svelte';
import { backend, deviceLogin } from '../../test/fixtures';
import { expectNoSeriousViolations } from '../../test/axe';

describe('IdentityCenterLogin', () => {
  it('shows the user code with a Copy button, the address and when the code stops working', async () => {
    backend({});
    render(IdentityCenterLogin, { login: deviceLogin, oncancel: () => {} });

    expect(screen.getByTestId('sso-user-code').textContent).toBe('WDDD-HRQK');
    expect(screen.getByRole('button', { name: 'Copy code' })).toBeInTheDocument();
    expect(screen.getByTestId('sso-verification-url').textContent).toBe(deviceLogin.verification_uri_complete);
    expect(screen.getByTestId('sso-expires-at').getAttribute('datetime')).toBe('2026-12-03T10:10:00.000Z');
    expect(screen.getByRole('status')).toHaveTextContent('Waiting for you to allow access…');
    await expectNoSeriousViolations();
  });

  it('asks the back end to open this login’s page, naming the login and no URL', async () => {
    const user = userEvent.setup();
    const calls = backend({ sso_open_page: () => null });
    render(IdentityCenterLogin, { login: deviceLogin, oncancel: () => {} });

    await user.click(screen.getByRole('button', { name: 'Open the sign-in page' }));

    expect(calls).toEqual([{ cmd: 'sso_open_page', args: { loginId: 'login-1' } }]);
    expect(await screen.findByText(/Opened in your browser/)).toBeInTheDocument();
  });

  it('keeps the code and address when no browser opens, and says why', async () => {
    const user = userEvent.setup();
    backend({
      sso_open_page: () => {
        throw { code: 'internal', message: 'no browser is set up', hint: null };
      },
    });
    render(IdentityCenterLogin, { login: deviceLogin, oncancel: () => {} });

    await user.click(screen.getByRole('button', { name: 'Open the sign-in page' }));

    expect(await screen.findByTestId('sso-open-failed')).toHaveTextContent(
      'Could not open your browser (no browser is set up). Open this address yourself:',
    );
    expect(screen.getByTestId('sso-user-code').textContent).toBe('WDDD-HRQK');
    expect(screen.getByTestId('sso-verification-url').textContent).toBe(deviceLogin.verification_uri_complete);
    expect(screen.getByRole('button', { name: 'Open the sign-in page' })).toBeEnabled();
  });

  it('Cancel tells the caller; while cancelling the buttons wait', async () => {
    const user = userEvent.setup();
    backend({});
    const oncancel = vi.fn();
    const view = render(IdentityCenterLogin, { login: deviceLogin, oncancel });

    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(oncancel).toHaveBeenCalledOnce();

    await view.rerender({ login: deviceLogin, oncancel, cancelling: true });
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Open the sign-in page' })).toBeDisabled();
    expect(screen.getByRole('status')).toHaveTextContent('Cancelling…');
  });
});
