// The package's entry in Node: the same API, with `init()` reading the module from disk
// (Node's fetch does not read file: URLs).
import { readFile } from "node:fs/promises";
import { init as initWith } from "./index.js";

export * from "./index.js";

/** Loads the WebAssembly module from beside this file, once. */
export async function init() {
  return initWith(await readFile(new URL("./wasm/smartlib_wasm_bg.wasm", import.meta.url)));
}
