//! Hostile inputs: deep nesting, unmatched end tags, entity floods, long runs of high bytes. Each
//! runs at two sizes; the larger (16×) must not take out of proportion longer (under 80×: linear
//! work gives 16×, quadratic 256×; generous because the machine is shared) and the outputs stay
//! linear in size. Times are checked in release builds:
//! `cargo test --release -p vanban-input --test hostile`.
use std::time::{Duration, Instant};

use vanban_input::encoding::{Choice, decode};
use vanban_input::html::project;
use vanban_input::{Kind, read};

fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let t = Instant::now();
    let out = f();
    (out, t.elapsed())
}

fn scales(name: &str, unit: &str, n: usize, run: impl Fn(&str) -> usize) {
    // The fastest of three runs: the machine is shared.
    let best = |s: &str| {
        (0..3)
            .map(|_| timed(|| run(s)))
            .min_by_key(|r| r.1)
            .unwrap()
    };
    // Grow the small input until it takes long enough to time.
    let mut n = n;
    let (mut a, mut ta) = best(&unit.repeat(n));
    while !cfg!(debug_assertions) && ta < Duration::from_millis(3) && n < 1 << 14 {
        n *= 2;
        (a, ta) = best(&unit.repeat(n));
    }
    let k = if cfg!(debug_assertions) { 4 } else { 16 };
    let (b, tb) = best(&unit.repeat(k * n));
    assert!(b <= (k + 1) * a + 64, "{name}: output {a} → {b}");
    let ratio = tb.as_secs_f64() / ta.as_secs_f64();
    assert!(
        ratio < 80.0,
        "{name} ({unit:?} × {n}): {ta:?} at 1×, {tb:?} at 16×"
    );
}

const N: usize = if cfg!(debug_assertions) {
    4_000
} else {
    40_000
};

#[test]
fn html_floods_scale_linearly() {
    let text = |s: &str| project(s).text.len();
    scales("nested divs", "<div><span>Nghị quyết số 1-NQ/TW ", N, text);
    scales("unmatched end tags", "</div></b></p>x", N, |s| {
        text(&format!("{}{s}", "<div>".repeat(N)))
    });
    scales("entities", "&amp;&#8209;&nbsp;&bogus;&#x110000;", N, text);
    scales("unclosed comment", "<!-- a", N, text);
    scales("hidden", "<div hidden><p>x", N, text);
    scales(
        "attributes",
        "<a href=\"x\" class=\"related menu\" style=\"display:none\">",
        N,
        text,
    );
}

#[test]
fn legacy_floods_scale_linearly() {
    let bytes = |s: &str| s.chars().map(|c| c as u32 as u8).collect::<Vec<u8>>();
    for unit in [
        "\u{b5}\u{ae}\u{cf} ",
        "\u{ff}\u{fe}\u{0}",
        "a\u{f9}e\u{e4}\u{d1}\u{f4}",
        "\u{e1}\u{bb}",
    ] {
        scales("high bytes", unit, N, |s| {
            let b = bytes(s);
            decode(&b, Choice::Auto).map_or(0, |d| d.text.len())
        });
        scales("high bytes as html", unit, N, |s| {
            let b = bytes(&format!("<p>{s}"));
            read(&b, Kind::Html, Choice::Auto).map_or(0, |d| d.text.len())
        });
    }
}
