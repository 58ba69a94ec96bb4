//! The `backlint` command.

/// jemalloc rather than the system allocator: the facts of every file are
/// kept until the project is joined, allocated among the short-lived
/// allocations of parsing and analysing the next files, and glibc's
/// allocator leaves the pages between them resident (100,000 tiny files
/// peaked at 144 MiB with it, 126 MiB with jemalloc, and ran 11% faster).
#[cfg(all(feature = "jemalloc", unix, not(target_os = "openbsd")))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> std::process::ExitCode {
    #[cfg(all(feature = "jemalloc", unix, not(target_os = "openbsd")))]
    backlint::parser_allocator::install();
    backlint::cli::run()
}
