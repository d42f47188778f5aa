// Start-up: the window tells the back end it is ready only after the first
// screen has painted (two animation frames), and only once.
import { afterEach, expect, it, vi } from 'vitest';
import { unmount } from 'svelte';
import { backend, profileList } from './test/fixtures';

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

it('calls frontend_ready once, after two animation frames', async () => {
  const frames: FrameRequestCallback[] = [];
  vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => frames.push(cb));
  const calls = backend({
    app_info: () => ({ version: '0.1.0', endpoints: [], journal_path: '/j', journal_problem: null }),
    list_profiles: () => profileList,
    frontend_ready: () => null,
    watch_launches: () => null,
  });
  document.body.innerHTML = '<div id="app"></div>';

  const { default: app } = await import('./main');
  const ready = () => calls.filter((c) => c.cmd === 'frontend_ready').length;

  expect(document.querySelector('button[data-step="sign-in"]')).not.toBeNull();
  expect(ready()).toBe(0);
  frames.shift()!(0);
  expect(ready()).toBe(0);
  frames.shift()!(16);
  await vi.waitFor(() => expect(ready()).toBe(1));
  expect(frames).toHaveLength(0);
  unmount(app);
});
