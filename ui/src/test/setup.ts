// Shared Vitest setup: DOM matchers, and a clean Tauri IPC mock for every test.
import '@testing-library/jest-dom/vitest';
import { afterEach } from 'vitest';
import { clearMocks } from './ipc/mocks';

afterEach(() => {
  clearMocks();
});
