//! Test helpers shared by the workspace's tests, a dev-dependency only (`publish = false`).
//!
//! [`Counting`] is a global allocator that forwards to the system's and counts, per thread, the
//! allocations and the bytes allocated, so that the hostile-input tests (`tests/hostile.rs` of
//! `vanban-grammar` and `vanban-resolve`) can compare the work done at 1× and 8× an input's
//! size deterministically, whatever the machine's load. A test file installs it with
//!
//! ```ignore
//! #[global_allocator]
//! static GLOBAL: vanban_testkit::Counting = vanban_testkit::Counting;
//! ```
//!
//! and reads [`allocs`] and [`bytes`] before and after the work it measures, or [`live`] and
//! [`peak`] (after [`reset_peak`]) for the most memory the work held at once.

#![deny(missing_docs)]
// The allocator needs `unsafe impl GlobalAlloc`; it only forwards to `System`.
#![allow(unsafe_code)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

/// The counting allocator: the system allocator plus per-thread counts.
pub struct Counting;

thread_local! {
    static ALLOCS: Cell<u64> = const { Cell::new(0) };
    static BYTES: Cell<u64> = const { Cell::new(0) };
    /// Bytes allocated on this thread and not yet freed (freeing another thread's blocks makes
    /// it smaller), and the most it has been since the last `reset_peak`.
    static LIVE: Cell<i64> = const { Cell::new(0) };
    static PEAK: Cell<i64> = const { Cell::new(0) };
}

fn count(size: usize) {
    // `try_with`: the thread's counters may already be gone while it frees its last blocks.
    let _ = ALLOCS.try_with(|c| c.set(c.get() + 1));
    let _ = BYTES.try_with(|c| c.set(c.get() + size as u64));
    held(size as i64);
}

fn held(delta: i64) {
    let _ = LIVE.try_with(|l| {
        l.set(l.get() + delta);
        let _ = PEAK.try_with(|p| p.set(p.get().max(l.get())));
    });
}

/// Bytes allocated on this thread and not freed yet.
pub fn live() -> i64 {
    LIVE.with(Cell::get)
}

/// The most [`live`] has been since [`reset_peak`].
pub fn peak() -> i64 {
    PEAK.with(Cell::get)
}

/// Start a new peak from what is live now.
pub fn reset_peak() {
    PEAK.with(|p| p.set(live()));
}

/// Allocations made on this thread so far (reallocations count as one each).
pub fn allocs() -> u64 {
    ALLOCS.with(Cell::get)
}

/// Bytes allocated on this thread so far (a reallocation counts its new size).
pub fn bytes() -> u64 {
    BYTES.with(Cell::get)
}

// SAFETY: every call is forwarded unchanged to the system allocator, which upholds the contract.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count(layout.size());
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        held(-(layout.size() as i64));
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        count(layout.size());
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count(new_size);
        held(-(layout.size() as i64));
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[global_allocator]
    static GLOBAL: Counting = Counting;

    #[test]
    fn counts_this_threads_allocations_and_bytes() {
        let (a, b) = (allocs(), bytes());
        let v: Vec<u8> = Vec::with_capacity(100);
        assert_eq!(allocs() - a, 1);
        assert_eq!(bytes() - b, 100);
        // Another thread's work is not counted here.
        std::thread::spawn(|| drop(vec![0u8; 1000])).join().unwrap();
        let seen = (allocs() - a, bytes() - b);
        drop(v);
        assert!(seen.1 < 1000, "{seen:?}");
    }

    #[test]
    fn the_peak_is_the_most_held_at_once() {
        reset_peak();
        let before = live();
        let a = vec![0u8; 5000];
        drop(a);
        let b = vec![0u8; 3000];
        assert_eq!(live() - before, 3000);
        assert_eq!(peak() - before, 5000);
        drop(b);
        assert_eq!(live(), before);
    }
}
