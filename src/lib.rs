//! backlint: a static analyser for the red flags of backend code in Python,
//! TypeScript/JavaScript and Rust services.
//!
//! The binary (`src/main.rs`) is a thin shell over [`cli::run`]; tests and
//! benches use the library directly. `ARCHITECTURE.md` has the map.

pub mod baseline;
pub mod cache;
pub mod cli;
pub mod config;
pub mod deadline;
pub mod diagnostic;
pub mod diff_filter;
pub mod engine;
pub mod file_facts;
pub mod fingerprint;
pub mod flow_cmd;
pub mod graph_cmd;
pub mod handlers_cmd;
pub mod lang;
pub mod outcome;
#[cfg(all(feature = "jemalloc", unix, not(target_os = "openbsd")))]
pub mod parser_allocator;
pub mod project;
pub mod report;
pub mod rules;
pub mod scan;
pub mod source;
pub mod suppression;
pub mod walk;
