// Ready's summary in jsdom with lib/ipc mocked: it leads with who has what
// access, what the vendor needs (each value copyable), the
// vendor's access read live from the engine (after a cut off it never says the
// vendor can use the role), what happens next, and the console URLs exactly as
// the engine built them.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import ReadyBanner from './ReadyBanner.svelte';
import * as ipc from '../../lib/ipc';
import { ROLE_ARN, readySummaryFor } from '../../test/fixtures';
import { expectNoSeriousViolations } from '../../test/axe';

vi.mock('../../lib/ipc', async (importActual) => {
  const actual = await importActual<typeof import('../../lib/ipc')>();
  return { ...actual, readySummary: vi.fn() };
});
const api = vi.mocked(ipc);

const outputs = [
  { stack: 'private-deploy-access-sandbox-demo', key: 'RoleArn', value: ROLE_ARN },
  { stack: 'private-deploy-env-sandbox-demo', key: 'VpcId', value: 'vpc-0abc' },
];

beforeEach(() => {
  vi.resetAllMocks();
  api.readySummary.mockResolvedValue(readySummaryFor());
});

afterEach(() => {
  vi.useRealTimers();
});

async function shown() {
  render(ReadyBanner, { outputs, installationId: 'sandbox-demo', onmanage: () => {} });
  return screen.findByTestId('ready-headline');
}

describe('Ready: the summary comes first', () => {
  it('names who has what access, the ARN and External ID, the access now and the next steps; outputs are under a disclosure', async () => {
    const headline = await shown();
    expect(api.readySummary).toHaveBeenCalledWith('sandbox-demo');
    expect(headline).toHaveTextContent('Sandbox Vendor (AWS account 210987654321) has administrator access');
    expect(screen.getByTestId('ready-role-arn').textContent).toBe(ROLE_ARN);
    expect(screen.getByTestId('ready-external-id').textContent).toBe('pd-sandbox-demo-0001');
    const access = screen.getByTestId('ready-access');
    expect(access.dataset.kind).toBe('open_until');
    expect(access).toHaveTextContent('Open until 2026-12-01 14:00 UTC');
    expect(screen.getByTestId('ready-next').querySelectorAll('li')).toHaveLength(2);
    expect(screen.getByTestId('ready-usable')).toHaveTextContent('usable once Sandbox Vendor has deployed it');
    // The summary is before the raw outputs, which sit in a closed <details>.
    const details = screen.getByTestId('install-outputs').closest('details')!;
    expect(details.open).toBe(false);
    expect(headline.compareDocumentPosition(details) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    await expectNoSeriousViolations();
  });

  it('shows the console URLs the engine built, one per stack, the role and the VPC, unchanged', async () => {
    await shown();
    const links = within(screen.getByTestId('console-links')).getAllByTestId('console-link');
    expect(links.map((l) => l.dataset.target)).toEqual(['access_stack', 'environment_stack', 'role', 'vpc']);
    for (const [i, link] of readySummaryFor().console_links.entries()) {
      expect(within(links[i]).getByText(link.url, { selector: 'code' })).toBeInTheDocument();
      expect(links[i]).toHaveTextContent(link.label);
    }
  });

  it('after a cut off says the access is cut off and never that the vendor can use the role', async () => {
    api.readySummary.mockResolvedValue(readySummaryFor({ kind: 'cut_off', at: '2026-12-01T09:30:00Z' }));
    await shown();
    const access = screen.getByTestId('ready-access');
    expect(access.dataset.kind).toBe('cut_off');
    expect(access.dataset.tone).toBe('closed');
    expect(access).toHaveTextContent('Cut off 2026-12-01 09:30 UTC');
    const summary = screen.getByTestId('ready-summary');
    expect(summary.textContent).not.toMatch(/can (now )?use the role/);
    expect(screen.getByTestId('install-ready').textContent).not.toMatch(/can (now )?use the role/);
  });

  it('re-reads the access on demand: a cut off made in Manage shows without leaving Ready', async () => {
    const user = userEvent.setup();
    await shown();
    expect(screen.getByTestId('ready-access').dataset.kind).toBe('open_until');
    api.readySummary.mockResolvedValue(readySummaryFor({ kind: 'closed', since: '2026-12-01T10:05:00Z' }));
    await user.click(screen.getByTestId('ready-reread'));
    await vi.waitFor(() => expect(screen.getByTestId('ready-access').dataset.kind).toBe('closed'));
    expect(screen.getByTestId('ready-access')).toHaveTextContent('Closed since 2026-12-01 10:05 UTC');
    expect(api.readySummary).toHaveBeenCalledTimes(2);
  });

  it('a summary that cannot be read says so with Try again, and claims nothing about the access', async () => {
    const user = userEvent.setup();
    api.readySummary.mockRejectedValueOnce({ code: 'network', message: 'AWS could not be reached.', hint: null });
    render(ReadyBanner, { outputs, installationId: 'sandbox-demo' });
    const again = await screen.findByTestId('ready-error');
    expect(screen.getByTestId('install-ready').textContent).not.toMatch(/can (now )?use the role/);
    await user.click(again);
    expect(await screen.findByTestId('ready-headline')).toBeInTheDocument();
  });
});
