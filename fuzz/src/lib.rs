//! The fuzz target's pipeline and its JSON-aware mutator, as a library so `fuzz_targets/` and
//! `tests/hostile.rs` share them.
pub mod mutate;
pub mod pipeline;
