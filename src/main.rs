//! The `teikit` command: a thin layer that turns flags into library calls.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
