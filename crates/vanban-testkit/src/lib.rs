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
//! and reads [`allocs`] and [`bytes`] before and after the work it measures.

// The allocator needs `unsafe impl GlobalAlloc`; it only forwards to `System`.
#![allow(unsafe_code)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

/// The counting allocator: the system allocator plus per-thread counts.
pub struct Counting;

thread_local! {
    static ALLOCS: Cell<u64> = const { Cell::new(0) };
    static BYTES: Cell<u64> = const { Cell::new(0) };
}

fn count(size: usize) {
    // `try_with`: the thread's counters may already be gone while it frees its last blocks.
    let _ = ALLOCS.try_with(|c| c.set(c.get() + 1));
    let _ = BYTES.try_with(|c| c.set(c.get() + size as u64));
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
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        count(layout.size());
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count(new_size);
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
}
