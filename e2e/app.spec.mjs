// The web app in headless Chromium: search, open a document, accept and
// reject auto-codings with the keyboard, add a coding by selecting text,
// and check every change in the project through the CLI and the API.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { artifacts, asReviewer, cli, servedProject, until, watch } from "./helpers.mjs";

const app = servedProject();

/** The project's codings as the CLI reports them. */
function codings() {
  return cli(app.env.project, ["code", "review", "list", "--status", "all", "-n", "10000"], { json: true });
}

async function openApp(hash) {
  const page = await app.chrome.browser.newPage({ viewport: { width: 1400, height: 950 } });
  const problems = watch(page);
  await asReviewer(page, "e2e-coder");
  await page.goto(app.server.url + hash);
  return { page, problems };
}

test("search, open a document, review with the keyboard, code a selection", async () => {
  const { page, problems } = await openApp("#/search");
  // The reviewer's name is kept by the browser and sent with every decision.
  await page.fill("#reviewer", "e2e-coder");
  await page.dispatchEvent("#reviewer", "change");

  await page.fill("#q", "知识产权");
  await page.press("#q", "Enter");
  await page.waitForSelector(".hit");
  const hits = await page.$$eval(".hit", (els) => els.length);
  assert.equal(hits, 3, "all three documents mention 知识产权");
  const marks = await page.$$eval(".hit mark", (els) => els.map((e) => e.textContent));
  assert.ok(marks.includes("知识产权"), `highlighted: ${marks}`);

  // Open the notice (its title holds markup, which must show as text).
  await page.click(".hit a.title >> text=推进标准化工作的通知");
  await page.waitForSelector("#doctext .para");
  const title = await page.textContent("h1");
  assert.ok(title.includes('<script>alert("x")</script>'), title);
  assert.equal(await page.$$eval("#doctext img, #doctext script, main script", (e) => e.length), 0);
  const docId = Number(new URL(page.url()).hash.match(/doc\/(\d+)/)[1]);
  // The search words are marked in the document.
  const found = await page.$$eval("#doctext .qhit", (e) => e.map((x) => x.textContent).join(""));
  assert.ok(found.includes("知识产权"), found);
  await page.screenshot({ path: join(artifacts, "document.png"), fullPage: true });

  // The first proposal is selected; accept it with `a`, the next one is selected; reject it with `r`.
  const first = Number(await page.getAttribute(".citem.current", "data-id"));
  await page.keyboard.press("a");
  await page.waitForSelector(`.citem[data-id="${first}"].accepted`);
  const second = Number(await page.getAttribute(".citem.current", "data-id"));
  assert.notEqual(second, first, "moved on to the next passage");
  await page.keyboard.press("r");
  await page.waitForSelector(`.citem[data-id="${second}"].rejected`);
  // j/k move without deciding.
  await page.keyboard.press("k");
  assert.equal(Number(await page.getAttribute(".citem.current", "data-id")), second);

  // Select 标准验证平台 in the text and code it as Talent Training.
  const doc = await (await page.request.get(`${app.server.url}api/documents/${docId}`)).json();
  const chars = Array.from(doc.text);
  const want = "标准验证平台";
  const start = Array.from(doc.text.slice(0, doc.text.indexOf(want))).length;
  await page.evaluate((want) => {
    const walker = document.createTreeWalker(document.getElementById("doctext"), NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const i = n.data.indexOf(want);
      if (i >= 0) {
        const r = document.createRange();
        r.setStart(n, i);
        r.setEnd(n, i + want.length);
        const s = window.getSelection();
        s.removeAllRanges();
        s.addRange(r);
        return;
      }
    }
    throw new Error("text not found");
  }, want);
  await until(() => page.$eval("#add-coding", (b) => !b.disabled), "the selection to be taken");
  assert.equal(await page.textContent("#selection"), want);
  const talent = doc.codings.length >= 0 && (await (await page.request.get(`${app.server.url}api/codes`)).json()).find((c) => c.name === "Talent Training");
  await page.selectOption("#add-code", String(talent.id));
  await page.click("#add-coding");
  await page.waitForSelector("#toast.show");

  // Everything is in the project: ask the CLI.
  const all = codings();
  const byId = new Map(all.map((c) => [c.id, c]));
  assert.equal(byId.get(first).status, "accepted");
  assert.equal(byId.get(second).status, "rejected");
  const added = all.find((c) => c.coder === "e2e-coder" && c.doc_id === docId);
  assert.ok(added, "the coding added in the browser is in the project");
  assert.equal(added.start, start);
  assert.equal(added.end, start + Array.from(want).length);
  assert.equal(chars.slice(added.start, added.end).join(""), want);
  assert.equal(added.code_id, talent.id);
  assert.equal(added.status, "accepted");

  // A second tab sees the changes on load.
  const other = await openApp(`#/doc/${docId}`);
  await other.page.waitForSelector("#doctext .para");
  assert.ok(await other.page.$(`.citem[data-id="${first}"].accepted`));
  assert.ok(await other.page.$(`.citem[data-id="${second}"].rejected`));
  assert.ok(await other.page.$(`.citem[data-id="${added.id}"].accepted`));
  await other.page.close();

  assert.deepEqual(problems, []);
  await page.close();
});

test("review queue, codebook, graph and queries render without errors", async () => {
  const { page, problems } = await openApp("#/review");
  await page.waitForSelector("#queue .citem");
  const before = await page.$$eval("#queue .citem.proposed", (e) => e.length);
  await page.keyboard.press("j");
  await page.keyboard.press("a");
  await until(async () => (await page.$$eval("#queue .citem.proposed", (e) => e.length)) === before - 1, "the decision");

  // Recode the selected passage (e, choose, Enter) and write a memo on it (m, type, Enter).
  const target = Number(await page.getAttribute("#queue .citem.current", "data-id"));
  const oldCode = codings().find((c) => c.id === target).code_id;
  const codes = await (await page.request.get(`${app.server.url}api/codes`)).json();
  const other = codes.find((c) => c.codable && c.id !== oldCode);
  await page.keyboard.press("e");
  await page.selectOption("#recode-code", String(other.id));
  await page.press("#recode-code", "Enter");
  await until(async () => codings().some((c) => c.recoded_from === target), "the recode");
  const recoded = codings().find((c) => c.recoded_from === target);
  assert.equal(recoded.code_id, other.id);
  assert.equal(codings().find((c) => c.id === target).status, "rejected");
  await page.keyboard.press("m");
  await page.keyboard.type("clear case of a standards policy");
  await page.keyboard.press("Enter");
  const memoOf = async (id) => (await (await page.request.get(`${app.server.url}api/memos?kind=coding&id=${id}`)).json());
  const current = Number(await page.getAttribute("#queue .citem.current", "data-id"));
  await until(async () => (await memoOf(current)).length === 1, "the memo");
  assert.equal((await memoOf(current))[0].text, "clear case of a standards policy");

  await page.goto(app.server.url + "#/codes");
  await page.waitForSelector("ul.tree li");
  assert.ok((await page.textContent("main")).includes("Talent Training"));

  await page.goto(app.server.url + "#/graph");
  await page.waitForSelector(".graph-wrap svg");
  await page.screenshot({ path: join(artifacts, "graph.png") });
  // Zoom changes the view box; clicking a node opens its document.
  const vb = await page.getAttribute(".graph-wrap svg", "viewBox");
  await page.click("button[data-act=in]");
  assert.notEqual(await page.getAttribute(".graph-wrap svg", "viewBox"), vb);
  await page.click("button[data-act=reset]");
  assert.equal(await page.getAttribute(".graph-wrap svg", "viewBox"), vb);
  // The fixture documents cite each other: the seed and the round-1 document are marked.
  const titles = await page.$$eval(".graph-wrap g.node title", (t) => t.map((x) => x.textContent));
  assert.ok(titles.some((t) => t.includes("人工智能标准化试点管理办法") && t.includes("round 0, seed")), titles.join(" | "));
  assert.ok(titles.some((t) => t.includes("国家标准化发展规划") && t.includes("round 1")), titles.join(" | "));
  const nodes = await page.$$(".graph-wrap a.node-link circle");
  assert.ok(nodes.length >= 2, "graph nodes");
  await nodes[0].click();
  await page.waitForSelector("#doctext .para");
  assert.match(page.url(), /#\/doc\/\d+$/);

  await page.goto(app.server.url + "#/queries");
  await page.waitForSelector("#table4 tbody tr");
  await until(() => page.$$eval("main img", (imgs) => imgs.every((i) => i.complete && i.naturalWidth > 0)), "the figures");
  await page.screenshot({ path: join(artifacts, "queries.png"), fullPage: true });
  assert.deepEqual(problems, []);
  await page.close();
});
