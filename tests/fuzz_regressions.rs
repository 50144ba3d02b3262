//! The fuzz targets' checks on stable, over every committed seed and every input that ever
//! crashed a target (`fuzz/corpus/<target>/`, `fuzz/regressions/<target>/`).

use std::fs;
use std::panic::catch_unwind;
use std::path::Path;

#[path = "../fuzz/src/lib.rs"]
#[expect(unreachable_pub, reason = "the fuzz crate's public API, which its targets call")]
mod checks;

#[test]
fn seeds_and_past_crashes_pass_the_fuzz_checks() {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut failed = Vec::new();
    for (target, check) in checks::TARGETS {
        // Seeds are named with an extension; what fuzzing adds to a corpus folder (SHA-1 names)
        // stays out of git and out of this test.
        let mut seeds = inputs(&fuzz.join("corpus").join(target));
        seeds.retain(|path| path.extension().is_some());
        assert!(!seeds.is_empty(), "fuzz/corpus/{target} holds no seeds");
        for path in seeds.iter().chain(&inputs(&fuzz.join("regressions").join(target))) {
            let data = fs::read(path).expect("readable");
            if catch_unwind(|| check(&data)).is_err() {
                failed.push(format!("cargo +nightly fuzz run {target} {}", path.display()));
            }
        }
    }
    assert!(failed.is_empty(), "inputs that fail their fuzz target's checks; to reproduce:\n{}", failed.join("\n"));
}

#[test]
fn every_fuzz_target_is_replayed() {
    let targets = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/fuzz_targets");
    let mut on_disk: Vec<String> =
        inputs(&targets).iter().filter_map(|path| path.file_stem()?.to_str().map(str::to_owned)).collect();
    on_disk.sort();
    let mut listed: Vec<String> = checks::TARGETS.iter().map(|(name, _)| (*name).to_owned()).collect();
    listed.sort();
    assert_eq!(on_disk, listed, "fuzz/fuzz_targets/ and `TARGETS` in fuzz/src/lib.rs list different targets");
}

/// The files in a folder, sorted; none when it does not exist.
fn inputs(folder: &Path) -> Vec<std::path::PathBuf> {
    let Ok(entries) = fs::read_dir(folder) else { return Vec::new() };
    let mut paths: Vec<_> = entries.map(|entry| entry.expect("listable").path()).collect();
    paths.sort();
    paths
}
