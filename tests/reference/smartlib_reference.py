"""A plain-Python implementation of smartlib's rule, written from DESIGN.md, independent of the Rust engine.

It has two jobs:
- it computes the expected answers of the shared test vectors (tests/vectors/*.json), so the
  vectors are not just the Rust engine's output written down: `check` fails when the vectors and
  this implementation disagree, and every language's tests then compare against the vectors;
- it is the plain-Python baseline of the Python benchmark (level + top recommendations).

It also reads tables of libraries (tests/vectors/tables/*.json: cells exactly as a spreadsheet
holds them) by the rules of DESIGN.md's "Status cells" contract, error messages included, so every
front end's table reading is checked against an answer the engine did not write.

Usage:
    python3 tests/reference/smartlib_reference.py check [VECTOR ...]   # exit 1 on any mismatch
    python3 tests/reference/smartlib_reference.py fill VECTOR ...      # (re)write their "expect"

Only the standard library is used (Python 3.11+, for tomllib).
"""

from __future__ import annotations

import itertools
import json
import math
import re
import sys
from pathlib import Path

VECTORS = Path(__file__).resolve().parent.parent / "vectors"

DEFAULT_POLICY = {
    "rule": "per-tier",
    "established_share": 0.6,
    "count_piloting": False,
    "recommendations": 5,
    "weights": {
        "next_tier": 100.0,
        "lower_tier_gap": 60.0,
        "higher_tier": 30.0,
        "higher_tier_step": 10.0,
        "builds_on": 12.0,
        "missing_prerequisite": 8.0,
        "goal": 15.0,
        "role_gap": 6.0,
        "piloting": 10.0,
        "planned": 5.0,
        "unknown": 0.0,
        "constraint": 10.0,
    },
}
SCALE = {"low": 0, "medium": 1, "high": 2}
# What a recommendation asks the library to do, by the program's status (DESIGN.md,
# "Recommendation"). Offered programs are never recommended, so they have no action.
ACTIONS = {"not-offered": "start", "piloting": "make-permanent", "planned": "carry-out-plan", "unknown": "verify"}
RESOURCES = ("budget", "staff", "space")


def merged_policy(*layers: dict | None) -> dict:
    """Defaults overlaid with each layer (a catalog's policy, then a vector's override)."""
    policy = json.loads(json.dumps(DEFAULT_POLICY))
    for layer in layers:
        for key, value in (layer or {}).items():
            if key == "weights":
                policy["weights"].update(value)
            else:
                policy[key] = value
    return policy


def link_id(link: str | dict) -> str:
    """A builds_on entry: a program id, or a table with the id, why and source."""
    return link if isinstance(link, str) else link["program"]


def need_level(need: str | dict) -> str:
    """A need: an amount, or a table with the amount, why and source."""
    return need if isinstance(need, str) else need["level"]


class Reference:
    """A catalog prepared for assessment: tiers in order, programs by position."""

    def __init__(self, catalog: dict, policy_override: dict | None = None):
        self.policy = merged_policy(catalog.get("policy"), policy_override)
        self.tiers = [tier["id"] for tier in catalog["tiers"]]
        self.programs = catalog["programs"]
        self.position = {program["id"]: i for i, program in enumerate(self.programs)}
        self.tier_of = [self.tiers.index(program["tier"]) for program in self.programs]
        share = self.policy["established_share"]
        self.members = [[i for i, t in enumerate(self.tier_of) if t == tier] for tier in range(len(self.tiers))]
        self.needed = [self.needed_of(len(m)) for m in self.members]
        # The cumulative rule reads the first tiers together: tiers 1..k for level k.
        self.prefix_needed = [self.needed_of(sum(len(m) for m in self.members[: k + 1])) for k in range(len(self.members))]
        self.roles = [role["id"] for role in catalog.get("roles", [])]
        self.areas = [area["id"] for area in catalog.get("areas", [])]

    def needed_of(self, size: int) -> int:
        return min(size, max(1, math.ceil(self.policy["established_share"] * size - 1e-9)))

    def statuses(self, profile: dict) -> list[str]:
        status = ["not-offered"] * len(self.programs)
        for field, name in (("offers", "offered"), ("piloting", "piloting"), ("planned", "planned"), ("unknown", "unknown")):
            for program_id in profile.get(field, []):
                status[self.position[program_id]] = name
        return status

    def level(self, counts: list[int]) -> int:
        """Per tier: each tier in a row has its share. Cumulative: tiers 1..k together do, for
        every k up to the level."""
        cumulative = self.policy["rule"] == "cumulative"
        for tier in range(len(self.tiers)):
            have = sum(counts[: tier + 1]) if cumulative else counts[tier]
            if have < (self.prefix_needed if cumulative else self.needed)[tier]:
                return tier
        return len(self.tiers)

    def summarize(self, profile: dict, top: int = 5) -> tuple[int, int, list[str]]:
        """Level, level with unknowns offered, and the `top` best program ids: the batch answer."""
        answer = self.assess(profile, with_next_level=False)
        return answer["level"], answer["level_range"][1], answer["recommendations"][:top]

    def assess(self, profile: dict, with_next_level: bool = True) -> dict:
        status = self.statuses(profile)
        counting = {"offered", "piloting"} if self.policy["count_piloting"] else {"offered"}
        counted = {i for i, s in enumerate(status) if s in counting}
        per_tier = [sum(1 for i in members if i in counted) for members in self.members]
        unknown = [sum(1 for i in members if status[i] == "unknown") for members in self.members]
        level = self.level(per_tier)
        level_max = self.level([c + u for c, u in zip(per_tier, unknown)])
        covered = {role for i in counted for role in self.programs[i].get("roles", [])}
        goals = set(profile.get("goals", []))
        constraints = profile.get("constraints", {})

        def scored(i: int) -> tuple[float, list[str]]:
            """The score, and the kind of each reason in the order the principles apply."""
            w = self.policy["weights"]
            program = self.programs[i]
            tier = self.tier_of[i]
            total = 0.0
            kinds: list[str] = []
            if tier == level:
                total += w["next_tier"]
                kinds.append("next-tier")
            elif tier < level:
                total += w["lower_tier_gap"]
                kinds.append("lower-tier-gap")
            else:
                total += max(0.0, w["higher_tier"] - w["higher_tier_step"] * (tier - level - 1))
                kinds.append("higher-tier")
            # A prerequisite counted as offered is leverage; one of unknown status is neither
            # leverage nor a gap (no points); any other is missing.
            prerequisites = [self.position[link_id(link)] for link in program.get("builds_on", [])]
            have = sum(1 for p in prerequisites if p in counted)
            missing = sum(1 for p in prerequisites if p not in counted and status[p] != "unknown")
            if have:
                total += w["builds_on"] * have
                kinds.append("builds-on")
            if missing:
                total += -w["missing_prerequisite"] * missing
                kinds.append("missing-prerequisites")
            if len(prerequisites) - have - missing:
                kinds.append("builds-on-unknown")
            served = sum(1 for g in program.get("roles", []) + program.get("areas", program.get("contributions", [])) if g in goals)
            if served:
                total += w["goal"] * served
                kinds.append("goals")
            gaps = sum(1 for role in program.get("roles", []) if role not in covered)
            if gaps:
                total += w["role_gap"] * gaps
                kinds.append("role-gap")
            needs = {resource: need_level(need) for resource, need in program.get("needs", {}).items()}
            for resource in RESOURCES:
                if resource in needs and resource in constraints:
                    shortfall = SCALE[needs[resource]] - SCALE[constraints[resource]]
                    if shortfall > 0:
                        total += -w["constraint"] * shortfall
                        kinds.append("constraint")
            if status[i] == "piloting":
                total += w["piloting"]
                kinds.append("in-progress")
            elif status[i] == "planned":
                total += w["planned"]
                kinds.append("in-progress")
            elif status[i] == "unknown":
                total += w["unknown"]
                kinds.append("status-unknown")
            return total, kinds

        def score(i: int) -> float:
            return scored(i)[0]

        def leverage(i: int) -> int:
            return sum(1 for link in self.programs[i].get("builds_on", []) if self.position[link_id(link)] in counted)

        def cost(i: int) -> int:
            return sum(SCALE[need_level(v)] + 1 for v in self.programs[i].get("needs", {}).values())

        def best_first(candidates):
            # Higher score; on a tie, more leverage, then lower cost, then catalog order.
            return sorted(((score(i), i) for i in candidates), key=lambda pair: (-pair[0], -leverage(pair[1]), cost(pair[1]), pair[1]))

        ranked = best_first(i for i, s in enumerate(status) if s != "offered")
        # The programs that count toward the next level: the tier at `level`, or with the
        # cumulative rule the tiers up to it together.
        if level < len(self.tiers):
            if self.policy["rule"] == "cumulative":
                members = [i for tier in self.members[: level + 1] for i in tier]
                missing = self.prefix_needed[level] - sum(per_tier[: level + 1])
            else:
                members = self.members[level]
                missing = self.needed[level] - per_tier[level]
        else:
            members, missing = [], 0
        step_unknown = [i for i in members if status[i] == "unknown"]
        if with_next_level:
            # Programs of unknown status first (checking is the cheapest step), then the others.
            climbing = best_first(step_unknown)[:missing]
            climbing += best_first(i for i in members if i not in counted and status[i] != "unknown")[: missing - len(climbing)]
        else:
            climbing = []
        return {
            "level": level,
            "reached": self.tiers[level - 1] if level else None,
            "level_range": [level, level_max],
            "to_next_level": [self.programs[i]["id"] for _, i in climbing],
            "to_confirm": self.to_confirm(counted, status, level, level_max, best_first(step_unknown)) if with_next_level else [],
            "recommendations": [self.programs[i]["id"] for _, i in ranked],
            "scores": [s for s, _ in ranked],
            "actions": [ACTIONS[status[i]] for _, i in ranked],
            "reason_kinds": [scored(i)[1] for _, i in ranked],
        }

    def to_confirm(self, counted: set[int], status: list[str], level: int, level_max: int, step_unknown: list) -> list[str]:
        """The fewest programs of unknown status that, marked offered, raise the level: found by
        trying every set of unknown programs, smallest first, so the size does not rest on the
        engine's argument. The named ones are the best-ranked unknown programs of the step that
        holds the level; the search checks that they do raise it."""
        if level_max == level:
            return []
        unknown = [i for i, s in enumerate(status) if s == "unknown"]

        def level_with(extra) -> int:
            with_extra = counted | set(extra)
            return self.level([sum(1 for i in members if i in with_extra) for members in self.members])

        for size in range(1, len(unknown) + 1):
            if any(level_with(subset) > level for subset in itertools.combinations(unknown, size)):
                chosen = [i for _, i in step_unknown[:size]]
                assert len(chosen) == size and level_with(chosen) > level, "the best-ranked unknown programs raise the level"
                return [self.programs[i]["id"] for i in chosen]
        raise AssertionError("a level range wider than one value has a way up through unknown programs")


DEFAULT_CATALOG = VECTORS.parent.parent / "crates" / "content" / "catalog"


def load_catalog(name: str) -> dict:
    """A fixture catalog by name, or "default": the content crate's catalog directory."""
    if name != "default":
        return json.loads((VECTORS / "catalogs" / f"{name}.json").read_text())
    import tomllib

    catalog = tomllib.loads((DEFAULT_CATALOG / "catalog.toml").read_text())
    for kind in ("programs", "processes", "outreach", "examples"):
        catalog[kind] = [tomllib.loads((DEFAULT_CATALOG / kind / f"{i}.toml").read_text()) for i in catalog.get(kind, [])]
    return catalog


def expected(vector: dict) -> dict:
    reference = Reference(load_catalog(vector["catalog"]), vector.get("policy"))
    if "columns" in vector:
        return Table(reference).expected(vector["columns"], vector["rows"], vector.get("top", 5))
    return reference.assess(vector["profile"])


# ---------------------------------------------------------------------------------------------
# Tables: one library a row, cells as written.

STATUS_WORDS = {
    "offered": ["offered", "yes", "y", "true", "1", "1.0"],
    "piloting": ["piloting", "pilot"],
    "planned": ["planned"],
    "not-offered": ["not-offered", "no", "n", "false", "0", "0.0"],
    "unknown": ["unknown", "?", "na", "n/a", "nan", "null", ""],
}
LIST_FIELDS = {"offers": "offered", "piloting": "piloting", "planned": "planned", "unknown": "unknown"}
READ_FIELDS = ["offers", "piloting", "planned", "unknown", "goals", "budget", "staff", "space"]
FIELDS = ["id", "name", *READ_FIELDS]
NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")


class Refused(Exception):
    """A table or a row the rules refuse, with the message every front end must give."""


def distance(a: str, b: str) -> int:
    """Damerau-Levenshtein distance (adjacent transpositions, unrestricted)."""
    alphabet: dict[str, int] = {}
    big = len(a) + len(b)
    d = [[big] * (len(b) + 2) for _ in range(len(a) + 2)]
    for i in range(len(a) + 1):
        d[i + 1][0], d[i + 1][1] = big, i
    for j in range(len(b) + 1):
        d[0][j + 1], d[1][j + 1] = big, j
    for i in range(1, len(a) + 1):
        last = 0
        for j in range(1, len(b) + 1):
            k, l = alphabet.get(b[j - 1], 0), last
            cost = 0 if a[i - 1] == b[j - 1] else 1
            if cost == 0:
                last = j
            d[i + 1][j + 1] = min(d[i][j] + cost, d[i + 1][j] + 1, d[i][j + 1] + 1, d[k][l] + (i - k - 1) + 1 + (j - l - 1))
        alphabet[a[i - 1]] = i
    return d[len(a) + 1][len(b) + 1]


def nearest(word: str, candidates: list[str]) -> str | None:
    """The closest candidate; none for a word longer than any id (64 characters)."""
    if len(word) > 64:
        return None
    best = None
    for candidate in candidates:
        if best is None or distance(word, candidate) < distance(word, best):
            best = candidate
    return best


HIDDEN = re.compile("[\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb\U000e0000-\U000e007f]")
ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def echo(text: str) -> str:
    """Input text as messages echo it: control and invisible characters escaped, cut at 80."""
    def one(c: str) -> str:
        if c in ESCAPES:
            return ESCAPES[c]
        if ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 or HIDDEN.match(c):
            return f"\\u{{{ord(c):x}}}"
        return c
    return "".join(one(c) for c in text[:80]) + ("…" if len(text) > 80 else "")


def shown(cell: str) -> str:
    """A cell as messages show it: numbers as numbers (whole ones without a fraction)."""
    text = cell.strip()
    if NUMBER.match(text):
        number = float(text)
        return str(int(number)) if number == int(number) else repr(number)
    return f'"{echo(text)}"'


def status_list() -> str:
    groups = []
    for words in STATUS_WORDS.values():
        blank = " or an empty cell" if "" in words else ""
        groups.append(", ".join(w for w in words if w) + blank)
    return "; ".join(groups)


class Table:
    def __init__(self, reference: Reference):
        self.reference = reference
        self.ids = [program["id"] for program in reference.programs]

    def near_miss(self, name: str) -> str | None:
        normalized = name.lower().replace("_", "-").replace(" ", "-")
        if normalized in self.ids:
            return normalized
        if normalized in READ_FIELDS:
            return normalized
        best = nearest(normalized, self.ids)
        if best is not None and distance(normalized, best) <= 2:
            return best
        best = nearest(normalized, READ_FIELDS)
        if best is not None and distance(normalized, best) <= 1:
            return best
        return None

    def layout(self, columns: list[str]) -> list[str]:
        names = [c.strip() for c in columns]
        seen = set()
        first_list = first_program = None
        for name in names:
            if name in seen:
                raise Refused(f'column "{echo(name)}": appears more than once')
            seen.add(name)
            if name == "constraints":
                raise Refused(f'column "{echo(name)}": is a profile-file field; in a table give budget, staff and space as columns of their own')
            if name in FIELDS:
                if name in LIST_FIELDS and first_list is None:
                    first_list = name
            elif name in self.ids:
                first_program = first_program or name
            else:
                suggestion = self.near_miss(name)
                if suggestion:
                    raise Refused(f'column "{echo(name)}": not a program id or profile field (did you mean "{echo(suggestion)}"?)')
        nothing = 'no "offers" column and no column named after a program id (such as "computer-labs"): nothing says what the library offers'
        if first_list and first_program:
            raise Refused(
                f'column "{echo(first_list)}" lists programs and column "{echo(first_program)}" is a program: '
                "use lists (offers, piloting, planned, unknown) or one column per program, not both"
            )
        if first_program is None and "offers" not in names:
            raise Refused(nothing)
        return names

    def status(self, cell: str) -> str:
        text = cell.strip().lower()
        for status, words in STATUS_WORDS.items():
            if text in words:
                return status
        if NUMBER.match(text):
            number = float(text)
            if number == 1:
                return "offered"
            if number == 0:
                return "not-offered"
        raise Refused(f"{shown(cell)} is not a status; use {status_list()}")

    def row(self, names: list[str], cells: list[str], number: int) -> dict:
        if len(cells) != len(names):
            raise Refused(f"row {number}: expected {len(names)} cells (one a column), found {len(cells)}")
        per_program = any(name in self.ids for name in names)
        status = {i: ("unknown" if per_program else "not-offered") for i in self.ids}
        goals: list[str] = []
        constraints: dict[str, str] = {}
        dimensions = self.reference.roles + self.reference.areas
        for name, cell in zip(names, cells):
            at = f'row {number}, column "{echo(name)}"'
            try:
                if name in self.ids:
                    status[name] = self.status(cell)
                elif name in LIST_FIELDS or name == "goals":
                    for item in (part.strip() for part in cell.split(";")):
                        if not item:
                            continue
                        if name == "goals":
                            if item not in dimensions:
                                suggestion = nearest(item, dimensions)
                                hint = f' (did you mean "{echo(suggestion)}"?)' if suggestion else ""
                                raise Refused(f'unknown goal "{echo(item)}" (goals are role or contribution area ids){hint}')
                            goals.append(item)
                            continue
                        if item not in self.ids:
                            suggestion = nearest(item, self.ids)
                            hint = f' (did you mean "{echo(suggestion)}"?)' if suggestion else ""
                            raise Refused(f'unknown program "{echo(item)}"{hint}')
                        given = LIST_FIELDS[name]
                        if status[item] not in ("not-offered", given):
                            raise Refused(f'program "{echo(item)}" is listed as {status[item]} and as {given}')
                        status[item] = given
                elif name in RESOURCES:
                    text = cell.strip().lower()
                    if text in SCALE:
                        constraints[name] = text
                    elif text not in STATUS_WORDS["unknown"]:
                        raise Refused(f"{shown(cell)} is not an amount; use low, medium or high, or leave the cell empty")
            except Refused as refused:
                raise Refused(f"{at}: {refused}") from None
        profile: dict = {"goals": goals, "constraints": constraints}
        for field, given in LIST_FIELDS.items():
            profile[field] = [i for i in self.ids if status[i] == given]
        return profile

    def expected(self, columns: list[str], rows: list[list[str]], top: int) -> dict:
        try:
            names = self.layout(columns)
        except Refused as refused:
            return {"error": str(refused)}
        answers = []
        for number, cells in enumerate(rows, start=1):
            try:
                profile = self.row(names, cells, number)
            except Refused as refused:
                answers.append({"error": str(refused)})
                continue
            level, level_max, recommendations = self.reference.summarize(profile, top)
            answers.append({"level": level, "level_range": [level, level_max], "recommendations": recommendations})
        return {"rows": answers}


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("check", "fill"):
        print(__doc__, file=sys.stderr)
        return 2
    paths = [Path(p) for p in argv[1:]] or sorted(VECTORS.glob("*.json")) + sorted(VECTORS.glob("tables/*.json"))
    failures = checked = 0
    for path in paths:
        vector = json.loads(path.read_text())
        checked += 1
        answer = expected(vector)
        if argv[0] == "fill":
            vector["expect"] = answer
            path.write_text(json.dumps(vector, indent=2, ensure_ascii=False) + "\n")
            print(f"filled {path.name}")
        elif vector.get("expect") != answer:
            failures += 1
            print(f"MISMATCH {path.name}\n  vector:    {vector.get('expect')}\n  reference: {answer}")
    if argv[0] == "check":
        print(f"{checked - failures} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
