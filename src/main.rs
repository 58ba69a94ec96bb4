//! The `backlint` command.

fn main() -> std::process::ExitCode {
    backlint::cli::run()
}
