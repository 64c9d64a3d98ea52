//! The one text layer under both wings (docs/ARCHITECTURE.md): the two wings agree on numbers,
//! dates, line breaks and normal forms, and offsets hold whatever the input's form.
use unicode_normalization::UnicodeNormalization;
use vanban_grammar::model::Report;
use vanban_grammar::{Expected, extract_citations, parse_citation, parse_number, parse_report};

mod common;

/// A formal document whose header carries `number` and `date` lines, with `br` as line break.
fn document(number: &str, date: &str, br: &str) -> String {
    [
        "ĐẢNG BỘ TỈNH LONG GIANG",
        "HUYỆN ỦY THANH THỦY",
        "*",
        number,
        "",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "",
        date,
        "",
        "BÁO CÁO",
        "kết quả công tác năm 2021",
        "I- ĐẶC ĐIỂM TÌNH HÌNH",
        "1/ Về thuận lợi: tình hình ổn định.",
        "2/ Về khó khăn: dịch bệnh.",
        "",
        "T/M HUYỆN ỦY",
        "BÍ THƯ",
        "Lê Văn An",
    ]
    .join(br)
}

fn header_iso(r: &Report) -> Option<String> {
    r.header.as_ref()?.date.as_ref()?.iso.clone()
}

#[test]
fn impossible_dates_are_rejected_by_both_wings() {
    // Citation wing: no date for 29-2 of a common year, a date for a leap year.
    for (text, want) in [
        ("Chỉ thị số 05-CT/TW ngày 29-2-2019", None),
        ("Chỉ thị số 05-CT/TW ngày 29-2-2020", Some("2020-02-29")),
        ("Chỉ thị số 05-CT/TW ngày 31/4/2020", None),
        ("Chỉ thị số 05-CT/TW ngày 29 tháng 2 năm 1900", None),
    ] {
        let c = extract_citations(text);
        assert_eq!(c[0].date.as_deref(), want, "{text}");
    }
    // Report wing: the header's date line gets the same calendar check.
    for (line, want) in [
        ("Thanh Thủy, ngày 29 tháng 2 năm 2019", None),
        ("Thanh Thủy, ngày 29 tháng 2 năm 2020", Some("2020-02-29")),
        ("Thanh Thủy, ngày 31 tháng 4 năm 2021", None),
        ("Thanh Thủy, ngày 15 tháng 12 năm 2021", Some("2021-12-15")),
    ] {
        let r = parse_report(&document("Số 96-BC/HU", line, "\n"));
        assert_eq!(header_iso(&r).as_deref(), want, "{line}");
    }
}

#[test]
fn dash_look_alikes_are_read_by_both_wings() {
    // Every dash of docs/formats.md §7.5, including the full-width hyphen-minus U+FF0D.
    for dash in [
        "-", "\u{2010}", "\u{2013}", "\u{2014}", "\u{2212}", "\u{FE63}", "\u{FF0D}",
    ] {
        let number = format!("12{dash}HD/BDVTW");
        let c = extract_citations(&format!("Hướng dẫn số {number} của Ban"));
        assert_eq!(c[0].symbol.as_deref(), Some("HD/BDVTW"), "{dash:?}");
        let r = parse_report(&document(
            &format!("Số {number}"),
            "Hà Nội, ngày 15 tháng 12 năm 2021",
            "\n",
        ));
        let n = r
            .header
            .as_ref()
            .and_then(|h| h.number.as_ref())
            .expect("a number");
        assert_eq!(n.span.text, number, "{dash:?}");
        assert_eq!(
            (n.number, n.symbol.as_deref()),
            (Some(12), Some("HD/BDVTW")),
            "{dash:?}"
        );
    }
}

#[test]
fn every_line_break_ends_a_line_in_reports() {
    let plain = parse_report(&document(
        "Số 96-BC/HU",
        "Thanh Thủy, ngày 15 tháng 12 năm 2021",
        "\n",
    ));
    let shape = |r: &Report| {
        (
            r.kind,
            r.header
                .as_ref()
                .map(|h| h.issuer.as_ref().map(|s| s.text.clone())),
            r.sections.len(),
            r.sections.first().map(|s| s.children.len()),
            r.signature
                .as_ref()
                .and_then(|s| s.signer.as_ref().map(|s| s.text.clone())),
            header_iso(r),
        )
    };
    assert_eq!(shape(&plain).4.as_deref(), Some("Lê Văn An"));
    for br in [
        "\r\n", "\r", "\u{85}", "\u{0B}", "\u{0C}", "\u{2028}", "\u{2029}",
    ] {
        let text = document("Số 96-BC/HU", "Thanh Thủy, ngày 15 tháng 12 năm 2021", br);
        let r = parse_report(&text);
        assert_eq!(shape(&r), shape(&plain), "{br:?}");
        common::report_spans(&text, &r).unwrap();
    }
}

#[test]
fn every_line_break_ends_issuers_and_subjects() {
    for br in [
        "\n", "\r\n", "\r", "\u{85}", "\u{0B}", "\u{0C}", "\u{2028}", "\u{2029}",
    ] {
        let text = format!(
            "Nghị quyết số 04-NQ/TW của Ban Thường vụ Tỉnh ủy{br}Thanh Hóa về công tác{br}cán bộ"
        );
        let c = extract_citations(&text);
        assert_eq!(
            c[0].issuer.as_deref(),
            Some("Ban Thường vụ Tỉnh ủy"),
            "{br:?}"
        );
        let text = format!("Nghị quyết số 04-NQ/TW về công tác cán bộ{br}Hai là");
        let c = extract_citations(&text);
        assert_eq!(c[0].subject.as_deref(), Some("công tác cán bộ"), "{br:?}");
    }
}

#[test]
fn spans_cover_the_marks_after_what_the_parser_read() {
    // A combining mark after the last digit, date digit or symbol letter belongs to the span.
    for (text, cited) in [
        ("Thực hiện Chỉ thị 05\u{0301} của Bộ", "Chỉ thị 05\u{0301}"),
        (
            "theo Chỉ thị số 05-CT/TW\u{0323} nay",
            "Chỉ thị số 05-CT/TW\u{0323}",
        ),
        (
            "Nghị quyết 04-NQ/TW ngày 30-10-2016\u{0300}\u{0301} x",
            "Nghị quyết 04-NQ/TW ngày 30-10-2016\u{0300}\u{0301}",
        ),
        ("số 04-NQ/TW\u{20DD} x", "04-NQ/TW\u{20DD}"),
    ] {
        let c = extract_citations(text);
        assert_eq!(c.first().map(|c| c.text.as_str()), Some(cited), "{text:?}");
        common::check_citation_spans(text, &c);
    }
}

#[test]
fn normal_forms_beyond_vietnamese_agree() {
    // Decomposed Hangul and kana in an issuer or subject, and singletons (Å U+212B, Ω U+2126,
    // K U+212A): the text as typed, its NFC and its NFD give the same fields.
    for text in [
        "Nghị quyết số 04-NQ/TW của Ban 한국 về 가나다",
        "Nghị quyết số 04-NQ/TW về かがみ và ガギグ",
        "Nghị quyết số 04-NQ/TW về \u{212B}ngström, \u{2126} và \u{212A}",
        "Chỉ thị 05 về 한국어 của Bộ",
    ] {
        let fields = |t: &str| {
            extract_citations(t)
                .into_iter()
                .map(|c| {
                    (
                        c.kind,
                        c.number,
                        c.symbol,
                        c.issuer,
                        c.subject.map(|s| s.nfc().collect::<String>()),
                    )
                })
                .collect::<Vec<_>>()
        };
        let nfc: String = text.nfc().collect();
        let nfd: String = text.nfd().collect();
        assert_eq!(fields(text), fields(&nfc), "{text}");
        assert_eq!(fields(&nfd), fields(&nfc), "{text}");
        for t in [text, &nfc, &nfd] {
            common::check_citation_spans(t, &extract_citations(t));
            let r = parse_report(t);
            common::report_spans(t, &r).unwrap();
        }
    }
}

#[test]
fn strict_errors_agree_on_nfc_and_nfd() {
    for text in [
        "Nghị quyết số 03-XX/TU",
        "Chỉ thị số 05-CT",
        "Quyết định số",
        "Kết luận 12/2020/ZZ",
        "khoá XII",
    ] {
        let nfc: String = text.nfc().collect();
        let nfd: String = text.nfd().collect();
        let a = parse_citation(&nfc).unwrap_err();
        let b = parse_citation(&nfd).unwrap_err();
        assert_eq!(a.expected, b.expected, "{text}");
        // The same character of the text, counted in each input's own characters.
        let rest =
            |t: &str, e: &vanban_grammar::ParseError| t[e.offset..].nfc().collect::<String>();
        assert_eq!(rest(&nfc, &a), rest(&nfd, &b), "{text}");
        assert_eq!(a.span.start, a.offset);
    }
    let nfd: String = "Nghị quyết số 03-XX/TU".nfd().collect();
    let e = parse_citation(&nfd).unwrap_err();
    assert_eq!(e.expected, [Expected::TypeCode]);
    assert_eq!(
        e.char_offset(&nfd),
        nfd.chars().position(|c| c == 'X').unwrap()
    );
    let e = parse_number(&"03-XX/TỦ".nfd().collect::<String>()).unwrap_err();
    assert_eq!(e.expected, [Expected::TypeCode]);
}

#[test]
fn act_titles_are_single_spaced_and_agree_in_both_wings() {
    // The report's view turns NBSP into a space; a title reads the text as written, so the two
    // wings give the same title, and its white space is one space whatever was typed.
    for gap in ["\u{a0}", " \u{a0}", "  ", "\n", "\t"] {
        let text =
            format!("Căn cứ Luật Xây{gap}dựng năm 2020;\nCăn cứ Luật “Đất{gap}đai” năm 2013;\n");
        let cites = extract_citations(&text);
        let titles: Vec<_> = cites.iter().map(|c| c.title.as_deref()).collect();
        // A quoted title is one line (docs/formats.md).
        let want: &[_] = if gap == "\n" {
            &[Some("Xây dựng")]
        } else {
            &[Some("Xây dựng"), Some("Đất đai")]
        };
        assert_eq!(titles, want, "{gap:?}");
        assert_eq!(parse_report(&text).citations, cites, "{gap:?}");
        common::citation_span_error(&text, &cites)
            .map_or(Ok(()), Err)
            .unwrap();
    }
}

#[test]
fn both_wings_read_one_repaired_view() {
    // Exotic spaces read as spaces and the look-alikes of `Đ` as `Đ` in both wings (one view),
    // while texts and offsets stay those of the input.
    for text in [
        "QUY ĐỊNH SỐ 181- QĐ/TW NGÀY 30-3-2013 CỦA BÐỘ CHÍNH TRỊ VỀ XỬ LÝ KỶ LUẬT",
        "Nghị\u{a0}quyết Trung\u{2009}ương 4 khóa\u{202f}XII và Chỉ\u{3000}thị 05",
        "Nghị quyết số 04\u{a0}-\u{a0}NQ/TW ngày 30/10/2016 của Ban Chấp hành Trung ương Ðảng",
        "Kết luận số 01-KL/TW\u{feff} của Bộ Chính trị ; Chỉ thị số 05-CT/TW của Ban Bí thư",
    ] {
        let cites = extract_citations(text);
        assert!(!cites.is_empty(), "{text:?}");
        assert_eq!(parse_report(text).citations, cites, "{text:?}");
        common::citation_span_error(text, &cites)
            .map_or(Ok(()), Err)
            .unwrap();
    }
    let cites = extract_citations(
        "Nghị\u{a0}quyết Trung\u{2009}ương 4 khóa\u{202f}XII và Chỉ\u{3000}thị 05",
    );
    assert_eq!(
        cites
            .iter()
            .map(|c| (c.plenum, c.term, c.number))
            .collect::<Vec<_>>(),
        [(Some(4), Some(12), None), (None, None, Some(5))]
    );
}
