// Documents in the web app, in headless Chromium: uploading files with the
// importer's per-file report, linking a translation to its original (shown
// together, counted once in the queries' Table 4), a Markdown document shown
// as a document with its codings, and errors a user can read.
import { test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { artifacts, servedProject, until, watch } from "./helpers.mjs";

const GUIDE = "# 人工智能国际标准合作指引\n\n<!-- 来源：示例网站，抓取于 2024-05-01 -->\n\n## 第一章 国际标准\n\n" +
  "第一条 积极参与国际标准制定，推动中国标准走出去。\n\n## 第二章 团体标准\n\n第二条 鼓励市场主导的团体标准。\n";
const TRANSLATION = "# Measures for the Administration of AI Standardisation Pilots\n\n" +
  "Article 2 Pilot units shall link standards with patents and intellectual property, and help Chinese standards go global.\n";

const app = servedProject(async (env) => {
  writeFileSync(join(env.dir, "guide-2024.md"), GUIDE);
  writeFileSync(join(env.dir, "pilot-measures-en.md"), TRANSLATION);
});

async function openApp(hash) {
  const page = await app.chrome.browser.newPage({ viewport: { width: 1400, height: 950 } });
  const problems = watch(page);
  await page.goto(app.server.url + hash);
  return { page, problems };
}

/** The API, from node (no Origin header: accepted like curl). */
async function api(path, body) {
  const res = await fetch(app.server.url.replace(/\/$/, "") + path, body === undefined ? {} :
    { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const json = await res.json();
  if (!res.ok) throw new Error(path + ": " + JSON.stringify(json));
  return json;
}

const docByTitle = async (title) => (await api("/api/documents")).find((d) => d.title === title);
const internationalisation = async () => (await api("/api/codes")).find((c) => c.path === "Target/Internationalisation");

/** Table 4 as the queries page shows it: code path → [count, labels of the documents]. */
async function table4(page, query = "") {
  await page.goto(app.server.url + "#/queries?t=" + Date.now() + query);
  await page.waitForSelector("#table4 tbody tr");
  return page.$$eval("#table4 tbody tr", (rows) => Object.fromEntries(rows.map((r) => {
    const cells = r.querySelectorAll("td");
    return [cells[0].textContent.trim(), [Number(cells[1].textContent), Array.from(cells[3].querySelectorAll("a")).map((a) => a.textContent)]];
  })));
}

test("upload two files and see them listed with the per-file report", async () => {
  const { page, problems } = await openApp("#/docs");
  await page.waitForSelector("#upload-files");
  await page.setInputFiles("#upload-files", [join(app.env.dir, "guide-2024.md"), join(app.env.dir, "pilot-measures-en.md")]);
  await page.click("#upload-btn");
  await page.waitForSelector("#upload-report");
  const rows = await page.$$eval("#upload-report tbody tr", (trs) => trs.map((tr) => Array.from(tr.cells).map((c) => c.textContent)));
  assert.deepEqual(rows.map((r) => [r[0], r[1]]), [["guide-2024.md", "imported"], ["pilot-measures-en.md", "imported"]]);
  assert.match(await page.textContent("#upload-summary"), /^2 imported, 0 unchanged, 0 failed/);
  // The list is redrawn under the report with both documents.
  await until(async () => (await page.$$eval("#doclist tbody tr", (t) => t.length)) === 5, "five documents listed");
  const titles = await page.$$eval("#doclist tbody tr td:nth-child(3) a", (a) => a.map((x) => x.textContent));
  assert.ok(titles.includes("人工智能国际标准合作指引") && titles.includes("Measures for the Administration of AI Standardisation Pilots"), titles.join(" | "));
  await page.screenshot({ path: join(artifacts, "documents-upload.png"), fullPage: true });
  // The same files again: unchanged, one line each.
  await page.setInputFiles("#upload-files", [join(app.env.dir, "guide-2024.md")]);
  await page.click("#upload-btn");
  await until(async () => (await page.textContent("#upload-out")).includes("unchanged"), "unchanged report");
  assert.match(await page.textContent("#upload-summary"), /^0 imported, 1 unchanged, 0 failed/);
  assert.deepEqual(problems, []);
  await page.close();
});

test("a linked translation is shown with its original and counted once in Table 4", async () => {
  const original = await docByTitle("人工智能标准化试点管理办法");
  const translation = await docByTitle("Measures for the Administration of AI Standardisation Pilots");
  assert.ok(original && translation, "both documents are in the project");
  const code = await internationalisation();
  await api("/api/codings", { doc_id: translation.id, code_id: code.id, start: 2, end: 10, coder: "e2e-coder" });
  const { page, problems } = await openApp("#/queries");
  const before = (await table4(page))["Target/Internationalisation"];
  assert.ok(before[1].includes("#" + translation.id) && before[1].includes("#" + original.id), JSON.stringify(before));

  await page.goto(app.server.url + "#/doc/" + translation.id);
  await page.waitForSelector("#link-translation select option[value='" + original.id + "']", { state: "attached" });
  await page.click("#docmeta summary");
  await page.selectOption("#original", String(original.id));
  await page.click("#link-btn");
  await page.waitForSelector("#translation-of a");
  assert.match(await page.textContent("#translation-of"), /Translation of: .*人工智能标准化试点管理办法/);
  await page.goto(app.server.url + "#/doc/" + original.id);
  await page.waitForSelector("#translations a");
  assert.match(await page.textContent("#translations"), /Translations: .*Measures for the Administration/);

  const after = (await table4(page))["Target/Internationalisation"];
  assert.equal(after[0], before[0] - 1, `counted once: ${JSON.stringify([before, after])}`);
  assert.ok(after[1].includes("#" + original.id) && !after[1].includes("#" + translation.id), JSON.stringify(after));
  await page.screenshot({ path: join(artifacts, "documents-table4.png"), fullPage: true });
  // Asked to, the page counts each text apart again.
  assert.equal(await page.isChecked("#separate-translations"), false);
  await page.click("#separate-translations");
  await until(async () => page.url().includes("include_translations=true"), "the choice in the address");
  const separate = (await table4(page, "&include_translations=true"))["Target/Internationalisation"];
  assert.equal(separate[0], before[0], JSON.stringify(separate));
  assert.equal(await page.isChecked("#separate-translations"), true);
  assert.deepEqual(problems, []);
  await page.close();
});

test("a Markdown document is shown with headings, hidden comments and its codings", async () => {
  const guide = await docByTitle("人工智能国际标准合作指引");
  const doc = await api("/api/documents/" + guide.id);
  const chars = Array.from(doc.text);
  const code = await internationalisation();
  // Code 国际标准 in the heading line `## 第一章 国际标准` (stored offsets).
  const heading = doc.text.indexOf("## 第一章");
  const start = Array.from(doc.text.slice(0, heading)).length + "## 第一章 ".length;
  assert.equal(chars.slice(start, start + 4).join(""), "国际标准");
  await api("/api/codings", { doc_id: guide.id, code_id: code.id, start, end: start + 4, coder: "e2e-coder" });

  const { page, problems } = await openApp("#/doc/" + guide.id);
  await page.waitForSelector("#doctext p.heading");
  const shown = await page.textContent("#doctext");
  assert.ok(!shown.includes("#") && !shown.includes("<!--") && !shown.includes("来源"), shown);
  const headings = await page.$$eval("#doctext p.heading", (ps) => ps.map((p) => [p.className, p.textContent]));
  assert.deepEqual(headings, [["heading h1", "人工智能国际标准合作指引"], ["heading h2", "第一章 国际标准"], ["heading h2", "第二章 团体标准"]]);
  // The coding on the heading line highlights exactly the coded characters.
  const coded = await page.$$eval("#doctext p.heading .coded", (s) => s.map((x) => [x.getAttribute("data-start"), x.textContent]));
  assert.ok(coded.some(([s, t]) => Number(s) === start && t === "国际标准"), JSON.stringify(coded));
  // Selecting shown text still gives stored offsets: the heading text after the hidden marker.
  await page.screenshot({ path: join(artifacts, "document-markdown.png"), fullPage: true });
  assert.deepEqual(problems, []);
  await page.close();
});

test("a bad document number and an over-long query get messages a user understands", async () => {
  const { page, problems } = await openApp("#/doc/abc");
  await page.waitForSelector("#bad-doc-id");
  assert.match(await page.textContent("#bad-doc-id"), /“abc” is not a document number/);
  await page.goto(app.server.url + "#/search");
  await page.fill("#q", "标准".repeat(600));
  await page.press("#q", "Enter");
  await page.waitForSelector("#results .error");
  assert.match(await page.textContent("#results .error"), /1000/);
  // The browser logs the refused request itself; nothing else may go wrong.
  assert.deepEqual(problems.filter((p) => !/status of 400/.test(p)), []);
  await page.close();
});
