//! Engine benchmarks: one assessment and the batch path on the embedded default catalog, the
//! same on generated catalogs, and how cost grows with catalog size.
//!
//! `cargo bench -p smartlib-core`; figures go to BENCHMARKS.md. The default catalog and the
//! example profiles are the shipped ones; other catalogs come from
//! `testing::generated_catalog`: the toolbox's shape at any size.
#![allow(missing_docs)]

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use smartlib_core::{BatchOptions, Catalog, Cell, Profile, ResolvedProfile, Scale, Status};

use smartlib_core::testing::{Lcg, generated_catalog};

/// A profile offering about `percent`% of the programs, with a goal and a budget.
fn profile(catalog: &Catalog, rng: &mut Lcg, percent: usize) -> Profile {
    let offers = catalog.programs().iter().filter(|_| rng.below(100) < percent).map(|p| p.id.to_string());
    let mut profile = Profile::offering(offers).with_goal("co-creators");
    profile.constraints.budget = Some(Scale::Medium);
    profile
}

/// The example profiles shipped in `examples/profiles`, read against `catalog`, by file name.
fn example_profiles(catalog: &Catalog) -> Vec<(String, Profile)> {
    let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/profiles");
    let mut paths: Vec<_> =
        std::fs::read_dir(folder).expect("examples/profiles").map(|entry| entry.expect("entry").path()).collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let name = path.file_stem().expect("a file").to_string_lossy().into_owned();
            (name, smartlib_content::load_profile(&path, catalog).expect("a valid example"))
        })
        .collect()
}

/// The issue-16 targets: `assess` and `summarize` on the embedded default catalog, for the
/// README's example profile and for all the example profiles in turn.
fn default_catalog(c: &mut Criterion) {
    let catalog = smartlib_content::default_catalog();
    let examples = example_profiles(&catalog);
    let anytown = &examples.iter().find(|(name, _)| name == "anytown").expect("anytown.toml").1;
    let resolved = catalog.resolve(anytown).expect("valid");
    let all: Vec<ResolvedProfile> = examples.iter().map(|(_, p)| catalog.resolve(p).expect("valid")).collect();
    let mut group = c.benchmark_group("default-catalog");
    group.bench_function("assess anytown (resolve + level, tiers, roles, advice, top 5 with reasons)", |b| {
        b.iter(|| catalog.assess(black_box(anytown)).expect("valid"))
    });
    group.bench_function("summarize anytown top 5", |b| {
        b.iter(|| catalog.summarize(black_box(&resolved), 5).expect("valid"))
    });
    let mut summary = catalog.summarize(&resolved, 5).expect("valid");
    group.bench_function("summarize anytown top 5 into a reused summary", |b| {
        b.iter(|| catalog.summarize_into(black_box(&resolved), 5, &mut summary).expect("valid"))
    });
    group.throughput(Throughput::Elements(examples.len() as u64));
    group.bench_function("assess each example profile", |b| {
        b.iter(|| examples.iter().map(|(_, p)| catalog.assess(black_box(p)).expect("valid").level).sum::<usize>())
    });
    group.bench_function("summarize each example profile top 5 into a reused summary", |b| {
        b.iter(|| {
            let mut levels = 0;
            for profile in &all {
                catalog.summarize_into(black_box(profile), 5, &mut summary).expect("valid");
                levels += summary.level;
            }
            levels
        })
    });
    group.finish();
}

fn one_profile(c: &mut Criterion) {
    let catalog = Catalog::new(generated_catalog(15)).expect("valid");
    let mut rng = Lcg(7);
    let profile = profile(&catalog, &mut rng, 40);
    let resolved = catalog.resolve(&profile).expect("valid");
    let mut group = c.benchmark_group("one-profile-15");
    group.bench_function("assess (resolve + level + top 5 with reasons)", |b| {
        b.iter(|| catalog.assess(black_box(&profile)).expect("valid"))
    });
    group.bench_function("assess_resolved", |b| {
        b.iter(|| catalog.assess_resolved(black_box(&resolved)).expect("valid"))
    });
    group.bench_function("recommend all", |b| {
        b.iter(|| catalog.recommend(black_box(&profile), usize::MAX).expect("valid"))
    });
    group.bench_function("summarize top 5", |b| b.iter(|| catalog.summarize(black_box(&resolved), 5).expect("valid")));
    let mut summary = catalog.summarize(&resolved, 5).expect("valid");
    group.bench_function("summarize top 5 into a reused summary", |b| {
        b.iter(|| catalog.summarize_into(black_box(&resolved), 5, &mut summary).expect("valid"))
    });
    group.bench_function("summarize top 0 (levels only)", |b| {
        b.iter(|| catalog.summarize_into(black_box(&resolved), 0, &mut summary).expect("valid"))
    });
    let mut scored = Vec::new();
    group.bench_function("score top 5 (scores and reason kinds)", |b| {
        b.iter(|| catalog.score_top(black_box(&resolved), 5, &mut scored).expect("valid"))
    });
    group.bench_function("roadmap", |b| b.iter(|| catalog.roadmap(black_box(&profile)).expect("valid")));
    group.finish();
}

fn batch(c: &mut Criterion) {
    const BATCH: usize = 1_000_000;
    const DISTINCT: usize = 10_000;
    let catalog = Catalog::new(generated_catalog(15)).expect("valid");
    let mut rng = Lcg(11);
    let profiles: Vec<Profile> = (0..DISTINCT)
        .map(|_| {
            let percent = 5 + rng.below(90);
            profile(&catalog, &mut rng, percent)
        })
        .collect();
    let resolved: Vec<ResolvedProfile> = profiles.iter().map(|p| catalog.resolve(p).expect("valid")).collect();
    let mut group = c.benchmark_group("batch-1M-15");
    group.sample_size(10);
    group.throughput(Throughput::Elements(BATCH as u64));
    group.bench_function("summarize resolved (level + top 5)", |b| {
        b.iter(|| {
            let mut levels = 0;
            for profile in resolved.iter().cycle().take(BATCH) {
                levels += catalog.summarize(profile, 5).expect("valid").level;
            }
            levels
        })
    });
    group.bench_function("resolve ids + summarize (level + top 5)", |b| {
        b.iter(|| {
            let mut levels = 0;
            for profile in profiles.iter().cycle().take(BATCH) {
                levels += catalog.summarize(&catalog.resolve(profile).expect("valid"), 5).expect("valid").level;
            }
            levels
        })
    });
    group.finish();
}

/// Tables of text cells read by the core's table reader (`Columns::read`) and scored by the
/// ordered batch kernel (`summarize_many`): what the CLI's CSV path does, without the CSV.
fn table(c: &mut Criterion) {
    const ROWS: usize = 200_000;
    const WORDS: [&str; 8] = ["yes", "no", "1", "0", "", "TRUE", "piloting", "n/a"];
    let catalog = Catalog::new(generated_catalog(15)).expect("valid");
    let names: Vec<&str> = catalog.programs().iter().map(|p| p.id.as_ref()).collect();
    let columns = catalog.columns(&names).expect("valid");
    let mut rng = Lcg(5);
    let rows: Vec<Vec<&str>> =
        (0..ROWS).map(|_| names.iter().map(|_| WORDS[rng.below(WORDS.len())]).collect()).collect();
    let mut group = c.benchmark_group("table-200k-15");
    group.sample_size(10);
    group.throughput(Throughput::Elements(ROWS as u64));
    for threads in [1, 2] {
        group.bench_function(format!("read text cells + summarize, {threads} thread(s)"), |b| {
            b.iter(|| {
                let mut levels = 0;
                catalog
                    .summarize_many(
                        rows.iter().enumerate(),
                        BatchOptions::new(5).with_threads(threads),
                        |worker, (index, row)| {
                            let cells: Vec<Cell<'_>> = row.iter().map(|text| Cell::Text(text)).collect();
                            worker.summarize_row(&columns, index + 1, &cells).map_or(0, |s| s.level)
                        },
                        |level| {
                            levels += level;
                            Ok::<(), ()>(())
                        },
                    )
                    .expect("runs");
                levels
            })
        });
    }
    // What a DataFrame batch asking for levels only does: statuses column by column.
    let statuses: Vec<Vec<Status>> = (0..names.len())
        .map(|_| (0..ROWS).map(|_| [Status::Offered, Status::NotOffered, Status::Unknown][rng.below(3)]).collect())
        .collect();
    group.bench_function("level ranges by column (levels only), 1 thread", |b| {
        let mut ranges = vec![[0, 0]; 250];
        b.iter(|| {
            let mut levels = 0;
            for start in (0..ROWS).step_by(250) {
                columns
                    .level_ranges(
                        &catalog,
                        |position, out| out.copy_from_slice(&statuses[position][start..start + 250]),
                        &mut ranges,
                    )
                    .expect("valid");
                levels += ranges.iter().map(|range| range[0]).sum::<usize>();
            }
            levels
        })
    });
    group.finish();
}

fn scale(c: &mut Criterion) {
    let mut group = c.benchmark_group("scale");
    group.sample_size(20);
    for size in [15, 100, 1_000, 10_000] {
        let data = generated_catalog(size);
        group.bench_with_input(BenchmarkId::new("build catalog (validate + index)", size), &data, |b, data| {
            b.iter(|| Catalog::new(data.clone()).expect("valid"))
        });
        let catalog = Catalog::new(data).expect("valid");
        let profile = profile(&catalog, &mut Lcg(3), 40);
        group.bench_with_input(BenchmarkId::new("assess", size), &profile, |b, profile| {
            b.iter(|| catalog.assess(profile).expect("valid"))
        });
    }
    group.finish();
}

criterion_group!(benches, default_catalog, one_profile, batch, table, scale);
criterion_main!(benches);
