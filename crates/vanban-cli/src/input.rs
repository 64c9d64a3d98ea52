//! From command-line paths to texts: which inputs a run reads, in which order, and how one input
//! becomes the text to parse.

use std::io::Read;
use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};

/// A file found in a directory is skipped as binary when a NUL byte occurs this early (as git and
/// ripgrep decide); text in any encoding this tool reads has none.
const SNIFF_LEN: usize = 8 * 1024;

/// The options of every subcommand that reads texts (flattened into each subcommand's arguments,
/// so an option added here reaches all of them).
#[derive(clap::Args)]
pub(crate) struct InputArgs {
    /// Files or directories (read recursively, in name order); `-` or nothing reads standard input.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Inside directories, read only files whose path below the directory matches GLOB ('*.txt',
    /// 'a/b/*'; `*` also matches `/`); repeat for several. Named files are always read.
    #[arg(long = "glob", value_name = "GLOB")]
    pub globs: Vec<String>,
    /// Parse N files at once [default: the number of cores]. Output stays in input order.
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<NonZeroUsize>,
    /// No progress bar, notes or summary on stderr (errors are still reported).
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Read inputs as `html` or `text`; `auto`: HTML by the .html/.htm extension or by content.
    #[arg(long = "input", value_name = "KIND", default_value = "auto", value_parser = parse_kind)]
    pub kind: vanban_input::Kind,
    /// The inputs' encoding: auto, utf-8, utf-16, cp1258, tcvn3, vni, viscii (docs/input.md).
    #[arg(long, value_name = "ENCODING", default_value = "auto", value_parser = parse_encoding)]
    pub encoding: vanban_input::Choice,
}

fn parse_kind(s: &str) -> Result<vanban_input::Kind, String> {
    vanban_input::Kind::from_name(s)
        .ok_or_else(|| format!("expected auto, text or html, not {s:?}"))
}

fn parse_encoding(s: &str) -> Result<vanban_input::Choice, String> {
    vanban_input::Choice::from_name(s)
        .ok_or_else(|| format!("expected one of {}, not {s:?}", vanban_input::Choice::NAMES))
}

impl InputArgs {
    /// The number of worker threads.
    pub(crate) fn jobs(&self) -> usize {
        self.jobs
            .or_else(|| std::thread::available_parallelism().ok())
            .map_or(1, NonZeroUsize::get)
    }
}

/// Where an input's bytes come from.
pub(crate) enum Origin {
    Stdin,
    File(PathBuf),
}

/// One text to read.
pub(crate) struct Input {
    pub origin: Origin,
    /// The path as given (a directory's files: the directory as given joined with the path below
    /// it); `-` for standard input. This is the records' `file` and the name in messages.
    pub name: String,
    /// Size in bytes when known (for the progress bar).
    pub size: u64,
    /// Found by walking a directory: skipped when it looks binary.
    pub walked: bool,
}

/// What the walk over the command-line paths found, in order.
pub(crate) enum Found {
    Input(Input),
    /// Not read, with the reason (a hidden file, a socket…): a note, not an error.
    Skipped {
        name: String,
        reason: String,
    },
    /// Could not be listed or read (a missing path, a directory loop, no permission).
    Failed {
        name: String,
        reason: String,
    },
}

/// Every input named by `args`, in order. `Err` for a malformed glob.
pub(crate) fn discover(args: &InputArgs) -> Result<Discovery, String> {
    let globs = glob_set(&args.globs)?;
    let mut found = Vec::new();
    let mut any_dir = false;
    if args.paths.is_empty() {
        found.push(Found::Input(stdin_input()));
    }
    for path in &args.paths {
        if path.as_os_str() == "-" {
            found.push(Found::Input(stdin_input()));
            continue;
        }
        let name = display(path);
        match std::fs::metadata(path) {
            Err(e) => found.push(Found::Failed {
                name,
                reason: e.to_string(),
            }),
            Ok(meta) if meta.is_dir() => {
                any_dir = true;
                walk(path, globs.as_ref(), &mut found);
            }
            Ok(meta) => found.push(Found::Input(Input {
                origin: Origin::File(path.clone()),
                name,
                size: meta.len(),
                walked: false,
            })),
        }
    }
    Ok(Discovery {
        found,
        with_file: args.paths.len() > 1 || any_dir,
    })
}

/// The result of [`discover`].
pub(crate) struct Discovery {
    pub found: Vec<Found>,
    /// More than one input or a directory: every record says which file it came from.
    pub with_file: bool,
}

fn stdin_input() -> Input {
    Input {
        origin: Origin::Stdin,
        name: "-".to_owned(),
        size: 0,
        walked: false,
    }
}

fn glob_set(globs: &[String]) -> Result<Option<GlobSet>, String> {
    if globs.is_empty() {
        return Ok(None);
    }
    let mut set = GlobSetBuilder::new();
    for g in globs {
        set.add(Glob::new(g).map_err(|e| format!("--glob {g}: {e}"))?);
    }
    set.build().map(Some).map_err(|e| format!("--glob: {e}"))
}

/// Walk a directory depth-first in name order, following symbolic links (a link back to an
/// ancestor is reported as a loop, once, and not followed).
fn walk(root: &Path, globs: Option<&GlobSet>, found: &mut Vec<Found>) {
    let mut entries = walkdir::WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = entries.next() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let name = e.path().map_or_else(|| display(root), display);
                let reason = match e.loop_ancestor() {
                    Some(a) => format!("directory loop (back to {})", display(a)),
                    None => e
                        .io_error()
                        .map_or_else(|| e.to_string(), ToString::to_string),
                };
                found.push(Found::Failed { name, reason });
                continue;
            }
        };
        let name = display(entry.path());
        let hidden = entry.depth() > 0 && entry.file_name().to_string_lossy().starts_with('.');
        if entry.file_type().is_dir() {
            if hidden {
                entries.skip_current_dir();
                found.push(Found::Skipped {
                    name,
                    reason: "hidden directory".to_owned(),
                });
            }
            continue;
        }
        let below = entry.path().strip_prefix(root).unwrap_or(entry.path());
        if globs.is_some_and(|g| !g.is_match(below)) {
            continue;
        }
        let reason = if hidden {
            "hidden file"
        } else if !entry.file_type().is_file() {
            "not a regular file"
        } else {
            found.push(Found::Input(Input {
                origin: Origin::File(entry.path().to_owned()),
                name,
                size: entry.metadata().map_or(0, |m| m.len()),
                walked: true,
            }));
            continue;
        };
        found.push(Found::Skipped {
            name,
            reason: reason.to_owned(),
        });
    }
}

/// A path as the user wrote it (lossy for paths that are not UTF-8).
fn display(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

/// What reading an input gave.
pub(crate) enum Text {
    /// The text to parse, and where it came from in the file.
    Text(vanban_input::Input),
    /// Not a text (a binary file found in a directory): a note, not an error.
    Skipped(&'static str),
}

/// Turn an input into the text to parse: the one place where bytes become text (legacy
/// encodings and HTML pages through `vanban-input`). `Err` is the one-line reason shown after
/// the input's name.
///
/// Memory: the file's bytes are read once into the buffer that becomes the `String` (no copy).
pub(crate) fn read_text(input: &Input, args: &InputArgs) -> Result<Text, String> {
    let bytes = match &input.origin {
        Origin::Stdin => {
            let mut buf = Vec::new();
            std::io::stdin()
                .lock()
                .read_to_end(&mut buf)
                .map_err(|e| e.to_string())?;
            buf
        }
        Origin::File(path) => {
            let mut file = std::fs::File::open(path).map_err(|e| e.to_string())?;
            let size = file.metadata().map_or(0, |m| m.len());
            let mut buf = Vec::with_capacity(usize::try_from(size).unwrap_or(0).saturating_add(1));
            // Read the head first, so that a large binary file is not read whole to be skipped.
            (&mut file)
                .take(SNIFF_LEN as u64)
                .read_to_end(&mut buf)
                .map_err(|e| e.to_string())?;
            // UTF-16 has NUL bytes too: a BOM says it is text.
            let utf16 = buf.starts_with(&[0xFF, 0xFE]) || buf.starts_with(&[0xFE, 0xFF]);
            if input.walked && !utf16 && memchr_nul(&buf) {
                return Ok(Text::Skipped("binary file"));
            }
            file.read_to_end(&mut buf).map_err(|e| e.to_string())?;
            buf
        }
    };
    let kind = match (&input.origin, args.kind) {
        (Origin::File(path), vanban_input::Kind::Auto)
            if path.extension().is_some_and(|e| {
                e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm")
            }) =>
        {
            vanban_input::Kind::Html
        }
        (_, kind) => kind,
    };
    vanban_input::read_owned(bytes, kind, args.encoding)
        .map(Text::Text)
        .map_err(|e| e.to_string())
}

fn memchr_nul(head: &[u8]) -> bool {
    head.contains(&0)
}
