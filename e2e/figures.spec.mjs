// Figures and print, on the whole study corpus (../shared/corpus/study with
// the study's catalog), auto-coded with the study codebook: the citation
// graph's boxes read differently and stay legible on screen, zoomed and on
// paper (app and report), a printed document page keeps its code colour
// key, and printing drops interface hints.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { artifacts, asReviewer, browser, cli, here, serve, watch } from "./helpers.mjs";

const shared = join(here, "..", "..", "shared");
const TITLE = "AI standardisation policies";
let dir, project, site, server, chrome;

/** A tool the test needs: a failure naming the package when it is missing. */
function requireTool(name, pkg) {
  try {
    execFileSync("sh", ["-c", `command -v ${name}`], { stdio: "ignore" });
  } catch {
    assert.fail(`${name} is missing: run scripts/setup.sh (Debian: apt-get install -y ${pkg})`);
  }
}

before(async () => {
  assert.ok(existsSync(join(shared, "corpus", "study")),
    `the shared corpus is missing at ${join(shared, "corpus", "study")}: it must sit beside the repository`);
  dir = mkdtempSync(join(tmpdir(), "policyscope-figures-"));
  project = join(dir, "project");
  cli(project, ["import", "--init", join(shared, "corpus", "study"), "--catalog", join(shared, "domain", "catalog.tsv")]);
  cli(project, ["code", "run", "--codebook", "builtin:study"]);
  writeFileSync(join(project, "policyscope.toml"), `[project]\ntitle = "${TITLE}"\n`);
  site = join(dir, "site");
  cli(project, ["report", "--out", site]);
  server = await serve(project);
  chrome = await browser();
});

after(async () => {
  if (chrome) await chrome.close();
  if (server) server.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Visible label of every node of the figure, and the figure's scale on screen. */
async function graphFacts(page) {
  return page.$eval(".graph-wrap svg", (svg) => {
    const labels = [...svg.querySelectorAll("g.node text.label")].map((t) => t.textContent);
    const vb = svg.viewBox.baseVal;
    const box = svg.getBoundingClientRect();
    // The figure keeps its aspect: the smaller ratio is the one drawn.
    const scale = Math.min(box.width / vb.width, box.height / vb.height);
    const nodes = svg.querySelectorAll("g.node").length;
    const tooltips = [...svg.querySelectorAll("g.node > title")].map((t) => t.textContent);
    return { labels, scale, nodes, tooltips };
  });
}

/** Pixels of a binary PPM (as pdftoppm writes it): {width, height, data}. */
function readPpm(file) {
  const b = readFileSync(file);
  const fields = [];
  let i = 0;
  while (fields.length < 4) {
    while (/\s/.test(String.fromCharCode(b[i]))) i++;
    if (b[i] === 0x23) { while (b[i] !== 0x0a) i++; continue; }
    let tok = "";
    while (!/\s/.test(String.fromCharCode(b[i]))) tok += String.fromCharCode(b[i++]);
    fields.push(tok);
  }
  assert.equal(fields[0], "P6", `${file} is not a binary PPM`);
  return { width: Number(fields[1]), height: Number(fields[2]), data: b.subarray(i + 1) };
}

/** How many pixels of `img` have the colour `rgb(r, g, b)` (within a small tolerance). */
function pixelsOf(img, css) {
  const [r, g, b] = css.match(/\d+/g).map(Number);
  let n = 0;
  for (let k = 0; k + 2 < img.data.length; k += 3) {
    if (Math.abs(img.data[k] - r) + Math.abs(img.data[k + 1] - g) + Math.abs(img.data[k + 2] - b) <= 12) n++;
  }
  return n;
}

function assertDistinct(labels, what) {
  const seen = new Map();
  for (const l of labels) seen.set(l, (seen.get(l) || 0) + 1);
  const twice = [...seen].filter(([, n]) => n > 1);
  assert.deepEqual(twice, [], `${what}: labels on more than one box`);
  assert.ok(labels.every((l) => l.trim() && !l.startsWith("中华人民共和国")), `${what}: ${labels.join(" | ")}`);
}

test("the report's graph: distinct labels, legible on screen, when zoomed and printed", async () => {
  const page = await chrome.browser.newPage({ viewport: { width: 1300, height: 1000 } });
  const problems = watch(page);
  await page.goto(pathToFileURL(join(site, "graph.html")).href);
  const f = await graphFacts(page);
  assert.ok(f.nodes >= 12, `only ${f.nodes} documents in the study graph`);
  assert.equal(f.labels.length, f.nodes);
  assertDistinct(f.labels, "report");
  assert.ok(f.tooltips.some((t) => t.startsWith("中华人民共和国网络安全法")), "full titles on hover");
  // 13px labels drawn at 0.8 or more: at least about 10px on screen.
  assert.ok(f.scale >= 0.8, `labels drawn at ${(13 * f.scale).toFixed(1)}px`);
  await page.screenshot({ path: join(artifacts, "figures-report-graph.png"), fullPage: true });
  // Zooming in makes the labels larger.
  const before = await page.$eval("g.node text.label", (t) => t.getBoundingClientRect().height);
  await page.click("button[data-act=in]");
  await page.click("button[data-act=in]");
  const after = await page.$eval("g.node text.label", (t) => t.getBoundingClientRect().height);
  assert.ok(after > before * 1.3, `label height ${before} → ${after} after zooming in`);
  await page.click("button[data-act=reset]");

  // On A4 paper (718px between Chromium's default margins) the whole figure
  // fits the width at a readable size, without the hint.
  await page.setViewportSize({ width: 718, height: 1050 });
  await page.emulateMedia({ media: "print" });
  const p = await graphFacts(page);
  assert.ok(13 * p.scale >= 8, `printed labels would be ${(13 * p.scale).toFixed(1)}px`);
  assert.equal(await page.$eval(".graph-tools", (e) => getComputedStyle(e).display), "none");
  const pdf = join(artifacts, "figures-report-graph.pdf");
  await page.pdf({ path: pdf, format: "A4", printBackground: false });
  requireTool("pdftotext", "poppler-utils");
  const text = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" });
  assert.ok(!text.includes("Drag to pan"), "the interface hint is printed");
  assert.ok(text.includes("个人信息保护法") && text.includes("Citation graph"), text.slice(0, 800));
  assert.deepEqual(problems, []);
  await page.close();
});

test("a printed document page keeps its code colour key", async () => {
  const page = await chrome.browser.newPage({ viewport: { width: 1100, height: 900 } });
  const problems = watch(page);
  // The document with the most codings (the Standardisation Law, with the study codebook).
  await page.goto(pathToFileURL(join(site, "docs", "index.html")).href);
  const best = await page.$$eval("tbody tr", (rows) => rows
    .map((r) => ({ href: r.querySelector("a").getAttribute("href"), n: Number(r.lastElementChild.textContent) }))
    .sort((a, b) => b.n - a.n)[0]);
  assert.ok(best && best.n >= 2, "no document with codings");
  await page.goto(pathToFileURL(join(site, "docs", best.href)).href);
  assert.equal(await page.getAttribute("html", "lang"), "zh");
  assert.ok((await page.textContent("header.site .brand")).includes(TITLE), "the title from the project's settings");
  const key = await page.$$eval(".legend > span", (spans) => spans.map((s) => s.textContent.replace(/\s*\(\d+\)$/, "")));
  assert.ok(key.length >= 2, `colour key: ${key}`);
  await page.emulateMedia({ media: "print" });
  const swatches = await page.$$eval(".legend .swatch", (els) => els.map((e) => {
    const s = getComputedStyle(e);
    return { bg: s.backgroundColor, adjust: s.printColorAdjust || s.webkitPrintColorAdjust };
  }));
  assert.equal(swatches.length, key.length);
  for (const s of swatches) {
    assert.ok(s.bg !== "transparent" && s.bg !== "rgba(0, 0, 0, 0)", `swatch background ${s.bg}`);
    assert.equal(s.adjust, "exact", "swatches print their colour");
  }
  assert.equal(await page.$eval("header.site", (h) => getComputedStyle(h).display), "none");
  await page.screenshot({ path: join(artifacts, "figures-document-print.png") });
  const pdf = join(artifacts, "figures-document.pdf");
  await page.pdf({ path: pdf, format: "A4" });
  requireTool("pdftotext", "poppler-utils");
  const text = execFileSync("pdftotext", ["-l", "1", pdf, "-"], { encoding: "utf8" });
  for (const name of key) assert.ok(text.includes(name.trim()), `the key's "${name}" is missing from the printed page`);
  // The swatches' colours reach the paper. With the text hidden, only the
  // key carries the code colours; the PDF is written as browsers print by
  // default (no backgrounds), and each colour must still be on the sheet.
  await page.addStyleTag({ content: ".doc-text { display: none !important; }" });
  const keyOnly = join(artifacts, "figures-document-key.pdf");
  await page.pdf({ path: keyOnly, format: "A4", printBackground: false });
  requireTool("pdftoppm", "poppler-utils");
  const raster = join(dir, "figures-document-key");
  execFileSync("pdftoppm", ["-r", "96", "-f", "1", "-l", "1", "-singlefile", keyOnly, raster]);
  const img = readPpm(raster + ".ppm");
  for (const s of swatches) assert.ok(pixelsOf(img, s.bg) >= 9, `no ${s.bg} on the printed key`);
  assert.deepEqual(problems, []);
  await page.close();
});

test("the app's graph: distinct labels, legible, printed without buttons or hints", async () => {
  const page = await chrome.browser.newPage({ viewport: { width: 1300, height: 1000 } });
  const problems = watch(page);
  await asReviewer(page, "figures-reader");
  await page.goto(server.url + "#/graph");
  await page.waitForSelector(".graph-wrap svg g.node");
  const f = await graphFacts(page);
  assertDistinct(f.labels, "app");
  assert.ok(f.scale >= 0.8, `labels drawn at ${(13 * f.scale).toFixed(1)}px`);
  await page.screenshot({ path: join(artifacts, "figures-app-graph.png"), fullPage: true });
  await page.emulateMedia({ media: "print" });
  for (const sel of ["header.bar", ".graph-tools", "main .noprint"]) {
    assert.equal(await page.$eval(sel, (e) => getComputedStyle(e).display), "none", `${sel} is printed`);
  }
  assert.deepEqual(problems, []);
  await page.close();
});
