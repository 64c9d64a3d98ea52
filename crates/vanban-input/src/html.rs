//! HTML → text in reading order, with a map from each text byte back to the page's bytes.
//!
//! The page is tokenized by html5gum (WHATWG tokenizer); a thin emitter wrapper records where in
//! the page each piece of character data came from, so entities (`&nbsp;`, `&#8209;`) map to
//! their whole reference and plain text maps byte for byte. The projection (docs/input.md):
//! - block elements and `<br>` end a line; inline elements separate nothing (`<b>1</b>1/2016`
//!   reads `11/2016`);
//! - runs of white space (NBSP included) collapse to one space, dropped at line ends;
//! - `<head>`, `<title>`, scripts, styles, comments, `<template>`, `<noscript>`, form controls,
//!   SVG and MathML are dropped, and so are elements marked hidden (`hidden`, inline
//!   `display:none` / `visibility:hidden`);
//! - text inside site furniture (navigation, menus, sidebars, related links, comment forms,
//!   footers: by tag, or by class/id words) is kept but its ranges are recorded, so the report
//!   can set it aside.
use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;
use std::rc::Rc;

use html5gum::{DefaultEmitter, Emitter, ForwardingEmitter, Token, Tokenizer};

use crate::map::{OffsetMap, TextBuilder};

/// A web page's text and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// The page's text in reading order.
    pub text: String,
    /// Text byte offsets → byte offsets of the HTML it was projected from.
    pub map: OffsetMap,
    /// Text byte ranges that lie in site furniture (menus, related links, footers, …).
    pub furniture: Vec<Range<usize>>,
    /// HTML byte ranges of text inside a link (`<a href>`), where annotation must not nest one.
    pub links: Vec<Range<usize>>,
    /// The charset the page declares in a `<meta>` tag, lower-cased.
    pub charset: Option<String>,
}

/// The emitter: html5gum's default one, plus a record of each piece of character data it emits
/// and the reader position when it did (the end of the piece's source).
struct Tracking {
    inner: DefaultEmitter<usize>,
    position: usize,
    record: Rc<RefCell<Record>>,
}

/// What the emitter wrapper saw, shared with the projection loop.
#[derive(Default)]
struct Record {
    /// (source end, start in `emitted`, length) of each piece of character data.
    chunks: Vec<(usize, usize, usize)>,
    emitted: Vec<u8>,
}

impl ForwardingEmitter for Tracking {
    type Token = Token<usize>;

    fn inner(&mut self) -> &mut impl Emitter<Token = Self::Token> {
        &mut self.inner
    }

    fn move_position(&mut self, offset: isize) {
        self.position = self.position.saturating_add_signed(offset);
        Emitter::move_position(&mut self.inner, offset);
    }

    fn emit_string(&mut self, c: &[u8]) {
        let mut r = self.record.borrow_mut();
        let at = r.emitted.len();
        r.chunks.push((self.position, at, c.len()));
        r.emitted.extend_from_slice(c);
        drop(r);
        Emitter::emit_string(&mut self.inner, c);
    }
}

/// Elements whose content is not page text.
const SKIP: [&[u8]; 17] = [
    b"head",
    b"title",
    b"script",
    b"style",
    b"template",
    b"noscript",
    b"textarea",
    b"select",
    b"svg",
    b"math",
    b"iframe",
    b"object",
    b"canvas",
    b"audio",
    b"video",
    b"datalist",
    b"noembed",
];

/// Elements that begin and end a line.
const BLOCK: [&[u8]; 41] = [
    b"address",
    b"article",
    b"aside",
    b"blockquote",
    b"body",
    b"caption",
    b"center",
    b"dd",
    b"details",
    b"dialog",
    b"dir",
    b"div",
    b"dl",
    b"dt",
    b"fieldset",
    b"figcaption",
    b"figure",
    b"footer",
    b"form",
    b"h1",
    b"h2",
    b"h3",
    b"h4",
    b"h5",
    b"h6",
    b"header",
    b"hr",
    b"li",
    b"main",
    b"menu",
    b"nav",
    b"ol",
    b"p",
    b"pre",
    b"section",
    b"summary",
    b"table",
    b"td",
    b"th",
    b"tr",
    b"ul",
];

/// Elements without content (never on the stack of open elements).
const VOID: [&[u8]; 14] = [
    b"area", b"base", b"br", b"col", b"embed", b"hr", b"img", b"input", b"link", b"meta", b"param",
    b"source", b"track", b"wbr",
];

/// Elements that are site furniture by their tag.
const FURNITURE_TAGS: [&[u8]; 5] = [b"nav", b"aside", b"footer", b"form", b"menu"];

/// Words in a class or id that mark site furniture (matched inside the lower-cased class and
/// id with separators removed, so `tin-lien-quan` and `tinLienQuan` both hold `lienquan`).
const FURNITURE_WORDS: [&str; 22] = [
    "lienquan",
    "binhluan",
    "tinkhac",
    "cungchuyenmuc",
    "chiase",
    "related",
    "comment",
    "breadcrumb",
    "sidebar",
    "footer",
    "navbar",
    "menu",
    "share",
    "social",
    "banner",
    "advert",
    "widget",
    "copyright",
    "pagination",
    "toolbar",
    "topbar",
    "login",
];

struct Open {
    name: Vec<u8>,
    skip: bool,
    furniture: bool,
    link: bool,
    main: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Pending {
    None,
    /// Collapsed white space: the source of its first run, and whether it lies in a link.
    Space(Range<usize>, bool),
    /// Line breaks (1 or 2) at a source position.
    Break(usize, usize),
}

struct Projector {
    out: TextBuilder,
    pending: Pending,
    line_start: bool,
    stack: Vec<Open>,
    open_count: HashMap<Vec<u8>, usize>,
    skip: usize,
    furniture: usize,
    link: usize,
    main: usize,
    furniture_ranges: Vec<Range<usize>>,
    furniture_from: Option<usize>,
    links: Vec<Range<usize>>,
    charset: Option<String>,
}

impl Projector {
    /// A block boundary (`br`: an explicit break, which can leave one blank line).
    fn line_break(&mut self, at: usize, br: bool) {
        self.pending = match self.pending {
            Pending::Break(pos, k) => Pending::Break(pos, if br { (k + 1).min(2) } else { k }),
            _ if self.line_start && !br => return,
            _ => Pending::Break(at, 1),
        };
        self.line_start = true;
    }

    fn flush(&mut self) {
        match std::mem::replace(&mut self.pending, Pending::None) {
            Pending::None => {}
            Pending::Space(src, in_link) => {
                self.out.atom(" ", src.clone());
                if in_link && self.link > 0 {
                    self.note_link(src);
                }
            }
            Pending::Break(pos, n) => {
                if !self.out.text().is_empty() {
                    self.out.atom(&"\n\n"[..n], pos..pos);
                }
            }
        }
    }

    fn space(&mut self, src: Range<usize>) {
        if self.line_start || !matches!(self.pending, Pending::None) {
            return;
        }
        self.pending = Pending::Space(src, self.link > 0);
    }

    fn word(&mut self, s: &str, src: Range<usize>, verbatim: bool) {
        self.flush();
        self.line_start = false;
        if self.furniture > 0 && self.furniture_from.is_none() {
            self.furniture_from = Some(self.out.text().len());
        }
        if verbatim {
            self.out.verbatim(s, src.start);
        } else {
            self.out.atom(s, src.clone());
        }
        self.note_link(src);
    }

    fn note_link(&mut self, src: Range<usize>) {
        if self.link > 0 {
            match self.links.last_mut() {
                Some(last) if last.end == src.start => last.end = src.end,
                _ => self.links.push(src),
            }
        }
    }

    /// Character data from `src` (a verbatim piece of the page when `verbatim`).
    fn text(&mut self, s: &str, src: Range<usize>, verbatim: bool) {
        if self.skip > 0 {
            return;
        }
        if !verbatim {
            if s.chars().all(char::is_whitespace) {
                self.space(src);
            } else {
                self.word(s, src, false);
            }
            return;
        }
        let mut k = 0;
        while k < s.len() {
            let rest = &s[k..];
            let ws = rest
                .find(|c: char| !c.is_whitespace())
                .unwrap_or(rest.len());
            if ws > 0 {
                self.space(src.start + k..src.start + k + ws);
                k += ws;
                continue;
            }
            let w = rest.find(char::is_whitespace).unwrap_or(rest.len());
            self.word(&rest[..w], src.start + k..src.start + k + w, true);
            k += w;
        }
    }

    fn end_furniture(&mut self) {
        if let Some(from) = self.furniture_from.take() {
            let to = self.out.text().len();
            if from < to {
                self.furniture_ranges.push(from..to);
            }
        }
    }

    fn start_tag(&mut self, tag: &html5gum::StartTag<usize>) {
        let name = tag.name.to_ascii_lowercase();
        let attr = |k: &str| {
            tag.attributes
                .get(k.as_bytes())
                .map(|v| String::from_utf8_lossy(v).to_lowercase())
        };
        if name == b"meta" {
            if let Some(cs) = attr("charset") {
                self.charset.get_or_insert(cs.trim().to_owned());
            } else if let Some(content) = attr("content")
                && attr("http-equiv").is_some_and(|h| h.trim() == "content-type")
                && let Some(k) = content.find("charset=")
            {
                let cs = content[k + 8..]
                    .trim_matches(|c: char| c == '"' || c == '\'' || c.is_whitespace());
                let cs = cs
                    .split(|c: char| c == ';' || c.is_whitespace())
                    .next()
                    .unwrap_or("");
                self.charset.get_or_insert(cs.to_owned());
            }
        }
        if name == b"body" {
            // An unclosed <head> ends where the body begins.
            while self.stack.iter().any(|o| o.name == b"head") {
                self.pop();
            }
        }
        let block = BLOCK.contains(&name.as_slice());
        if name == b"br" || block {
            self.line_break(tag.span.start, name == b"br");
        }
        if VOID.contains(&name.as_slice()) || tag.self_closing && !block {
            return;
        }
        let style: String = attr("style")
            .unwrap_or_default()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let hidden = tag.attributes.contains_key(b"hidden".as_slice())
            || style.contains("display:none")
            || style.contains("visibility:hidden");
        let words: String = [attr("class"), attr("id")]
            .into_iter()
            .flatten()
            .collect::<String>()
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect();
        let main = name == b"article" || name == b"main";
        let furniture = FURNITURE_TAGS.contains(&name.as_slice())
            || name == b"header" && self.main == 0
            || FURNITURE_WORDS.iter().any(|w| words.contains(w));
        let open = Open {
            skip: SKIP.contains(&name.as_slice()) || hidden,
            furniture,
            link: name == b"a" && tag.attributes.contains_key(b"href".as_slice()),
            main,
            name,
        };
        self.skip += usize::from(open.skip);
        self.furniture += usize::from(open.furniture);
        self.link += usize::from(open.link);
        self.main += usize::from(open.main);
        *self.open_count.entry(open.name.clone()).or_default() += 1;
        self.stack.push(open);
    }

    fn pop(&mut self) {
        if let Some(o) = self.stack.pop() {
            self.skip -= usize::from(o.skip);
            self.furniture -= usize::from(o.furniture);
            self.link -= usize::from(o.link);
            self.main -= usize::from(o.main);
            if let Some(n) = self.open_count.get_mut(&o.name) {
                *n -= 1;
            }
            if self.furniture == 0 {
                self.end_furniture();
            }
        }
    }

    fn end_tag(&mut self, name: &[u8], at: usize) {
        let name = name.to_ascii_lowercase();
        if name == b"br" {
            // `</br>` is a line break too, as browsers read it.
            self.line_break(at, true);
            return;
        }
        if BLOCK.contains(&name.as_slice()) {
            self.line_break(at, false);
        }
        if self.open_count.get(&name).copied().unwrap_or(0) == 0 {
            return;
        }
        while let Some(o) = self.stack.last() {
            let done = o.name == name;
            self.pop();
            if done {
                break;
            }
        }
    }
}

/// Project `html` to its text (see the module documentation).
pub fn project(html: &str) -> Page {
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    emitter.naively_switch_states(true);
    let record = Rc::new(RefCell::new(Record::default()));
    let tracking = Tracking {
        inner: emitter,
        position: 0,
        record: Rc::clone(&record),
    };
    let mut p = Projector {
        out: TextBuilder::with_capacity(html.len() / 2),
        pending: Pending::None,
        line_start: true,
        stack: Vec::new(),
        open_count: HashMap::new(),
        skip: 0,
        furniture: 0,
        link: 0,
        main: 0,
        furniture_ranges: Vec::new(),
        furniture_from: None,
        links: Vec::new(),
        charset: None,
    };
    for token in Tokenizer::new_with_emitter(html, tracking) {
        let Ok(token) = token;
        match token {
            Token::StartTag(tag) => p.start_tag(&tag),
            Token::EndTag(tag) => p.end_tag(&tag.name, tag.span.start),
            Token::String(s) => {
                let span = s.span.start..s.span.end.min(html.len());
                let mut rec = record.borrow_mut();
                // The pieces of this token: those emitted up to its end (later ones belong to
                // text the tokenizer has already begun reading).
                let n = rec.chunks.iter().take_while(|c| c.0 <= span.end).count();
                let pieces: Vec<(usize, usize, usize)> = rec.chunks.drain(..n).collect();
                let joined: Vec<u8> = pieces
                    .iter()
                    .flat_map(|&(_, at, k)| rec.emitted[at..at + k].iter().copied())
                    .collect();
                if rec.chunks.is_empty() {
                    rec.emitted.clear();
                }
                drop(rec);
                if joined != s.value.as_slice() || pieces.iter().any(|c| c.0 < span.start) {
                    // The record disagrees with the token (never seen): map the token as a whole.
                    p.text(&String::from_utf8_lossy(&s.value), span, false);
                    continue;
                }
                // A piece is verbatim when it is the page's own next bytes; otherwise (a
                // character reference, a normalised newline) it stands for everything from the
                // end of the previous piece. Verbatim pieces that touch are joined first: the
                // tokenizer may cut one inside a multi-byte character.
                let mut runs: Vec<(Range<usize>, bool, Range<usize>)> = Vec::new();
                let (mut cursor, mut off) = (span.start, 0);
                for (end, _, k) in pieces {
                    let end = end.clamp(cursor, span.end);
                    let literal = end - cursor == k
                        && html.as_bytes().get(cursor..end) == Some(&joined[off..off + k]);
                    match runs.last_mut() {
                        Some((src, true, bytes)) if literal && src.end == cursor => {
                            src.end = end;
                            bytes.end = off + k;
                        }
                        _ => runs.push((cursor..end, literal, off..off + k)),
                    }
                    cursor = end;
                    off += k;
                }
                for (src, literal, bytes) in runs {
                    match html.get(src.clone()) {
                        Some(text) if literal => p.text(text, src, true),
                        _ => p.text(&String::from_utf8_lossy(&joined[bytes]), src, false),
                    }
                }
            }
            Token::Comment(_) | Token::Doctype(_) | Token::Error(_) => {
                // Character data inside comments is never emitted as a string; nothing to drop.
            }
        }
    }
    p.end_furniture();
    let (text, map) = p.out.finish(html.len());
    Page {
        text,
        map,
        furniture: p.furniture_ranges,
        links: p.links,
        charset: p.charset,
    }
}

/// Whether `bytes` look like an HTML page (a tag among the first non-blank bytes).
pub fn looks_like_html(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(2048)];
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(head.len());
    if head.get(start) != Some(&b'<') {
        return false;
    }
    let lower = head.to_ascii_lowercase();
    [
        b"<!doctype html".as_slice(),
        b"<html",
        b"<head",
        b"<body",
        b"<meta",
        b"<div",
        b"<p>",
        b"<p ",
        b"<article",
        b"<table",
    ]
    .iter()
    .any(|t| memchr::memmem::find(&lower, t).is_some())
}

/// The charset a page declares in its first 4 KB (`<meta charset>` or `http-equiv`), lower-cased.
pub fn declared_charset(bytes: &[u8]) -> Option<String> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]);
    project(&head).charset
}
