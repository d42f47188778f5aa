// The Manage step's shared test set-up, with lib/ipc mocked by the test file (vi.mock must
// stay in each file): the status read at 10:00 with the window open until 14:00, one ready
// installation, and the step shown for the sandbox account.
import { vi, type MockedObject } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import Manage from '../steps/Manage.svelte';
import type * as ipc from '../lib/ipc';
import { accessStatusFor, accessWarnings, deletionPreviewFor, natAddressList, ready } from './fixtures';

export const ACCOUNT = '123456789012';
export const byId = (id: string) => screen.getByTestId(id);

export function resetManage(api: MockedObject<typeof ipc>) {
  vi.resetAllMocks();
  // Only the clock: the status was read at 10:00, the window ends at 14:00.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-12-01T10:00:00Z'));
  api.manageableInstallations.mockResolvedValue([ready]);
  api.accessStatus.mockResolvedValue(accessStatusFor());
  api.accessWarnings.mockResolvedValue(accessWarnings);
  api.natAddresses.mockResolvedValue(natAddressList);
  api.deleteStacksPreview.mockResolvedValue(deletionPreviewFor());
}

export async function shown() {
  render(Manage, { account: ACCOUNT });
  return screen.findByTestId('manage-status');
}
