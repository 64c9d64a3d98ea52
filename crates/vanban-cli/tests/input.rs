//! `--input`, `--encoding` and `vanban annotate` (docs/input.md), through the binary.
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_vanban");
const FIXTURES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../vanban-input/tests/fixtures"
);

fn vanban(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(BIN).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn records(stdout: &str) -> Vec<serde_json::Value> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn legacy_files_give_the_utf8_citations_with_their_encoding() {
    let (code, plain, _) = vanban(&["cite", &format!("{FIXTURES}/legacy/article.txt")]);
    assert_eq!(code, 0);
    let plain = records(&plain);
    assert!(plain.len() >= 6);
    assert!(
        plain[0].get("src_start").is_none(),
        "plain UTF-8 keeps its JSON"
    );
    for enc in ["tcvn3", "vni", "viscii", "cp1258"] {
        let path = format!("{FIXTURES}/legacy/article.{enc}.txt");
        let bytes = std::fs::read(&path).unwrap();
        for args in [
            vec!["cite", path.as_str()],
            vec!["cite", "--encoding", enc, path.as_str()],
        ] {
            let (code, out, err) = vanban(&args);
            assert_eq!(code, 0, "{err}");
            let got = records(&out);
            assert_eq!(got.len(), plain.len(), "{enc}");
            for (g, p) in got.iter().zip(&plain) {
                assert_eq!(g["text"], p["text"]);
                assert_eq!(g["encoding"], enc);
                let (s, e) = (
                    g["src_start"].as_u64().unwrap() as usize,
                    g["src_end"].as_u64().unwrap() as usize,
                );
                assert!(s < e && e <= bytes.len());
            }
        }
    }
}

#[test]
fn html_pages_read_by_extension_or_flag() {
    let page = format!("{FIXTURES}/html/tccs_article.html");
    let bytes = std::fs::read(&page).unwrap();
    let (code, out, err) = vanban(&["cite", &page]);
    assert_eq!(code, 0, "{err}");
    let cites = records(&out);
    assert!(
        cites
            .iter()
            .all(|c| !c["text"].as_str().unwrap().contains("99-NQ/TW")),
        "script text never fires"
    );
    let first = &cites[0];
    let (s, e) = (
        first["src_start"].as_u64().unwrap() as usize,
        first["src_end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&bytes[s..e], "Nghị quyết số 18&#8209;NQ/TW".as_bytes());
    // --input text reads the markup as text: the script's citation-like string fires.
    let (_, out, _) = vanban(&["cite", "--input", "text", &page]);
    assert!(out.contains("99-NQ/TW"));
    let (code, out, err) = vanban(&["report", &page]);
    assert_eq!(code, 0, "{err}");
    let r: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        r["title"]["text"],
        "Đổi mới, sắp xếp tổ chức bộ máy theo Nghị quyết số 18\u{2011}NQ/TW"
    );
    assert_eq!(r["encoding"], "utf-8");
    assert!(r["text"].as_str().unwrap().contains("Tin liên quan"));
    assert!(
        r["boilerplate"]
            .as_array()
            .unwrap()
            .iter()
            .any(|b| b["text"].as_str().unwrap().starts_with("Tin liên quan"))
    );
}

#[test]
fn annotate_gives_the_page_back_with_marks() {
    let page = format!("{FIXTURES}/html/dangcongsan_document.html");
    let (code, out, err) = vanban(&["annotate", "--link", "https://example.org/{doc_key}", &page]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("<a class=\"vanban-cite\" data-vanban-id=\"0\""));
    let (code, md, _) = vanban(&[
        "annotate",
        "--format",
        "markdown",
        "--link",
        "https://x.org/{symbol}",
        &page,
    ]);
    assert_eq!(code, 0);
    assert!(md.contains("[Quy định số 66\u{2011}QĐ/TW, ngày 06\u{2011}02\u{2011}2017 của Ban Chấp hành Trung ương](https://x.org/Q%C4%90%2FTW)"), "{md}");
    let (code, _, err) = vanban(&["annotate", "--link", "{nope}", &page]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown field {nope}"));
}

#[test]
fn bad_bytes_and_bad_names_are_one_line_errors() {
    let dir = std::env::temp_dir().join(format!("vanban-input-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.txt");
    std::fs::write(&bad, b"Ngh\xe1\xbb\x8b quy\xff\xe1\xba\xbft s\xe1\xbb\x91").unwrap();
    let (code, _, err) = vanban(&["cite", bad.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("invalid UTF-8 at byte offset 10"), "{err}");
    let (code, _, err) = vanban(&["cite", "--encoding", "koi8", bad.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("expected one of auto, utf-8"), "{err}");
    // UTF-16 files found in a directory are read, not skipped as binary.
    let text = "Chỉ thị số 05-CT/TW ngày 15-5-2016 của Bộ Chính trị";
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    std::fs::write(dir.join("a.txt"), utf16).unwrap();
    std::fs::remove_file(&bad).unwrap();
    let (code, out, err) = vanban(&["cite", dir.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let got = records(&out);
    assert_eq!(got.len(), 1);
    assert_eq!(got[0]["encoding"], "utf-16le");
    let _ = std::fs::remove_dir_all(&dir);
}
