//! The `vanban` binary: all of it lives in the library, see [`vanban_cli::run`].
fn main() -> std::process::ExitCode {
    vanban_cli::run(std::env::args_os())
}

/// Rust's start-up code reopens a closed stdout on /dev/null before `main` runs, after which
/// `vanban cite FILE >&-` would lose its output and exit 0. This constructor runs before that
/// code (as uutils' coreutils do for `tac <&-`) and lets the library see the stdout it was given.
#[cfg(target_os = "linux")]
#[allow(unsafe_code)] // a function pointer in .init_array is the only way to run before std
#[unsafe(link_section = ".init_array")]
#[used]
static PROBE_STDOUT: extern "C" fn() = {
    extern "C" fn probe() {
        vanban_cli::probe_stdout_before_start();
    }
    probe
};
