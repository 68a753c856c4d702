// Codebook evaluation and learning in the browser: the codebook page shows
// each code's figures against a person (the same numbers as
// `policyscope code evaluate`), with the learnt models; the review queue
// can put the model proposals it is least sure of first.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { artifacts, asReviewer, cli, servedProject, until, watch } from "./helpers.mjs";

const app = servedProject(async (env) => {
  // alice keeps some proposals and rejects others, models learn from that and propose.
  const proposals = cli(env.project, ["code", "review", "list", "-n", "1000"], { json: true });
  const of = (path) => proposals.filter((c) => c.code_path === path).map((c) => String(c.id));
  const intl = of("Target/Internationalisation");
  const ipr = of("Tool/IPR");
  cli(env.project, ["code", "review", "accept", ...intl.slice(0, 3), ...ipr.slice(1), "--coder", "alice"]);
  cli(env.project, ["code", "review", "reject", ...intl.slice(3), ipr[0], "--coder", "alice"]);
  cli(env.project, ["code", "learn", "--min-examples", "2", "--folds", "2"]);
  cli(env.project, ["code", "suggest", "--min-score", "0"]);
});

async function openApp(hash) {
  const page = await app.chrome.browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const problems = watch(page);
  await asReviewer(page, "alice");
  await page.goto(app.server.url + hash);
  return { page, problems };
}

test("the codebook page shows each code's evaluation figures, as the CLI computes them", async () => {
  const expected = cli(app.env.project, ["code", "evaluate", "--codebook", join(import.meta.dirname, "fixtures", "codebook.toml"),
    "--against", "alice"], { json: true });
  const { page, problems } = await openApp("#/codes");
  await page.waitForSelector("#eval-table tbody tr");
  assert.equal(await page.$eval("#eval-coder", (s) => s.value), "alice");
  const rows = await page.$$eval("#eval-table tbody tr", (trs) => trs.map((tr) => Array.from(tr.cells, (td) => td.textContent)));
  assert.equal(rows.length, expected.codes.length);
  const fmt = (x) => (x === null ? "–" : x.toFixed(3));
  for (const c of expected.codes) {
    const row = rows.find((r) => r[0] === c.code);
    assert.ok(row, "row of " + c.code);
    assert.deepEqual(row.slice(1), [String(c.units), String(c.counts.tp), String(c.counts.fp), String(c.counts.fn),
      fmt(c.precision), fmt(c.recall), fmt(c.f1), fmt(c.kappa)], c.code);
  }
  // Internationalisation: alice rejected one of its proposals, so the codebook has a false positive.
  const intl = expected.codes.find((c) => c.code === "Target/Internationalisation");
  assert.ok(intl.counts.fp >= 1 && intl.counts.tp >= 1, JSON.stringify(intl.counts));
  // The learnt models with their cross-validated figures.
  const models = await page.$$eval("#models-table tbody tr", (trs) => trs.map((tr) => tr.cells[0].textContent));
  assert.deepEqual(models.sort(), ["Target/Internationalisation", "Tool/IPR"]);
  // Counting only what alice decided changes the units.
  await page.check("#eval-decided");
  await page.click("#eval-run");
  await until(async () => (await page.$eval("#eval-table caption", (c) => c.textContent).catch(() => "")).includes("decided"),
    "the decided-units evaluation");
  const decided = cli(app.env.project, ["code", "evaluate", "--codebook", join(import.meta.dirname, "fixtures", "codebook.toml"),
    "--against", "alice", "--decided-only"], { json: true });
  const units = await page.$eval("#eval-table tbody tr[data-code='Target/Internationalisation'] td:nth-child(2)", (td) => td.textContent);
  assert.equal(units, String(decided.codes.find((c) => c.code === "Target/Internationalisation").units));
  await page.locator("#evaluation").screenshot({ path: join(artifacts, "evaluate-codebook.png") });
  assert.deepEqual(problems, []);
  await page.close();
});

test("the review queue orders model proposals by uncertainty or rule confidence and shows their scores", async () => {
  const { page, problems } = await openApp("#/review?code=Tool%2FIPR");
  await page.waitForSelector("#order-filter");
  await page.selectOption("#order-filter", "uncertainty");
  await until(async () => (await page.evaluate(() => location.hash)).includes("order=uncertainty"), "the order in the address");
  const expected = cli(app.env.project, ["code", "review", "list", "--code", "Tool/IPR", "--order", "uncertainty", "-n", "300"], { json: true })
    .map((c) => String(c.id));
  // The queue is drawn again after the address changes: wait for the new order.
  const ids = () => page.$$eval("#queue li", (lis) => lis.map((li) => li.getAttribute("data-id"))).catch(() => []);
  await until(async () => JSON.stringify(await ids()) === JSON.stringify(expected), "the queue in uncertainty order");
  assert.notDeepEqual(expected, [...expected].sort((a, b) => Number(a) - Number(b)), "the order differs from text order");
  const scores = await page.$$eval("#queue li .score", (s) => s.map((x) => Number(x.textContent.replace("score ", ""))));
  assert.ok(scores.length >= 2, "scored proposals are listed");
  const gaps = scores.map((s) => Math.abs(s - 0.5));
  for (let i = 1; i < gaps.length; i++) assert.ok(gaps[i - 1] <= gaps[i] + 0.005, "uncertain first: " + scores.join(", "));
  await page.screenshot({ path: join(artifacts, "evaluate-review-uncertainty.png") });
  // The proposals of the most confident rules first, as the command line orders them.
  await page.selectOption("#order-filter", "confidence");
  await until(async () => (await page.evaluate(() => location.hash)).includes("order=confidence"), "the confidence order in the address");
  const byConfidence = cli(app.env.project, ["code", "review", "list", "--code", "Tool/IPR", "--order", "confidence", "-n", "300"], { json: true })
    .map((c) => String(c.id));
  await until(async () => JSON.stringify(await ids()) === JSON.stringify(byConfidence), "the queue in confidence order");
  assert.deepEqual(problems, []);
  await page.close();
});
