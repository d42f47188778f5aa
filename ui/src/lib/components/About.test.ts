// About: the version and journal, "Check for updates" with what changed, installing a signed
// update in place or opening the download page, and a refused update's message on screen.
import { afterEach, describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import About from './About.svelte';
import type { AppInfo, IpcError, UpdateOffer } from '../bindings';
import { clearMocks, mockIPC } from '../../test/ipc/mocks';

const info: AppInfo = { version: '0.1.0', endpoints: [], journal_path: '/home/a/journal.sqlite3', journal_problem: null };
const offer: UpdateOffer = {
  current_version: '0.1.0',
  version: '0.2.0',
  notes: 'Faster discovery.',
  published: '2026-12-01T10:00:00Z',
  install: 'in_app',
  download_page: 'https://github.com/private-deploy/private-deploy/releases',
};

afterEach(() => clearMocks());

describe('About', () => {
  it('shows the version and journal, finds an update and installs it', async () => {
    const calls: { cmd: string; args: unknown }[] = [];
    mockIPC((cmd, args) => {
      calls.push({ cmd, args });
      return cmd === 'check_for_update' ? offer : null;
    });
    render(About, { info, offer: null, onclose: () => {} });
    expect(screen.getByTestId('about-version').textContent).toBe('0.1.0');
    expect(screen.getByText('/home/a/journal.sqlite3')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Check for updates' }));
    expect((await screen.findByTestId('update-offer')).textContent).toContain('Version 0.2.0 is available');
    expect(screen.getByTestId('update-notes').textContent).toBe('Faster discovery.');
    await userEvent.click(screen.getByRole('button', { name: 'Install and restart' }));
    const updates = calls.filter((c) => c.cmd !== 'diagnostics');
    expect(updates.map((c) => c.cmd)).toEqual(['check_for_update', 'install_update']);
    expect(updates[0].args).toEqual({ automatic: false });
  });

  it('says when this is the latest version', async () => {
    mockIPC(() => null);
    render(About, { info, offer: null, onclose: () => {} });
    await userEvent.click(screen.getByRole('button', { name: 'Check for updates' }));
    expect((await screen.findByTestId('up-to-date')).textContent).toContain('latest version');
  });

  it('links to the download page when the copy cannot be updated in place', async () => {
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
      return null;
    });
    render(About, { info, offer: { ...offer, install: 'download' }, onclose: () => {} });
    expect(screen.queryByRole('button', { name: 'Install and restart' })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Open the download page' }));
    expect(calls.filter((c) => c !== 'diagnostics')).toEqual(['open_download_page']);
  });

  it('shows a refused update as an error that says nothing was installed', async () => {
    const refused: IpcError = {
      code: 'update_refused',
      message: 'The update was refused and nothing was installed: the update\'s signature does not match the release key, so it may have been tampered with.',
      hint: 'Keep using this version.',
    };
    mockIPC((cmd) => {
      if (cmd === 'install_update') throw refused;
      return null;
    });
    render(About, { info, offer, onclose: () => {} });
    await userEvent.click(screen.getByRole('button', { name: 'Install and restart' }));
    const error = await screen.findByTestId('error');
    expect(error.dataset.code).toBe('update_refused');
    expect(error.textContent).toContain('nothing was installed');
  });
});
