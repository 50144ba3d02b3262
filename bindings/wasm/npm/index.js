// smartlib in JavaScript: the engine compiled to WebAssembly, with the same calls and the same
// answers as the CLI and the Python, Kotlin and Swift bindings.
//
// Call `await init()` once, then everything is synchronous. Profiles are plain objects in the
// profile-file format ({offers, piloting, planned, unknown, goals, constraints, name});
// answers are the core's views as plain objects, field for field (snake_case, as in the CLI's
// JSON and in Python). A refused input throws a SmartlibError.

import initModule, * as engine from "./wasm/smartlib_wasm.js";

/** Why a call was refused: the engine's message, and where and what it is about. */
export class SmartlibError extends Error {
  constructor(failure) {
    super(failure.message);
    this.name = "SmartlibError";
    /** `unknown-program`, `unknown-goal`, `conflicting-status`, `syntax`, `unknown-field`, … */
    this.kind = failure.kind;
    /** The id the error is about, if any. */
    this.id = failure.id ?? null;
    /** The nearest valid id, if any. */
    this.suggestion = failure.suggestion ?? null;
    /** The key path in the input, such as `offers[2]` ("" for the whole input). */
    this.path = failure.path ?? "";
    /** Line and column in the text, from 1, when the input was text. */
    this.line = failure.line ?? null;
    this.column = failure.column ?? null;
    /** Every problem found in a catalog or profile text. */
    this.problems = failure.problems ?? [];
  }
}

// The engine throws a refusal as the JSON of its fields; anything else (a trap) is a bug and
// goes on as it is.
function call(run) {
  try {
    return run();
  } catch (thrown) {
    if (typeof thrown !== "string") throw thrown;
    let failure;
    try {
      failure = JSON.parse(thrown);
    } catch {
      throw new Error(thrown);
    }
    throw new SmartlibError(failure);
  }
}

let loading = null;

/**
 * Loads the WebAssembly module, once. In a browser it fetches `wasm/smartlib_wasm_bg.wasm`
 * beside this file; `source` may instead be its bytes, a Response, a URL or a compiled module.
 */
export function init(source) {
  loading ??= initModule(source === undefined ? undefined : { module_or_path: source }).then(() => undefined);
  return loading;
}

function profileJson(profile) {
  if (profile === null || typeof profile !== "object" || Array.isArray(profile)) {
    throw new SmartlibError({ kind: "profile", message: "a profile is an object such as {offers: [\"wifi-access\"]}" });
  }
  return JSON.stringify(profile);
}

/** A validated catalog: the embedded toolbox (`Catalog.default()`) or your own. */
export class Catalog {
  #inner;
  #data = null;

  constructor(inner) {
    if (!(inner instanceof engine.Catalog)) {
      throw new TypeError("use Catalog.default() or Catalog.fromText()");
    }
    this.#inner = inner;
  }

  /** The embedded toolbox catalog. */
  static default() {
    return new Catalog(engine.Catalog.toolbox());
  }

  /** A catalog from text: `format` is "toml", "json" or "yaml"; `origin` names it in errors. */
  static fromText(text, format, origin = "<text>") {
    return new Catalog(call(() => engine.Catalog.fromText(text, format, origin)));
  }

  /** The same catalog with policy changes, such as `{established_share: 0.8}`. */
  withPolicy(changes) {
    return new Catalog(call(() => this.#inner.withPolicy(JSON.stringify(changes))));
  }

  get name() {
    return this.#inner.name();
  }

  get version() {
    return this.#inner.version();
  }

  get fingerprint() {
    return this.#inner.fingerprint();
  }

  /** The catalog's data: tiers, programs, roles, areas, processes, outreach, examples, policy. */
  data() {
    this.#data ??= JSON.parse(call(() => this.#inner.dataJson()));
    return this.#data;
  }

  /** A profile file's text ("toml", "json" or "yaml"), checked against the catalog. */
  readProfile(text, format, origin = "<profile>") {
    return JSON.parse(call(() => this.#inner.readProfile(text, format, origin)));
  }

  /** The profile as a profile file ("toml" or "json"), as the CLI's --profile reads it. */
  writeProfile(profile, format) {
    return call(() => this.#inner.writeProfile(profileJson(profile), format));
  }

  /**
   * Where the library stands: level, tiers, roles and areas, next steps, advice and the best
   * `top` recommendations (default: the catalog's policy, as the CLI). `assume` reads every
   * program of unknown status as "offered" or "not-offered".
   */
  assess(profile, { top, assume } = {}) {
    return JSON.parse(call(() => this.#inner.assess(profileJson(profile), top, assume)));
  }

  /** Every program not offered yet (or the best `limit`), best first, with reasons. */
  recommend(profile, { limit } = {}) {
    return JSON.parse(call(() => this.#inner.recommend(profileJson(profile), limit)));
  }

  /** Every program not offered yet, in phases. */
  roadmap(profile) {
    return JSON.parse(call(() => this.#inner.roadmap(profileJson(profile))));
  }

  /** What would change if the library offered `add` and stopped offering `remove`. */
  whatIf(profile, { add = [], remove = [] } = {}) {
    return JSON.parse(call(() => this.#inner.whatIf(profileJson(profile), add, remove)));
  }

  /** The board report as one HTML page: what `smartlib assess --format html` prints. */
  reportHtml(profile, { date, scores = false } = {}) {
    const day = date ?? new Date().toISOString().slice(0, 10);
    return call(() => this.#inner.reportHtml(profileJson(profile), day, scores));
  }

  /** Frees the engine's memory now rather than when the object is collected. */
  free() {
    this.#inner.free();
  }
}

/** Every view type with its fields, as the core lists them. */
export function viewFields() {
  return JSON.parse(call(() => engine.viewFields()));
}

/** The version of the embedded toolbox content. */
export function contentVersion() {
  return engine.contentVersion();
}

/** What to do with a recommended program, in the engine's words: "verify" → "verify first: status unknown". */
export function actionLabel(action) {
  return engine.actionLabel(action) ?? null;
}
