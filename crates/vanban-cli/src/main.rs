//! The `vanban` binary: all of it lives in the library, see [`vanban_cli::run`].
fn main() -> std::process::ExitCode {
    vanban_cli::run(std::env::args_os())
}
