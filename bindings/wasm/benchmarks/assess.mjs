// The time of one `assess` call from JavaScript (Node), for BENCHMARKS.md: the profile object in,
// the assessment view out as a JS object (JSON both ways across the boundary included).
//
// Usage: node bindings/wasm/benchmarks/assess.mjs [calls]   (after bash bindings/wasm/scripts/build.sh)
import { Catalog, init } from "../npm/node.js";
// The glue module the package wraps (the same instance), to split a call's time.
import * as engine from "../npm/wasm/smartlib_wasm.js";

const calls = Number(process.argv[2] ?? 5000);
const PROFILES = {
  "three offered": { offers: ["computer-labs", "wifi-access", "digital-resources"] },
  "mixed, goals, unknowns": {
    offers: ["computer-labs", "wifi-access", "digital-resources", "basic-computer-training", "public-meeting-spaces"],
    piloting: ["technology-lending"],
    planned: ["makerspaces"],
    unknown: ["wifi-after-hours", "open-data-portals"],
    goals: ["co-creators", "innovation-environment"],
    constraints: { budget: "low" },
  },
};

const started = process.hrtime.bigint();
await init();
const catalog = Catalog.default();
catalog.assess(PROFILES["three offered"]);
const first = Number(process.hrtime.bigint() - started) / 1e6;
console.log(`node ${process.version}: init (read, compile, instantiate), the default catalog and the first assess: ${first.toFixed(0)} ms`);
console.log(`${calls} calls each, after ${Math.min(calls, 500)} warm-up calls`);

/** Median, p10 and p90 of `calls` timed runs of `run`, after warm-up runs, in µs. */
function measure(run) {
  for (let i = 0; i < Math.min(calls, 500); i++) run();
  const times = new Float64Array(calls);
  for (let i = 0; i < calls; i++) {
    const start = process.hrtime.bigint();
    run();
    times[i] = Number(process.hrtime.bigint() - start) / 1000;
  }
  times.sort();
  const at = (q) => times[Math.min(calls - 1, Math.floor(q * calls))].toFixed(1);
  return `median ${at(0.5)} µs (p10 ${at(0.1)}, p90 ${at(0.9)})`;
}

const raw = engine.Catalog.toolbox();
for (const [name, profile] of Object.entries(PROFILES)) {
  const text = JSON.stringify(profile);
  const answer = raw.assess(text);
  console.log(`assess (${name}): ${measure(() => catalog.assess(profile))}`);
  console.log(`  of which the engine call, JSON text in and out: ${measure(() => raw.assess(text))}`);
  console.log(`  of which JSON.parse of the ${answer.length}-byte answer: ${measure(() => JSON.parse(answer))}`);
}
