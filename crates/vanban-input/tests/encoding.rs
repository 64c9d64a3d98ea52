//! The legacy tables: round trips over the whole Vietnamese alphabet, the published byte values,
//! glibc's iconv as a second decoder, and auto-detection (never a wrong encoding, never a
//! Vietnamese reading of Western European text).
use std::io::Write;
use std::process::{Command, Stdio};

use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;
use vanban_input::encoding::{Choice, DecodeError, Encoding, LEGACY, decode, decode_as, encode};

/// Every Vietnamese letter with a mark, lower then upper case (134), plus đ/Đ.
fn alphabet() -> Vec<char> {
    let tones = ["", "\u{301}", "\u{300}", "\u{309}", "\u{303}", "\u{323}"];
    let bases = [
        "a", "a\u{306}", "a\u{302}", "e", "e\u{302}", "i", "o", "o\u{302}", "o\u{31b}", "u",
        "u\u{31b}", "y",
    ];
    let mut out = Vec::new();
    for b in bases {
        for t in tones {
            let s: String = format!("{b}{t}").nfc().collect();
            out.push(s.chars().next().unwrap());
        }
    }
    out.push('đ');
    let upper: Vec<char> = out.iter().flat_map(|c| c.to_uppercase()).collect();
    out.extend(upper);
    out
}

#[test]
fn every_table_round_trips_the_whole_alphabet() {
    let letters: String = alphabet().into_iter().collect();
    assert_eq!(letters.chars().count(), 146);
    let text = format!("{letters} Đảng Cộng sản Việt Nam, NGHỊ QUYẾT 04-NQ/TW.\n");
    for e in LEGACY {
        let bytes = encode(&text, e).unwrap_or_else(|err| panic!("{e}: {err}"));
        let d = decode_as(&bytes, e).unwrap();
        assert_eq!(d.text, text, "{e}");
        // Every letter maps back to exactly the bytes that encode it.
        for (k, c) in d.text.char_indices() {
            let r = d.map.range(k..k + c.len_utf8());
            assert_eq!(
                bytes[r.clone()],
                encode(&c.to_string(), e).unwrap(),
                "{e} {c}"
            );
        }
    }
}

#[test]
fn published_byte_values() {
    // From the comparison table cited in scripts/gen_tables.py (VNI, TCVN3 and VISCII columns).
    // (letter, VNI, TCVN3, VISCII)
    type Row = (char, &'static [u8], &'static [u8], &'static [u8]);
    let cases: &[Row] = &[
        ('á', b"a\xF9", b"\xB8", b"\xE1"),
        ('à', b"a\xF8", b"\xB5", b"\xE0"),
        ('ạ', b"a\xEF", b"\xB9", b"\xD5"),
        ('ắ', b"a\xE9", b"\xBE", b"\xA1"),
        ('ặ', b"a\xEB", b"\xC6", b"\xA3"),
        ('ấ', b"a\xE1", b"\xCA", b"\xA4"),
        ('ậ', b"a\xE4", b"\xCB", b"\xA7"),
        ('ệ', b"e\xE4", b"\xD6", b"\xAE"),
        ('ỉ', b"\xE6", b"\xD8", b"\xEF"),
        ('ị', b"\xF2", b"\xDE", b"\xB8"),
        ('đ', b"\xF1", b"\xAE", b"\xF0"),
    ];
    for &(c, vni, tcvn, viscii) in cases {
        let s = c.to_string();
        assert_eq!(encode(&s, Encoding::Vni).unwrap(), vni, "VNI {c}");
        assert_eq!(encode(&s, Encoding::Tcvn3).unwrap(), tcvn, "TCVN3 {c}");
        assert_eq!(encode(&s, Encoding::Viscii).unwrap(), viscii, "VISCII {c}");
    }
    // TCVN3 mojibake seen on real pages (docs/formats.md §7.4 of the project's spec).
    let d = decode_as(
        b"Ban Ch\xCAp h\xB5nh Trung \xAD\xACng \xAE\xB6ng c\xE9ng s\xB6n vi\xD6t nam",
        Encoding::Tcvn3,
    );
    assert_eq!(
        d.unwrap().text,
        "Ban Chấp hành Trung ương đảng cộng sản việt nam"
    );
}

/// glibc's iconv decodes what our encoder wrote to the same text.
#[test]
fn iconv_agrees() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/legacy/article.txt"
    ))
    .unwrap();
    for (e, name) in [
        (Encoding::Tcvn3, "TCVN5712-1"),
        (Encoding::Viscii, "VISCII"),
        (Encoding::Cp1258, "CP1258"),
    ] {
        let bytes = encode(&text, e).unwrap();
        let child = Command::new("iconv")
            .args(["-f", name, "-t", "UTF-8"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn();
        let Ok(mut child) = child else {
            eprintln!("iconv not installed: skipping the {e} comparison");
            return;
        };
        child.stdin.take().unwrap().write_all(&bytes).unwrap();
        let out = child.wait_with_output().unwrap();
        if !out.status.success() {
            eprintln!("iconv lacks {name}: skipping");
            continue;
        }
        let theirs: String = String::from_utf8(out.stdout).unwrap().nfc().collect();
        assert_eq!(theirs, text, "iconv -f {name}");
        assert_eq!(decode_as(&bytes, e).unwrap().text, text);
    }
}

#[test]
fn auto_reads_each_fixture_encoding() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/legacy/article.txt"
    ))
    .unwrap();
    for e in [Encoding::Utf8, Encoding::Utf16Le, Encoding::Utf16Be]
        .into_iter()
        .chain(LEGACY)
    {
        let bytes = encode(&text, e).unwrap();
        let d = decode(&bytes, Choice::Auto).unwrap_or_else(|err| panic!("{e}: {err}"));
        assert_eq!(d.encoding, e);
        assert_eq!(d.text, text);
        // The committed copies are what the encoder writes.
        let committed = std::fs::read(format!(
            "{}/tests/fixtures/legacy/article.{}.txt",
            env!("CARGO_MANIFEST_DIR"),
            e.name()
        ));
        if let Ok(committed) = committed {
            assert_eq!(committed, bytes, "fixture {e} is stale");
        }
    }
}

#[test]
fn western_european_cp1252_is_never_vietnamese() {
    let texts = [
        "The café on the Straße served crème brûlée and piña colada; naïve façade, déjà vu.",
        "El niño comió una manzana en la montaña. ¿Qué más? Está aquí, señor. Año tras año.",
        "Müller und Schröder fahren über die Brücke nach München. Grüße aus Köln, schön!",
        "Les élèves étudient à l'école. Où est la bibliothèque? Ça coûte très cher.",
        "“Smart quotes” – and dashes — are common… in Word documents © 2004.",
    ];
    for t in texts {
        let bytes = encode(t, Encoding::Cp1252).unwrap();
        match decode(&bytes, Choice::Auto) {
            Ok(d) => assert_eq!((d.encoding, d.text.as_str()), (Encoding::Cp1252, t)),
            Err(DecodeError::Undetermined { .. }) => {}
            Err(e) => panic!("{t}: {e}"),
        }
    }
}

#[test]
fn corrupt_utf8_is_an_error_with_its_offset() {
    let mut bytes = "Nghị quyết số 04-NQ/TW của Ban Chấp hành Trung ương"
        .as_bytes()
        .to_vec();
    bytes[30] = 0xFF;
    assert_eq!(
        decode(&bytes, Choice::Auto),
        Err(DecodeError::InvalidUtf8 { offset: 30 })
    );
}

#[test]
fn weak_evidence_names_the_candidates() {
    // One ambiguous high byte: no encoding can be told.
    let err = decode(b"ABC \xB5 123", Choice::Auto).unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains("--encoding"), "{msg}");
}

#[test]
fn utf16_with_and_without_bom() {
    let t = "Chỉ thị 05-CT/TW";
    for e in [Encoding::Utf16Le, Encoding::Utf16Be] {
        let bytes = encode(t, e).unwrap();
        let d = decode(&bytes, Choice::Auto).unwrap();
        assert_eq!((d.encoding, d.text.as_str()), (e, t));
        assert_eq!(d.map.range(0..t.len()), 2..bytes.len());
        let d = decode(&bytes[2..], Choice::Auto).unwrap();
        assert_eq!(d.encoding, e);
        assert_eq!(decode(&bytes, Choice::Utf16).unwrap().text, t);
    }
    assert_eq!(
        decode(b"\xFF\xFEa", Choice::Auto),
        Err(DecodeError::InvalidUtf16 { offset: 2 })
    );
}

fn vietnamese_text() -> impl Strategy<Value = String> {
    let letters = alphabet();
    let ascii: Vec<char> = "abcdeghiklmnopqrstuvxyABCDEGHIKLMNOPQRSTUVXY0123456789 .,;:-/()\"'\n"
        .chars()
        .collect();
    let pool: Vec<char> = letters.into_iter().chain(ascii).collect();
    proptest::collection::vec(proptest::sample::select(pool), 0..200)
        .prop_map(|v| v.into_iter().collect())
}

proptest! {
    #[test]
    fn decode_inverts_encode(text in vietnamese_text()) {
        for e in LEGACY.into_iter().chain([Encoding::Utf16Le, Encoding::Utf16Be, Encoding::Utf8]) {
            let bytes = encode(&text, e).unwrap();
            let d = decode_as(&bytes, e).unwrap();
            prop_assert_eq!(&d.text, &text, "{}", e);
            prop_assert_eq!(d.map.text_len(), text.len());
        }
    }

    #[test]
    fn decoding_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        for e in LEGACY.into_iter().chain([Encoding::Utf16Le, Encoding::Cp1252]) {
            if let Ok(d) = decode_as(&bytes, e) {
                let end = d.map.range(0..d.text.len()).end;
                prop_assert!(end <= bytes.len());
            }
        }
        let _ = decode(&bytes, Choice::Auto);
    }
}
