//! Fuzz target: any bytes through parse -> validate -> status -> layout -> paint::to_svg.
//! Run with `bash scripts/fuzz.sh [SECONDS]`; see docs/fuzzing.md.
#![no_main]

use libfuzzer_sys::{fuzz_mutator, fuzz_target, fuzzer_mutate};

fuzz_target!(|data: &[u8]| {
    plan_widget_fuzz::pipeline::run(data);
});

// Half of the mutations edit the JSON tree (so mutants stay valid JSON and reach layout and
// painting), half are libFuzzer's byte-level ones (so syntax errors and odd bytes are covered).
fuzz_mutator!(|data: &mut [u8], size: usize, max_size: usize, seed: u32| {
    if seed % 2 == 0 {
        if let Some(n) = plan_widget_fuzz::mutate::mutate_json(data, size, max_size, seed / 2) {
            return n;
        }
    }
    fuzzer_mutate(data, size, max_size)
});
