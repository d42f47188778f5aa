// The consent before writing the config file: the engine's text shown byte for byte, then
// save or session-only; a preview that fails still leaves session-only.
import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import SaveProfileConsent from './SaveProfileConsent.svelte';
import { backend, ssoChoice, ssoPreview } from '../../test/fixtures';
import { expectNoSeriousViolations } from '../../test/axe';

describe('SaveProfileConsent', () => {
  it('shows the exact text that would be appended, where, and under which profile name', async () => {
    const calls = backend({ sso_config_preview: () => ssoPreview });
    render(SaveProfileConsent, { choice: ssoChoice, onconfirm: () => {} });

    const text = await screen.findByTestId('sso-config-text');
    // textContent, not a matcher that normalizes whitespace: the blank lines count too.
    expect(text.textContent).toBe(ssoPreview.text);
    expect(screen.getByTestId('sso-config-file').textContent).toBe('/home/alice/.aws/config');
    expect(screen.getByTestId('sso-profile-name').textContent).toBe('Production-AdministratorAccess');
    expect(calls).toEqual([{ cmd: 'sso_config_preview', args: { choice: ssoChoice } }]);
    await expectNoSeriousViolations();
  });

  it('"Save this profile" and "Use for this session only" tell the caller which', async () => {
    const user = userEvent.setup();
    backend({ sso_config_preview: () => ssoPreview });
    const onconfirm = vi.fn();
    render(SaveProfileConsent, { choice: ssoChoice, onconfirm });
    await screen.findByTestId('sso-config-text');

    await user.click(screen.getByRole('button', { name: 'Save this profile' }));
    await user.click(screen.getByRole('button', { name: 'Use for this session only' }));
    expect(onconfirm.mock.calls).toEqual([[true], [false]]);
  });

  it('without a preview, saving is not offered but the session-only sign-in is', async () => {
    const user = userEvent.setup();
    backend({
      sso_config_preview: () => {
        throw { code: 'profile_config', message: 'The AWS config file could not be read.', hint: null };
      },
    });
    const onconfirm = vi.fn();
    render(SaveProfileConsent, { choice: ssoChoice, onconfirm });

    expect(await screen.findByRole('alert')).toHaveTextContent('The AWS config file could not be read.');
    expect(screen.getByRole('button', { name: 'Save this profile' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Use for this session only' }));
    expect(onconfirm).toHaveBeenCalledExactlyOnceWith(false);
  });

  it('both buttons wait while the sign-in is on its way', async () => {
    backend({ sso_config_preview: () => ssoPreview });
    render(SaveProfileConsent, { choice: ssoChoice, onconfirm: () => {}, busy: true });
    await screen.findByTestId('sso-config-text');
    expect(screen.getByRole('button', { name: 'Save this profile' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Use for this session only' })).toBeDisabled();
  });
});
