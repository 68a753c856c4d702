// The static report opened from file:// in headless Chromium: every page
// loads without console errors or failed requests, and makes no request
// outside its folder.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { artifacts, browser, cli, makeProject, watch } from "./helpers.mjs";

let env, chrome, site;

before(async () => {
  env = makeProject();
  site = join(env.dir, "site");
  cli(env.project, ["report", "--out", site]);
  chrome = await browser();
});

after(async () => {
  if (chrome) await chrome.close();
  if (env) env.cleanup();
});

/** The pages of a site: the top-level ones, every code page, and up to `maxDocs` document pages. */
function pagesOf(site, maxDocs) {
  const pages = ["index.html", "table.html", "charts.html", "graph.html", "docs/index.html", "codes/index.html"];
  for (const f of readdirSync(join(site, "docs")).filter((f) => f !== "index.html").slice(0, maxDocs)) pages.push("docs/" + f);
  for (const f of readdirSync(join(site, "codes"))) pages.push("codes/" + f);
  return pages;
}

async function openAll(site, pages, shots) {
  const page = await chrome.browser.newPage({ viewport: { width: 1300, height: 900 } });
  const problems = watch(page);
  const outside = [];
  page.on("request", (r) => { if (!r.url().startsWith(pathToFileURL(site).href) && !r.url().startsWith("data:")) outside.push(r.url()); });
  for (const p of pages) {
    await page.goto(pathToFileURL(join(site, p)).href);
    assert.ok((await page.title()).length > 0, p);
  }
  if (shots) {
    await page.goto(pathToFileURL(join(site, "graph.html")).href);
    await page.screenshot({ path: join(artifacts, shots + "-graph.png") });
    await page.goto(pathToFileURL(join(site, "table.html")).href);
    await page.screenshot({ path: join(artifacts, shots + "-table.png"), fullPage: true });
  }
  assert.deepEqual(problems, []);
  assert.deepEqual(outside, []);
  await page.close();
}

test("every page of the report opens without errors", async () => {
  await openAll(site, pagesOf(site, Infinity), "report");
});

test("printing drops the navigation and keeps tables and figures", async () => {
  const page = await chrome.browser.newPage();
  await page.goto(pathToFileURL(join(site, "table.html")).href);
  await page.emulateMedia({ media: "print" });
  assert.equal(await page.$eval("header.site", (h) => getComputedStyle(h).display), "none");
  assert.ok(await page.$eval("table.table4", (t) => t.getBoundingClientRect().height > 0));
  await page.pdf({ path: join(artifacts, "report-table.pdf"), format: "A4" });
  await page.close();
});

// A report built elsewhere, e.g. from the whole laws corpus:
// POLICYSCOPE_E2E_SITE=/path/to/report ./run.sh
// It fails, rather than skips, when the variable is missing: the suite must not pass on less than it claims.
test("an external report opens without errors", async () => {
  const ext = process.env.POLICYSCOPE_E2E_SITE;
  assert.ok(ext, "POLICYSCOPE_E2E_SITE is not set: give it a report folder (scripts/test.sh builds the shared corpus's)");
  await openAll(ext, pagesOf(ext, 200), null);
});
