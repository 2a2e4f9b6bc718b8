// Builds the UI into the Python package (catalog/web/static), which ships it; `make web`.
import { defineConfig } from "vite";

export default defineConfig({
  base: "/",
  build: {
    outDir: "../catalog/web/static",
    emptyOutDir: true,
    assetsDir: "assets",
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: { "/graphql": "http://127.0.0.1:8080" },
  },
});
