// Accounts and hostile text in the browser: the sign-in form appears when
// the project has users, a signed-in coder's memo is recorded under their
// own name (the name box shows the session's user and cannot be changed),
// and HTML/JS in code names, memos and document titles is shown as text,
// never run, on every page of the app.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { cli, servedProject, until, watch } from "./helpers.mjs";

const bin = process.env.POLICYSCOPE_BIN;
const HOSTILE = '<img src=x onerror="window.__pwned=1">';
const PASSWORD = "an e2e password of length";

const app = servedProject();

/** A write through the API from node (single-user mode: no session yet). */
async function post(path, body) {
  const r = await fetch(app.server.url.replace(/\/$/, "") + path, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  const j = await r.json();
  assert.ok(r.ok, `${path}: ${JSON.stringify(j)}`);
  return j;
}

test("HTML in code names, memos and titles is shown as text on every page", async () => {
  const docs = cli(app.env.project, ["docs", "list"], { json: true });
  const id = docs[0].id;
  await post(`/api/documents/${id}`, { title: HOSTILE });
  const code = await post("/api/codes", { name: HOSTILE, by: "e2e-alice" });
  await post("/api/codings", { doc_id: id, code_id: code.id, start: 0, end: 4, coder: "e2e-alice" });
  await post("/api/memos", { target: { kind: "document", id }, author: "e2e-alice", text: HOSTILE });
  const page = await app.chrome.browser.newPage({ viewport: { width: 1400, height: 950 } });
  const problems = watch(page);
  await page.addInitScript(() => localStorage.setItem("policyscope.reviewer", "e2e-alice"));
  for (const hash of ["#/docs", `#/doc/${id}`, "#/codes", "#/review", "#/queries", "#/search?q=标准"]) {
    await page.goto(app.server.url + hash);
    await page.waitForLoadState("networkidle");
    const seen = await page.evaluate(() => ({
      pwned: window.__pwned === 1,
      images: document.querySelectorAll('img[src="x"]').length,
      text: document.body.innerText,
    }));
    assert.equal(seen.pwned, false, `${hash}: the injected handler ran`);
    assert.equal(seen.images, 0, `${hash}: an <img> was made from text`);
    if (hash === `#/doc/${id}` || hash === "#/codes" || hash === "#/docs") {
      assert.ok(seen.text.includes("<img src=x"), `${hash}: the hostile text is not shown as text`);
    }
  }
  // The static report of the same project: every page.
  const out = join(app.env.dir, "report");
  cli(app.env.project, ["report", "--out", out]);
  const pages = readdirSync(out, { recursive: true }).filter((f) => String(f).endsWith(".html"));
  assert.ok(pages.length > 1, "the report has pages");
  let shown = false;
  for (const f of pages) {
    await page.goto("file://" + join(out, String(f)));
    const seen = await page.evaluate(() => ({
      pwned: window.__pwned === 1,
      images: document.querySelectorAll('img[src="x"]').length,
      text: document.body.innerText,
    }));
    assert.equal(seen.pwned, false, `report ${f}: the injected handler ran`);
    assert.equal(seen.images, 0, `report ${f}: an <img> was made from text`);
    shown = shown || seen.text.includes("<img src=x");
  }
  assert.ok(shown, "the hostile text shows as text somewhere in the report");
  await page.close();
  assert.deepEqual(problems.filter((p) => !p.includes("404") && !p.includes("file://")), []);
});

test("with users, the app asks to sign in and records the session's user", async () => {
  execFileSync(bin, ["--project", app.env.project, "users", "add", "Bo Coder", "--role", "coder"], { input: PASSWORD + "\n" });
  const page = await app.chrome.browser.newPage({ viewport: { width: 1400, height: 950 } });
  const problems = watch(page);
  await page.addInitScript(() => localStorage.setItem("policyscope.reviewer", "someone-else"));
  await page.goto(app.server.url + "#/docs");
  await page.waitForSelector("#login-dialog[open]");
  await page.fill("#login-name", "Bo Coder");
  await page.fill("#login-password", "wrong password here");
  await page.click("#login-submit");
  await until(() => page.$eval("#login-message", (e) => e.textContent.includes("wrong")), "the refusal");
  await page.fill("#login-password", PASSWORD);
  await page.click("#login-submit");
  await page.waitForSelector("#signed-in");
  assert.match(await page.textContent("#signed-in"), /Bo Coder \(coder\)/);
  assert.equal(await page.$eval("#reviewer", (e) => e.value), "Bo Coder");
  // A memo from the page carries the CSRF token and is recorded as Bo's.
  const memo = await page.evaluate(async () => {
    const r = await fetch("/api/memos", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ target: { kind: "project" }, author: "Ann", text: "from the page" }),
    });
    return { status: r.status, body: await r.json() };
  });
  assert.equal(memo.status, 200, JSON.stringify(memo.body));
  assert.equal(memo.body.author, "Bo Coder");
  // A coder may not change the code tree.
  const refused = await page.evaluate(async () => (await fetch("/api/codes", {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ name: "x", by: "x" }),
  })).status);
  assert.equal(refused, 403);
  await page.click("#logout");
  await page.waitForSelector("#login-dialog[open]");
  await page.close();
  // The 401s and 403 above are expected; nothing else may fail.
  assert.deepEqual(problems.filter((p) => !/40[13]/.test(p)), []);
});
