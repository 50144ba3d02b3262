// What the browser tests share: a static server for web/dist on 127.0.0.1, Debian's Chromium
// driven by playwright-core with a fresh profile, and the CLI to compare answers with.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";

import { chromium } from "playwright-core";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const DIST = join(ROOT, "web/dist");
export const OUTPUT = join(ROOT, "web/test-output");
export const CHROMIUM = process.env.SMARTLIB_CHROMIUM ?? "/usr/bin/chromium";
export const CLI = process.env.SMARTLIB_CLI ?? join(ROOT, "target/debug/smartlib");

/** The flags Chromium needs on a closed network (and nothing it would fetch by itself). */
const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".png": "image/png",
  ".svg": "image/svg+xml",
};

/** Serves web/dist as any plain static host would; answers the port it listens on. */
export async function serve() {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url, "http://x").pathname);
    let file = normalize(join(DIST, path));
    if (!file.startsWith(DIST)) {
      response.writeHead(403).end();
      return;
    }
    try {
      if (statSync(file).isDirectory()) file = join(file, "index.html");
      const body = readFileSync(file);
      response.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" }).end(body);
    } catch {
      response.writeHead(404).end("not found");
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, origin: `http://127.0.0.1:${server.address().port}` };
}

/**
 * Chromium with a fresh user-data-dir. Every request, console error and page error of every
 * page is recorded, for the tests that check there are none to another origin and none at all.
 */
export async function browser() {
  const profile = mkdtempSync(join(tmpdir(), "smartlib-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    acceptDownloads: true,
    viewport: { width: 1280, height: 900 },
  });
  const seen = { requests: [], errors: [] };
  const watch = (page) => {
    page.on("request", (request) => seen.requests.push(request.url()));
    page.on("console", (message) => {
      if (message.type() === "error") seen.errors.push(`console: ${message.text()}`);
    });
    page.on("pageerror", (error) => seen.errors.push(`page: ${error.message}`));
  };
  context.pages().forEach(watch);
  context.on("page", watch);
  const close = async () => {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  };
  return { context, seen, close };
}

/** `smartlib assess --format json` for a profile, as the CLI's JSON. */
export function cliAssess(profile, work) {
  const file = join(work, "profile.json");
  writeFileSync(file, JSON.stringify(profile));
  return JSON.parse(execFileSync(CLI, ["assess", "--profile", file, "--format", "json"], { encoding: "utf8" }));
}

/** The default catalog as the CLI exports it. */
export function cliCatalog() {
  return JSON.parse(execFileSync(CLI, ["catalog", "--format", "json"], { encoding: "utf8" }));
}

export function scratch() {
  return mkdtempSync(join(tmpdir(), "smartlib-web-test-"));
}
