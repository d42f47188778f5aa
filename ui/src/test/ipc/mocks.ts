// The one place the tests reach Tauri's IPC mocks: the app talks to Tauri only through
// src/lib/ipc.ts, and its tests replace that boundary through this module.
export { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
