//! Loading benchmarks: the embedded default catalog, generated catalogs of growing size read
//! from JSON and TOML text, and the same written out as catalog directories, one file a
//! program. `cargo bench -p smartlib-content`; figures in BENCHMARKS.md.
#![allow(missing_docs)]

use std::fs;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use smartlib_content::{Format, export_catalog, load_catalog, load_default_catalog, parse_catalog};
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

criterion_group!(benches, default_catalog, generated, directory);
criterion_main!(benches);
