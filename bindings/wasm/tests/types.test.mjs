// index.d.ts never lies about the answers: each view interface lists exactly the core's fields.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { before, test } from "node:test";

import { init, viewFields } from "../npm/node.js";

before(() => init());

test("every view interface in index.d.ts has exactly the view's fields", () => {
  const types = readFileSync(new URL("../npm/index.d.ts", import.meta.url), "utf8");
  for (const [name, fields] of Object.entries(viewFields())) {
    const body = types.match(new RegExp(`export interface ${name} \\{([^}]*)\\}`));
    assert.ok(body, `index.d.ts has no interface ${name}`);
    const declared = [...body[1].matchAll(/^\s+([a-z_]+):/gm)].map((m) => m[1]);
    assert.deepEqual(declared, fields, name);
  }
});
