//! Runs one engine call N times, for counting instructions per call under callgrind, which
//! stays stable on a busy machine where times do not (`scripts/bench-engine-instructions.sh`).
//!
//! `calls OPERATION N`: the operation on the embedded default catalog and the README's example
//! profile (`examples/profiles/anytown.toml`), N times. Everything before the loop (loading the
//! catalog, reading the profile) is the same for every N, so the difference between the counts
//! of two runs, divided by the difference of their N, is what one call costs. Without
//! arguments (as `cargo bench` runs it) it runs each operation once, as a smoke test.
//!
//! `answer-copy` copies and drops one `assess` answer made before the loop: its allocations,
//! reference counts and frees, with none of the engine's work. The answer's public types are
//! plain owned data, so this is the least any `assess` can cost.
#![allow(missing_docs)]

use std::hint::black_box;

use smartlib_core::{Catalog, Profile};

const OPERATIONS: [&str; 5] = ["assess", "assess-resolved", "summarize", "summarize-into", "answer-copy"];

fn run(catalog: &Catalog, profile: &Profile, operation: &str, n: usize) -> usize {
    let resolved = catalog.resolve(profile).expect("valid");
    let mut summary = catalog.summarize(&resolved, 5).expect("valid");
    let answer = catalog.assess(profile).expect("valid");
    let mut levels = 0;
    for _ in 0..n {
        levels += match operation {
            "assess" => catalog.assess(black_box(profile)).expect("valid").level,
            "assess-resolved" => catalog.assess_resolved(black_box(&resolved)).expect("valid").level,
            "summarize" => catalog.summarize(black_box(&resolved), 5).expect("valid").level,
            "summarize-into" => {
                catalog.summarize_into(black_box(&resolved), 5, &mut summary).expect("valid");
                summary.level
            }
            "answer-copy" => black_box(black_box(&answer).clone()).level,
            other => panic!("unknown operation {other:?}; one of {OPERATIONS:?}"),
        };
    }
    levels
}

fn main() {
    let catalog = smartlib_content::default_catalog();
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/profiles/anytown.toml");
    let profile = smartlib_content::load_profile(path, &catalog).expect("a valid example");
    let args: Vec<String> = std::env::args().skip(1).filter(|arg| !arg.starts_with("--")).collect();
    match args.as_slice() {
        [operation, n] => {
            let n = n.parse().expect("N, a count of calls");
            println!("{}", run(&catalog, &profile, operation, n));
        }
        _ => {
            for operation in OPERATIONS {
                run(&catalog, &profile, operation, 1);
            }
        }
    }
}
