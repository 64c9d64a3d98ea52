//! A formal document with thousands of basis lines (`Căn cứ …`): giving each basis line's copy
//! of a citation its key is linear (issue: hostile input, quadratic `parse_report`).

use std::time::{Duration, Instant};

fn document(n: usize) -> String {
    let mut text = String::from("QUYẾT ĐỊNH\nVề việc ban hành quy chế\n");
    for k in 1..=n {
        text.push_str(&format!(
            "Căn cứ Nghị định số {k}/2019/NĐ-CP ngày 1/1/2019 của Chính phủ;\n"
        ));
    }
    text.push_str("QUYẾT ĐỊNH:\nĐiều 1. Ban hành kèm theo Quyết định này Quy chế.\n");
    text
}

/// The best of three runs.
fn best(text: &str) -> (Duration, vanban_grammar::model::Report) {
    let mut time = Duration::MAX;
    let mut report = None;
    for _ in 0..3 {
        let t = Instant::now();
        let r = vanban_resolve::parse_report(text);
        time = time.min(t.elapsed());
        report = Some(r);
    }
    (time, report.unwrap())
}

#[test]
fn basis_lines_get_their_keys_in_linear_time() {
    let (small, _) = best(&document(4_000));
    let (large, report) = best(&document(32_000));
    // Every basis copy carries its citation's key.
    let copies: Vec<_> = report.basis.iter().flat_map(|b| &b.citations).collect();
    assert_eq!(copies.len(), 32_000);
    for (k, c) in copies.iter().enumerate() {
        let key = format!("{}/2019/NĐ-CP", k + 1);
        assert_eq!(c.doc_key.as_deref(), Some(key.as_str()));
    }
    // 8× the lines: linear work takes ~8× (9.4× measured in a debug build); the quadratic
    // lookup this guards against took 20.7× here, its own part 64×.
    assert!(
        large <= small * 14 + Duration::from_millis(50),
        "{small:?} for 4 000 basis lines, {large:?} for 32 000"
    );
}
