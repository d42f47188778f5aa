// The failure panel of an environment that rolled back while the access stack
// stands: it says the vendor's role exists and closes its access (Manage's
// Cut off) after the account ID is typed; without a live role it offers no such thing.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import * as ipc from '../../lib/ipc';
import FailureBox from './FailureBox.svelte';
import { expectNoSeriousViolations } from '../../test/axe';
import { recordFor } from '../../test/fixtures';

vi.mock('../../lib/ipc', async (importActual) => {
  const actual = await importActual<typeof import('../../lib/ipc')>();
  return { ...actual, accessAction: vi.fn(), deleteStacksPreview: vi.fn() };
});
const api = vi.mocked(ipc);

const failure = {
  stack: 'private-deploy-env-sandbox-demo',
  rootCause: {
    stack_name: 'private-deploy-env-sandbox-demo',
    logical_id: 'Vpc',
    resource_type: 'AWS::EC2::VPC',
    reason: 'The CIDR is invalid',
  },
  rollbackStatus: 'ROLLBACK_COMPLETE',
  health: 'failed_create' as const,
  hint: null,
};

function show(accessLive: boolean, onaccessclosed = vi.fn()) {
  render(FailureBox, {
    failure,
    account: '123456789012',
    busy: false,
    onretry: vi.fn(),
    oncleanup: vi.fn(),
    installationId: 'sandbox-demo',
    accessLive,
    onaccessclosed,
  });
  return onaccessclosed;
}

beforeEach(() => vi.resetAllMocks());

describe('FailureBox with the access stack standing', () => {
  it("says the vendor's role exists and closes its access once the account ID is typed", async () => {
    const user = userEvent.setup();
    api.accessAction.mockResolvedValue(recordFor('cut_off'));
    const closed = show(true);
    expect(screen.getByTestId('access-live')).toHaveTextContent("The vendor's role exists.");
    expect(screen.getByTestId('retry-button')).toBeInTheDocument();
    expect(screen.getByTestId('cleanup-button')).toBeInTheDocument();
    await expectNoSeriousViolations();
    await user.click(screen.getByTestId('close-access-button'));
    expect(screen.getByTestId('close-access-confirm')).toBeDisabled();
    await user.type(screen.getByTestId('close-access-account'), '123456789012');
    await user.click(screen.getByTestId('close-access-confirm'));
    expect(await screen.findByTestId('close-access-done')).toHaveTextContent('closed');
    expect(api.accessAction).toHaveBeenCalledWith('sandbox-demo', { kind: 'cut_off' }, '123456789012');
    expect(closed).toHaveBeenCalledOnce();
  });

  it('offers nothing about the role when none stands', () => {
    show(false);
    expect(screen.queryByTestId('access-live')).toBeNull();
    expect(screen.queryByTestId('close-access-button')).toBeNull();
  });
});
