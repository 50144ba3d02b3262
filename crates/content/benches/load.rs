//! Loading benchmarks: the embedded default catalog, generated catalogs of growing size read
//! from JSON and TOML text, and the same written out as catalog directories, one file a
//! program. `cargo bench -p smartlib-content`; figures in BENCHMARKS.md.
#![allow(missing_docs)]

use std::fs;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use smartlib_content::{
    Format, export_catalog, load_catalog, load_default_catalog, parse_catalog, parse_catalog_with_warnings,
};
use smartlib_core::testing::generated_catalog;
use tempfile::TempDir;

fn default_catalog(c: &mut Criterion) {
    c.bench_function("load + validate the embedded default catalog", |b| {
        b.iter(|| load_default_catalog().expect("valid"))
    });
}

fn generated(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse + validate generated catalog");
    group.sample_size(10);
    for size in [100, 1_000, 10_000] {
        for format in [Format::Json, Format::Toml] {
            let text = export_catalog(&generated_catalog(size), format).expect("export");
            group.throughput(Throughput::Bytes(text.len() as u64));
            group.bench_with_input(BenchmarkId::new(format.to_string(), size), &text, |b, text| {
                b.iter(|| parse_catalog(text, format, "generated").expect("valid"))
            });
        }
    }
    group.finish();
}

/// A generated catalog laid out as the default one is: `catalog.toml` listing the program ids,
/// and `programs/<id>.toml`, one a program.
fn catalog_directory(size: usize) -> TempDir {
    let data = generated_catalog(size);
    let dir = tempfile::tempdir().expect("temp dir");
    fs::create_dir(dir.path().join("programs")).expect("mkdir");
    for program in &data.programs {
        let text = toml::to_string(program).expect("program as TOML");
        fs::write(dir.path().join(format!("programs/{}.toml", program.id)), text).expect("write");
    }
    let mut manifest = serde_json::to_value(&data).expect("catalog as a value");
    manifest["programs"] = data.programs.iter().map(|program| program.id.to_string()).collect();
    fs::write(dir.path().join("catalog.toml"), toml::to_string(&manifest).expect("manifest as TOML")).expect("write");
    dir
}

fn directory(c: &mut Criterion) {
    let mut group = c.benchmark_group("load + validate a catalog directory");
    group.sample_size(10);
    for size in [1_000, 10_000] {
        let dir = catalog_directory(size);
        group.bench_with_input(BenchmarkId::from_parameter(size), dir.path(), |b, path| {
            b.iter(|| load_catalog(path).expect("valid"))
        });
    }
    group.finish();
}

/// What reading past unknown fields costs: a 10,000-program JSON catalog at this engine's format
/// version (the fast reading), the same written in a newer minor version with a new field in
/// every program (read through the position tree, 10,000 warnings), and at this version with one
/// typo (the same slow reading, ending in an error that lists it).
fn newer_minor_version(c: &mut Criterion) {
    let data = generated_catalog(10_000);
    let mut value = serde_json::to_value(&data).expect("catalog as a value");
    value["schema_version"] = "1.0".into();
    let same = serde_json::to_string(&value).expect("JSON");
    let mut typo = value.clone();
    typo["programs"][0]["sumary"] = "x".into();
    let typo = serde_json::to_string(&typo).expect("JSON");
    value["schema_version"] = "1.1".into();
    for program in value["programs"].as_array_mut().expect("programs") {
        program["video"] = "https://example.org/video.mp4".into();
    }
    let newer = serde_json::to_string(&value).expect("JSON");
    let mut group = c.benchmark_group("unknown fields, 10,000 programs, JSON");
    group.sample_size(10);
    group.bench_function("schema 1.0, none", |b| {
        b.iter(|| parse_catalog_with_warnings(&same, Format::Json, "same").expect("valid"))
    });
    group.bench_function("schema 1.1, one in every program", |b| {
        b.iter(|| {
            let loaded = parse_catalog_with_warnings(&newer, Format::Json, "newer").expect("loads");
            assert_eq!(loaded.warnings.len() + loaded.omitted_warnings, 10_000);
        })
    });
    group.bench_function("schema 1.0, one typo", |b| {
        b.iter(|| parse_catalog_with_warnings(&typo, Format::Json, "typo").expect_err("a typo"))
    });
    group.finish();
}

criterion_group!(benches, default_catalog, generated, directory, newer_minor_version);
criterion_main!(benches);
