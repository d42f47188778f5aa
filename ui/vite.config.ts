// Build, dev-server and test configuration of the wizard window.
// Tauri embeds ui/dist (tauri.conf.json: frontendDist) and loads the dev server
// from http://localhost:5173 (devUrl), so the port must not drift.
/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';

export default defineConfig({
  // Relative asset URLs: the bundle is served from tauri://localhost, not a web root.
  base: './',
  plugins: [svelte(), svelteTesting()],
  clearScreen: false,
  server: {
    port: 5173,
    strictPort: true,
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The CSP allows no inline script; WebKitGTK supports modulepreload natively.
    modulePreload: { polyfill: false },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts'],
    setupFiles: ['./src/test/setup.ts'],
  },
});
