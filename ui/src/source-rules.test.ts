// Rules the code must keep that no type checker sees: only lib/ipc.ts talks
// to Tauri, and nothing relies on what the app's CSP forbids
// (default-src 'self': no inline scripts, no style="..." attributes, no CDNs).
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const src = join(root, 'src');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)],
  );
}

const appFiles = files(src)
  .filter((f) => /\.(ts|svelte|css)$/.test(f) && !/\.test\.ts$/.test(f) && !f.includes(`${join('src', 'test')}`))
  .map((f) => ({ path: relative(root, f), text: readFileSync(f, 'utf8') }));

describe('source rules', () => {
  it('finds the app sources', () => {
    expect(appFiles.map((f) => f.path)).toContain(join('src', 'lib', 'ipc.ts'));
    expect(appFiles.length).toBeGreaterThan(10);
  });

  it('only src/lib/ipc.ts imports @tauri-apps/*', () => {
    const importers = appFiles.filter((f) => /from\s+['"]@tauri-apps\/|import\(\s*['"]@tauri-apps\//.test(f.text));
    expect(importers.map((f) => f.path)).toEqual([join('src', 'lib', 'ipc.ts')]);
  });

  it('has no inline style attributes in markup', () => {
    const offenders = appFiles.filter((f) => f.path.endsWith('.svelte') && /\sstyle\s*=/.test(f.text));
    expect(offenders.map((f) => f.path)).toEqual([]);
  });

  it('loads nothing from other origins', () => {
    const offenders = appFiles.filter((f) => /url\(\s*['"]?https?:|@import\s+['"]?https?:|src=["']https?:/.test(f.text));
    expect(offenders.map((f) => f.path)).toEqual([]);
  });

  it('index.html has no inline script or style', () => {
    const html = readFileSync(join(root, 'index.html'), 'utf8');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts).toHaveLength(1);
    expect(scripts[0][1]).toMatch(/src=/);
    expect(scripts[0][2].trim()).toBe('');
    expect(html).not.toMatch(/<style\b|\sstyle\s*=/);
  });
});
