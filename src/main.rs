use std::process::ExitCode;

fn main() -> ExitCode {
    cna_directory::cli::main()
}
