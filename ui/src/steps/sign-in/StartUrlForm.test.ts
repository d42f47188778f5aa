// The start URL and region form: both needed, trimmed, and kept when the admin starts again.
import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import StartUrlForm from './StartUrlForm.svelte';
import { expectNoSeriousViolations } from '../../test/axe';

const submit = () => screen.getByRole('button', { name: 'Sign in with this start URL' });

describe('StartUrlForm', () => {
  it('needs both fields, then sends them trimmed', async () => {
    const user = userEvent.setup();
    const onsubmit = vi.fn();
    render(StartUrlForm, { onsubmit });
    expect(submit()).toBeDisabled();

    await user.type(screen.getByLabelText('AWS access portal URL'), '  https://acme.awsapps.com/start ');
    expect(submit()).toBeDisabled();
    await user.type(screen.getByLabelText('Identity Center region'), 'eu-west-1 ');
    await user.click(submit());

    expect(onsubmit).toHaveBeenCalledExactlyOnceWith('https://acme.awsapps.com/start', 'eu-west-1');
    await expectNoSeriousViolations();
  });

  it('starts from what was typed before', () => {
    render(StartUrlForm, { onsubmit: () => {}, startUrl: 'https://acme.awsapps.com/start', ssoRegion: 'eu-west-1' });
    expect(screen.getByLabelText('AWS access portal URL')).toHaveValue('https://acme.awsapps.com/start');
    expect(screen.getByLabelText('Identity Center region')).toHaveValue('eu-west-1');
    expect(submit()).toBeEnabled();
  });

  it('sends nothing while disabled', async () => {
    const onsubmit = vi.fn();
    render(StartUrlForm, { onsubmit, disabled: true, startUrl: 'https://a.awsapps.com/start', ssoRegion: 'us-east-1' });
    expect(submit()).toBeDisabled();
    expect(screen.getByLabelText('AWS access portal URL')).toBeDisabled();
  });
});
