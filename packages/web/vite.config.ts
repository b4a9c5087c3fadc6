import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// public/ holds the shell the server shows before a build; static/ holds the files copied into dist.
export default defineConfig({
  plugins: [react()],
  publicDir: 'static',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 600,
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://localhost:8000', '/docs': 'http://localhost:8000' },
  },
});
