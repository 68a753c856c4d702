// Two people on one passage: a decision on a passage someone else changed
// after the page loaded it is refused, the app says who changed it and shows
// the passage as it is now; the admin's audit page lists both changes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { artifacts, asReviewer, servedProject, until, watch } from "./helpers.mjs";

const app = servedProject();

test("a decision on a passage changed meanwhile names who changed it and reloads it", async () => {
  const page = await app.chrome.browser.newPage({ viewport: { width: 1400, height: 950 } });
  const problems = watch(page);
  await asReviewer(page, "alice");
  await page.goto(app.server.url + "#/review");
  await page.waitForSelector("#queue .citem.current");
  const id = Number(await page.getAttribute("#queue .citem.current", "data-id"));

  // Bob accepts the same passage from elsewhere, with the version he loaded.
  const loaded = (await (await page.request.get(`${app.server.url}api/codings?status=proposed&limit=2000`)).json())
    .codings.find((c) => c.id === id);
  const bob = await page.request.post(`${app.server.url}api/codings/${id}/accept`, {
    data: { reviewer: "bob", version: loaded.version },
  });
  assert.equal(bob.status(), 200);

  // Alice, on the page loaded before, rejects it: refused, naming Bob.
  await page.keyboard.press("r");
  await until(async () => ((await page.textContent("#toast")) || "").includes("changed by bob"), "the conflict message");
  await until(async () => (await page.getAttribute(`#queue .citem[data-id="${id}"]`, "class")).includes("accepted"),
    "the passage shown as Bob left it");
  const now = (await (await page.request.get(`${app.server.url}api/codings?status=accepted&limit=2000`)).json())
    .codings.find((c) => c.id === id);
  assert.equal(now.updated_by, "bob", "Bob's decision stands");

  // Reloaded, her decision goes through.
  await page.keyboard.press("r");
  await until(async () => (await page.getAttribute(`#queue .citem[data-id="${id}"]`, "class")).includes("rejected"),
    "Alice's decision");
  // She changes her mind: her own last change is what the page holds, so no conflict.
  await page.click(`#queue .citem[data-id="${id}"]`);
  await page.keyboard.press("a");
  await until(async () => (await page.getAttribute(`#queue .citem[data-id="${id}"]`, "class")).includes("accepted"),
    "Alice's second decision");

  // The audit page (single-user mode is an admin's) lists both.
  await page.goto(app.server.url + "#/audit");
  await page.waitForSelector("#audit-table tbody tr");
  const rows = await page.$$eval("#audit-table tbody tr", (trs) => trs.map((tr) => tr.textContent));
  assert.equal(rows.length, 3, rows.join("\n"));
  assert.ok(rows[0].includes("alice") && rows[0].includes("accept"), rows[0]);
  assert.ok(rows[1].includes("alice") && rows[1].includes("reject"), rows[1]);
  assert.ok(rows[2].includes("bob") && rows[2].includes("accept"), rows[2]);
  assert.ok(await page.$("#nav a[data-route=audit]"), "the audit link is shown to an admin");
  await page.screenshot({ path: join(artifacts, "team-audit.png") });
  assert.deepEqual(problems.filter((p) => !p.includes("409")), []);
});
