//! Parse many inputs on several threads and hand the results back in input order.
//!
//! Workers take inputs in order, in work units (runs of consecutive inputs, [`UNIT_ITEMS`] and
//! [`UNIT_BYTES`] at most); a worker may run at most [`WINDOW_PER_JOB`] × jobs units ahead of the
//! one being written, so memory holds a bounded number of parsed files however long the archive
//! is, and the output streams while later files are still being parsed. Threads meet once per
//! unit, and the writer wakes a worker only when one waits.

use std::collections::BTreeMap;
use std::io::{self, BufWriter, Write};
use std::ops::{ControlFlow, Range};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, PoisonError, mpsc};

use crate::input::{self, Found, Input, InputArgs, Text};
use crate::output::{self, Format, Record, RecordWriter};
use crate::progress::{Progress, Tally};

/// In a parallel run, an input larger than this is not rendered on its worker (its records
/// could be many times its size): it is parsed as it is written, block by block, like a single
/// input, so a 500 MB file among small ones costs about its size.
const STREAM_ABOVE: u64 = 16 << 20;

/// Output buffer: large enough that a record rarely costs a system call.
const OUT_BUFFER: usize = 64 * 1024;

/// The records of one input, produced as they are written (an iterator that owns its text).
pub(crate) type Records<T> = Box<dyn Iterator<Item = T> + Send>;

/// What a worker hands back for one input.
enum Parsed<T> {
    /// Records still to be produced (one input at a time: they stream to the output).
    Stream(Records<T>),
    /// Records rendered on the worker (in parallel; every format but the table): the bytes of
    /// each record, its end offsets, and the records' counts.
    Rendered {
        bytes: Vec<u8>,
        ends: Vec<usize>,
        tally: Tally,
    },
}

/// Run a subcommand over its inputs: discover them, `parse` each text on the worker threads,
/// write the records of each input in input order, report failures and count.
///
/// With one input (or `--jobs 1`) the records stream from `parse` to the output as they come;
/// with several inputs in parallel, each worker renders its input's records (or collects them,
/// for a table) so that serialising runs in parallel too and the text is freed before the result
/// waits for its turn.
///
/// `format` is chosen once the inputs are known: its argument says whether there are many
/// (more than one, or a directory). `Err` only when stdout fails (a closed pipe is not a
/// failure: the run just stops).
pub(crate) fn run_all<T: Record + Send + 'static>(
    args: &InputArgs,
    format: impl FnOnce(bool) -> Format,
    parse: impl Fn(vanban_input::Input) -> Records<T> + Sync,
    count: impl Fn(&T, &mut Tally) + Sync,
) -> io::Result<Tally> {
    let discovery = match input::discover(args) {
        Ok(d) => d,
        Err(usage) => {
            let _ = writeln!(io::stderr(), "vanban: {usage}");
            return Ok(Tally {
                failed: 1,
                ..Tally::default()
            });
        }
    };
    let total_bytes = discovery.found.iter().map(size);
    let mut progress = Progress::new(
        discovery.found.len(),
        total_bytes.sum(),
        args.quiet,
        discovery.with_file,
    );
    let jobs = args.jobs();
    let parallel = jobs > 1 && discovery.found.len() > 1;
    let format = format(discovery.with_file);
    let with_file = discovery.with_file;
    let stdout = io::stdout().lock();
    let mut writer = RecordWriter::<_, T>::new(
        BufWriter::with_capacity(OUT_BUFFER, stdout),
        format,
        with_file,
    );
    let work = |input: &Input, text: vanban_input::Input| -> io::Result<Parsed<T>> {
        let records = parse(text);
        if !parallel || input.size > STREAM_ABOVE {
            return Ok(Parsed::Stream(records));
        }
        if !output::renders_apart(format) {
            return Ok(Parsed::Stream(Box::new(
                records.collect::<Vec<_>>().into_iter(),
            )));
        }
        let (mut bytes, mut ends, mut tally) = (Vec::new(), Vec::new(), Tally::default());
        let file = with_file.then_some(input.name.as_str());
        for r in records {
            count(&r, &mut tally);
            output::render(format, file, &r, &mut bytes)?;
            ends.push(bytes.len());
        }
        Ok(Parsed::Rendered { bytes, ends, tally })
    };
    let parsed = ordered(
        &discovery.found,
        jobs,
        size,
        |found| match found {
            Found::Input(input) => Some(input::read_text(input, args).map(|text| match text {
                Text::Text(text) => Ok(work(input, text)),
                Text::Skipped(reason) => Err(reason),
            })),
            _ => None,
        },
        |found, result| {
            let written = match (found, result) {
                (Found::Skipped { name, reason }, _) => {
                    progress.skipped(name, reason);
                    Ok(())
                }
                (Found::Failed { name, reason }, _) => {
                    progress.failed(name, reason);
                    Ok(())
                }
                (Found::Input(input), Some(Err(reason))) => {
                    let name = if input.name == "-" {
                        "<stdin>"
                    } else {
                        &input.name
                    };
                    progress.failed(name, &reason);
                    Ok(())
                }
                (Found::Input(input), Some(Ok(Err(reason)))) => {
                    progress.skipped(&input.name, reason);
                    Ok(())
                }
                (Found::Input(_), Some(Ok(Ok(Err(e))))) => Err(e),
                (Found::Input(input), Some(Ok(Ok(Ok(Parsed::Stream(records)))))) => {
                    progress.tally.files += 1;
                    records.into_iter().try_for_each(|r| {
                        count(&r, &mut progress.tally);
                        writer.write(&input.name, &r)
                    })
                }
                (Found::Input(_), Some(Ok(Ok(Ok(Parsed::Rendered { bytes, ends, tally }))))) => {
                    progress.tally.files += 1;
                    progress.tally.citations += tally.citations;
                    progress.tally.reports += tally.reports;
                    let mut start = 0;
                    ends.into_iter().try_for_each(|end| {
                        let body = &bytes[start..end];
                        start = end;
                        writer.write_rendered(body)
                    })
                }
                (Found::Input(_), None) => Ok(()),
            };
            progress.advance(size(found));
            match written {
                Ok(()) => ControlFlow::Continue(()),
                Err(e) => ControlFlow::Break(e),
            }
        },
    );
    let finished = parsed.and_then(|()| writer.finish().map(drop));
    let tally = progress.finish();
    match finished {
        Err(e) if !output::is_broken_pipe(&e) => Err(e),
        _ => Ok(tally),
    }
}

/// The bytes of an input (0 for a path not read): what progress and work units count.
pub(crate) fn size(found: &Found) -> u64 {
    match found {
        Found::Input(input) => input.size,
        _ => 0,
    }
}

/// How many work units per worker may wait, parsed, for their turn to be written.
const WINDOW_PER_JOB: usize = 2;
/// A work unit: a run of consecutive inputs that one worker parses and hands back at once, so
/// that threads meet (a channel message, a wake-up) once per unit, not once per input. Archives
/// are mostly small files (the corpus: ~8 KB each), where per-file hand-overs cost a few
/// system calls each. A unit ends after this many inputs …
const UNIT_ITEMS: usize = 64;
/// … or once its inputs reach this many bytes, which bounds the memory of waiting units.
const UNIT_BYTES: u64 = 256 << 10;
/// Workers get the main thread's usual stack, so that an input parses the same on any thread.
const WORKER_STACK: usize = 8 << 20;

/// The progress of the writer, shared with the workers.
#[derive(Default)]
struct Turn {
    /// The index of the next unit to write.
    written: usize,
    /// Workers waiting for `written` to move: the writer signals only when one waits.
    waiting: usize,
}

/// The writer's progress, and a signal when it moves (or the run stops).
type Written = (Mutex<Turn>, Condvar);

/// Stop the workers: set `stop` under the lock (so that no worker misses the signal between its
/// check and its wait) and wake them all.
fn halt(stop: &AtomicBool, written: &Written) {
    let guard = written.0.lock().unwrap_or_else(PoisonError::into_inner);
    stop.store(true, Ordering::Relaxed);
    drop(guard);
    written.1.notify_all();
}

struct HaltOnPanic<'a>(&'a AtomicBool, &'a Written);

impl Drop for HaltOnPanic<'_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            halt(self.0, self.1);
        }
    }
}

/// Consecutive runs of `items`, each at most [`UNIT_ITEMS`] long and ending once its sizes
/// reach [`UNIT_BYTES`] (an input larger than that is a unit of its own).
fn units<I>(items: &[I], size: impl Fn(&I) -> u64) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let (mut begin, mut bytes) = (0, 0u64);
    for (i, item) in items.iter().enumerate() {
        bytes = bytes.saturating_add(size(item));
        if bytes >= UNIT_BYTES || i + 1 - begin >= UNIT_ITEMS {
            out.push(begin..i + 1);
            (begin, bytes) = (i + 1, 0);
        }
    }
    if begin < items.len() {
        out.push(begin..items.len());
    }
    out
}

/// Call `parse` on every item on `jobs` threads and `write` on each result in item order, on the
/// calling thread. `write` returning `Break` stops the run (no more items are started). `size`
/// (bytes, for an input) groups the items into work units (see [`UNIT_ITEMS`]).
pub(crate) fn ordered<I, R, E>(
    items: &[I],
    jobs: usize,
    size: impl Fn(&I) -> u64,
    parse: impl Fn(&I) -> R + Sync,
    mut write: impl FnMut(&I, R) -> ControlFlow<E>,
) -> Result<(), E>
where
    I: Sync,
    R: Send,
{
    if jobs <= 1 || items.len() <= 1 {
        return sequential(items, &parse, &mut write);
    }
    let units = units(items, size);
    let window = jobs.saturating_mul(WINDOW_PER_JOB);
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let written: Written = (Mutex::new(Turn::default()), Condvar::new());
    let (tx, rx) = mpsc::channel::<(usize, Vec<R>)>();
    std::thread::scope(|scope| {
        let mut workers = 0;
        for _ in 0..jobs.min(units.len()) {
            let tx = tx.clone();
            let (units, next, stop, written, parse) = (&units, &next, &stop, &written, &parse);
            let worker = std::thread::Builder::new().stack_size(WORKER_STACK);
            let spawned = worker.spawn_scoped(scope, move || {
                // A panicking worker stops the others, so none waits for its result forever.
                let _halt = HaltOnPanic(stop, written);
                loop {
                    let u = next.fetch_add(1, Ordering::Relaxed);
                    let Some(unit) = units.get(u) else { break };
                    let mut turn = written.0.lock().unwrap_or_else(PoisonError::into_inner);
                    while u >= turn.written + window && !stop.load(Ordering::Relaxed) {
                        turn.waiting += 1;
                        turn = written.1.wait(turn).unwrap_or_else(PoisonError::into_inner);
                        turn.waiting -= 1;
                    }
                    drop(turn);
                    let mut results = Vec::with_capacity(unit.len());
                    for i in unit.clone() {
                        if stop.load(Ordering::Relaxed) {
                            return;
                        }
                        results.push(parse(&items[i]));
                    }
                    if tx.send((u, results)).is_err() {
                        break;
                    }
                }
            });
            if spawned.is_err() {
                // No thread for this job (resource limits): the others do the work.
                break;
            }
            workers += 1;
        }
        drop(tx);
        if workers == 0 {
            return sequential(items, &parse, &mut write);
        }
        let mut pending = BTreeMap::new();
        let mut want = 0;
        for (u, results) in rx {
            pending.insert(u, results);
            while let Some(results) = pending.remove(&want) {
                for (i, result) in units[want].clone().zip(results) {
                    if let ControlFlow::Break(e) = write(&items[i], result) {
                        halt(&stop, &written);
                        return Err(e);
                    }
                }
                want += 1;
                let mut turn = written.0.lock().unwrap_or_else(PoisonError::into_inner);
                turn.written = want;
                let wake = turn.waiting > 0;
                drop(turn);
                if wake {
                    written.1.notify_all();
                }
            }
        }
        Ok(())
    })
}

/// The one-thread path of [`ordered`].
fn sequential<I, R, E>(
    items: &[I],
    parse: &impl Fn(&I) -> R,
    write: &mut impl FnMut(&I, R) -> ControlFlow<E>,
) -> Result<(), E> {
    for item in items {
        if let ControlFlow::Break(e) = write(item, parse(item)) {
            return Err(e);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_order_whatever_the_finishing_order() {
        let items: Vec<u64> = (0..200).collect();
        let mut seen = Vec::new();
        let r: Result<(), ()> = ordered(
            &items,
            4,
            |&i| i * 4096, // units of 1 to 64 items
            |&i| {
                // Early items finish last.
                std::thread::sleep(std::time::Duration::from_micros((200 - i) * 20));
                i * 2
            },
            |&i, r| {
                assert_eq!(r, i * 2);
                seen.push(i);
                ControlFlow::Continue(())
            },
        );
        assert!(r.is_ok());
        assert_eq!(seen, items);
    }

    #[test]
    fn a_panicking_worker_ends_the_run_instead_of_hanging_it() {
        let (done, finished) = mpsc::channel();
        std::thread::spawn(move || {
            let items: Vec<u32> = (0..1000).collect();
            let r = std::panic::catch_unwind(|| {
                ordered(
                    &items,
                    2,
                    |_| 0,
                    |&i| {
                        assert!(i != 3, "parse fails on item 3");
                        i
                    },
                    |_, _| ControlFlow::<()>::Continue(()),
                )
            });
            let _ = done.send(r.is_err());
        });
        let panicked = finished
            .recv_timeout(std::time::Duration::from_secs(60))
            .expect("the run ends");
        assert!(panicked, "the worker's panic reaches the caller");
    }

    #[test]
    fn break_stops_the_run() {
        let items: Vec<u32> = (0..10_000).collect();
        let parsed = AtomicUsize::new(0);
        let r = ordered(
            &items,
            3,
            |_| 0,
            |_| parsed.fetch_add(1, Ordering::Relaxed),
            |&i, _| {
                if i == 5 {
                    ControlFlow::Break(i)
                } else {
                    ControlFlow::Continue(())
                }
            },
        );
        assert_eq!(r, Err(5));
        // Workers stop within the window (3 × 2 units waiting, 3 in progress): far fewer than
        // all items are parsed.
        let bound = (3 * WINDOW_PER_JOB + 3 + 1) * UNIT_ITEMS;
        assert!(bound < items.len() / 10);
        assert!(parsed.load(Ordering::Relaxed) < bound);
    }

    #[test]
    fn units_split_by_count_and_by_bytes() {
        let counted = units(&[0u64; 130], |&s| s);
        assert_eq!(counted, [0..64, 64..128, 128..130]);
        let big = UNIT_BYTES;
        let sized = units(&[1, big, 1, 1, big / 2, big / 2, 1], |&s| s);
        assert_eq!(sized, [0..2, 2..6, 6..7]);
        assert!(units(&[] as &[u64], |&s| s).is_empty());
    }
}
