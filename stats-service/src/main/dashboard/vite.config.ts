import { defineConfig } from 'vitest/config';

// The Maven build passes DASHBOARD_OUT_DIR (the stats service's target/classes/static); a build
// by hand lands in dist/. Asset names carry a content hash, which lets the service cache them.
export default defineConfig({
  build: {
    outDir: process.env.DASHBOARD_OUT_DIR ?? 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    chunkSizeWarningLimit: 600,
  },
  test: {
    include: ['src/**/*.test.ts'],
  },
});
