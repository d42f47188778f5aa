// The one place the tests reach Tauri's IPC mocks: the app talks to Tauri only through
// src/lib/ipc.ts, and its tests replace that boundary through this module. The mock is told
// the command names Rust declares (bindings.ts), so a test that mocks or looks for a command
// that does not exist fails the type check.
import { clearMocks, mockIPC as tauriMockIPC } from '@tauri-apps/api/mocks';
import type { CommandName } from '../../lib/bindings';

export { clearMocks };

export function mockIPC(reply: (cmd: CommandName, args: Record<string, unknown>) => unknown): void {
  tauriMockIPC((cmd, args) => reply(cmd as CommandName, (args ?? {}) as Record<string, unknown>));
}
