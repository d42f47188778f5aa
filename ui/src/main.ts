// Entry point: mounts the wizard and tells the back end when the first screen
// has painted (the start-up benchmark measures up to that call).
import { mount } from 'svelte';
import App from './App.svelte';
import { frontendReady } from './lib/ipc';
import './app.css';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');

const app = mount(App, { target });

// One frame to lay out and paint the first screen, a second to know it was shown.
requestAnimationFrame(() => {
  requestAnimationFrame(() => {
    frontendReady().catch((e: unknown) => console.warn('frontend_ready failed', e));
  });
});

export default app;
