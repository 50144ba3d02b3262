// The binding layer: construction, each answer, each kind of error, profile files both ways.
// The engine's logic is tested in Rust; here, that JS gets it whole.
import assert from "node:assert/strict";
import { before, test } from "node:test";

import { Catalog, SmartlibError, actionLabel, contentVersion, init, viewFields } from "../npm/node.js";

const STARTED = { offers: ["computer-labs", "wifi-access", "digital-resources"] };
let catalog;

before(async () => {
  await init();
  await init(); // a second call is harmless
  catalog = Catalog.default();
});

function keys(object) {
  return Object.keys(object).sort();
}

test("the default catalog is the toolbox, with its fifteen programs", () => {
  assert.equal(catalog.version, contentVersion());
  assert.match(catalog.fingerprint, /^[0-9a-f]+$/);
  const data = catalog.data();
  assert.equal(data.programs.length, 15);
  assert.deepEqual(
    data.tiers.map((t) => t.id),
    ["getting-started", "making-progress", "advancing-your-role"],
  );
  assert.equal(data.roles.length + data.areas.length, 6);
});

test("assess answers the view, with exactly the core's fields", () => {
  const fields = viewFields();
  const a = catalog.assess({ ...STARTED, goals: ["co-creators"], constraints: { budget: "low" } });
  assert.equal(a.headline, "Level 1 of 3: Getting started");
  assert.equal(a.recommendations.length, 5);
  assert.deepEqual(keys(a), [...fields.Assessment].sort());
  assert.deepEqual(keys(a.tiers[0]), [...fields.TierStatus].sort());
  assert.deepEqual(keys(a.roles[0]), [...fields.Coverage].sort());
  assert.deepEqual(keys(a.advice[0]), [...fields.Advice].sort());
  assert.deepEqual(keys(a.recommendations[0]), [...fields.Recommendation].sort());
  assert.deepEqual(keys(a.recommendations[0].reasons[0]), [...fields.Reason].sort());
  assert.equal(catalog.assess(STARTED, { top: 2 }).recommendations.length, 2);
});

test("unknown programs widen the range, and assume reads them one way", () => {
  const profile = { offers: ["computer-labs"], unknown: ["wifi-access", "digital-resources"] };
  const open = catalog.assess(profile);
  assert.deepEqual([open.level_min, open.level_max], [0, 1]);
  const high = catalog.assess(profile, { assume: "offered" });
  assert.equal(high.level, 1);
  assert.equal(high.assumed_unknown, "offered");
  assert.throws(() => catalog.assess(profile, { assume: "maybe" }), SmartlibError);
});

test("recommend, roadmap and what-if answer their views", () => {
  const fields = viewFields();
  const all = catalog.recommend(STARTED);
  assert.equal(all.length, 12);
  assert.deepEqual(catalog.recommend(STARTED, { limit: 3 }).map((r) => r.program), all.slice(0, 3).map((r) => r.program));
  const roadmap = catalog.roadmap(STARTED);
  assert.deepEqual(keys(roadmap), [...fields.Roadmap].sort());
  assert.deepEqual(keys(roadmap.phases[0]), [...fields.Phase].sort());
  assert.equal(roadmap.phases.flatMap((p) => p.programs).length, 12);
  const change = catalog.whatIf(STARTED, { add: ["basic-computer-training"] });
  assert.deepEqual(keys(change), [...fields.WhatIf].sort());
  assert.deepEqual(keys(change.tiers[0]), [...fields.TierChange].sort());
  assert.deepEqual([change.added, change.tiers[0].offered_after], [["basic-computer-training"], 4]);
  const swap = catalog.whatIf(STARTED, { add: ["basic-computer-training"], remove: ["wifi-access"] });
  assert.deepEqual([swap.added, swap.removed, swap.tiers], [["basic-computer-training"], ["wifi-access"], []]);
  const drop = catalog.whatIf(STARTED, { remove: ["wifi-access"] });
  assert.deepEqual([drop.level_before, drop.level_after], [1, 0]);
});

test("an unknown program throws a SmartlibError with its id, suggestion and path", () => {
  const error = assert.throws(() => catalog.assess({ offers: ["computer-labs", "wifi-acess"] }), (e) => {
    assert.ok(e instanceof SmartlibError && e instanceof Error);
    assert.equal(e.kind, "unknown-program");
    assert.equal(e.id, "wifi-acess");
    assert.equal(e.suggestion, "wifi-access");
    assert.equal(e.path, "offers[1]");
    assert.equal(e.line, null);
    assert.match(e.message, /unknown program "wifi-acess" \(did you mean "wifi-access"\?\)/);
    return true;
  });
  assert.equal(error, undefined);
});

test("goals, conflicts, bad shapes and bad what-ifs are refused by name", () => {
  const check = (run, expected) => assert.throws(run, (e) => {
    assert.ok(e instanceof SmartlibError, String(e));
    for (const [key, value] of Object.entries(expected)) assert.equal(e[key], value, `${key}: ${e.message}`);
    return true;
  });
  check(() => catalog.assess({ goals: ["co-creator"] }), { kind: "unknown-goal", suggestion: "co-creators", path: "goals[0]" });
  check(() => catalog.assess({ offers: ["makerspaces"], planned: ["makerspaces"] }), {
    kind: "conflicting-status",
    id: "makerspaces",
  });
  check(() => catalog.assess({ offer: [] }), { kind: "unknown-field" });
  check(() => catalog.assess({ offers: "wifi-access" }), { kind: "wrong-type", path: "offers" });
  check(() => catalog.assess(["wifi-access"]), { kind: "profile" });
  check(() => catalog.whatIf(STARTED, { add: ["makerspace"] }), { kind: "unknown-program", suggestion: "makerspaces" });
  check(() => catalog.withPolicy({ established_share: "most" }), { kind: "policy" });
  check(() => catalog.writeProfile(STARTED, "yaml"), { kind: "format" });
  check(() => catalog.readProfile("offers = []", "xml"), { kind: "format" });
});

test("profile files: TOML and JSON read with positions, and write back as the CLI reads them", () => {
  const text = 'name = "Town library"\noffers = ["computer-labs",\n  "wifi-acess"]\n';
  assert.throws(() => catalog.readProfile(text, "toml", "town.toml"), (e) => {
    assert.equal(e.kind, "unknown-program");
    assert.equal(e.suggestion, "wifi-access");
    assert.equal(e.path, "offers[1]");
    assert.equal(e.line, 3);
    assert.equal(e.column, 3);
    assert.match(e.message, /^town\.toml:3:3: offers\[1\]: /);
    return true;
  });
  assert.throws(() => catalog.readProfile("offers = [", "toml", "broken.toml"), (e) => e.kind === "syntax" && e.line === 1);
  const profile = {
    name: "Town library",
    offers: ["computer-labs", "wifi-access"],
    piloting: ["technology-lending"],
    unknown: ["makerspaces"],
    goals: ["co-creators", "enabling-participation"],
    constraints: { budget: "low", space: "high" },
  };
  for (const format of ["toml", "json"]) {
    const written = catalog.writeProfile(profile, format);
    assert.deepEqual(catalog.readProfile(written, format, `saved.${format}`), profile, written);
  }
  assert.match(catalog.writeProfile(profile, "toml"), /^name = "Town library"\noffers = \[/);
  assert.deepEqual(catalog.readProfile("offers:\n  - wifi-access\n", "yaml"), { offers: ["wifi-access"] });
});

test("a catalog from text, and its errors with line and problems", () => {
  const again = Catalog.fromText(JSON.stringify(catalog.data()), "json");
  assert.equal(again.fingerprint, catalog.fingerprint);
  assert.throws(() => Catalog.fromText('name = "x"\nversion =', "toml", "mine.toml"), (e) => {
    assert.equal(e.kind, "syntax");
    assert.equal(e.line, 2);
    assert.ok(e.problems.length >= 1 && e.problems[0].origin === "mine.toml");
    return true;
  });
});

test("the report is the CLI's board report", () => {
  const html = catalog.reportHtml({ name: "Town library", ...STARTED }, { date: "2026-11-30" });
  assert.match(html, /^<!DOCTYPE html>/);
  assert.match(html, /<h1>Town library: smart community assessment<\/h1>/);
  assert.match(html, /<p class="date">30 November 2026<\/p>/);
  assert.match(html, /Level 1 of 3: Getting started/);
  assert.throws(() => catalog.reportHtml(STARTED, { date: "30/11/2026" }), SmartlibError);
});

test("policy changes change the answers", () => {
  const strict = catalog.withPolicy({ established_share: 1.0 });
  assert.equal(catalog.assess(STARTED).level, 1);
  assert.equal(strict.assess(STARTED).level, 0);
});

test("actions are labelled in the engine's words", () => {
  assert.equal(actionLabel("verify"), "verify first: status unknown");
  assert.equal(actionLabel("make-permanent"), "make permanent: piloting now");
  assert.equal(actionLabel("dance"), null);
});
