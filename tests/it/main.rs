//! The integration tests, as one test binary (one link instead of eight):
//! `cargo test --test it` runs them all, `cargo test --test it cli::` one
//! module, `cargo test sql_injection` the fixtures of one rule.

mod cache;
mod catalogue;
mod cli;
mod engine;
mod fixtures;
mod handlers_cli;
mod project;
mod properties;
mod secret_masking;
mod support;
