//! Parse many inputs on several threads and hand the results back in input order.
//!
//! Workers take inputs in order; a worker may run at most [`WINDOW_PER_JOB`] × jobs inputs ahead
//! of the one being written, so memory holds a bounded number of parsed files however long the
//! archive is, and the output streams while later files are still being parsed.

use std::collections::BTreeMap;
use std::io::{self, BufWriter, Write};
use std::ops::ControlFlow;
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
    let total_bytes = discovery.found.iter().map(|f| match f {
        Found::Input(i) => i.size,
        _ => 0,
    });
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
            progress.advance(match found {
                Found::Input(input) => input.size,
                _ => 0,
            });
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

/// How many inputs per worker may wait, parsed, for their turn to be written.
const WINDOW_PER_JOB: usize = 2;
/// Workers get the main thread's usual stack, so that an input parses the same on any thread.
const WORKER_STACK: usize = 8 << 20;

/// The index of the next result to write, and a signal when it moves (or the run stops).
type Written = (Mutex<usize>, Condvar);

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

/// Call `parse` on every item on `jobs` threads and `write` on each result in item order, on the
/// calling thread. `write` returning `Break` stops the run (no more items are started).
pub(crate) fn ordered<I, R, E>(
    items: &[I],
    jobs: usize,
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
    let window = jobs.saturating_mul(WINDOW_PER_JOB);
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    // The index of the next result to write, and a signal when it moves.
    let written: Written = (Mutex::new(0usize), Condvar::new());
    let (tx, rx) = mpsc::channel::<(usize, R)>();
    std::thread::scope(|scope| {
        let mut workers = 0;
        for _ in 0..jobs.min(items.len()) {
            let tx = tx.clone();
            let (next, stop, written, parse) = (&next, &stop, &written, &parse);
            let worker = std::thread::Builder::new().stack_size(WORKER_STACK);
            let spawned = worker.spawn_scoped(scope, move || {
                // A panicking worker stops the others, so none waits for its result forever.
                let _halt = HaltOnPanic(stop, written);
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= items.len() {
                        break;
                    }
                    let mut w = written.0.lock().unwrap_or_else(PoisonError::into_inner);
                    while i >= *w + window && !stop.load(Ordering::Relaxed) {
                        w = written.1.wait(w).unwrap_or_else(PoisonError::into_inner);
                    }
                    drop(w);
                    if stop.load(Ordering::Relaxed) || tx.send((i, parse(&items[i]))).is_err() {
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
        for (i, result) in rx {
            pending.insert(i, result);
            while let Some(result) = pending.remove(&want) {
                let flow = write(&items[want], result);
                want += 1;
                *written.0.lock().unwrap_or_else(PoisonError::into_inner) = want;
                if let ControlFlow::Break(e) = flow {
                    halt(&stop, &written);
                    return Err(e);
                }
                written.1.notify_all();
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
        // Workers stop within the window: far fewer than all items are parsed.
        assert!(parsed.load(Ordering::Relaxed) < 100);
    }
}
