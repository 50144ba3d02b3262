// Vite builds the page into dist/: one HTML file, hashed JS and CSS, and the engine's .wasm
// as a file of its own (found through the glue's `new URL(..., import.meta.url)`). `base: "./"`
// keeps every path relative, so the site works from any folder of any static server.
import { defineConfig } from "vite";

export default defineConfig({
  base: "./",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // Never inline the .wasm as a data: URL; browsers fetch it as a file.
    assetsInlineLimit: 0,
    target: "es2022",
  },
  server: { fs: { allow: [".."] } },
});
