//! Checks catalog data and builds the indexes the engine reads: every id resolved, no
//! duplicates, no `builds_on` cycle, no empty tier, a policy in range.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use crate::error::{CatalogError, Kind, Located, Path, Problem};
use crate::index::{Compiled, IdMap, Index};
use crate::model::{CatalogData, Guide, Id, Resource};
use crate::suggest::nearest;

/// Roles and areas are kept as bits of a `u64`.
const MAX_DIMENSIONS: usize = 64;

/// Validates `data`, returning its indexes or every problem found.
pub(crate) fn check(data: &CatalogData) -> Result<Index, CatalogError> {
    let mut checker = Checker::default();
    let root = Path::root();
    checker.text(&root, "name", &data.name);
    checker.text(&root, "version", &data.version);
    checker.text(&root, "start_message", &data.start_message);
    checker.policy(data);

    if data.tiers.is_empty() {
        checker.report(root.key("tiers"), Problem::NoTiers);
    }
    let tiers = checker.ids(Kind::Tier, &root.key("tiers"), data.tiers.iter().map(|t| (&t.id, &t.name)));
    for (position, tier) in data.tiers.iter().enumerate() {
        checker.text(&root.key("tiers").index(position), "message", &tier.message);
    }
    let roles = checker.ids(Kind::Role, &root.key("roles"), data.roles.iter().map(|d| (&d.id, &d.name)));
    let areas = checker.ids(Kind::Area, &root.key("areas"), data.areas.iter().map(|d| (&d.id, &d.name)));
    for (position, area) in data.areas.iter().enumerate() {
        if let Some(&role) = roles.get(&area.id) {
            let first = root.key("roles").index(role);
            checker.report(
                root.key("areas").index(position).key("id"),
                Problem::Duplicate { kind: Kind::Goal, id: area.id.clone(), first },
            );
        }
    }
    for (kind, field, count) in [(Kind::Role, "roles", roles.len()), (Kind::Area, "areas", areas.len())] {
        if count > MAX_DIMENSIONS {
            checker.report(root.key(field), Problem::TooMany { kind, count, max: MAX_DIMENSIONS });
        }
    }
    let processes = checker.guides(Kind::Process, &root.key("processes"), &data.processes);
    let outreach = checker.guides(Kind::Outreach, &root.key("outreach"), &data.outreach);
    let libraries = checker.ids(Kind::Library, &root.key("examples"), data.examples.iter().map(|l| (&l.id, &l.name)));
    for (position, library) in data.examples.iter().enumerate() {
        let at = root.key("examples").index(position);
        checker.text(&at, "location", &library.location);
        checker.text(&at, "summary", &library.summary);
        checker.sources(&at, &library.sources);
    }
    for (field, dimensions) in [("roles", &data.roles), ("areas", &data.areas)] {
        for (position, dimension) in dimensions.iter().enumerate() {
            checker.sources(&root.key(field).index(position), &dimension.sources);
        }
    }

    let program_index =
        checker.ids(Kind::Program, &root.key("programs"), data.programs.iter().map(|p| (&p.id, &p.name)));
    let mut programs = Vec::with_capacity(data.programs.len());
    let mut tier_sizes = vec![0usize; data.tiers.len()];
    for (position, program) in data.programs.iter().enumerate() {
        let at = root.key("programs").index(position);
        checker.text(&at, "summary", &program.summary);
        checker.sources(&at, &program.sources);
        let tier = checker.reference(Kind::Tier, &at, "tier", &program.tier, &tiers);
        if let Some(tier) = tier {
            tier_sizes[tier] += 1;
        }
        let role_bits = checker.references(Kind::Role, &at, "roles", &program.roles, &roles);
        let area_bits = checker.references(Kind::Area, &at, "areas", &program.areas, &areas);
        let prerequisites: Vec<Id> = program.builds_on.iter().map(|link| link.program.clone()).collect();
        let builds_on = checker.references(Kind::Program, &at, "builds_on", &prerequisites, &program_index);
        for (position, link) in program.builds_on.iter().enumerate() {
            checker.reasoned(&at.key("builds_on").index(position), link.why.as_deref(), link.source.as_deref());
        }
        for resource in Resource::ALL {
            if let Some(need) = program.needs.get(resource) {
                checker.reasoned(&at.key("needs").key(resource.as_str()), need.why.as_deref(), need.source.as_deref());
            }
        }
        checker.references(Kind::Process, &at, "processes", &program.processes, &processes);
        checker.references(Kind::Outreach, &at, "outreach", &program.outreach, &outreach);
        checker.references(Kind::Library, &at, "libraries", &program.libraries, &libraries);
        programs.push(Compiled {
            tier: tier.unwrap_or(0),
            builds_on: builds_on.into_boxed_slice(),
            roles: bits(&role_bits),
            areas: bits(&area_bits),
            need_ranks: crate::engine::need_ranks(&program.needs.levels()),
            cost: Resource::ALL
                .iter()
                .filter_map(|&resource| program.needs.get(resource))
                .map(|need| need.level as u8 + 1)
                .sum(),
        });
    }
    for (position, size) in tier_sizes.iter().enumerate() {
        // A duplicated tier is reported as a duplicate, not also as empty.
        if *size == 0 && tiers.get(&data.tiers[position].id) == Some(&position) {
            checker.report(
                root.key("tiers").index(position),
                Problem::EmptyTier { tier: data.tiers[position].id.clone() },
            );
        }
    }
    let topological = checker.topological_order(data, &programs);

    if checker.problems.is_empty() {
        Ok(Index { program_index, role_index: roles, area_index: areas, programs, topological })
    } else {
        Err(CatalogError::new(checker.problems))
    }
}

/// Sets bit `i` for every position `i` (positions past 63 were reported as too many).
fn bits(positions: &[usize]) -> u64 {
    positions.iter().filter(|&&position| position < MAX_DIMENSIONS).fold(0, |acc, &position| acc | (1 << position))
}

/// The ids of an index in catalog order, so suggestions do not depend on hash order.
fn in_catalog_order(index: &IdMap) -> Vec<&Id> {
    let mut ids: Vec<(&Id, usize)> = index.iter().map(|(id, &position)| (id, position)).collect();
    ids.sort_unstable_by_key(|&(_, position)| position);
    ids.into_iter().map(|(id, _)| id).collect()
}

/// True for lower-case kebab-case: `wifi-access`, `3d-printing`.
fn is_kebab_case(id: &str) -> bool {
    !id.is_empty()
        && id
            .split('-')
            .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
}

#[derive(Default)]
struct Checker {
    problems: Vec<Located>,
}

impl Checker {
    fn report(&mut self, path: Path, problem: Problem) {
        self.problems.push(Located { path, problem });
    }

    /// Reports `at.field` when `text` is blank; the path is built only then.
    fn text(&mut self, at: &Path, field: &'static str, text: &str) {
        if text.trim().is_empty() {
            self.report(at.key(field), Problem::EmptyText);
        }
    }

    fn sources(&mut self, at: &Path, sources: &[String]) {
        for (position, url) in sources.iter().enumerate() {
            self.url(at.key("sources").index(position), url);
        }
    }

    /// Reports `url` at `at` unless it is an http(s) URL.
    fn url(&mut self, at: Path, url: &str) {
        let scheme_ok = url.starts_with("https://") || url.starts_with("http://");
        let host_ok = url.split_once("://").is_some_and(|(_, rest)| !rest.is_empty());
        if !scheme_ok || !host_ok || url.contains(char::is_whitespace) {
            self.report(at, Problem::BadUrl { url: url.to_owned() });
        }
    }

    /// A link's or a need's reason: a `why` that says something, and a source that is a URL.
    fn reasoned(&mut self, at: &Path, why: Option<&str>, source: Option<&str>) {
        if let Some(why) = why {
            self.text(at, "why", why);
        }
        if let Some(source) = source {
            self.url(at.key("source"), source);
        }
    }

    /// Checks ids and names of one collection and indexes it; the first of duplicates wins.
    fn ids<'a>(&mut self, kind: Kind, at: &Path, entries: impl Iterator<Item = (&'a Id, &'a String)>) -> IdMap {
        let mut index = IdMap::default();
        for (position, (id, name)) in entries.enumerate() {
            if !is_kebab_case(id) {
                self.report(at.index(position).key("id"), Problem::InvalidId { id: id.to_string() });
            }
            if name.trim().is_empty() {
                self.report(at.index(position).key("name"), Problem::EmptyText);
            }
            if let Some(&first) = index.get(id) {
                let problem = Problem::Duplicate { kind, id: id.clone(), first: at.index(first) };
                self.report(at.index(position).key("id"), problem);
            } else {
                index.insert(id.clone(), position);
            }
        }
        index
    }

    fn guides(&mut self, kind: Kind, at: &Path, guides: &[Guide]) -> IdMap {
        let index = self.ids(kind, at, guides.iter().map(|g| (&g.id, &g.name)));
        for (position, guide) in guides.iter().enumerate() {
            let here = at.index(position);
            self.text(&here, "summary", &guide.summary);
            self.sources(&here, &guide.sources);
            let Some(parent) = &guide.parent else { continue };
            let Some(mut current) = self.reference(kind, &here, "parent", parent, &index) else {
                continue;
            };
            // Walk up; more steps than guides means a loop. Each loop is reported once, at
            // its first member.
            let mut chain = vec![position];
            for _ in 0..=guides.len() {
                chain.push(current);
                if current == position {
                    if chain.iter().all(|&member| member >= position) {
                        let cycle = chain.iter().map(|&member| guides[member].id.clone()).collect();
                        self.report(here.key("parent"), Problem::Cycle { cycle });
                    }
                    break;
                }
                match guides[current].parent.as_ref().and_then(|p| index.get(p)) {
                    Some(&next) => current = next,
                    None => break,
                }
            }
        }
        index
    }

    /// Resolves the id at `at.field`, reporting it when unknown.
    fn reference(&mut self, kind: Kind, at: &Path, field: &'static str, id: &Id, index: &IdMap) -> Option<usize> {
        let found = index.get(id).copied();
        if found.is_none() {
            let suggestion = nearest(id, in_catalog_order(index));
            self.report(at.key(field), Problem::UnknownReference { kind, id: id.clone(), suggestion });
        }
        found
    }

    /// Resolves the id list at `at.field`, reporting unknown and repeated ids. Paths are built
    /// only for problems: validation runs on every load and problems are rare.
    fn references(&mut self, kind: Kind, at: &Path, field: &'static str, ids: &[Id], index: &IdMap) -> Vec<usize> {
        let mut resolved: Vec<usize> = Vec::with_capacity(ids.len());
        for (position, id) in ids.iter().enumerate() {
            if let Some(earlier) = ids[..position].iter().position(|other| other == id) {
                let list = at.key(field);
                let problem = Problem::Duplicate { kind, id: id.clone(), first: list.index(earlier) };
                self.report(list.index(position), problem);
                continue;
            }
            match index.get(id) {
                Some(&target) => resolved.push(target),
                None => {
                    let suggestion = nearest(id, in_catalog_order(index));
                    let problem = Problem::UnknownReference { kind, id: id.clone(), suggestion };
                    self.report(at.key(field).index(position), problem);
                }
            }
        }
        resolved
    }

    fn policy(&mut self, data: &CatalogData) {
        let at = Path::root().key("policy");
        let share = data.policy.established_share;
        if !(share > 0.0 && share <= 1.0) {
            self.report(
                at.key("established_share"),
                Problem::OutOfRange { value: share.to_string(), expected: "a share above 0 and at most 1" },
            );
        }
        for (name, weight) in data.policy.weights.named() {
            if !weight.is_finite() || weight.abs() > 1e6 {
                self.report(
                    at.key("weights").key(name),
                    Problem::OutOfRange { value: weight.to_string(), expected: "a finite number of points up to 1e6" },
                );
            }
        }
    }

    /// Orders programs so each comes after all it builds on (ties in catalog order), or
    /// reports each `builds_on` cycle once, naming its programs.
    fn topological_order(&mut self, data: &CatalogData, programs: &[Compiled]) -> Vec<usize> {
        let count = programs.len();
        let mut waiting_on: Vec<usize> = programs.iter().map(|p| p.builds_on.len()).collect();
        let mut dependents: Vec<Vec<usize>> = vec![Vec::new(); count];
        for (position, program) in programs.iter().enumerate() {
            for &prerequisite in program.builds_on.iter() {
                dependents[prerequisite].push(position);
            }
        }
        let mut ready: BinaryHeap<Reverse<usize>> = (0..count).filter(|&p| waiting_on[p] == 0).map(Reverse).collect();
        let mut order = Vec::with_capacity(count);
        while let Some(Reverse(position)) = ready.pop() {
            order.push(position);
            for &dependent in &dependents[position] {
                waiting_on[dependent] -= 1;
                if waiting_on[dependent] == 0 {
                    ready.push(Reverse(dependent));
                }
            }
        }
        if order.len() < count {
            self.report_cycles(data, programs, &waiting_on);
        }
        order
    }

    /// Finds each cycle among the programs left unordered and reports it at the edge closing it.
    fn report_cycles(&mut self, data: &CatalogData, programs: &[Compiled], waiting_on: &[usize]) {
        const UNSEEN: u8 = 0;
        const ON_PATH: u8 = 1;
        const DONE: u8 = 2;
        let mut state = vec![UNSEEN; programs.len()];
        for start in (0..programs.len()).filter(|&p| waiting_on[p] > 0) {
            if state[start] != UNSEEN {
                continue;
            }
            // Iterative depth-first search: (program, next edge to follow).
            let mut path: Vec<(usize, usize)> = vec![(start, 0)];
            state[start] = ON_PATH;
            while let Some(&mut (node, ref mut edge)) = path.last_mut() {
                let Some(&next) = programs[node].builds_on.get(*edge) else {
                    state[node] = DONE;
                    path.pop();
                    continue;
                };
                *edge += 1;
                match state[next] {
                    UNSEEN => {
                        state[next] = ON_PATH;
                        path.push((next, 0));
                    }
                    ON_PATH => {
                        let from = path.iter().position(|&(p, _)| p == next).unwrap_or(0);
                        // Start the cycle at the program whose edge closes it, where it is reported.
                        let mut cycle = vec![data.programs[node].id.clone()];
                        cycle.extend(path[from..].iter().map(|&(p, _)| data.programs[p].id.clone()));
                        let field = data.programs[node]
                            .builds_on
                            .iter()
                            .position(|link| link.program == data.programs[next].id);
                        let at = Path::root().key("programs").index(node).key("builds_on");
                        self.report(at.index(field.unwrap_or(0)), Problem::Cycle { cycle });
                    }
                    _ => {}
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kebab_case_ids() {
        for good in ["wifi-access", "a", "3d-printing", "x1-y2"] {
            assert!(is_kebab_case(good), "{good}");
        }
        for bad in ["", "Wifi", "wifi_access", "-a", "a-", "a--b", "a b", "é"] {
            assert!(!is_kebab_case(bad), "{bad}");
        }
    }
}

#[cfg(test)]
mod catalog_tests {
    use crate::catalog::Catalog;
    use crate::error::{Kind, Problem};
    use crate::model::CatalogData;
    use crate::model::Id;
    use crate::testing::small_catalog;

    /// The problems `edit` causes, displayed with their paths.
    fn problems(edit: impl FnOnce(&mut CatalogData)) -> Vec<String> {
        let mut data = small_catalog();
        edit(&mut data);
        match Catalog::new(data) {
            Ok(_) => Vec::new(),
            Err(error) => error.problems().iter().map(ToString::to_string).collect(),
        }
    }

    fn program<'a>(data: &'a mut CatalogData, id: &str) -> &'a mut crate::model::Program {
        data.programs.iter_mut().find(|p| &*p.id == id).expect("program exists")
    }

    #[test]
    fn the_demonstration_catalog_is_valid() {
        assert_eq!(problems(|_| {}), Vec::<String>::new());
    }

    #[test]
    fn unknown_references_name_the_nearest_id() {
        let found = problems(|data| program(data, "makerspace").builds_on = vec!["advancd".into()]);
        assert_eq!(found, [r#"programs[6].builds_on[0]: unknown program "advancd" (did you mean "advanced"?)"#]);
        let found = problems(|data| program(data, "lab").tier = Id::from("basic"));
        assert_eq!(found, [r#"programs[0].tier: unknown tier "basic" (did you mean "basics"?)"#]);
        let found = problems(|data| program(data, "lab").roles.push(Id::from("user")));
        assert_eq!(found, [r#"programs[0].roles[1]: unknown role "user" (did you mean "users"?)"#]);
    }

    #[test]
    fn cycles_are_named_once() {
        let found = problems(|data| program(data, "classes").builds_on = vec!["open-data".into()]);
        assert_eq!(found, [r#"programs[7].builds_on[0]: forms a cycle: open-data -> classes -> open-data"#]);
        let found = problems(|data| program(data, "wifi").builds_on = vec!["wifi".into()]);
        assert_eq!(found, [r#"programs[1].builds_on[0]: forms a cycle: wifi -> wifi"#]);
        let found = problems(|data| {
            program(data, "classes").builds_on = vec!["makerspace".into()];
        });
        assert_eq!(
            found,
            [r#"programs[4].builds_on[0]: forms a cycle: advanced -> classes -> makerspace -> advanced"#]
        );
    }

    #[test]
    fn duplicates_point_at_the_first_definition() {
        let found = problems(|data| {
            let copy = data.programs[0].clone();
            data.programs.push(copy);
        });
        assert_eq!(found, [r#"programs[8].id: duplicate program "lab" (first defined at programs[0])"#]);
        let found = problems(|data| program(data, "lending").builds_on.push("wifi".into()));
        assert_eq!(
            found,
            [r#"programs[3].builds_on[1]: duplicate program "wifi" (first defined at programs[3].builds_on[0])"#]
        );
        let found = problems(|data| data.areas[0].id = Id::from("users"));
        assert!(
            found[0].starts_with(r#"areas[0].id: duplicate goal (role or contribution area) "users""#),
            "{found:?}"
        );
    }

    #[test]
    fn structure_problems() {
        let found = problems(|data| data.tiers.push(data.tiers[0].clone()));
        assert_eq!(found, [r#"tiers[3].id: duplicate tier "basics" (first defined at tiers[0])"#]);
        let found = problems(|data| {
            let mut tier = data.tiers[0].clone();
            tier.id = Id::from("empty");
            data.tiers.push(tier);
        });
        assert_eq!(found, [r#"tiers[3]: tier "empty" has no programs"#]);
        let found = problems(|data| {
            data.tiers.clear();
            data.programs.truncate(1);
        });
        assert_eq!(found[0], "tiers: a catalog needs at least one tier");
        assert_eq!(found[1], r#"programs[0].tier: unknown tier "basics""#);
    }

    #[test]
    fn text_ids_urls_and_policy() {
        let found = problems(|data| {
            data.programs[0].summary = "  ".into();
            data.programs[1].id = Id::from("Wi_Fi");
            data.programs[2].sources = vec!["example.org".into()];
            data.policy.established_share = 0.0;
            data.policy.weights.goal = f64::NAN;
        });
        assert_eq!(
            found,
            [
                "policy.established_share: 0 is out of range: expected a share above 0 and at most 1",
                "policy.weights.goal: NaN is out of range: expected a finite number of points up to 1e6",
                r#"programs[1].id: "Wi_Fi" is not a valid id (use lower-case letters, digits and single hyphens, like "wifi-access")"#,
                "programs[0].summary: must not be empty",
                r#"programs[2].sources[0]: "example.org" is not an http(s) URL"#,
                // The misspelt id no longer matches what refers to it.
                r#"programs[3].builds_on[0]: unknown program "wifi" (did you mean "Wi_Fi"?)"#,
            ]
        );
    }

    #[test]
    fn guide_parent_loops_are_reported_once() {
        let found = problems(|data| {
            let mut second = data.processes[0].clone();
            second.id = Id::from("budgeting");
            second.parent = Some(Id::from("planning"));
            data.processes[0].parent = Some(Id::from("budgeting"));
            data.processes.push(second);
        });
        assert_eq!(found, ["processes[0].parent: forms a cycle: planning -> budgeting -> planning"]);
    }

    #[test]
    fn every_problem_is_reported_and_summarised() {
        let mut data = small_catalog();
        data.programs[0].tier = Id::from("nope");
        data.programs[1].processes.push(Id::from("nope"));
        data.programs[2].outreach.push(Id::from("nope"));
        let error = Catalog::new(data).expect_err("invalid");
        assert_eq!(error.problems().len(), 3);
        assert!(error.to_string().ends_with("(and 2 more problems)"), "{error}");
        assert!(matches!(&error.problems()[2].problem, Problem::UnknownReference { kind: Kind::Outreach, .. }));
    }

    #[test]
    fn too_many_roles() {
        let found = problems(|data| {
            let template = data.roles[0].clone();
            data.roles = (0..65)
                .map(|i| crate::model::Dimension { id: Id::from(format!("role-{i}")), ..template.clone() })
                .collect();
            for program in &mut data.programs {
                program.roles.clear();
            }
        });
        assert_eq!(found, ["roles: 65 role entries; at most 64 are supported"]);
    }
}
