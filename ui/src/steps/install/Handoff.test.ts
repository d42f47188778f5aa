// The hand-off panel with lib/ipc mocked: it shows the engine's exact body,
// offers "Send to <vendor>" only when the invite has a callback, and shows the
// vendor's answer or refusal as the engine reports it.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import Handoff from './Handoff.svelte';
import * as ipc from '../../lib/ipc';

vi.mock('../../lib/ipc', async (importActual) => {
  const actual = await importActual<typeof import('../../lib/ipc')>();
  return { ...actual, handoff: vi.fn(), sendHandoff: vi.fn(), exportHandoff: vi.fn() };
});
const api = vi.mocked(ipc);

const body = '{\n  "version": 1,\n  "installation_id": "sandbox-demo"\n}';
function view(callback: string | null) {
  return {
    document: {} as never,
    body,
    vendor_name: 'Sandbox Vendor',
    callback,
    attempts: [],
  };
}

beforeEach(() => {
  vi.resetAllMocks();
});

describe('the hand-off panel', () => {
  it('shows the exact body and sends it to the vendor, then the answer', async () => {
    api.handoff.mockResolvedValue(view('https://vendor.example/handoff'));
    api.sendHandoff.mockResolvedValue({ url: 'https://vendor.example/handoff', status: 201, answer: 'thanks', attempts: 3 });
    render(Handoff, { installationId: 'sandbox-demo' });
    expect((await screen.findByTestId('handoff-body')).textContent).toBe(body);
    await userEvent.click(screen.getByRole('button', { name: 'Send to Sandbox Vendor' }));
    const sent = await screen.findByTestId('handoff-sent');
    expect(sent.textContent).toContain('HTTP 201, after 3 attempts');
    expect(sent.textContent).toContain('thanks');
    expect(api.sendHandoff).toHaveBeenCalledWith('sandbox-demo');
  });

  it('offers no Send when the invite has no callback', async () => {
    api.handoff.mockResolvedValue(view(null));
    render(Handoff, { installationId: 'sandbox-demo' });
    await screen.findByTestId('handoff-body');
    expect(screen.queryByTestId('handoff-send')).toBeNull();
  });
});
