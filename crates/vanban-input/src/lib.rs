//! Input front ends for vanban: bytes in any of the encodings Vietnamese offices used, saved web
//! pages, and the way back (citations annotated into the original file).
//!
//! Every front end produces a text and an [`OffsetMap`] from the text's byte offsets to the
//! original file's, so a citation found in the text can be located, and wrapped, in the file.
//!
//! ```
//! use vanban_input::{encoding::{decode, encode, Choice, Encoding}};
//!
//! let bytes = encode("Nghị quyết số 04-NQ/TW của Ban Chấp hành Trung ương Đảng", Encoding::Tcvn3).unwrap();
//! let d = decode(&bytes, Choice::Auto).unwrap();
//! assert_eq!(d.encoding, Encoding::Tcvn3);
//! assert_eq!(d.text, "Nghị quyết số 04-NQ/TW của Ban Chấp hành Trung ương Đảng");
//! let at = d.text.find("04-NQ/TW").unwrap();
//! assert_eq!(&bytes[d.map.range(at..at + 8)], b"04-NQ/TW");
//! ```

#![deny(missing_docs)]

use std::ops::Range;

pub mod annotate;
pub mod encoding;
pub mod html;
pub mod map;

pub use encoding::{Choice, DecodeError, Encoding};
pub use map::{OffsetMap, TextBuilder};

/// What kind of file the bytes are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Kind {
    /// HTML when the content looks like a page, else text.
    #[default]
    Auto,
    /// Plain text.
    Text,
    /// An HTML page.
    Html,
}

impl Kind {
    /// `auto`, `text` or `html`.
    pub fn from_name(name: &str) -> Option<Self> {
        match name.trim().to_ascii_lowercase().as_str() {
            "auto" => Some(Self::Auto),
            "text" | "txt" => Some(Self::Text),
            "html" | "htm" => Some(Self::Html),
            _ => None,
        }
    }
}

/// A file read for parsing: its text, and where each byte of the text came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// The text the parsers read (an HTML page's projection, or the decoded text).
    pub text: String,
    /// Text byte offsets → byte offsets of the original file.
    pub map: OffsetMap,
    /// The encoding the file was read in.
    pub encoding: Encoding,
    /// Whether the file was read as HTML.
    pub html: bool,
    /// HTML only: text byte ranges inside site furniture.
    pub furniture: Vec<Range<usize>>,
    /// HTML only: file byte ranges of text inside links.
    pub links: Vec<Range<usize>>,
}

impl Input {
    /// File byte range of the text byte range `r`.
    pub fn src_range(&self, r: Range<usize>) -> Range<usize> {
        self.map.range(r)
    }

    /// Whether the text is the file itself (UTF-8 without a BOM, not HTML).
    pub fn is_verbatim(&self) -> bool {
        !self.html
            && self.encoding == Encoding::Utf8
            && self.map == OffsetMap::identity(self.text.len())
    }

    /// What places citations found in this input's text in the file.
    pub fn locator(&self) -> Locator {
        Locator {
            map: (!self.is_verbatim()).then(|| self.map.clone()),
            encoding: self.encoding,
        }
    }

    /// Fill `src_start`, `src_end` and `encoding` of citations found in this input's text.
    pub fn locate(&self, cites: &mut [vanban_grammar::Citation]) {
        let l = self.locator();
        cites.iter_mut().for_each(|c| l.locate(c));
    }

    /// The report of this input: for an HTML page the parser reads the text with the site
    /// furniture blanked out (same characters offsets), and the furniture joins `boilerplate`;
    /// every citation of the whole text is listed, located in the file; `text` and `encoding`
    /// are set when the text is not the file itself.
    pub fn report(&self) -> vanban_grammar::model::Report {
        use vanban_grammar::model::Span;
        let masked = if self.furniture.is_empty() {
            std::borrow::Cow::Borrowed(self.text.as_str())
        } else {
            let mut m = String::with_capacity(self.text.len());
            let mut at = 0;
            for r in &self.furniture {
                m.push_str(&self.text[at..r.start]);
                m.extend(
                    self.text[r.clone()]
                        .chars()
                        .map(|c| if c == '\n' { c } else { ' ' }),
                );
                at = r.end;
            }
            m.push_str(&self.text[at..]);
            std::borrow::Cow::Owned(m)
        };
        let mut report = vanban_grammar::parse_report(&masked);
        if !self.furniture.is_empty() {
            // Character offsets of byte offsets, in one pass over the text.
            let mut chars = 0;
            let mut last = 0;
            let mut char_at = |b: usize| {
                chars += self.text[last..b].chars().count();
                last = b;
                chars
            };
            for r in &self.furniture {
                let start = char_at(r.start);
                let end = char_at(r.end);
                report
                    .boilerplate
                    .push(Span::new(&self.text[r.clone()], start, end));
            }
            report.boilerplate.sort_by_key(|s| (s.start, s.end));
            report.boilerplate.dedup();
            let mut cites = vanban_grammar::extract_citations(&self.text);
            self.locate(&mut cites);
            report.citations = cites;
        } else {
            self.locate(&mut report.citations);
        }
        if !self.is_verbatim() {
            report.text = Some(self.text.clone());
            report.encoding = Some(self.encoding.name().to_owned());
        }
        report
    }
}

/// Places citations of an input's text in its file (see [`Input::locator`]).
#[derive(Debug, Clone)]
pub struct Locator {
    map: Option<OffsetMap>,
    encoding: Encoding,
}

impl Locator {
    /// Fill `src_start`, `src_end` and `encoding` of one citation (left absent when the text is
    /// the file itself, where they would repeat `byte_start`/`byte_end`).
    pub fn locate(&self, c: &mut vanban_grammar::Citation) {
        if let Some(map) = &self.map {
            let r = map.range(c.byte_start..c.byte_end);
            c.src_start = Some(r.start);
            c.src_end = Some(r.end);
            c.encoding = Some(self.encoding.name().to_owned());
        }
    }
}

/// [`read`], taking the bytes: a plain UTF-8 text becomes the text without a copy.
pub fn read_owned(bytes: Vec<u8>, kind: Kind, encoding: Choice) -> Result<Input, DecodeError> {
    let text_kind = kind == Kind::Text || kind == Kind::Auto && !html::looks_like_html(&bytes);
    let utf8 = matches!(encoding, Choice::Auto | Choice::Only(Encoding::Utf8));
    if !(text_kind && utf8) || bytes.starts_with(b"\xEF\xBB\xBF") {
        return read(&bytes, kind, encoding);
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Input {
            map: OffsetMap::identity(text.len()),
            text,
            encoding: Encoding::Utf8,
            html: false,
            furniture: Vec::new(),
            links: Vec::new(),
        }),
        Err(e) => read(e.as_bytes(), Kind::Text, encoding),
    }
}

/// Read `bytes` as `kind` in `encoding` (see [`encoding::detect`] and [`html::project`]).
pub fn read(bytes: &[u8], kind: Kind, encoding: Choice) -> Result<Input, DecodeError> {
    let html = match kind {
        Kind::Html => true,
        Kind::Text => false,
        Kind::Auto => html::looks_like_html(bytes),
    };
    if !html {
        let d = encoding::decode(bytes, encoding)?;
        return Ok(Input {
            text: d.text,
            map: d.map,
            encoding: d.encoding,
            html: false,
            furniture: Vec::new(),
            links: Vec::new(),
        });
    }
    let d = encoding::decode(bytes, html_encoding(bytes, encoding)?)?;
    let page = html::project(&d.text);
    let identity = d.map == OffsetMap::identity(bytes.len());
    let map = if identity {
        page.map
    } else {
        page.map.then(&d.map)
    };
    let links = if identity {
        page.links
    } else {
        page.links.into_iter().map(|r| d.map.range(r)).collect()
    };
    Ok(Input {
        text: page.text,
        map,
        encoding: d.encoding,
        html: true,
        furniture: page.furniture,
        links,
    })
}

/// The encoding of a page: a BOM, else its `<meta>` charset when that names UTF-8 or a
/// Vietnamese code page, else detection (pages in TCVN3 or VNI declare Latin-1 or nothing and
/// name their fonts, which detection reads; a declared Latin-1 page without Vietnamese
/// evidence is read as Windows-1252).
fn html_encoding(bytes: &[u8], choice: Choice) -> Result<Choice, DecodeError> {
    if choice != Choice::Auto
        || bytes.starts_with(b"\xEF\xBB\xBF")
        || bytes.starts_with(&[0xFF, 0xFE])
        || bytes.starts_with(&[0xFE, 0xFF])
    {
        return Ok(choice);
    }
    let declared = html::declared_charset(bytes).unwrap_or_default();
    let named = match declared.as_str() {
        "utf-8" | "utf8" => Some(Encoding::Utf8),
        "windows-1258" | "cp1258" => Some(Encoding::Cp1258),
        "viscii" => Some(Encoding::Viscii),
        "tcvn" | "tcvn3" | "tcvn-5712" | "tcvn5712-1" => Some(Encoding::Tcvn3),
        _ => None,
    };
    if let Some(e) = named {
        return Ok(Choice::Only(e));
    }
    let latin1 = matches!(
        declared.as_str(),
        "iso-8859-1" | "windows-1252" | "latin1" | "us-ascii" | "cp1252"
    );
    match encoding::detect(bytes) {
        Ok(e) => Ok(Choice::Only(e)),
        Err(DecodeError::Undetermined { .. }) if latin1 => Ok(Choice::Only(Encoding::Cp1252)),
        Err(e) => Err(e),
    }
}
