// lib/ipc for the Manage step's tests: the real module with every call Manage makes mocked.
// vi.mock is hoisted above imports, so each test file passes this through a dynamic import:
// vi.mock('../lib/ipc', async (actual) => (await import('../test/manage-ipc-mock')).manageIpc(actual)).
import { vi } from 'vitest';
import type * as ipc from '../lib/ipc';

export async function manageIpc(importActual: <T>() => Promise<T>) {
  const actual = await importActual<typeof ipc>();
  return {
    ...actual,
    manageableInstallations: vi.fn(),
    accessStatus: vi.fn(),
    accessWarnings: vi.fn(),
    accessAction: vi.fn(),
    tightenPreview: vi.fn(),
    accessAudit: vi.fn(),
    databaseCheck: vi.fn(),
    natAddresses: vi.fn(),
    deleteStacksPreview: vi.fn(),
    listProfiles: vi.fn(),
    signIn: vi.fn(),
  };
}
