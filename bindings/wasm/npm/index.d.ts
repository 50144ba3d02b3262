// Types of the smartlib package. The answer types are the core's views (smartlib::view), field
// for field; tests/types.test.mjs checks these interfaces against the engine's own list.

/** low, medium or high. */
export type Scale = "low" | "medium" | "high";

/** What one library offers now: the profile-file format the CLI reads. */
export interface Profile {
  name?: string;
  offers?: string[];
  piloting?: string[];
  planned?: string[];
  unknown?: string[];
  /** Role or contribution-area ids to emphasise. */
  goals?: string[];
  constraints?: { budget?: Scale; staff?: Scale; space?: Scale };
  partners?: string[];
  content_version?: string;
}

/** Why a call was refused. */
export class SmartlibError extends Error {
  /** `unknown-program`, `unknown-goal`, `conflicting-status`, `catalog`, `policy`, `format`, `profile`, or a content diagnostic's kind (`syntax`, `unknown-field`, …). */
  readonly kind: string;
  /** The id the error is about. */
  readonly id: string | null;
  /** The nearest valid id. */
  readonly suggestion: string | null;
  /** The key path in the input, such as `offers[2]`; "" for the input as a whole. */
  readonly path: string;
  /** Line in the text, from 1, when the input was text. */
  readonly line: number | null;
  /** Column in the text, from 1. */
  readonly column: number | null;
  /** Every problem found in a catalog or profile text. */
  readonly problems: Problem[];
}

export interface Problem {
  origin: string;
  line: number | null;
  column: number | null;
  path: string;
  kind: string;
  message: string;
}

export interface Assessment {
  profile: string | null;
  headline: string;
  level: number;
  level_min: number;
  level_max: number;
  level_note: string | null;
  reached: string | null;
  reached_name: string | null;
  tiers: TierStatus[];
  roles: Coverage[];
  areas: Coverage[];
  to_next_level: string[];
  to_next_level_names: string[];
  to_next_level_actions: string[];
  to_next_level_steps: string[];
  to_confirm: string[];
  to_confirm_names: string[];
  assumed_unknown: string | null;
  assumed: string[];
  recommendations: Recommendation[];
  message_key: string;
  message: string;
  advice: Advice[];
  content_name: string;
  content_version: string;
  content_fingerprint: string;
}

export interface TierStatus {
  id: string;
  name: string;
  offered: number;
  total: number;
  share: number;
  needed: number;
  established: boolean;
  piloting: number;
  planned: number;
  unknown: number;
}

export interface Coverage {
  id: string;
  name: string;
  programs: string[];
  program_names: string[];
}

export interface Advice {
  /** `fact`, `reading` or `toolbox`. */
  kind: string;
  text: string;
  source: string | null;
  provisional: boolean;
}

export interface Recommendation {
  program: string;
  name: string;
  summary: string;
  tier: string;
  tier_name: string;
  /** `start`, `make-permanent`, `carry-out-plan` or `verify`. */
  action: string;
  score: number;
  reasons: Reason[];
  processes: string[];
  process_names: string[];
  outreach: string[];
  outreach_names: string[];
  examples: string[];
  example_names: string[];
}

export interface Reason {
  kind: string;
  points: number;
  text: string;
  ids: string[];
  names: string[];
  phases: number[];
  tier: string | null;
  tier_name: string | null;
  tiers_ahead: number | null;
  resource: string | null;
  needs: string | null;
  has: string | null;
  status: string | null;
}

export interface Roadmap {
  level: number;
  phases: Phase[];
}

export interface Phase {
  number: number;
  programs: Recommendation[];
  level_after: number;
  reached_after: string | null;
  reached_after_name: string | null;
}

export interface WhatIf {
  added: string[];
  added_names: string[];
  removed: string[];
  removed_names: string[];
  level_before: number;
  level_after: number;
  reached_before: string | null;
  reached_before_name: string | null;
  reached_after: string | null;
  reached_after_name: string | null;
  tiers: TierChange[];
  roles_gained: string[];
  roles_lost: string[];
  areas_gained: string[];
  areas_lost: string[];
  before: Assessment;
  after: Assessment;
}

export interface TierChange {
  id: string;
  name: string;
  offered_before: number;
  offered_after: number;
  established_before: boolean;
  established_after: boolean;
}

/** The catalog's data, as `Catalog.fromText` reads it (the fields front ends use most). */
export interface CatalogData {
  name: string;
  version: string;
  tiers: { id: string; name: string; summary: string; message: string }[];
  programs: { id: string; name: string; tier: string; summary: string; roles: string[]; areas: string[] }[];
  roles: { id: string; name: string; summary: string }[];
  areas: { id: string; name: string; summary: string }[];
  processes: { id: string; name: string; summary: string }[];
  outreach: { id: string; name: string; summary: string }[];
  examples: { id: string; name: string; location: string }[];
  [field: string]: unknown;
}

/** Loads the WebAssembly module once; in Node it reads it from disk, in a browser it fetches it beside the package (or from `source`). */
export function init(source?: BufferSource | Response | URL | string | WebAssembly.Module): Promise<void>;

/** A validated catalog: the embedded toolbox or your own. */
export class Catalog {
  private constructor();
  /** The embedded toolbox catalog. */
  static default(): Catalog;
  /** A catalog from text; `format` is "toml", "json" or "yaml". */
  static fromText(text: string, format: "toml" | "json" | "yaml", origin?: string): Catalog;
  /** The same catalog with policy changes, such as `{established_share: 0.8}`. */
  withPolicy(changes: Record<string, unknown>): Catalog;
  readonly name: string;
  readonly version: string;
  readonly fingerprint: string;
  data(): CatalogData;
  /** A profile file's text, checked against the catalog. */
  readProfile(text: string, format: "toml" | "json" | "yaml", origin?: string): Profile;
  /** The profile as a profile file the CLI reads. */
  writeProfile(profile: Profile, format: "toml" | "json"): string;
  assess(profile: Profile, options?: { top?: number; assume?: "offered" | "not-offered" }): Assessment;
  recommend(profile: Profile, options?: { limit?: number }): Recommendation[];
  roadmap(profile: Profile): Roadmap;
  whatIf(profile: Profile, change: { add?: string[]; remove?: string[] }): WhatIf;
  /** The board report, as `smartlib assess --format html` prints it; `date` is YYYY-MM-DD (default today). */
  reportHtml(profile: Profile, options?: { date?: string; scores?: boolean }): string;
  free(): void;
}

/** Every view type with its fields, as the core lists them. */
export function viewFields(): Record<string, string[]>;

/** The version of the embedded toolbox content. */
export function contentVersion(): string;

/** What to do with a recommended program, in the engine's words ("verify" → "verify first: status unknown"); null for no action. */
export function actionLabel(action: string): string | null;
