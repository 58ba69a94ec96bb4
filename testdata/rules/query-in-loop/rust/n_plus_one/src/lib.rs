pub mod format;
pub mod orders;
pub mod repo;
pub mod report;
pub mod seen;
pub mod accounts;
pub mod audit;
