// Builds the React views (overlay, tablet, review, capture...) as a multi-page app into
// dist/renderer. Every renderer/*.html is one page; the engine server and Electron serve them.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, 'renderer');
const pages = Object.fromEntries(
  readdirSync(root).filter((f) => f.endsWith('.html')).map((f) => [f.replace(/\.html$/, ''), resolve(root, f)]),
);

export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  build: { outDir: resolve(import.meta.dirname, 'dist/renderer'), emptyOutDir: true, rollupOptions: { input: pages } },
});
