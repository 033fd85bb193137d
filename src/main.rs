use std::process::ExitCode;

/// mimalloc instead of the system allocator: answering a query allocates and frees many small values (rows,
/// GraphQL values, JSON), and under glibc's allocator that was about a third of the server's time, with memory
/// fragmenting across threads.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    cna_directory::cli::main()
}
