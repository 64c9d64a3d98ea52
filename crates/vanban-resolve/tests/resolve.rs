//! The resolution rules of docs/resolution.md, one test per rule, on texts written for them;
//! the seed article; and the bundled data files.

use std::collections::BTreeMap;

use vanban_resolve::{Catalog, Citation, KeyScope, Resolution, extract_citations, resolve_with};

fn fixture(name: &str) -> String {
    let path = format!("{}/../../tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn tiny() -> Catalog {
    Catalog::parse(&fixture("resolution/catalog_tiny.jsonl")).unwrap()
}

/// The citations of `text` resolved with the tiny fixture catalog.
fn with_tiny(text: &str) -> Vec<Citation> {
    let mut cites = vanban_grammar::extract_citations(text);
    resolve_with(text, &mut cites, &tiny());
    cites
}

fn key(c: &Citation) -> Option<&str> {
    c.doc_key.as_deref()
}

/// The key with its text fingerprint cut off.
fn base(c: &Citation) -> Option<&str> {
    c.doc_key.as_deref().map(|k| k.split('#').next().unwrap())
}

#[test]
fn seed_article_resolves_to_its_ten_documents() {
    let text = fixture("articles/seed_xaydungdang_2016.txt");
    let cites = extract_citations(&text);
    assert_eq!(cites.len(), 17);
    let mut groups: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for c in &cites {
        let k = c
            .doc_key
            .clone()
            .unwrap_or_else(|| panic!("no key for {:?}", c.text));
        groups.entry(k).or_default().push(&c.text);
    }
    let shape: BTreeMap<String, usize> = groups
        .iter()
        .map(|(k, v)| (k.split('#').next().unwrap().to_owned(), v.len()))
        .collect();
    let want: BTreeMap<String, usize> = [
        ("3-NQ/TU@2016", 2),
        ("12-NQ/TW@XI", 1),
        ("5-CT/TW@XII", 3),
        ("4-NQ/TW@XII", 5),
        ("4-KH/TW", 1),
        ("126-KH/TU", 1),
        ("39-CT/TW", 1),
        ("NQ/ĐH@XII", 1),
        ("55-QĐ/TW@XII", 1),
        ("30-KH/TU", 1),
    ]
    .into_iter()
    .map(|(k, n)| (k.to_owned(), n))
    .collect();
    assert_eq!(shape, want, "{groups:#?}");
    // The three named mentions of the 4th plenum are the numbered 04-NQ/TW.
    let plenum: Vec<_> = cites
        .iter()
        .filter(|c| c.text.starts_with("Nghị quyết Trung ương 4, kh") && c.term == Some(12))
        .collect();
    assert_eq!(plenum.len(), 3);
    assert!(plenum.iter().all(|c| key(c) == Some("4-NQ/TW@XII")));
    // Local and term-less numbers are unique only inside the article.
    for c in &cites {
        let text_scoped = c.doc_key.as_deref().unwrap().contains('#');
        assert_eq!(
            c.doc_key_scope == Some(KeyScope::Text),
            text_scoped,
            "{}",
            c.text
        );
    }
    // A catalogued document carries the catalog's title and date.
    let ct = &cites[2];
    assert_eq!(ct.doc_date.as_deref(), Some("2016-05-15"));
    assert!(
        ct.doc_title
            .as_deref()
            .unwrap()
            .contains("phong cách Hồ Chí Minh")
    );
}

#[test]
fn spellings_of_one_document_share_its_key() {
    use unicode_normalization::UnicodeNormalization;
    let forms = [
        "Nghị quyết số 04-NQ/TW ngày 30-10-2016 của Ban Chấp hành Trung ương khoá XII",
        "Nghị quyết số 04-NQ/TƯ ngày 30/10/2016",
        "Nghị quyết 04 - NQ/TW (khóa 12)",
        "NGHỊ QUYẾT SỐ 04-NQ/TW, NGÀY 30 THÁNG 10 NĂM 2016",
        "Nghị quyết số 04-NQ/TW của Ban Chấp hành Trung ương khóa XII",
        "Nghị quyết số 04-NQ/TW năm 2017",
    ];
    for f in forms {
        let nfd: String = f.nfd().collect();
        for t in [f.to_owned(), nfd] {
            let c = extract_citations(&t);
            assert_eq!(c.len(), 1, "{t}");
            assert_eq!(key(&c[0]), Some("4-NQ/TW@XII"), "{t}");
            assert_eq!(c[0].doc_key_scope, Some(KeyScope::Global));
            assert_eq!(c[0].resolution, Some(Resolution::Full));
        }
    }
}

#[test]
fn reused_numbers_are_told_apart_by_term() {
    let ix =
        extract_citations("Nghị quyết số 23-NQ/TW ngày 12-3-2003 của Ban Chấp hành Trung ương");
    let x = extract_citations("Nghị quyết 23-NQ/TW của Bộ Chính trị (khóa X)");
    let xii = extract_citations("Nghị quyết số 23-NQ/TW ngày 22/3/2018 của Bộ Chính trị");
    assert_eq!(key(&ix[0]), Some("23-NQ/TW@IX"));
    assert_eq!(key(&x[0]), Some("23-NQ/TW@X"));
    assert_eq!(key(&xii[0]), Some("23-NQ/TW@XII"));
    // The congress year 2016 holds two terms: the date decides, the year alone does not.
    let jan = extract_citations("Chỉ thị số 05-CT/TW ngày 10-01-2016 của Bộ Chính trị");
    assert_eq!(key(&jan[0]), Some("5-CT/TW@XI"));
    let year = extract_citations("Chỉ thị số 05-CT/TW năm 2016 của Bộ Chính trị");
    assert_eq!(year[0].doc_key_scope, Some(KeyScope::Text));
}

#[test]
fn short_forms_take_the_earlier_full_citation() {
    let t = "Thực hiện Chỉ thị số 05-CT/TW ngày 15-5-2016 của Bộ Chính trị về đẩy mạnh học tập. \
             Sau một năm, Chỉ thị 05 đã đi vào cuộc sống; Chỉ thị số 05 của Bộ Chính trị cũng vậy.";
    let c = extract_citations(t);
    assert_eq!(c.len(), 3);
    assert!(c.iter().all(|c| key(c) == Some("5-CT/TW@XII")), "{c:#?}");
    assert_eq!(c[1].resolution, Some(Resolution::Text));
    assert_eq!(c[2].resolution, Some(Resolution::Text));
}

#[test]
fn short_forms_take_a_later_full_citation() {
    let t = "Quy định 205 nêu rõ trách nhiệm. Đó là Quy định số 205-QĐ/TW ngày 23-9-2019 \
             của Bộ Chính trị về kiểm soát quyền lực.";
    let c = extract_citations(t);
    assert_eq!(c.len(), 2);
    assert_eq!(key(&c[1]), Some("205-QĐ/TW@XII"));
    assert_eq!(key(&c[0]), key(&c[1]));
    assert_eq!(c[0].resolution, Some(Resolution::Text));
}

#[test]
fn a_regulation_short_form_meets_its_qdi_number_and_a_decision_does_not() {
    let t = "Quy định số 11-QĐi/TW ngày 18-2-2019 của Bộ Chính trị. Quy định 11 của Bộ Chính trị nêu rõ. \
             Quyết định 11 của Bộ Chính trị thì khác.";
    let c = extract_citations(t);
    assert_eq!(c.len(), 3, "{c:#?}");
    assert_eq!(key(&c[0]), Some("11-QĐi/TW@XII"));
    assert_eq!(key(&c[1]), key(&c[0]));
    assert_eq!(base(&c[2]), Some("11-QĐ/TW"), "{:?}", c[2]);
    assert_eq!(c[2].doc_key_scope, Some(KeyScope::Text));
}

#[test]
fn several_documents_make_a_short_form_ambiguous() {
    let t = "Nghị quyết số 23-NQ/TW ngày 12-3-2003 của Ban Chấp hành Trung ương khóa IX và \
             Nghị quyết số 23-NQ/TW ngày 16-6-2008 của Bộ Chính trị khóa X. Nghị quyết 23 được quán triệt.";
    let c = extract_citations(t);
    assert_eq!(c.len(), 3);
    assert_ne!(key(&c[0]), key(&c[1]));
    assert_eq!(c[2].doc_key, None);
    assert_eq!(c[2].resolution, Some(Resolution::Ambiguous));
    assert_eq!(c[2].candidates, ["23-NQ/TW@IX", "23-NQ/TW@X"]);
}

#[test]
fn nothing_identifies_a_lone_short_form() {
    let c = extract_citations("Thực hiện Nghị quyết 12 của tỉnh, Chỉ thị số 01.");
    assert!(!c.is_empty());
    for c in &c {
        assert_eq!(
            (c.doc_key.as_deref(), c.resolution),
            (None, None),
            "{}",
            c.text
        );
    }
}

#[test]
fn a_short_form_with_a_central_issuer_and_term_is_global() {
    let c = extract_citations(
        "Quy định số 37, ngày 25/10/2021 của Ban Chấp hành Trung ương khóa XIII về những điều đảng viên không được làm",
    );
    assert_eq!(key(&c[0]), Some("37-QĐ/TW@XIII"));
    assert_eq!(c[0].doc_key_scope, Some(KeyScope::Global));
}

#[test]
fn local_series_are_scoped_to_their_text_unless_the_locality_is_named() {
    let a =
        "Nghị quyết số 03-NQ/TU ngày 1-8-2016 của Ban Thường vụ Tỉnh ủy về nâng cao chất lượng.";
    let b = "Nghị quyết số 03-NQ/TU ngày 1-8-2016 của Ban Thường vụ Tỉnh ủy về phát triển du lịch.";
    let (ka, kb) = (extract_citations(a), extract_citations(b));
    assert_eq!(ka[0].doc_key_scope, Some(KeyScope::Text));
    assert_eq!(base(&ka[0]), Some("3-NQ/TU@2016"));
    assert_ne!(
        ka[0].doc_key, kb[0].doc_key,
        "two provinces' 03-NQ/TU never merge"
    );
    let named = [
        "Nghị quyết số 03-NQ/TU ngày 1-8-2016 của Ban Thường vụ Tỉnh ủy Đồng Tháp",
        "Nghị quyết số 03-NQ/TU ngày 01/8/2016 của Ban Chấp hành Đảng bộ tỉnh Đồng Tháp",
    ];
    for t in named {
        let c = extract_citations(t);
        assert_eq!(key(&c[0]), Some("3-NQ/TU@2016@tinh-dong-thap"), "{t}");
        assert_eq!(c[0].doc_key_scope, Some(KeyScope::Global));
    }
    let other = extract_citations("Nghị quyết số 03-NQ/TU ngày 1-8-2016 của Tỉnh ủy Thanh Hóa");
    assert_eq!(key(&other[0]), Some("3-NQ/TU@2016@tinh-thanh-hoa"));
}

#[test]
fn state_numbers_carry_their_year() {
    let c = extract_citations(
        "Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ; Quyết định số 1847/QĐ-TTg ngày 27/12/2018 \
         của Thủ tướng; Luật số 80/2015/QH13; Quyết định số 666/2015/QĐ-UBND; \
         Quyết định số 12/2016/QĐ-UBND ngày 3/3/2016 của UBND tỉnh Quảng Nam; Quyết định số 1847/QĐ-TTg.",
    );
    let keys: Vec<_> = c
        .iter()
        .map(|c| (base(c).unwrap(), c.doc_key_scope.unwrap()))
        .collect();
    assert_eq!(
        keys,
        [
            ("30/2020/NĐ-CP", KeyScope::Global),
            ("1847/QĐ-TTg@2018", KeyScope::Global),
            ("80/2015/QH13", KeyScope::Global),
            ("666/2015/QĐ-UBND", KeyScope::Text),
            ("12/2016/QĐ-UBND@tinh-quang-nam", KeyScope::Global),
            ("1847/QĐ-TTg@2018", KeyScope::Global),
        ]
    );
    assert_eq!(c[5].resolution, Some(Resolution::Text));
}

#[test]
fn named_plenum_equated_with_a_numbered_resolution_of_the_text() {
    // The catalog is empty: the text alone equates them (same term, subject, issuer).
    let t = "Nghị quyết số 04-NQ/TW ngày 30-10-2016 của Ban Chấp hành Trung ương khoá XII về tăng cường \
             xây dựng, chỉnh đốn Đảng; ngăn chặn, đẩy lùi sự suy thoái. Nghị quyết Trung ương 4, khóa XII \
             về tăng cường xây dựng, chỉnh đốn Đảng được quán triệt. Nghị quyết Trung ương 4, khóa XII, \
             Chỉ thị số 05-CT/TW.";
    let mut c = vanban_grammar::extract_citations(t);
    resolve_with(t, &mut c, &Catalog::default());
    let plenums: Vec<_> = c.iter().filter(|c| c.plenum == Some(4)).collect();
    assert_eq!(plenums.len(), 2);
    for p in plenums {
        assert_eq!(key(p), Some("4-NQ/TW@XII"), "{}", p.text);
        assert_eq!(p.resolution, Some(Resolution::Text));
    }
}

#[test]
fn named_plenum_through_the_catalog_by_subject() {
    let c = with_tiny(
        "Nghị quyết Trung ương 4 khóa XII về thực hiện có hiệu quả tiến trình hội nhập kinh tế quốc tế.",
    );
    assert_eq!(key(&c[0]), Some("6-NQ/TW@XII"));
    assert_eq!(c[0].resolution, Some(Resolution::Catalog));
    assert!(c[0].doc_title.as_deref().unwrap().contains("hội nhập"));
    let c = with_tiny(
        "Nghị quyết Trung ương 4, khoá XI \"Một số vấn đề cấp bách về xây dựng Đảng hiện nay\"",
    );
    assert_eq!(key(&c[0]), Some("12-NQ/TW@XI"));
}

#[test]
fn named_plenum_without_subject_is_ambiguous_unless_the_text_picks() {
    let c = with_tiny("Quán triệt Nghị quyết Trung ương 4 khóa XII trong toàn Đảng.");
    assert_eq!(c[0].doc_key, None);
    assert_eq!(c[0].resolution, Some(Resolution::Ambiguous));
    assert_eq!(
        c[0].candidates,
        ["4-NQ/TW@XII", "5-NQ/TW@XII", "6-NQ/TW@XII"]
    );
    // The only one of the plenum's documents the text cites by number.
    let c = with_tiny(
        "Quán triệt Nghị quyết Trung ương 4 khóa XII, nhất là Nghị quyết số 05-NQ/TW ngày 1-11-2016.",
    );
    assert_eq!(key(&c[0]), Some("5-NQ/TW@XII"));
    assert_eq!(c[0].resolution, Some(Resolution::Catalog));
    // Another mention of the same name resolved by its subject.
    let c = with_tiny(
        "Nghị quyết Trung ương 4 khóa XII về tăng cường xây dựng, chỉnh đốn Đảng. Nghị quyết Trung ương 4 \
         khóa XII được quán triệt; Nghị quyết TƯ 4 đi vào cuộc sống.",
    );
    assert_eq!(c.len(), 3);
    assert!(c.iter().all(|c| key(c) == Some("4-NQ/TW@XII")), "{c:#?}");
    assert_eq!(c[1].resolution, Some(Resolution::Text));
}

#[test]
fn a_plenum_the_catalog_does_not_know_groups_its_mentions_in_the_text() {
    let t = "Nghị quyết Trung ương 7 khóa XIII và Nghị quyết Trung ương 7 (khóa XIII).";
    let mut c = vanban_grammar::extract_citations(t);
    resolve_with(t, &mut c, &Catalog::default());
    assert_eq!(c.len(), 2);
    assert_eq!(c[0].doc_key, c[1].doc_key);
    assert_eq!(base(&c[0]), Some("NQ/HNTW7@XIII"));
    assert_eq!(c[0].doc_key_scope, Some(KeyScope::Text));
}

#[test]
fn congress_resolutions_national_and_local() {
    let c = extract_citations(
        "Nghị quyết Đại hội XII của Đảng, Nghị quyết Đại hội đại biểu toàn quốc lần thứ XII và \
         Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XVII, nhiệm kỳ 2020 - 2025.",
    );
    assert_eq!(c.len(), 3);
    assert_eq!(key(&c[0]), Some("NQ/ĐH@XII"));
    assert_eq!(key(&c[1]), Some("NQ/ĐH@XII"));
    assert_eq!(c[2].doc_key_scope, Some(KeyScope::Text));
}

#[test]
fn keys_of_text_scope_differ_between_texts() {
    let a = extract_citations("Kế hoạch số 04-KH/TW của Bộ Chính trị về học tập.");
    let b = extract_citations("Kế hoạch số 04-KH/TW của Bộ Chính trị về tuyên truyền.");
    assert_eq!(base(&a[0]), Some("4-KH/TW"));
    assert_ne!(a[0].doc_key, b[0].doc_key);
    // Same text, same key: the fingerprint is deterministic.
    let again = extract_citations("Kế hoạch số 04-KH/TW của Bộ Chính trị về học tập.");
    assert_eq!(a[0].doc_key, again[0].doc_key);
}

#[test]
fn every_catalog_row_reads_back_to_its_key() {
    let cat = vanban_resolve::catalog();
    assert!(cat.entries().len() >= 100, "{} rows", cat.entries().len());
    for e in cat.entries() {
        let text = match e.date.as_deref() {
            Some(d) => format!(
                "{} số {:02}-{} ngày {}-{}-{} của {}",
                e.doc_type,
                e.number,
                e.symbol,
                &d[8..],
                &d[5..7],
                &d[..4],
                e.issuer
            ),
            None => format!(
                "{} số {:02}-{} của {} khóa {}",
                e.doc_type,
                e.number,
                e.symbol,
                e.issuer,
                vanban_resolve::roman(e.term)
            ),
        };
        let c = extract_citations(&text);
        assert_eq!(c.len(), 1, "{text}");
        assert_eq!(c[0].doc_key.as_deref(), Some(e.key.as_str()), "{text}");
        assert_eq!(c[0].doc_title.as_deref(), Some(e.title.as_str()));
    }
}

#[test]
fn catalog_rows_fit_their_terms() {
    let cat = vanban_resolve::catalog();
    let mut keys = std::collections::HashSet::new();
    for e in cat.entries() {
        assert!(keys.insert(e.key.clone()), "duplicate {}", e.key);
        if let Some(d) = &e.date {
            assert_eq!(
                vanban_resolve::term_of_date(d),
                Some(e.term),
                "{} dated {d}",
                e.key
            );
        }
        if let Some(p) = e.plenum {
            assert!((1..=20).contains(&p), "{} plenum {p}", e.key);
            assert_eq!(
                e.issuer, "Ban Chấp hành Trung ương",
                "{}: plenum of the CC only",
                e.key
            );
        }
        assert!((6..=14).contains(&e.term), "{}", e.key);
        assert!(e.source.starts_with("http"), "{}", e.key);
    }
}

fn with_refs(text: &str) -> Vec<Citation> {
    vanban_resolve::extract_citations_with(
        text,
        &vanban_resolve::ExtractOptions::default().references(true),
    )
}

/// (text, key) of the references of `cites`.
fn refs(cites: &[Citation]) -> Vec<(&str, Option<&str>)> {
    cites
        .iter()
        .filter(|c| c.kind == vanban_grammar::CitationKind::Reference)
        .map(|c| (c.text.as_str(), base(c)))
        .collect()
}

#[test]
fn references_are_off_by_default_and_change_no_other_key() {
    let text = fixture("resolution/article_references.txt");
    let plain = extract_citations(&text);
    let with = with_refs(&text);
    assert!(
        plain
            .iter()
            .all(|c| c.kind != vanban_grammar::CitationKind::Reference)
    );
    let others: Vec<_> = with
        .into_iter()
        .filter(|c| c.kind != vanban_grammar::CitationKind::Reference)
        .collect();
    assert_eq!(others, plain);
}

#[test]
fn references_in_a_formal_document_name_the_document_itself() {
    let text = fixture("resolution/document_self_reference.txt");
    let c = with_refs(&text);
    let header = c
        .iter()
        .find(|c| c.text == "15-NQ/TU")
        .expect("header number");
    assert_eq!(
        refs(&c),
        [
            ("Nghị quyết này", base(header)),
            // After `Điều 2`: a new section, so nothing above is in scope.
            ("Nghị quyết nêu trên", None),
            ("Văn bản này", base(header)),
        ]
    );
    // Every `này` of the document's own type has the header number's key, the same with or
    // without references.
    let own: Vec<_> = c
        .iter()
        .filter(|c| c.text.ends_with("này"))
        .map(|c| c.doc_key.clone())
        .collect();
    assert!(own.iter().all(|k| *k == header.doc_key));
    let plain = extract_citations(&text);
    assert_eq!(
        plain.iter().find(|c| c.text == "15-NQ/TU").unwrap().doc_key,
        header.doc_key
    );
}

#[test]
fn references_in_an_article_name_the_latest_citation_of_their_type() {
    let text = fixture("resolution/article_references.txt");
    let c = with_refs(&text);
    assert_eq!(
        refs(&c),
        [
            // The most recent Chỉ thị, with `trên` and with `này`.
            ("Chỉ thị trên", Some("5-CT/TW@XII")),
            ("Chỉ thị này", Some("5-CT/TW@XII")),
            // `văn bản` is any type: the resolution cited last.
            ("Văn bản này", Some("4-NQ/TW@XII")),
            // A new section (`II. …`) breaks the scope.
            ("Chỉ thị này", None),
            // Never across a citation of that type without a key (the ambiguous `Nghị quyết 23`).
            ("Nghị quyết này", None),
        ]
    );
}

#[test]
fn a_graph_merges_global_keys_across_texts_and_never_text_keys() {
    let a = "Chỉ thị số 05-CT/TW ngày 15-5-2016 của Bộ Chính trị; Kế hoạch số 04-KH/TW của Bộ Chính trị; Chỉ thị 05.";
    let b = "Thực hiện Chỉ thị số 05-CT/TW của Bộ Chính trị khoá XII và Kế hoạch số 04-KH/TW của Bộ Chính trị.";
    let mut g = vanban_resolve::Graph::new();
    g.add("a.txt", Some("2017-03-01"), &extract_citations(a));
    g.add("b.txt", Some("2018-05-02"), &extract_citations(b));
    let docs = g.documents();
    assert_eq!(docs[0].key, "5-CT/TW@XII");
    assert_eq!((docs[0].mentions, docs[0].files), (3, 2));
    assert_eq!(docs[0].citing_files, ["a.txt", "b.txt"]);
    assert_eq!(docs[0].date.as_deref(), Some("2016-05-15"));
    assert!(docs[0].title.as_deref().unwrap().contains("Hồ Chí Minh"));
    let plans: Vec<_> = docs
        .iter()
        .filter(|d| d.key.starts_with("4-KH/TW#"))
        .collect();
    assert_eq!(plans.len(), 2, "one 04-KH/TW per text: no term, no merge");
    assert!(
        plans
            .iter()
            .all(|d| d.scope == KeyScope::Text && d.files == 1)
    );
    let edges = g.edges();
    assert_eq!(edges.len(), 4);
    assert_eq!(
        (
            edges[0].file.as_str(),
            edges[0].key.as_str(),
            edges[0].mentions
        ),
        ("a.txt", "5-CT/TW@XII", 2)
    );
    let years = g.mentions_per_year(Some("5-CT/TW@XII"));
    assert_eq!(
        years.into_iter().collect::<Vec<_>>(),
        [(2017, 2), (2018, 1)]
    );
}

#[test]
fn named_acts_have_keys_and_their_short_names_resolve_to_them() {
    let t = "Căn cứ Luật Đất đai năm 2013; theo Luật Đất đai 2013 và Luật đất đai, người sử dụng đất. \
             Luật Thủy lợi năm 2017 và Luật Thuỷ lợi. Luật Quy hoạch đô thị.";
    let c = extract_citations(t);
    let keys: Vec<(&str, Option<&str>, Option<Resolution>)> = c
        .iter()
        .map(|c| (c.text.as_str(), base(c), c.resolution))
        .collect();
    assert_eq!(
        keys,
        [
            // Through the catalog, the named law is its number's document.
            (
                "Luật Đất đai năm 2013",
                Some("45/2013/QH13"),
                Some(Resolution::Catalog)
            ),
            (
                "Luật Đất đai 2013",
                Some("45/2013/QH13"),
                Some(Resolution::Catalog)
            ),
            ("Luật đất đai", Some("45/2013/QH13"), Some(Resolution::Text)),
            // Not catalogued: the act key, title folded and year.
            (
                "Luật Thủy lợi năm 2017",
                Some("L~thuy-loi@2017"),
                Some(Resolution::Full)
            ),
            (
                "Luật Thuỷ lợi",
                Some("L~thuy-loi@2017"),
                Some(Resolution::Text)
            ),
            // No year anywhere: a key for this text only (laws are revised under one name).
            (
                "Luật Quy hoạch đô thị",
                Some("L~quy-hoach-do-thi"),
                Some(Resolution::Full)
            ),
        ]
    );
    assert_eq!(c[0].doc_title.as_deref(), Some("Luật Đất đai"));
    assert_eq!(c[0].doc_date.as_deref(), Some("2013-11-29"));
    assert_eq!(c[5].doc_key_scope, Some(KeyScope::Text));
    // A numbered citation of a catalogued law carries its name and date too.
    let n = extract_citations("Luật Đất đai số 45/2013/QH13 và Luật Đất đai.");
    assert_eq!(key(&n[0]), Some("45/2013/QH13"));
    assert_eq!(n[0].doc_title.as_deref(), Some("Luật Đất đai"));
    assert_eq!(key(&n[1]), key(&n[0]));
}

#[test]
fn a_bare_act_name_between_two_versions_is_ambiguous_and_numbers_equate_names() {
    let c = extract_citations(
        "Luật Thủy lợi năm 2017 thay thế Pháp lệnh Khai thác và bảo vệ công trình thủy lợi năm 2001. \
         Luật Thủy lợi năm 2030 sẽ thay thế Luật Thủy lợi. Luật Ngân sách nhà nước số 83/2015/QH13; \
         Luật Ngân sách nhà nước năm 2015 và Luật Ngân sách nhà nước.",
    );
    let by_text = |t: &str| {
        c.iter()
            .filter(|c| c.text == t)
            .map(|c| (key(c), c.resolution, c.candidates.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        by_text("Luật Thủy lợi"),
        [(
            None,
            Some(Resolution::Ambiguous),
            vec!["L~thuy-loi@2017".to_owned(), "L~thuy-loi@2030".to_owned()]
        )]
    );
    assert_eq!(
        key(c.iter().find(|c| c.text.starts_with("Pháp lệnh")).unwrap()),
        Some("PL~khai-thac-va-bao-ve-cong-trinh-thuy-loi@2001")
    );
    for t in [
        "Luật Ngân sách nhà nước năm 2015",
        "Luật Ngân sách nhà nước",
    ] {
        assert_eq!(by_text(t)[0].0, Some("83/2015/QH13"), "{t}");
    }
}

#[test]
fn every_catalogued_act_reads_back_to_its_key() {
    let catalog = vanban_resolve::catalog();
    assert!(catalog.acts().len() >= 5);
    for a in catalog.acts() {
        assert!(a.source.starts_with("https://"), "{}", a.key);
        let named = if a.title.is_empty() {
            format!("{} năm {}", a.doc_type, a.year)
        } else {
            format!("{} {} năm {}", a.doc_type, a.title, a.year)
        };
        let c = extract_citations(&named);
        // The first citation: an amending law's name holds the acts it amends, nested after it.
        assert_eq!(key(&c[0]), Some(a.key.as_str()), "{named}");
        if let Some(n) = &a.number {
            let numbered = format!("{} {} số {n}", a.doc_type, a.title);
            let c = extract_citations(&numbered);
            assert_eq!(key(&c[0]), Some(a.key.as_str()), "{numbered}");
            assert!(a.date.as_deref().unwrap().starts_with(&a.year.to_string()));
        }
    }
}

#[test]
fn locality_spellings_share_one_key() {
    let forms = [
        "Nghị quyết số 03-NQ/TU ngày 10-5-2016 của Thành ủy TP.HCM",
        "Nghị quyết số 03-NQ/TU ngày 10/5/2016 của Ban Thường vụ Thành ủy Thành phố Hồ Chí Minh",
        "Nghị quyết số 03-NQ/TU ngày 10-5-2016 của Thành ủy TP. Hồ Chí Minh",
        "Nghị quyết số 03-NQ/TU ngày 10-5-2016 của Thành ủy thành phố Hồ Chí Minh về",
        "Nghị quyết số 03-NQ/TU ngày 10-5-2016 của Thành uỷ TPHCM",
    ];
    for f in forms {
        let c = extract_citations(f);
        assert_eq!(
            key(&c[0]),
            Some("3-NQ/TU@2016@thanh-pho-ho-chi-minh"),
            "{f}"
        );
        assert_eq!(c[0].doc_key_scope, Some(KeyScope::Global));
    }
    let a = extract_citations("Nghị quyết số 05-NQ/TU ngày 2-3-2017 của Tỉnh ủy tỉnh Đồng Tháp");
    let b = extract_citations(
        "Nghị quyết số 05-NQ/TU ngày 2-3-2017 của Ban Chấp hành Đảng bộ tỉnh Đồng Tháp",
    );
    assert_eq!(key(&a[0]), Some("5-NQ/TU@2017@tinh-dong-thap"));
    assert_eq!(key(&a[0]), key(&b[0]));
}

#[test]
fn graph_edges_carry_the_relation_the_grammar_reads() {
    let t = "Căn cứ Nghị quyết số 04-NQ/TW ngày 30-10-2016 của Ban Chấp hành Trung ương;\n\
             Kế hoạch này nhằm triển khai thực hiện Chỉ thị số 05-CT/TW ngày 15-5-2016 của Bộ Chính trị. \
             Các cấp ủy quán triệt Chỉ thị 05. Quy định số 205-QĐ/TW ngày 23-9-2019 của Bộ Chính trị.";
    let mut g = vanban_resolve::Graph::new();
    g.add("kh.txt", None, &extract_citations(t));
    let edges: Vec<(&str, Option<&str>, usize)> = g
        .edges()
        .iter()
        .map(|e| (e.key.as_str(), e.relation.map(|r| r.as_str()), e.mentions))
        .collect();
    assert_eq!(
        edges,
        [
            ("4-NQ/TW@XII", Some("basis"), 1),
            ("5-CT/TW@XII", Some("deploys"), 1),
            ("5-CT/TW@XII", Some("disseminates"), 1),
            ("205-QĐ/TW@XII", None, 1),
        ]
    );
    // The JSON of an edge names the relation as the citation's JSON does.
    let json = serde_json::to_value(&g.edges()[0]).unwrap();
    assert_eq!(json["relation"], "basis");
}

#[test]
fn a_plenum_subject_the_catalog_lacks_never_takes_another_document_of_the_plenum() {
    // The tiny catalog lists 04-, 05- and 06-NQ/TW for the 4th plenum of term XII; a subject
    // matching none of them keeps a text key of its own.
    let c = with_tiny(
        "Nghị quyết Trung ương 4 khóa XII về công tác dân vận trong tình hình mới. \
         Nghị quyết Trung ương 4 khóa XII về tăng cường xây dựng, chỉnh đốn Đảng.",
    );
    assert_eq!(c.len(), 2);
    assert_eq!(c[0].doc_key_scope, Some(KeyScope::Text));
    assert!(
        base(&c[0]).unwrap().starts_with("NQ/HNTW4@XII~"),
        "{:?}",
        c[0].doc_key
    );
    assert_eq!(key(&c[1]), Some("4-NQ/TW@XII"));
}

#[test]
fn a_province_named_without_its_level_word_is_still_the_province() {
    // docs/resolution.md "A locality": `UBND Đồng Tháp` is `UBND tỉnh Đồng Tháp`, in two texts.
    let a = extract_citations(
        "Thực hiện Quyết định số 12/2016/QĐ-UBND ngày 3/3/2016 của UBND Đồng Tháp về …",
    );
    let b = extract_citations(
        "Căn cứ Quyết định số 12/2016/QĐ-UBND ngày 3/3/2016 của Ủy ban nhân dân tỉnh Đồng Tháp;",
    );
    assert_eq!(key(&a[0]), Some("12/2016/QĐ-UBND@tinh-dong-thap"));
    assert_eq!(a[0].doc_key_scope, Some(KeyScope::Global));
    assert_eq!(key(&a[0]), key(&b[0]));
    // A place that is no province keeps a text key: its level is unknown.
    let c = extract_citations("Quyết định số 12/2016/QĐ-UBND ngày 3/3/2016 của UBND Cao Lãnh về …");
    assert_eq!(c[0].doc_key_scope, Some(KeyScope::Text));
}

/// The citations of `text` resolved block by block (`vanban_resolve::Blocks`), each block
/// extracted on its own as `vanban cite` does; `cuts` are the blocks' first bytes after 0.
fn by_blocks(text: &str, cuts: &[usize]) -> Vec<Citation> {
    let mut blocks = vanban_resolve::Blocks::new(text);
    let mut out = Vec::new();
    let starts: Vec<usize> = std::iter::once(0).chain(cuts.iter().copied()).collect();
    for (k, &start) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(text.len());
        let mut cites = vanban_grammar::extract_citations(&text[start..end]);
        for c in &mut cites {
            c.byte_start += start;
            c.byte_end += start;
        }
        blocks.resolve(text, start, &mut cites);
        out.extend(cites);
    }
    out
}

#[test]
fn long_texts_carry_earlier_blocks_forward_only() {
    // docs/resolution.md "Long texts": a short form takes an earlier block's full citation; a
    // full citation in a later block is not seen, so the short form keeps what its own blocks
    // say (here nothing: null), where the whole text would give it the later key.
    let full = "Thực hiện Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị.\n\n";
    let short = "Chỉ thị 05 đã đi vào cuộc sống.\n\n";
    let forward = format!("{full}{short}");
    let c = by_blocks(&forward, &[full.len()]);
    assert_eq!(c.len(), 2);
    assert_eq!(key(&c[1]), Some("5-CT/TW@XII"));
    assert_eq!(c[1].resolution, Some(Resolution::Text));
    assert_eq!(key(&c[1]), key(&extract_citations(&forward)[1]));

    let backward = format!("{short}{full}");
    let c = by_blocks(&backward, &[short.len()]);
    assert_eq!(c.len(), 2);
    assert_eq!(key(&c[0]), None);
    assert_eq!(key(&c[1]), Some("5-CT/TW@XII"));
    let whole = extract_citations(&backward);
    assert_eq!(
        key(&whole[0]),
        Some("5-CT/TW@XII"),
        "the whole text looks both ways"
    );
}
