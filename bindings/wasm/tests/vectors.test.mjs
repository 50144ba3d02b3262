// The shared vectors (tests/vectors/*.json) give exactly the answers Rust gives, as in the
// Python, Kotlin and Swift tests.
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { before, test } from "node:test";

import { Catalog, init } from "../npm/node.js";

const VECTORS = new URL("../../../tests/vectors/", import.meta.url);
const vectors = readdirSync(VECTORS)
  .filter((name) => name.endsWith(".json"))
  .sort()
  .map((name) => JSON.parse(readFileSync(new URL(name, VECTORS), "utf8")));

before(() => init());

function catalogFor(vector) {
  let catalog;
  if (vector.catalog === "default") {
    catalog = Catalog.default();
  } else {
    const url = new URL(`catalogs/${vector.catalog}.json`, VECTORS);
    catalog = Catalog.fromText(readFileSync(url, "utf8"), "json", url.pathname);
  }
  return vector.policy ? catalog.withPolicy(vector.policy) : catalog;
}

test("there are enough vectors", () => {
  assert.ok(vectors.length >= 20, `${vectors.length} vectors`);
});

for (const vector of vectors) {
  test(`vector ${vector.name}`, () => {
    const catalog = catalogFor(vector);
    const assessment = catalog.assess(vector.profile);
    const recommendations = catalog.recommend(vector.profile);
    const got = {
      level: assessment.level,
      reached: assessment.reached,
      level_range: [assessment.level_min, assessment.level_max],
      to_next_level: assessment.to_next_level,
      recommendations: recommendations.map((r) => r.program),
      scores: recommendations.map((r) => r.score),
      actions: recommendations.map((r) => r.action),
      to_confirm: assessment.to_confirm,
      reason_kinds: recommendations.map((r) => r.reasons.map((reason) => reason.kind)),
    };
    assert.deepEqual(got, vector.expect);
  });
}
