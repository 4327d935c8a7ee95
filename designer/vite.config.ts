import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const designerRoot = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
/** Where `switchyard serve` listens by default; `vite dev` forwards the API there. */
const runtime = 'http://127.0.0.1:8080';

// Run from the repo root: `vite build designer` (output in designer/dist, which the runtime serves at `/`)
// or `vite designer` for a dev server next to a running `switchyard serve`.
export default defineConfig({
  root: designerRoot,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        // Libraries change less often than the designer, so they get chunks of their own (cached across releases).
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            { name: 'vendor', test: /node_modules[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    proxy: { '/api': runtime, '/health': runtime },
    // The designer imports the browser-safe block catalog from ../schemas.
    fs: { allow: [repoRoot] },
  },
});
