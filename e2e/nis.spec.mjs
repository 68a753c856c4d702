// The analytical frame in the browser: the report's "Actors & NIS" section
// (actor network whose edges link to passages, NIS-element × year table,
// standards list) and the app's #/frame page, on the bundled examples.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { artifacts, asReviewer, browser, cli, here, serve, until, watch } from "./helpers.mjs";

let dir, project, site, chrome;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), "policyscope-nis-"));
  project = join(dir, "project");
  cli(project, ["import", "--init", join(here, "..", "examples", "corpus"), "--catalog", join(here, "..", "examples", "catalog.tsv")]);
  cli(project, ["code", "run", "--codebook", "builtin:study"]);
  cli(project, ["mentions", "run"]);
  site = join(dir, "site");
  cli(project, ["report", "--out", site]);
  chrome = await browser();
});

after(async () => {
  if (chrome) await chrome.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test("the report's actor section draws the network, the NIS table and the standards, and edges open their passage", async () => {
  const page = await chrome.browser.newPage({ viewport: { width: 1300, height: 1000 } });
  const problems = watch(page);
  await page.goto(pathToFileURL(join(site, "nis.html")).href);
  const nodes = await page.locator("#actor-network g.node").count();
  const edges = await page.locator("#actor-network a.edge").count();
  assert.ok(nodes >= 5, `nodes: ${nodes}`);
  assert.ok(edges >= 1, `edges: ${edges}`);
  const nis = await page.locator("#nis-table").innerText();
  for (const e of ["Institutions", "Market sophistication", "Business sophistication"]) assert.ok(nis.includes(e), nis);
  const standards = await page.locator("#standards").innerText();
  assert.ok(standards.includes("GB/T 41867-2022") && standards.includes("ISO/IEC 22989:2022"), standards);
  await page.screenshot({ path: join(artifacts, "nis-report.png"), fullPage: true });
  const href = await page.locator("#actor-network a.edge").first().getAttribute("href");
  assert.match(href, /^docs\/\d+\.html#p\d+$/);
  await page.goto(pathToFileURL(join(site, href.split("#")[0])).href + "#" + href.split("#")[1]);
  assert.equal(await page.locator("#" + href.split("#")[1]).count(), 1, "the edge's passage exists");
  assert.deepEqual(problems, []);
  await page.close();
});

test("the app's Actors & NIS page lists role statements and filters them by actor", async () => {
  const srv = await serve(project);
  try {
    const page = await chrome.browser.newPage({ viewport: { width: 1300, height: 1000 } });
    await asReviewer(page, "alice");
    const problems = watch(page);
    await page.goto(srv.url + "#/frame");
    await until(async () => (await page.locator("#roles-table tbody tr").count()) > 0, "role statements");
    assert.ok((await page.locator("#nis-table").innerText()).includes("Institutions"));
    assert.ok((await page.locator("#standards-table").innerText()).includes("T/CESA 1026-2018"));
    await page.selectOption("#frame-actor", "miit");
    await until(async () => {
      const rows = await page.locator("#roles-table tbody tr").allInnerTexts();
      return rows.length > 0 && rows.every((r) => r.includes("Ministry of Industry and Information Technology"));
    }, "rows of MIIT only");
    assert.ok((await page.locator("#roles-table").innerText()).includes("指导"));
    await page.screenshot({ path: join(artifacts, "nis-app.png"), fullPage: true });
    // A role statement's link opens its passage, highlighted, not just the document.
    const row = page.locator("#roles-table tbody tr").first();
    const verb = (await row.locator("td").nth(1).innerText()).trim();
    const href = await row.locator("a").getAttribute("href");
    assert.match(href, /^#\/doc\/\d+\?.*at=\d+.*end=\d+/);
    await row.locator("a").click();
    await until(async () => (await page.locator("#text .qhit, .docview .qhit").count()) > 0, "the passage highlighted");
    const marked = (await page.locator(".docview .qhit").allInnerTexts()).join("");
    assert.ok(marked.includes(verb), `highlighted ${marked} holds the verb ${verb}`);
    assert.deepEqual(problems, []);
    await page.close();
  } finally {
    srv.stop();
  }
});
