// The self-assessment page in Chromium: its DOM contract (web/README.md), the same answers as
// the CLI, the fragment, profile files, the print view, accessibility, and no request to any
// other origin and no console error along the way.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";

import { CLI, OUTPUT, ROOT, browser, cliAssess, cliCatalog, scratch, serve } from "./harness.mjs";

const STATUSES = ["offered", "piloting", "planned", "not-offered", "unknown"];
const LISTS = { offers: "offered", piloting: "piloting", planned: "planned", unknown: "unknown" };

let site;
let chrome;
let work;
let catalog;

before(async () => {
  site = await serve();
  chrome = await browser();
  work = scratch();
  catalog = cliCatalog();
  mkdirSync(OUTPUT, { recursive: true });
});

after(async () => {
  await chrome?.close();
  site?.server.close();
});

/** A fresh page with no fragment (or `fragment`), once its first result is shown. */
async function open(fragment = "", viewport = { width: 1280, height: 900 }) {
  const page = await chrome.context.newPage();
  await page.setViewportSize(viewport);
  await page.goto(`${site.origin}/${fragment}`);
  await page.waitForFunction(() => document.body.dataset.ready === "true", null, { timeout: 10_000 });
  await page.locator('[data-testid="level"]').filter({ hasText: /Level \d/ }).waitFor({ timeout: 5_000 });
  return page;
}

/** Sets a profile with the page's own controls, as a person would. */
async function setProfile(page, profile) {
  if (profile.name) await page.fill("#library-name", profile.name);
  for (const [field, status] of Object.entries(LISTS)) {
    for (const id of profile[field] ?? []) await page.selectOption(`select[data-program="${id}"]`, status);
  }
  for (const goal of profile.goals ?? []) await page.check(`input[data-goal="${goal}"]`);
  for (const [resource, amount] of Object.entries(profile.constraints ?? {})) {
    await page.selectOption(`select[data-resource="${resource}"]`, amount);
  }
}

/** The level (the first number of the visible level) and the visible recommendations, in order. */
async function results(page) {
  const level = page.locator('[data-testid="level"]');
  assert.ok(await level.isVisible(), "the level is visible");
  const text = await level.textContent();
  const ids = await page
    .locator('[data-testid="recommendation"]')
    .evaluateAll((items) => items.filter((item) => item.checkVisibility()).map((item) => item.dataset.program));
  return { level: Number(text.match(/\d+/)[0]), text, ids };
}

/** What every control shows, and the what-if answer. */
function controls(page) {
  return page.evaluate(() => ({
    selects: [...document.querySelectorAll("select")].map((s) => [s.id, s.value]),
    goals: [...document.querySelectorAll("input[data-goal]")].map((i) => [i.dataset.goal, i.checked]),
    name: document.querySelector("#library-name").value,
    whatIf: document.querySelector("#whatif-answer").textContent,
  }));
}

const programIds = () => catalog.programs.map((p) => p.id);
const goalIds = () => [...catalog.roles, ...catalog.areas].map((d) => d.id);

/** The shared vectors whose profiles the default catalog can read: every default-catalog vector and the toolbox-skeleton ones. */
function vectors() {
  const dir = join(ROOT, "tests/vectors");
  const known = new Set([...programIds(), ...goalIds()]);
  return readdirSync(dir)
    .filter((name) => name.endsWith(".json"))
    .sort()
    .map((name) => JSON.parse(readFileSync(join(dir, name), "utf8")))
    .filter((v) => !v.policy)
    .filter((v) => {
      const p = v.profile;
      return [...Object.keys(LISTS).flatMap((f) => p[f] ?? []), ...(p.goals ?? [])].every((id) => known.has(id));
    });
}

test("a fresh load shows every program not offered, with the contract's controls", async () => {
  const page = await open();
  const selects = await page.locator("select[data-program]").evaluateAll((all) =>
    all.map((s) => ({ id: s.dataset.program, value: s.value, options: [...s.options].map((o) => o.value) })),
  );
  assert.deepEqual(selects.map((s) => s.id).sort(), programIds().sort());
  for (const select of selects) {
    assert.equal(select.value, "not-offered", select.id);
    assert.deepEqual(select.options.sort(), [...STATUSES].sort(), select.id);
  }
  const goals = await page.locator('input[type="checkbox"][data-goal]').evaluateAll((all) => all.map((i) => i.dataset.goal));
  assert.deepEqual(goals.sort(), goalIds().sort());
  const { level, text, ids } = await results(page);
  const cli = cliAssess({ offers: [] }, work);
  assert.equal(level, cli.level, text);
  assert.deepEqual(ids, cli.recommendations.map((r) => r.program));
  assert.equal(await page.evaluate(() => location.hash), "");
  await page.close();
});

test("the shared vectors: the page's level and ranked programs are the CLI's", async (t) => {
  const list = vectors();
  const defaults = list.filter((v) => v.catalog === "default").length;
  assert.ok(defaults >= 6 && list.length >= 30, `${defaults} default-catalog vectors of ${list.length}`);
  const page = await open();
  for (const vector of list) {
    await t.test(vector.name, async () => {
      await page.goto(`${site.origin}/`);
      await page.waitForFunction(() => document.body.dataset.ready === "true");
      await setProfile(page, vector.profile);
      const cli = cliAssess(vector.profile, work);
      const got = await results(page);
      assert.equal(got.level, cli.level, got.text);
      const top = cli.recommendations.map((r) => r.program);
      assert.ok(top.length <= 5);
      assert.deepEqual(got.ids.slice(0, 5), top);
      if (vector.catalog === "default") {
        assert.equal(got.level, vector.expect.level);
        assert.deepEqual(got.ids, vector.expect.recommendations.slice(0, got.ids.length));
      }
    });
  }
  await page.close();
});

test("with every program offered, no recommendation is shown", async () => {
  const page = await open(`#offers=${programIds().join(",")}`);
  const { level, ids } = await results(page);
  assert.deepEqual([level, ids], [3, []]);
  assert.equal(cliAssess({ offers: programIds() }, work).recommendations.length, 0);
  await page.close();
});

test("the fragment holds the whole state, and a link restores it alone", async () => {
  const page = await open();
  const profile = {
    name: "Town & Gown library",
    offers: ["computer-labs", "wifi-access", "digital-resources"],
    piloting: ["technology-lending"],
    planned: ["makerspaces"],
    unknown: ["basic-computer-training", "open-data-portals"],
    goals: ["co-creators", "innovation-environment"],
    constraints: { budget: "low", staff: "medium" },
  };
  await setProfile(page, profile);
  await page.selectOption("#whatif", "public-meeting-spaces");
  const before = await results(page);
  const shown = await controls(page);
  const url = page.url();
  assert.match(url, /#.*offers=computer-labs,wifi-access,digital-resources/);
  assert.equal((await page.evaluate(() => [localStorage.length, sessionStorage.length])).join(), "0,0");
  await page.close();

  const again = await open(url.slice(url.indexOf("#")));
  const restored = await controls(again);
  assert.deepEqual(restored, shown);
  assert.deepEqual(await results(again), before);
  const cli = cliAssess(profile, work);
  assert.equal(before.level, cli.level);
  assert.deepEqual(before.ids, cli.recommendations.map((r) => r.program));
  await again.close();
});

test("a link naming an unknown program says so and shows the rest", async () => {
  const page = await open("#offers=computer-labs,wifi-acess");
  assert.match(await page.locator("#error").textContent(), /unknown program "wifi-acess" \(did you mean "wifi-access"\?\)/);
  assert.equal(await page.locator('select[data-program="computer-labs"]').inputValue(), "offered");
  await page.close();
});

test("the keyboard alone reaches a program's status and changes the results", async () => {
  const page = await open();
  const first = page.locator("select[data-program]").first();
  const id = await first.getAttribute("data-program");
  for (let i = 0; i < 40 && !(await first.evaluate((s) => s === document.activeElement)); i++) {
    await page.keyboard.press("Tab");
  }
  assert.ok(await first.evaluate((s) => s === document.activeElement), "Tab reaches the first program");
  const label = await page.locator(`label[for="program-${id}"]`).textContent();
  assert.ok(label.length > 0);
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("ArrowUp");
  assert.equal(await first.inputValue(), "offered");
  assert.match(page.url(), new RegExp(`offers=${id}`));
  const { ids } = await results(page);
  assert.equal(ids.includes(id), false, "an offered program is not recommended");
  await page.close();
});

test("loading a profile file sets the page; a broken one names its line", async () => {
  const page = await open();
  const file = join(work, "town.toml");
  writeFileSync(
    file,
    'name = "Town library"\noffers = ["computer-labs", "wifi-access", "digital-resources", "basic-computer-training"]\ngoals = ["ict-users"]\n\n[constraints]\nbudget = "low"\n',
  );
  await page.setInputFiles("#load", file);
  await page.locator("#message").filter({ hasText: "Loaded town.toml" }).waitFor();
  assert.equal(await page.inputValue("#library-name"), "Town library");
  assert.equal(await page.inputValue('select[data-program="basic-computer-training"]'), "offered");
  assert.ok(await page.isChecked('input[data-goal="ict-users"]'));
  assert.equal(await page.inputValue('select[data-resource="budget"]'), "low");
  const cli = JSON.parse(execFileSync(CLI, ["assess", "--profile", file, "--format", "json"], { encoding: "utf8" }));
  const got = await results(page);
  assert.equal(got.level, cli.level);
  assert.deepEqual(got.ids, cli.recommendations.map((r) => r.program));

  const broken = join(work, "broken.toml");
  writeFileSync(broken, 'offers = ["computer-labs",\n  "wifi-acess"]\n');
  await page.setInputFiles("#load", broken);
  await page.locator("#error").filter({ hasText: "broken.toml:2:3" }).waitFor();
  assert.match(await page.locator("#error").textContent(), /did you mean "wifi-access"/);
  assert.equal(await page.inputValue("#library-name"), "Town library", "a refused file changes nothing");
  await page.close();
});

test("saving writes the profile file the CLI reads, in TOML and in JSON", async () => {
  const page = await open();
  const profile = {
    name: "Saved library",
    offers: ["computer-labs", "wifi-access"],
    piloting: ["digital-resources"],
    unknown: ["makerspaces"],
    goals: ["enabling-participation"],
    constraints: { space: "high" },
  };
  await setProfile(page, profile);
  const shown = await results(page);
  for (const format of ["toml", "json"]) {
    const [download] = await Promise.all([page.waitForEvent("download"), page.click(`#save-${format}`)]);
    assert.equal(download.suggestedFilename(), `saved-library.${format}`);
    const file = join(work, `saved.${format}`);
    await download.saveAs(file);
    const cli = JSON.parse(execFileSync(CLI, ["assess", "--profile", file, "--format", "json"], { encoding: "utf8" }));
    assert.equal(cli.level, shown.level, format);
    assert.deepEqual(cli.recommendations.map((r) => r.program), shown.ids, format);
    assert.equal(cli.profile, "Saved library");
  }
  await page.close();
});

test("what-if shows what offering a program would change", async () => {
  const page = await open("#offers=computer-labs,wifi-access");
  await page.selectOption("#whatif", "digital-resources");
  const answer = await page.locator("#whatif-answer").textContent();
  assert.match(answer, /Before.*Level 0 of 3.*After.*Level 1 of 3: Getting started/s);
  assert.match(page.url(), /whatif=digital-resources/);
  await page.close();
});

test("the print view is the CLI's HTML report", async () => {
  const fragment = "#offers=computer-labs,wifi-access,digital-resources&unknown=public-meeting-spaces&goals=co-creators&name=Print%20library";
  const page = await open(fragment);
  const today = await page.evaluate(() => new Date().toISOString().slice(0, 10));
  const file = join(work, "print.json");
  writeFileSync(
    file,
    JSON.stringify({ name: "Print library", offers: ["computer-labs", "wifi-access", "digital-resources"], unknown: ["public-meeting-spaces"], goals: ["co-creators"] }),
  );
  const html = execFileSync(CLI, ["assess", "--profile", file, "--format", "html", "--date", today], { encoding: "utf8" });
  assert.equal(await page.locator("#report").isVisible(), false, "the report is for print only");
  await page.emulateMedia({ media: "print" });
  assert.equal(await page.locator(".app").isVisible(), false);
  assert.ok(await page.locator("#report h1").isVisible());
  const printed = await page.locator("#report").evaluate((r) => r.innerHTML.replace(/\s+/g, " ").trim());
  const expected = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, "text/html");
    return (doc.querySelector("main").outerHTML + doc.querySelector("footer").outerHTML).replace(/\s+/g, " ").trim();
  }, html);
  assert.equal(printed.replace(/> </g, "><"), expected.replace(/> </g, "><"));
  await page.setViewportSize({ width: 794, height: 1123 });
  await page.screenshot({ path: join(OUTPUT, "print.png") });
  await page.close();
});

test("axe-core finds no serious or critical violation, results shown and what-if open", async () => {
  const page = await open("#offers=computer-labs,wifi-access,digital-resources&piloting=technology-lending&unknown=makerspaces&goals=co-creators&budget=low&whatif=basic-computer-training");
  await page.addScriptTag({ path: join(ROOT, "web/node_modules/axe-core/axe.min.js") });
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(" ")).slice(0, 3) }));
  });
  const grave = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  assert.deepEqual(grave, [], JSON.stringify(grave, null, 1));
  await page.close();
});

test("screenshots at desktop and phone widths; the phone page does not scroll sideways", async () => {
  const fragment = "#offers=computer-labs,wifi-access,digital-resources,basic-computer-training&piloting=technology-lending&unknown=makerspaces&goals=co-creators&budget=low&name=Springfield%20Public%20Library";
  const desktop = await open(fragment, { width: 1280, height: 900 });
  await desktop.screenshot({ path: join(OUTPUT, "desktop.png") });
  await desktop.close();
  const phone = await open(fragment, { width: 390, height: 844 });
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than a phone`);
  await phone.screenshot({ path: join(OUTPUT, "phone.png") });
  await phone.evaluate(() => document.querySelector("#results").scrollIntoView());
  await phone.screenshot({ path: join(OUTPUT, "phone-results.png") });
  await phone.close();
});

test("no request left the page's origin, and nothing was logged as an error", () => {
  const foreign = chrome.seen.requests.filter((url) => !url.startsWith(`${site.origin}/`) && !/^(data|blob):/.test(url));
  assert.deepEqual(foreign, []);
  assert.ok(chrome.seen.requests.some((url) => url.endsWith(".wasm")), "the .wasm is fetched as a file");
  assert.deepEqual(chrome.seen.errors, []);
});
