// Shared set-up for the browser tests: a project built with the policyscope
// binary from the fixture corpus, the server, and headless Chromium.
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { before, after } from "node:test";

export const here = dirname(fileURLToPath(import.meta.url));
export const artifacts = join(here, "artifacts");
const bin = process.env.POLICYSCOPE_BIN || join(here, "..", "target", "debug", "policyscope");

/** Runs the CLI on a project and returns stdout (JSON parsed if asked). */
export function cli(project, args, { json = false } = {}) {
  const out = execFileSync(bin, ["--project", project, "--quiet", ...(json ? ["--json"] : []), ...args], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  return json ? JSON.parse(out) : out;
}

/** A fresh project: the fixture documents imported, auto-coded and snowballed from one seed. */
export function makeProject() {
  const dir = mkdtempSync(join(tmpdir(), "policyscope-e2e-"));
  const project = join(dir, "project");
  cli(project, ["import", "--init", join(here, "fixtures", "docs")]);
  cli(project, ["code", "run", "--codebook", join(here, "fixtures", "codebook.toml")]);
  cli(project, ["snowball", "--seed", "measures-2023.md"]);
  return { dir, project, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Starts `policyscope serve` on a free loopback port; resolves to {url, stop}. */
export function serve(project) {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, ["--project", project, "serve", "--bind", "127.0.0.1:0"], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "", err = "";
    const timer = setTimeout(() => { child.kill(); reject(new Error("server did not start: " + err)); }, 30000);
    child.stderr.on("data", (d) => { err += d; });
    child.stdout.on("data", (d) => {
      out += d;
      const m = out.match(/http:\/\/127\.0\.0\.1:\d+\//);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[0], stop: () => child.kill() });
      }
    });
    child.on("exit", (code) => { clearTimeout(timer); reject(new Error(`server exited ${code}: ${err}`)); });
  });
}

/** Headless Chromium (the system's), with flags that work as root in containers;
 * playwright gives it a fresh temporary profile. */
export async function browser() {
  const b = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
  });
  return { browser: b, close: () => b.close() };
}

/** Makes `page` review as `name`: the app asks for a person's name once per
 * browser and keeps it in localStorage, which a fresh page does not have. */
export async function asReviewer(page, name) {
  await page.addInitScript((n) => localStorage.setItem("policyscope.reviewer", n), name);
}

/** Collects console errors, page errors, failed requests and dialogs of a page. */
export function watch(page) {
  const problems = [];
  page.on("console", (m) => { if (m.type() === "error") problems.push("console: " + m.text()); });
  page.on("pageerror", (e) => problems.push("pageerror: " + e.message));
  page.on("requestfailed", (r) => problems.push("requestfailed: " + r.url()));
  page.on("dialog", (d) => { problems.push("dialog: " + d.message()); d.dismiss(); });
  return problems;
}

/** Polls `check` (an async function returning truthy when done) from node;
 * page-side polling would need eval, which the app's CSP forbids. */
export async function until(check, what = "condition", timeout = 10000) {
  const end = Date.now() + timeout;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > end) throw new Error("timed out waiting for " + what);
    await new Promise((r) => setTimeout(r, 50));
  }
}

// The common set-up of a spec: the example project (made ready by `prepare`,
// if given, before it is served), the app serving it and a browser; torn down
// after the spec. Its fields (`env`, `server`, `chrome`) are set before the
// first test runs.
export function servedProject(prepare) {
  const app = {};
  before(async () => {
    app.env = makeProject();
    if (prepare) await prepare(app.env);
    app.server = await serve(app.env.project);
    app.chrome = await browser();
  });
  after(async () => {
    if (app.chrome) await app.chrome.close();
    if (app.server) app.server.stop();
    if (app.env) app.env.cleanup();
  });
  return app;
}

