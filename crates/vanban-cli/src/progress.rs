//! Everything a run says on stderr: errors and notes (`vanban: PATH: …`), the progress bar and
//! the closing summary.
//!
//! The bar appears only when stderr is a terminal, `--quiet` is off and the run has lasted
//! [`BAR_AFTER`]; the summary closes every run over more than one input or a directory (unless
//! `--quiet`), so a script's log says what was read.

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A run shorter than this shows no bar.
const BAR_AFTER: Duration = Duration::from_secs(1);

/// Print `vanban: NAME: reason` on stderr.
pub(crate) fn error(name: &str, reason: &dyn std::fmt::Display) {
    let _ = writeln!(std::io::stderr(), "vanban: {name}: {reason}");
}

/// What a run did, for the summary and the exit code.
#[derive(Default, Debug, Clone, Copy)]
pub(crate) struct Tally {
    /// Inputs parsed.
    pub files: usize,
    /// Inputs skipped with a note (hidden, binary).
    pub skipped: usize,
    /// Inputs that failed (exit code 2).
    pub failed: usize,
    /// Citations written.
    pub citations: usize,
    /// Reports written.
    pub reports: usize,
}

/// The stderr side of a run over many inputs.
pub(crate) struct Progress {
    bar: ProgressBar,
    /// Draw the bar once the run is long (stderr is a terminal, not `--quiet`).
    may_draw: bool,
    drawing: bool,
    quiet: bool,
    summary: bool,
    started: Instant,
    total_files: usize,
    pub tally: Tally,
}

impl Progress {
    /// `total_bytes` and `total_files` size the bar; `many` asks for the summary.
    pub(crate) fn new(total_files: usize, total_bytes: u64, quiet: bool, many: bool) -> Self {
        let bar = ProgressBar::with_draw_target(Some(total_bytes), ProgressDrawTarget::hidden());
        if let Ok(style) = ProgressStyle::with_template(
            "{wide_bar} {msg} {binary_bytes}/{binary_total_bytes} {binary_bytes_per_sec} ETA {eta}",
        ) {
            bar.set_style(style);
        }
        Self {
            bar,
            may_draw: !quiet && std::io::stderr().is_terminal(),
            drawing: false,
            quiet,
            summary: many && !quiet,
            started: Instant::now(),
            total_files,
            tally: Tally::default(),
        }
    }

    /// An input could not be read: always reported.
    pub(crate) fn failed(&mut self, name: &str, reason: &dyn std::fmt::Display) {
        self.tally.failed += 1;
        self.bar.suspend(|| error(name, reason));
    }

    /// An input was skipped: a note unless `--quiet`.
    pub(crate) fn skipped(&mut self, name: &str, reason: &str) {
        self.tally.skipped += 1;
        if !self.quiet {
            self.bar
                .suspend(|| error(name, &format_args!("skipped ({reason})")));
        }
    }

    /// One input is done (written, skipped or failed): move the bar.
    pub(crate) fn advance(&mut self, bytes: u64) {
        self.bar.inc(bytes);
        let done = self.tally.files + self.tally.skipped + self.tally.failed;
        if !self.drawing
            && self.may_draw
            && self.started.elapsed() >= BAR_AFTER
            && done < self.total_files
        {
            self.drawing = true;
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
        }
        if self.drawing {
            self.bar
                .set_message(format!("{done}/{} files", self.total_files));
        }
    }

    /// Clear the bar and print the summary line.
    pub(crate) fn finish(self) -> Tally {
        self.bar.finish_and_clear();
        if self.summary {
            let t = self.tally;
            let mut line = format!("{} files", t.files);
            if t.reports > 0 {
                line.push_str(&format!(", {} reports", t.reports));
            }
            line.push_str(&format!(", {} citations", t.citations));
            if t.skipped > 0 {
                line.push_str(&format!(", {} skipped", t.skipped));
            }
            let errors = if t.failed == 1 { "error" } else { "errors" };
            line.push_str(&format!(
                ", {} {errors}, {:.2} s",
                t.failed,
                self.started.elapsed().as_secs_f64()
            ));
            let _ = writeln!(std::io::stderr(), "vanban: {line}");
        }
        self.tally
    }
}
