// The Manage step's audit and database panels in jsdom with lib/ipc mocked: the CloudTrail
// timeline (filters sent, sessions, the calls grouped by source identity, regions read and
// failed), an unavailable CloudTrail that leaves the rest working, and the database check
// with the NAT addresses.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import * as ipc from '../lib/ipc';
import type { IpcError } from '../lib/ipc';
import { auditReport, recordFor } from '../test/fixtures';
import { expectNoSeriousViolations } from '../test/axe';
import { ACCOUNT, byId, resetManage, shown } from '../test/manage-harness';

vi.mock('../lib/ipc', async (importActual) => (await import('../test/manage-ipc-mock')).manageIpc(importActual));
const api = vi.mocked(ipc);

beforeEach(() => resetManage(api));
afterEach(() => vi.useRealTimers());

describe('Manage: audit and database', () => {
  it('shows the CloudTrail timeline with the filters sent', async () => {
    const user = userEvent.setup();
    api.accessAudit.mockResolvedValue(auditReport);
    await shown();
    expect((byId('audit-since') as HTMLInputElement).value).toBe('2026-11-24');
    await user.click(screen.getByLabelText('Errors only'));
    await user.click(byId('audit-run'));
    expect(api.accessAudit).toHaveBeenCalledWith('sandbox-demo', { since: '2026-11-24T00:00:00Z', errors_only: true });
    const tl = await screen.findByTestId('audit-timeline');
    const sessions = within(tl).getAllByTestId('audit-session');
    expect(sessions[0]).toHaveTextContent('vendor-ops');
    expect(within(sessions[0]).getByTestId('session-identity')).toHaveTextContent('alice@vendor');
    // Grouped by the person the vendor named (the source identity).
    const people = screen
      .getAllByTestId('audit-identity')
      .map((row) => [...row.querySelectorAll('td')].slice(0, 4).map((td) => td.textContent?.trim()));
    expect(people).toEqual([
      ['alice@vendor', '1', '2', '1'],
      ['(none named)', '0', '1', '0'],
    ]);
    expect(within(sessions[0]).getAllByTestId('audit-event').map((e) => e.dataset.error)).toEqual(['false', 'true']);
    // Local time, with the exact UTC moment on hover.
    expect(sessions[0].querySelector('time')).toHaveAttribute('title', '2026-11-30 08:00:00 UTC');
    expect(screen.getByTestId('audit-regions-read')).toHaveTextContent('CloudTrail read in 2 regions: eu-west-1, us-east-1');
    const failed = screen.getAllByTestId('audit-region-failed');
    expect(failed.map((f) => f.textContent)).toEqual(['ap-southeast-2: Access denied for cloudtrail:LookupEvents.']);
    await expectNoSeriousViolations();
  });

  it('says nothing failed when every region was read', async () => {
    const user = userEvent.setup();
    api.accessAudit.mockResolvedValue({ ...auditReport, regions_failed: [] });
    await shown();
    await user.click(byId('audit-run'));
    expect(await screen.findByTestId('audit-regions-read')).toHaveTextContent('eu-west-1, us-east-1');
    expect(screen.queryByTestId('audit-regions-failed')).toBeNull();
  });

  it('shows an unavailable CloudTrail with its hint, and the rest of the panel keeps working', async () => {
    const user = userEvent.setup();
    api.accessAudit.mockRejectedValue({ code: 'access_denied', message: 'CloudTrail is not available.', hint: 'The sandbox has no CloudTrail.' } satisfies IpcError);
    api.accessAction.mockResolvedValue(recordFor('always_open'));
    await shown();
    await user.click(byId('audit-run'));
    expect(await screen.findByTestId('audit-error')).toHaveTextContent('The sandbox has no CloudTrail.');
    await expectNoSeriousViolations();
    await user.click(byId('always-open-button'));
    await user.type(byId('confirm-account'), ACCOUNT);
    await user.click(byId('confirm-action'));
    expect((await screen.findByTestId('action-result')).dataset.action).toBe('always_open');
  });

  it('checks a database network for overlap, and lists the NAT addresses to allow', async () => {
    const user = userEvent.setup();
    api.databaseCheck.mockResolvedValue({
      input: '10.2.0.0/20',
      region: 'us-east-1',
      environment_cidr: '10.2.0.0/16',
      blocks: [{ cidr: '10.2.0.0/20', relation: 'contained_by' }],
      ok: false,
      message: '10.2.0.0/20 overlaps the environment.',
    });
    await shown();
    expect(screen.getAllByTestId('nat-address').map((e) => e.textContent)).toEqual(['198.51.100.10', '198.51.100.11']);
    await user.type(byId('database-input'), 'my-db');
    await user.click(byId('database-check-button'));
    expect(screen.getByText(/^Type a VPC ID/)).toBeInTheDocument();
    expect(api.databaseCheck).not.toHaveBeenCalled();
    await user.clear(byId('database-input'));
    await user.type(byId('database-input'), '10.2.0.0/20');
    await user.click(byId('database-check-button'));
    expect(api.databaseCheck).toHaveBeenCalledWith('sandbox-demo', '10.2.0.0/20');
    const result = await screen.findByTestId('database-result');
    expect(result.dataset.overlaps).toBe('true');
    expect(result).toHaveTextContent("10.2.0.0/20 lies inside the environment's 10.2.0.0/16");
    expect(result).toHaveTextContent('need blocks that do not overlap');
    await expectNoSeriousViolations();
  });
});
