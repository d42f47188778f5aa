// About's keys and diagnostics: each trusted key with where it comes from, a key file's
// problem shown, and "Copy diagnostics" copying the engine's report as it is.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import AboutKeys from './AboutKeys.svelte';
import type { Diagnostics } from '../bindings';
import { clearMocks, mockIPC } from '../../test/ipc/mocks';

const report: Diagnostics = {
  version: '0.1.0',
  os: 'linux x86_64',
  sandbox_build: true,
  shell: 'Tauri 2.9.0, web view 2.48',
  endpoints: [],
  trusted_keys: [
    {
      key_id: 'popsql-2026',
      vendor_name: 'PopSQL',
      vendor_account_ids: ['111122223333', '444455556666'],
      source: 'built_in',
      source_text: 'built into this app',
      fingerprint: '0123456789abcdef',
    },
    { key_id: 'staging-1', vendor_name: 'PopSQL', vendor_account_ids: ['111122223333'], source: 'local', source_text: 'trusted on this computer only (PRIVATE_DEPLOY_VENDOR_KEYS)', fingerprint: 'fedcba9876543210' },
  ],
  trusted_keys_problem: null,
  journal_path: '/home/a/journal.sqlite3',
  journal_schema: 9,
  journal_schema_supported: 10,
  journal_problem: null,
  recent_failures: [],
  text: 'Private Deploy 0.1.0 (sandbox build)\nOS: linux x86_64\n',
};

afterEach(() => {
  clearMocks();
  vi.unstubAllGlobals();
});

describe('AboutKeys', () => {
  it('lists each key with its accounts and where it comes from', async () => {
    mockIPC((cmd) => (cmd === 'diagnostics' ? report : null));
    render(AboutKeys);
    const list = await screen.findByTestId('about-keys');
    const items = list.querySelectorAll('li');
    expect(items[0].getAttribute('data-source')).toBe('built_in');
    expect(items[0].textContent).toContain('accounts 111122223333, 444455556666; built into this app');
    expect(items[1].textContent).toContain('trusted on this computer only');
    expect(screen.getByTestId('about-journal-schema').textContent).toContain('Journal schema 9 (this version writes 10)');
  });

  it('says when no key is trusted, and shows a key file that cannot be used', async () => {
    mockIPC((cmd) =>
      cmd === 'diagnostics'
        ? { ...report, trusted_keys: [], trusted_keys_problem: 'the vendor keys in /k.json cannot be used' }
        : null,
    );
    render(AboutKeys);
    expect((await screen.findByTestId('about-no-keys')).textContent).toContain('no invite will show as verified');
    expect(screen.getByRole('alert').textContent).toContain('/k.json');
  });

  it('copies the engine report as it is', async () => {
    const writeText = vi.fn(async () => {});
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    mockIPC((cmd) => (cmd === 'diagnostics' ? report : null));
    render(AboutKeys);
    await userEvent.click(await screen.findByTestId('copy-diagnostics'));
    expect(writeText).toHaveBeenCalledWith(report.text);
    expect(await screen.findByText(/Copied: paste it into your support ticket/)).toBeTruthy();
  });
});
