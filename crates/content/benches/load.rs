//! Loading benchmarks: the embedded default catalog, and generated catalogs of growing size
//! read from JSON and TOML text. `cargo bench -p smartlib-content`; figures in BENCHMARKS.md.
#![allow(missing_docs)]

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use smartlib_content::{Format, export_catalog, load_default_catalog, parse_catalog};
use smartlib_core::testing::generated_catalog;

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

criterion_group!(benches, default_catalog, generated);
criterion_main!(benches);
