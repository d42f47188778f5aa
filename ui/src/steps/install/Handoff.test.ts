// The hand-off panel with lib/ipc mocked: it shows the engine's exact body,
// offers "Send to <vendor>" only when the invite has a callback, shows the
// vendor's answer or refusal as the engine reports it with the journaled
// attempts, and Manage's "send again" reads nothing until it is opened.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import Handoff from './Handoff.svelte';
import HandoffAgain from '../manage/HandoffAgain.svelte';
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

  it("shows a refusal as an error and the journal's attempts after it", async () => {
    const refused = {
      ...view('https://vendor.example/handoff'),
      attempts: [
        { attempt: 1, url: 'https://vendor.example/handoff', body_sha256: 'ab', started_at: '2026-12-01T10:00:00Z', finished_at: '2026-12-01T10:00:01Z', status: 422, answer: 'unknown installation', error: null },
      ],
    };
    api.handoff.mockResolvedValueOnce(view('https://vendor.example/handoff')).mockResolvedValueOnce(refused);
    api.sendHandoff.mockRejectedValue({ code: 'handoff_refused', message: 'Sandbox Vendor refused the hand-off (HTTP 422).', hint: 'Ask the vendor.' });
    render(Handoff, { installationId: 'sandbox-demo' });
    await userEvent.click(await screen.findByRole('button', { name: 'Send to Sandbox Vendor' }));
    expect(await screen.findByTestId('handoff-error')).toHaveTextContent('refused the hand-off (HTTP 422)');
    expect(screen.queryByTestId('handoff-sent')).toBeNull();
    const attempts = await screen.findAllByTestId('handoff-attempt');
    expect(attempts.map((a) => a.textContent)).toEqual([expect.stringContaining('HTTP 422 (unknown installation)')]);
  });

  it("Manage's send again reads the hand-off only once opened", async () => {
    api.handoff.mockResolvedValue(view('https://vendor.example/handoff'));
    render(HandoffAgain, { installationId: 'sandbox-demo' });
    expect(api.handoff).not.toHaveBeenCalled();
    await userEvent.click(screen.getByText('Send the hand-off again'));
    await screen.findByTestId('handoff-body');
    expect(api.handoff).toHaveBeenCalledWith('sandbox-demo');
  });

  it('offers no Send when the invite has no callback', async () => {
    api.handoff.mockResolvedValue(view(null));
    render(Handoff, { installationId: 'sandbox-demo' });
    await screen.findByTestId('handoff-body');
    expect(screen.queryByTestId('handoff-send')).toBeNull();
  });
});
