pub mod format;
pub mod repo;
pub mod report;
