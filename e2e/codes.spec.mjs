// Inductive coding in the browser: the reviewer's name, a code made from a
// selection, renaming and merging codes in the codebook editor (codings
// follow, counts update), and a recode from the review queue that lands on
// the code the reviewer chose. Every change is checked through the CLI.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { artifacts, asReviewer, cli, servedProject, until, watch } from "./helpers.mjs";

const app = servedProject();

const codings = () => cli(app.env.project, ["code", "review", "list", "--status", "all", "-n", "10000"], { json: true });
const codeList = () => cli(app.env.project, ["codes", "list"], { json: true });
const codeAt = (path) => codeList().find((c) => c.path === path);

async function openApp(hash, reviewer = "e2e-alice") {
  const page = await app.chrome.browser.newPage({ viewport: { width: 1400, height: 950 } });
  const problems = watch(page);
  if (reviewer) await asReviewer(page, reviewer);
  await page.goto(app.server.url + hash);
  return { page, problems };
}

/** Selects the first occurrence of `want` in the document text. */
async function selectText(page, want) {
  await page.evaluate((want) => {
    const walker = document.createTreeWalker(document.getElementById("doctext"), NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const i = n.data.indexOf(want);
      if (i >= 0) {
        const r = document.createRange();
        r.setStart(n, i);
        r.setEnd(n, i + want.length);
        window.getSelection().removeAllRanges();
        window.getSelection().addRange(r);
        return;
      }
    }
    throw new Error("text not found: " + want);
  }, want);
  await until(() => page.$eval("#add-coding", (b) => !b.disabled), "the selection to be taken");
}

test("the reviewer is asked for once and a placeholder is not a name", async () => {
  const { page, problems } = await openApp("#/review", null);
  await page.waitForSelector("#who-dialog[open]");
  await page.fill("#who-name", "reviewer");
  await page.click("#who-save");
  assert.match(await page.textContent("#who-error"), /your own name/);
  assert.ok(await page.$("#who-dialog[open]"), "still asking");
  // Without a name, a decision is not recorded.
  await page.waitForSelector("#queue .citem");
  const first = Number(await page.getAttribute("#queue .citem.current", "data-id"));
  await page.click("button.ok");
  await page.waitForSelector("#toast.show");
  assert.equal(codings().find((c) => c.id === first).status, "proposed");
  // The refused request is the one console message (the browser logs every 400).
  assert.deepEqual(problems.splice(0), ["console: Failed to load resource: the server responded with a status of 400 (Bad Request)"]);
  await page.fill("#who-name", "王芳");
  await page.click("#who-save");
  await until(async () => !(await page.$("#who-dialog[open]")), "the box to close");
  assert.equal(await page.inputValue("#reviewer"), "王芳");
  await page.reload();
  await page.waitForSelector("#queue .citem");
  assert.equal(await page.$("#who-dialog[open]"), null, "asked once: the name is kept");
  assert.deepEqual(problems, []);
  await page.close();
});

test("create a code from a selection; overlapping codings show both colours", async () => {
  const docs = cli(app.env.project, ["docs", "list"], { json: true });
  const doc = docs.find((d) => d.title.includes("推进标准化工作的通知"));
  const { page, problems } = await openApp(`#/doc/${doc.id}`);
  await page.waitForSelector("#doctext .para");
  const want = "标准验证平台";
  await selectText(page, want);
  await page.fill("#new-code", "Tool / 数据治理");
  await page.click("#add-coding");
  await until(() => codeAt("Tool/数据治理"), "the new code");
  const made = codeAt("Tool/数据治理");
  assert.equal(made.codebook, null, "made by hand");
  const mine = await until(() => codings().find((c) => c.code_id === made.id), "the coding");
  assert.equal(mine.coder, "e2e-alice");
  assert.equal(mine.status, "accepted");
  const text = cli(app.env.project, ["docs", "show", String(doc.id)], { json: true }).text;
  assert.equal(Array.from(text).slice(mine.start, mine.end).join(""), want);
  assert.equal(await page.inputValue("#new-code"), "", "the field is emptied");

  // The same passage coded with a second code: its run shows both colours.
  await selectText(page, want);
  const talent = codeAt("Tool/Talent Training");
  await page.selectOption("#add-code", String(talent.id));
  await page.click("#add-coding");
  const second = await until(() => codings().find((c) => c.code_id === talent.id && c.start === mine.start && c.end === mine.end), "the second coding");
  const run = `#doctext .coded[data-codings~="${mine.id}"][data-codings~="${second.id}"]`;
  const style = await until(async () => {
    const el = await page.$(run);
    return el && (await el.getAttribute("style"));
  }, "the run coded with both");
  assert.match(style, /repeating-linear-gradient/, style);
  const colours = await (await page.request.get(`${app.server.url}api/codes`)).json();
  const colourOf = (id) => colours.find((x) => x.id === id).colour;
  assert.notEqual(colourOf(made.id), colourOf(talent.id));
  for (const id of [made.id, talent.id]) assert.ok(style.includes(colourOf(id)), `${colourOf(id)} in ${style}`);
  await (await page.$(run)).scrollIntoViewIfNeeded();
  const box = await (await page.$(run)).boundingBox();
  await page.screenshot({ path: join(artifacts, "overlap.png"), clip: { x: 0, y: Math.max(0, box.y - 60), width: 1000, height: 160 } });
  assert.deepEqual(problems, []);
  await page.close();
});

test("rename and merge codes in the codebook editor: codings follow, counts update", async () => {
  const ipr = codeAt("Tool/IPR");
  const bri = codeAt("Tool/BRI");
  assert.ok(ipr.own_codings > 0 && bri.own_codings > 0, "the fixture codes both");
  const iprCodings = codings().filter((c) => c.code_id === ipr.id).map((c) => c.id);
  const iprAll = iprCodings.length; // every status: what the confirmation counts
  const { page, problems } = await openApp(`#/codes?code=${bri.id}`);
  await page.waitForSelector("#code-editor");
  // Parents roll up: the Tool folder counts its sub-codes' documents.
  const tool = await page.textContent('.code-row[data-path="Tool"] .counts');
  assert.doesNotMatch(tool, /\b0 documents/, tool);

  await page.fill("#edit-name", "Belt and Road");
  await page.click("#edit-save");
  await page.waitForSelector('.code-row[data-path="Tool/Belt and Road"]');
  assert.equal(codeAt("Tool/Belt and Road").id, bri.id);

  // Merge IPR into it: a confirmation first, then the codings move.
  const before = codeAt("Tool/Belt and Road").passages;
  await page.click(`.code-row[data-id="${ipr.id}"] a.code-name`);
  await page.waitForSelector(`#code-editor[data-id="${ipr.id}"]`);
  await page.selectOption("#merge-into", String(bri.id));
  await page.click("#merge-go");
  assert.match(await page.textContent("#confirm-text"), new RegExp(`Its ${iprAll} coding`));
  await page.click("#confirm-yes");
  await page.waitForSelector(`#code-editor[data-id="${bri.id}"]`);
  assert.equal(codeAt("Tool/IPR"), undefined);
  const after = codings();
  for (const id of iprCodings) assert.equal(after.find((c) => c.id === id)?.code_id, bri.id, `coding ${id} followed`);
  const merged = codeAt("Tool/Belt and Road");
  assert.ok(merged.passages > before, `${merged.passages} > ${before}`);
  const shown = await page.textContent(`.code-row[data-id="${bri.id}"] .counts`);
  assert.match(shown, new RegExp(`${merged.passages} passage`), shown);
  assert.match(await page.textContent("#code-history"), /merge Tool\/IPR/);
  await until(async () => !(await page.$("#toast.show")), "the message to fade");
  await page.waitForTimeout(300); // the fade-out transition
  await page.screenshot({ path: join(artifacts, "codebook.png"), fullPage: true });

  // Delete asks how many codings and what becomes of them.
  const all = codings().filter((c) => c.code_id === bri.id).length;
  await page.click("#delete-go");
  assert.match(await page.textContent("#confirm-text"), new RegExp(`Its ${all} coding\\(s\\) will be removed`));
  await page.click("#confirm-no");
  assert.ok(codeAt("Tool/Belt and Road"), "cancelled: nothing deleted");
  assert.deepEqual(problems, []);
  await page.close();
});

test("a recode from the review queue lands on the chosen code", async () => {
  const { page, problems } = await openApp("#/review");
  await page.waitForSelector("#queue .citem.current");
  const target = Number(await page.getAttribute("#queue .citem.current", "data-id"));
  const old = codings().find((c) => c.id === target);
  assert.equal(Number(await page.inputValue("#recode-code")), old.code_id, "the picker starts on the passage's code");
  // Recode without choosing: nothing happens.
  await page.click("text=Recode (e)");
  await page.waitForSelector("#toast.show");
  assert.match(await page.textContent("#toast"), /Choose another code/);
  assert.equal(codings().find((c) => c.id === target).status, "proposed");
  // Next passage: the picker follows it.
  await page.keyboard.press("j");
  const second = Number(await page.getAttribute("#queue .citem.current", "data-id"));
  assert.equal(Number(await page.inputValue("#recode-code")), codings().find((c) => c.id === second).code_id);
  await page.keyboard.press("k");
  const chosen = codeList().find((c) => c.codable && c.id !== old.code_id && c.path.startsWith("Target/"));
  await page.keyboard.press("e");
  await page.selectOption("#recode-code", String(chosen.id));
  await page.press("#recode-code", "Enter");
  const recoded = await until(() => codings().find((c) => c.recoded_from === target), "the recode");
  assert.equal(recoded.code_id, chosen.id);
  assert.equal(recoded.coder, "e2e-alice");
  assert.equal(codings().find((c) => c.id === target).status, "rejected");
  assert.deepEqual(problems, []);
  await page.close();
});
