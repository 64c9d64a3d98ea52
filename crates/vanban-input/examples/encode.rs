//! Encode UTF-8 text from standard input into a legacy encoding (makes the legacy fixtures and
//! the corpus copies used to measure): `cargo run -p vanban-input --example encode -- tcvn3 < in > out`.
use std::io::{Read, Write};

use vanban_input::encoding::{Choice, encode};

fn main() {
    let name = std::env::args().nth(1).unwrap_or_default();
    let Some(Choice::Only(e)) = Choice::from_name(&name) else {
        eprintln!(
            "usage: encode ENCODING < text > bytes (ENCODING: tcvn3, vni, viscii, cp1258, utf-16le, utf-16be)"
        );
        std::process::exit(2);
    };
    let mut text = String::new();
    if let Err(err) = std::io::stdin().read_to_string(&mut text) {
        eprintln!("encode: {err}");
        std::process::exit(2);
    }
    match encode(&text, e) {
        Ok(bytes) => {
            let _ = std::io::stdout().write_all(&bytes);
        }
        Err(err) => {
            eprintln!("encode: {err}");
            std::process::exit(1);
        }
    }
}
