// Builds the UI into the Python package (catalog/web/static), which ships it; `make web`.
// build-info.json records a hash of the sources so a test can tell when the committed
// assets are older than web/ (tests/unit/test_web_assets.py computes the same hash).
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { defineConfig, type Plugin } from "vite";

const ROOT = __dirname;
const SOURCES = ["index.html", "graphiql.html", "package.json", "package-lock.json",
  "tsconfig.json", "vite.config.ts", "public", "src"];

function files(path: string): string[] {
  if (statSync(path).isDirectory()) return readdirSync(path).flatMap((f) => files(join(path, f)));
  return [path];
}

export function sourceHash(): string {
  const hash = createHash("sha256");
  const all = SOURCES.flatMap((s) => files(join(ROOT, s)))
    .map((f) => relative(ROOT, f).split(sep).join("/")).sort();
  for (const rel of all) {
    hash.update(rel + "\0");
    hash.update(readFileSync(join(ROOT, rel)));
    hash.update("\0");
  }
  return hash.digest("hex");
}

function buildInfo(): Plugin {
  return {
    name: "build-info",
    generateBundle() {
      this.emitFile({ type: "asset", fileName: "build-info.json",
        source: JSON.stringify({ sources: sourceHash() }, null, 2) + "\n" });
    },
  };
}

export default defineConfig({
  base: "/",
  plugins: [buildInfo()],
  build: {
    outDir: "../catalog/web/static",
    emptyOutDir: true,
    assetsDir: "assets",
    sourcemap: false,
    // the polyfill only preloads chunks in old browsers; with two pages it would be a chunk
    // of its own that both share
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 3000, // Monaco, the editor of GraphiQL, is one 2.8 MB chunk
    // two pages: the UI, and GraphiQL (served at GET /graphql; React and Monaco stay out of
    // the UI's bundle)
    rollupOptions: {
      input: { index: join(ROOT, "index.html"), graphiql: join(ROOT, "graphiql.html") },
      onwarn(warning, warn) {
        // framer-motion's "use client" (for React servers) means nothing in a browser bundle
        if (warning.code !== "MODULE_LEVEL_DIRECTIVE") warn(warning);
      },
    },
  },
  server: {
    proxy: { "/graphql": "http://127.0.0.1:8080" },
  },
});
