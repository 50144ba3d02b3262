"""A plain-Python implementation of smartlib's rule, written from DESIGN.md, independent of the Rust engine.

It has two jobs:
- it computes the expected answers of the shared test vectors (tests/vectors/*.json), so the
  vectors are not just the Rust engine's output written down: `check` fails when the vectors and
  this implementation disagree, and every language's tests then compare against the vectors;
- it is the plain-Python baseline of the Python benchmark (level + top recommendations).

Usage:
    python3 tests/reference/smartlib_reference.py check [VECTOR ...]   # exit 1 on any mismatch
    python3 tests/reference/smartlib_reference.py fill VECTOR ...      # (re)write their "expect"

Only the standard library is used (Python 3.11+, for tomllib).
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

VECTORS = Path(__file__).resolve().parent.parent / "vectors"

DEFAULT_POLICY = {
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
        self.needed = [min(len(m), max(1, math.ceil(share * len(m) - 1e-9))) for m in self.members]
        self.roles = [role["id"] for role in catalog.get("roles", [])]
        self.areas = [area["id"] for area in catalog.get("areas", [])]

    def statuses(self, profile: dict) -> list[str]:
        status = ["not-offered"] * len(self.programs)
        for field, name in (("offers", "offered"), ("piloting", "piloting"), ("planned", "planned"), ("unknown", "unknown")):
            for program_id in profile.get(field, []):
                status[self.position[program_id]] = name
        return status

    def level(self, counts: list[int]) -> int:
        for tier, needed in enumerate(self.needed):
            if counts[tier] < needed:
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

        def score(i: int) -> float:
            w = self.policy["weights"]
            program = self.programs[i]
            tier = self.tier_of[i]
            total = 0.0
            if tier == level:
                total += w["next_tier"]
            elif tier < level:
                total += w["lower_tier_gap"]
            else:
                total += max(0.0, w["higher_tier"] - w["higher_tier_step"] * (tier - level - 1))
            prerequisites = program.get("builds_on", [])
            have = sum(1 for p in prerequisites if self.position[p] in counted)
            if have:
                total += w["builds_on"] * have
            if len(prerequisites) - have:
                total += -w["missing_prerequisite"] * (len(prerequisites) - have)
            served = sum(1 for g in program.get("roles", []) + program.get("areas", program.get("contributions", [])) if g in goals)
            if served:
                total += w["goal"] * served
            gaps = sum(1 for role in program.get("roles", []) if role not in covered)
            if gaps:
                total += w["role_gap"] * gaps
            needs = program.get("needs", {})
            for resource in RESOURCES:
                if resource in needs and resource in constraints:
                    shortfall = SCALE[needs[resource]] - SCALE[constraints[resource]]
                    if shortfall > 0:
                        total += -w["constraint"] * shortfall
            if status[i] == "piloting":
                total += w["piloting"]
            elif status[i] == "planned":
                total += w["planned"]
            elif status[i] == "unknown":
                total += w["unknown"]
            return total

        def best_first(candidates):
            return sorted(((score(i), i) for i in candidates), key=lambda pair: (-pair[0], pair[1]))

        ranked = best_first(i for i, s in enumerate(status) if s != "offered")
        if level < len(self.tiers) and with_next_level:
            missing = self.needed[level] - per_tier[level]
            climbing = best_first(i for i in self.members[level] if i not in counted)[:missing]
        else:
            climbing = []
        return {
            "level": level,
            "reached": self.tiers[level - 1] if level else None,
            "level_range": [level, level_max],
            "to_next_level": [self.programs[i]["id"] for _, i in climbing],
            "recommendations": [self.programs[i]["id"] for _, i in ranked],
            "scores": [s for s, _ in ranked],
        }


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
    return Reference(load_catalog(vector["catalog"]), vector.get("policy")).assess(vector["profile"])


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("check", "fill"):
        print(__doc__, file=sys.stderr)
        return 2
    paths = [Path(p) for p in argv[1:]] or sorted(VECTORS.glob("*.json"))
    failures = checked = 0
    for path in paths:
        vector = json.loads(path.read_text())
        checked += 1
        answer = expected(vector)
        if argv[0] == "fill":
            vector["expect"] = answer
            path.write_text(json.dumps(vector, indent=2, ensure_ascii=False) + "\n")
            print(f"filled {path.name}: level {answer['level']}, {len(answer['recommendations'])} recommendations")
        elif vector.get("expect") != answer:
            failures += 1
            print(f"MISMATCH {path.name}\n  vector:    {vector.get('expect')}\n  reference: {answer}")
    if argv[0] == "check":
        print(f"{checked - failures} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
