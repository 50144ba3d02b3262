// The self-assessment page: controls for a profile, and the engine's answers for it, redrawn
// on every change. Every answer and every word about it comes from the engine (the smartlib
// package): this file only lays the views out. The whole state lives in the URL fragment.

import { Catalog, actionLabel, init } from "../../bindings/wasm/npm/index.js";

/** The five statuses a program can have, as profile files and the DOM contract name them. */
const STATUSES = [
  ["offered", "Offered"],
  ["piloting", "Piloting"],
  ["planned", "Planned"],
  ["not-offered", "Not offered"],
  ["unknown", "Don't know"],
];
/** The profile field that lists the programs of each status (not-offered is the default). */
const LISTS = [
  ["offered", "offers"],
  ["piloting", "piloting"],
  ["planned", "planned"],
  ["unknown", "unknown"],
];
const RESOURCES = [
  ["budget", "Budget"],
  ["staff", "Staff"],
  ["space", "Space"],
];
const SCALES = [
  ["", "Not said"],
  ["low", "Low"],
  ["medium", "Medium"],
  ["high", "High"],
];
const ADVICE_KINDS = { fact: "Where you stand", toolbox: "The toolbox", reading: "smartlib's reading" };

const $ = (selector) => document.querySelector(selector);

let catalog;
let data;

/** Makes an element with attributes and children (text or elements). */
function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "text") node.textContent = value;
    else node.setAttribute(key, value === true ? "" : value);
  }
  node.append(...children.filter((child) => child !== null && child !== undefined));
  return node;
}

const capitalise = (text) => text.charAt(0).toUpperCase() + text.slice(1);

// ---- The controls -------------------------------------------------------------------------

function buildControls() {
  const programs = $("#programs");
  programs.replaceChildren();
  for (const tier of data.tiers) {
    const fieldset = el("fieldset", { class: "tier" }, el("legend", { text: tier.name }));
    fieldset.append(el("p", { class: "tier-summary", text: tier.summary }));
    for (const program of data.programs.filter((p) => p.tier === tier.id)) {
      const id = `program-${program.id}`;
      const select = el(
        "select",
        { id, "data-program": program.id, "aria-describedby": `${id}-summary` },
        ...STATUSES.map(([value, label]) => el("option", { value, text: label })),
      );
      select.value = "not-offered";
      fieldset.append(
        el(
          "div",
          { class: "program" },
          el("label", { for: id, text: program.name }),
          select,
          el("p", { id: `${id}-summary`, class: "summary", text: firstSentence(program.summary) }),
        ),
      );
    }
    programs.append(fieldset);
  }

  const goals = $("#goals");
  for (const [group, dimensions] of [
    ["Smart-citizen roles", data.roles],
    ["Contribution areas", data.areas],
  ]) {
    const list = el("div", { class: "goal-group", role: "group", "aria-label": group }, el("p", { class: "group-name", text: group }));
    for (const dimension of dimensions) {
      const id = `goal-${dimension.id}`;
      list.append(
        el(
          "div",
          { class: "goal" },
          el("input", { type: "checkbox", id, "data-goal": dimension.id }),
          el("label", { for: id, text: dimension.name }),
        ),
      );
    }
    goals.append(list);
  }

  const constraints = $("#constraints");
  const row = el("div", { class: "resources" });
  for (const [resource, label] of RESOURCES) {
    const id = `resource-${resource}`;
    row.append(
      el(
        "p",
        { class: "field" },
        el("label", { for: id, text: label }),
        el("select", { id, "data-resource": resource }, ...SCALES.map(([value, text]) => el("option", { value, text }))),
      ),
    );
  }
  constraints.append(row);
}

/** A program's summary, shortened to its first sentence for the form. */
function firstSentence(text) {
  const match = text.trim().match(/^.*?[.!?](\s|$)/s);
  return (match ? match[0] : text).trim();
}

// ---- State: controls ⇄ profile ⇄ URL fragment ----------------------------------------------

/** The profile the controls show, in the profile-file format (catalog order). */
function readControls() {
  const profile = {};
  const name = $("#library-name").value.trim();
  if (name) profile.name = name;
  for (const [status, field] of LISTS) {
    const ids = [...document.querySelectorAll("select[data-program]")]
      .filter((select) => select.value === status)
      .map((select) => select.dataset.program);
    if (ids.length > 0 || field === "offers") profile[field] = ids;
  }
  const goals = [...document.querySelectorAll("input[data-goal]:checked")].map((input) => input.dataset.goal);
  if (goals.length > 0) profile.goals = goals;
  const constraints = {};
  for (const select of document.querySelectorAll("select[data-resource]")) {
    if (select.value) constraints[select.dataset.resource] = select.value;
  }
  if (Object.keys(constraints).length > 0) profile.constraints = constraints;
  if (carried.partners.length > 0) profile.partners = carried.partners;
  return profile;
}

/** Profile fields the page has no control for, carried from a loaded file or a link. */
const carried = { partners: [] };

/** Shows a profile in the controls. */
function showProfile(profile) {
  $("#library-name").value = profile.name ?? "";
  const statusOf = new Map();
  for (const [status, field] of LISTS) for (const id of profile[field] ?? []) statusOf.set(id, status);
  for (const select of document.querySelectorAll("select[data-program]")) {
    select.value = statusOf.get(select.dataset.program) ?? "not-offered";
  }
  const goals = new Set(profile.goals ?? []);
  for (const input of document.querySelectorAll("input[data-goal]")) input.checked = goals.has(input.dataset.goal);
  for (const select of document.querySelectorAll("select[data-resource]")) {
    select.value = profile.constraints?.[select.dataset.resource] ?? "";
  }
  carried.partners = profile.partners ?? [];
}

/** The fragment's keys: the profile's lists, the three resources, the name, the what-if. */
function toFragment(profile, whatIf) {
  const parts = [];
  const ids = (key, list) => list?.length && parts.push(`${key}=${list.map(encodeURIComponent).join(",")}`);
  for (const [, field] of LISTS) ids(field, profile[field]);
  ids("goals", profile.goals);
  for (const [resource] of RESOURCES) {
    if (profile.constraints?.[resource]) parts.push(`${resource}=${profile.constraints[resource]}`);
  }
  if (profile.name) parts.push(`name=${encodeURIComponent(profile.name)}`);
  ids("partners", profile.partners);
  if (whatIf) parts.push(`whatif=${encodeURIComponent(whatIf)}`);
  return parts.join("&");
}

function fromFragment(fragment) {
  const params = new URLSearchParams(fragment.replace(/^#/, ""));
  const list = (key) => (params.get(key) ?? "").split(",").filter(Boolean);
  const profile = {};
  for (const [, field] of LISTS) if (params.has(field)) profile[field] = list(field);
  if (params.has("goals")) profile.goals = list("goals");
  const constraints = {};
  for (const [resource] of RESOURCES) if (params.get(resource)) constraints[resource] = params.get(resource);
  if (Object.keys(constraints).length > 0) profile.constraints = constraints;
  if (params.get("name")) profile.name = params.get("name");
  if (params.has("partners")) profile.partners = list("partners");
  return { profile, whatIf: params.get("whatif") ?? "" };
}

/** Restores the page from the fragment alone; a link the engine refuses is reported. */
function restore() {
  const { profile, whatIf } = fromFragment(location.hash);
  try {
    catalog.assess(profile);
    say("");
  } catch (error) {
    say(`This link could not be read in full: ${error.message}`, true);
  }
  showProfile(profile);
  update({ whatIf, write: false });
}

// ---- Drawing the answers -----------------------------------------------------------------

function update({ whatIf = $("#whatif").value, write = true } = {}) {
  const profile = readControls();
  let assessment;
  try {
    assessment = catalog.assess(profile);
  } catch (error) {
    say(error.message, true);
    return;
  }
  drawAssessment(assessment);
  drawRoadmap(catalog.roadmap(profile));
  drawWhatIfChoices(profile, whatIf);
  drawWhatIf(profile);
  drawReport(profile);
  if (write) {
    history.replaceState(null, "", `#${toFragment(profile, $("#whatif").value)}`);
  }
}

function drawAssessment(a) {
  $('[data-testid="level"]').textContent = a.headline;
  $("#level-bar").textContent = `${a.headline} · see the results`;
  $("#level-words").textContent = [a.message, a.level_note].filter(Boolean).join(" ");

  $("#tiers tbody").replaceChildren(
    ...a.tiers.map((tier) => {
      const extra = [
        [tier.piloting, "piloting"],
        [tier.planned, "planned"],
        [tier.unknown, "unknown"],
      ]
        .filter(([n]) => n > 0)
        .map(([n, word]) => `${n} ${word}`);
      return el(
        "tr",
        {},
        el("th", { scope: "row", text: tier.name }),
        el("td", { text: `${tier.offered} of ${tier.total}${extra.length ? ` (${extra.join(", ")})` : ""}` }),
        el("td", { class: "num", text: String(tier.needed) }),
        el("td", { class: tier.established ? "yes" : "no", text: tier.established ? "Yes" : "Not yet" }),
      );
    }),
  );

  $("#advice").replaceChildren(
    ...a.advice.map((advice) =>
      el(
        "li",
        { class: `advice-${advice.kind}` },
        el("span", { class: "tag", text: ADVICE_KINDS[advice.kind] ?? advice.kind }),
        " ",
        advice.text,
        advice.provisional ? el("span", { class: "note", text: " (depends on your answers above)" }) : null,
        advice.source ? el("span", { class: "note" }, " ", el("a", { href: advice.source, text: "source" })) : null,
      ),
    ),
  );

  $("#recommendations").replaceChildren(...a.recommendations.map(recommendationItem));
  $("#no-recommendations").hidden = a.recommendations.length > 0;
}

function recommendationItem(r) {
  const label = r.action === "start" ? null : actionLabel(r.action);
  const guides = [
    ...r.process_names.map((name) => `${name} (organizational process)`),
    ...r.outreach_names.map((name) => `${name} (marketing and outreach tool)`),
  ];
  return el(
    "li",
    { "data-testid": "recommendation", "data-program": r.program, class: "recommendation" },
    el("h4", {}, r.name, " ", el("span", { class: "note", text: `(${r.tier_name})` })),
    label ? el("p", { class: "action", text: capitalise(label) }) : null,
    r.summary ? el("p", { class: "summary", text: r.summary }) : null,
    el("p", { class: "label", text: "Why" }),
    el("ul", {}, ...r.reasons.map((reason) => el("li", { text: capitalise(reason.text) }))),
    guides.length ? el("p", { class: "label", text: "Read next in the toolbox" }) : null,
    guides.length ? el("ul", {}, ...guides.map((text) => el("li", { text }))) : null,
    r.example_names.length
      ? el("p", {}, el("span", { class: "label", text: "See how others do it: " }), r.example_names.join("; "))
      : null,
  );
}

function drawRoadmap(roadmap) {
  $("#roadmap").replaceChildren(
    ...roadmap.phases.map((phase) =>
      el(
        "li",
        {},
        el("span", { class: "label", text: `Phase ${phase.number}: ` }),
        phase.programs
          .map((r) => (r.action === "start" ? r.name : `${r.name} (${actionLabel(r.action)})`))
          .join(", "),
        el("span", {
          class: "note",
          text: ` → level ${phase.level_after}${phase.reached_after_name ? ` (${phase.reached_after_name})` : ""}`,
        }),
      ),
    ),
  );
  if (roadmap.phases.length === 0) {
    $("#roadmap").append(el("li", { class: "note", text: "Every program is offered." }));
  }
}

function drawWhatIfChoices(profile, chosen) {
  const offered = new Set(profile.offers ?? []);
  const select = $("#whatif");
  select.replaceChildren(
    el("option", { value: "", text: "Choose a program" }),
    ...data.programs.map((p) =>
      el("option", { value: p.id, text: `${offered.has(p.id) ? "Stop offering" : "Offer"} ${p.name}` }),
    ),
  );
  select.value = data.programs.some((p) => p.id === chosen) ? chosen : "";
}

function drawWhatIf(profile) {
  const id = $("#whatif").value;
  const answer = $("#whatif-answer");
  if (!id) {
    answer.replaceChildren();
    return;
  }
  const dropping = (profile.offers ?? []).includes(id);
  const change = catalog.whatIf(profile, dropping ? { remove: [id] } : { add: [id] });
  const name = (list, ids) => ids.map((x) => list.find((d) => d.id === x)?.name ?? x).join(", ");
  const dimensions = [...data.roles, ...data.areas];
  const rows = [
    ["Before", change.before.headline],
    ["After", change.after.headline],
    ...change.tiers.map((t) => [
      t.name,
      `${t.offered_before} → ${t.offered_after} offered${t.established_before !== t.established_after ? (t.established_after ? ", now established" : ", no longer established") : ""}`,
    ]),
    ["Roles gained", name(dimensions, change.roles_gained)],
    ["Roles lost", name(dimensions, change.roles_lost)],
    ["Areas gained", name(dimensions, change.areas_gained)],
    ["Areas lost", name(dimensions, change.areas_lost)],
  ].filter(([, value]) => value);
  answer.replaceChildren(el("dl", { class: "whatif" }, ...rows.flatMap(([term, value]) => [el("dt", { text: term }), el("dd", { text: value })])));
}

/** The print view: the engine's board report, its own style for print only. */
function drawReport(profile) {
  const html = catalog.reportHtml(profile, { date: new Date().toISOString().slice(0, 10) });
  const report = new DOMParser().parseFromString(html, "text/html");
  let style = $("#report-style");
  if (!style) {
    style = el("style", { id: "report-style", media: "print" });
    document.head.append(style);
  }
  style.textContent = report.querySelector("style").textContent;
  const main = report.querySelector("main");
  const footer = report.querySelector("footer");
  $("#report").replaceChildren(document.importNode(main, true), document.importNode(footer, true));
  $("#credit").replaceChildren(...[...footer.children].map((p) => document.importNode(p, true)));
}

function say(text, isError = false) {
  $("#error").textContent = isError ? text : "";
  $("#message").textContent = isError ? "" : text;
}

// ---- Profile files -------------------------------------------------------------------------

async function load(file) {
  const format = file.name.toLowerCase().match(/\.(toml|json|ya?ml)$/)?.[1];
  if (!format) {
    say(`${file.name}: a profile file ends in .toml, .json, .yaml or .yml`, true);
    return;
  }
  try {
    const profile = catalog.readProfile(await file.text(), format === "yml" ? "yaml" : format, file.name);
    showProfile(profile);
    update();
    say(`Loaded ${file.name}.`);
  } catch (error) {
    say(error.message, true);
  }
}

function save(format) {
  const profile = readControls();
  const text = catalog.writeProfile(profile, format);
  const base = (profile.name ?? "library").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "library";
  const link = el("a", { href: URL.createObjectURL(new Blob([text], { type: "text/plain" })), download: `${base}.${format}` });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 0);
  say(`Saved ${base}.${format}: the CLI reads it with smartlib assess --profile ${base}.${format}.`);
}

// ---- Start ---------------------------------------------------------------------------------

async function start() {
  await init();
  catalog = Catalog.default();
  data = catalog.data();
  buildControls();
  const form = $("#profile");
  form.addEventListener("change", () => update());
  form.addEventListener("input", () => update());
  form.addEventListener("submit", (event) => event.preventDefault());
  $("#whatif").addEventListener("change", () => update());
  $("#load").addEventListener("change", (event) => {
    const [file] = event.target.files;
    if (file) load(file).finally(() => (event.target.value = ""));
  });
  $("#save-toml").addEventListener("click", () => save("toml"));
  $("#save-json").addEventListener("click", () => save("json"));
  $("#print").addEventListener("click", () => window.print());
  $("#reset").addEventListener("click", () => {
    showProfile({});
    update({ whatIf: "" });
    say("Started over.");
  });
  window.addEventListener("hashchange", restore);
  restore();
  document.body.dataset.ready = "true";
}

start().catch((error) => {
  say(`The assessment engine could not start: ${error.message}`, true);
  throw error;
});
