//! Resolution inside one text: every mention gets the key of the document it names, or null.
//! The rules are in docs/resolution.md; each pass below says which rule it applies.

use std::rc::Rc;
use std::sync::OnceLock;

use vanban_grammar::model::{Citation, CitationKind, KeyScope, Resolution};

use crate::catalog::{Catalog, SIMILAR, content_words, similarity};
use crate::fold;
use crate::series::{
    FastMap, Fingerprint, Ident, KeyBuf, act_key, act_name, continued_issuer, distinct, ident_with,
    type_code_of, with_names,
};
use crate::terms::roman;

/// At most this many distinct documents are weighed for one mention (and listed as candidates):
/// keeps a crafted text with thousands of same-numbered documents linear.
const CAP: usize = 16;

/// Where a mention's key comes from, while resolving. Keys are shared (`Rc`): a key string is
/// built once per distinct document and group of mentions, and copied out once per mention.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Found {
    Key(Rc<str>, KeyScope, Resolution),
    Ambiguous(Rc<[Rc<str>]>),
    Nothing,
}

/// A stable 64-bit hash of `bytes` into `h`: FNV-1a over little-endian 8-byte words (the last
/// one zero-padded, the length mixed in), so the same on every platform and version and about
/// eight times cheaper than FNV-1a over bytes.
fn mix(bytes: &[u8], mut h: u64) -> u64 {
    let mut chunks = bytes.chunks_exact(8);
    for w in &mut chunks {
        h ^= u64::from_le_bytes(w.try_into().unwrap_or([0; 8]));
        h = h.wrapping_mul(0x100_0000_01b3).rotate_left(23);
    }
    let mut last = [0u8; 8];
    last[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
    h ^= u64::from_le_bytes(last) ^ (bytes.len() as u64).rotate_left(56);
    h.wrapping_mul(0x100_0000_01b3).rotate_left(23)
}

/// The fingerprint of a whole text read block by block: a hash of all its bytes (its citations
/// are not known before the last block).
pub(crate) fn text_fingerprint(text: &str) -> String {
    let h = mix(text.as_bytes(), 0x6c62_272e_07bb_0142);
    hex48(h)
}

/// The 48 bits shown of a hash, as 12 hex digits, after a final xor-shift-multiply (the top
/// bits of the word-wise FNV avalanche least).
fn hex48(mut h: u64) -> String {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    let h = h >> 16;
    let mut hex = String::with_capacity(12);
    for k in (0..12).rev() {
        hex.push(char::from(
            b"0123456789abcdef"[((h >> (4 * k)) & 0xf) as usize],
        ));
    }
    hex
}

/// The text's fingerprint: a hash of its length and of its citations' offsets and texts
/// (references left out, so asking for them changes no key). Cheap — citations are a small
/// part of a text — and equal only for texts with the same citations at the same places.
pub(crate) fn fingerprint(text: &str, cites: &[Citation]) -> String {
    let mut h = mix(&(text.len() as u64).to_le_bytes(), 0xcbf2_9ce4_8422_2325);
    for c in cites.iter().filter(|c| c.kind != CitationKind::Reference) {
        h = mix(&(c.byte_start as u64).to_le_bytes(), h);
        h = mix(c.text.as_bytes(), h);
    }
    hex48(h)
}

/// Fill `doc_key`, `doc_key_scope`, `resolution`, `candidates`, `doc_title` and `doc_date` of
/// `cites` (the citations of `text`, in order), with `catalog` as the catalog.
pub fn resolve_with(text: &str, cites: &mut [Citation], catalog: &Catalog) {
    resolve_in(text, cites, catalog, &Scope::default());
}

/// What resolution reads beyond the citations: all of a whole text; for a block of a long text
/// (crate::Blocks), a fingerprint fixed for the whole text and references kept in the block.
#[derive(Default)]
pub(crate) struct Scope<'a> {
    /// The fingerprint of text keys, when fixed beforehand.
    pub(crate) fingerprint: Option<&'a str>,
    /// The block's first byte: references look no further back and read sections from there,
    /// and a formal document's own number (its header) is read only for a whole text (0).
    pub(crate) block_start: Option<usize>,
}

/// [`resolve_with`] inside a [`Scope`].
pub(crate) fn resolve_in(text: &str, cites: &mut [Citation], catalog: &Catalog, scope: &Scope<'_>) {
    // Computed when a first text key needs it (many texts have none).
    let fp = std::cell::OnceCell::new();
    let fp = || -> &str {
        fp.get_or_init(|| match scope.fingerprint {
            Some(f) => f.to_owned(),
            None => fingerprint(text, cites),
        })
    };
    let text_key = |base: &str| -> Rc<str> { KeyBuf::new().s(base).s("#").s(fp()).done() };
    let mut found = vec![Found::Nothing; cites.len()];
    {
        let idents: Vec<Option<Ident<'_>>> = with_names(|names| {
            cites
                .iter()
                .map(|c| match continued_issuer(text, c) {
                    Some(name) => ident_with(c, Some(&name), names, &fp),
                    None => ident_with(c, c.issuer.as_deref(), names, &fp),
                })
                .collect()
        });
        numbered(&idents, &mut found);
        acts(cites, &mut found, catalog, &text_key);
        named(text, cites, &idents, &mut found, catalog, &text_key);
    }
    references(text, cites, &mut found, scope.block_start, &fp);

    fill(cites, found, catalog);
}

/// Write what was found into the citations.
fn fill(cites: &mut [Citation], found: Vec<Found>, catalog: &Catalog) {
    for (c, f) in cites.iter_mut().zip(found) {
        c.candidates.clear();
        (c.doc_key, c.doc_key_scope, c.resolution) = match f {
            Found::Key(k, s, r) => (Some(String::from(&*k)), Some(s), Some(r)),
            Found::Ambiguous(cands) => {
                c.candidates = cands.iter().map(|k| String::from(&**k)).collect();
                (None, None, Some(Resolution::Ambiguous))
            }
            Found::Nothing => (None, None, None),
        };
        let entry = match (c.doc_key.as_deref(), c.doc_key_scope) {
            (Some(k), Some(KeyScope::Global)) => catalog.describe(k),
            _ => None,
        };
        c.doc_date = entry.as_ref().and_then(|e| e.1.map(str::to_owned));
        c.doc_title = entry.map(|e| e.0);
    }
}

/// Mentions that say the same thing: the first and the last one's index (the others are
/// linked through `next`).
type Group = (usize, usize);

/// Numbered mentions (full citations, short forms): a mention with a global key keeps it; any
/// other takes the key of the mentions of the same type and number that say strictly more and
/// are compatible (docs/resolution.md, "Short forms"); several documents → ambiguous; none →
/// a text key of its own known parts, or null when it has none (`Nghị quyết 12` alone).
fn numbered(idents: &[Option<Ident<'_>>], found: &mut [Found]) {
    // Mentions of one family and number, grouped by what they say (linear in the mentions).
    // The first group of a bucket is held inline: most numbers are cited in one way only, and
    // their bucket then allocates nothing.
    let mut buckets: FastMap<(&str, u32), (Group, Vec<Group>)> = FastMap::default();
    buckets.reserve(idents.len());
    let mut next = vec![usize::MAX; idents.len()];
    for (i, id) in idents.iter().enumerate() {
        let Some(id) = id else { continue };
        let (first, more) = buckets
            .entry((id.family, id.number))
            .or_insert(((i, i), Vec::new()));
        if first.0 == i {
            continue;
        }
        let full = more.len() + 1 >= 4 * CAP;
        let same = std::iter::once(first)
            .chain(more.iter_mut())
            .find(|(g, _)| idents[*g].as_ref() == Some(id));
        match same {
            Some(g) => {
                next[g.1] = i;
                g.1 = i;
            }
            None if !full => more.push((i, i)),
            // Beyond the cap, a further way of citing the number is weighed against nothing:
            // the mention keeps its own key (global, or of this text), never another's.
            None => {
                found[i] = match (&id.global, &id.base) {
                    (Some(k), _) => Found::Key(k.clone(), KeyScope::Global, Resolution::Full),
                    (None, Some(b)) => Found::Key(b.clone(), KeyScope::Text, Resolution::Full),
                    (None, None) => Found::Nothing,
                };
            }
        }
    }
    let mut give = |(first, _): Group, f: &Found| {
        let mut i = first;
        while i != usize::MAX {
            found[i] = f.clone();
            i = next[i];
        }
    };
    let ident = |g: &Group| idents[g.0].as_ref().expect("groups hold numbered mentions");
    for (first, more) in buckets.into_values() {
        // Most numbers are cited in one way only: nothing to weigh.
        if more.is_empty() {
            let id = ident(&first);
            let f = match (&id.global, &id.base) {
                (Some(k), _) => Found::Key(k.clone(), KeyScope::Global, Resolution::Full),
                (None, Some(b)) => Found::Key(b.clone(), KeyScope::Text, Resolution::Full),
                (None, None) => Found::Nothing,
            };
            give(first, &f);
            continue;
        }
        let mut groups = more;
        groups.insert(0, first);
        let mut order: Vec<usize> = (0..groups.len()).collect();
        order.sort_by_key(|&g| std::cmp::Reverse(ident(&groups[g]).score()));
        let mut result: Vec<Option<Found>> = vec![None; groups.len()];
        for &g in &order {
            let id = ident(&groups[g]);
            let f = if let Some(k) = &id.global {
                Found::Key(k.clone(), KeyScope::Global, Resolution::Full)
            } else {
                let better: Vec<&Found> = order
                    .iter()
                    .filter(|&&h| {
                        let other = ident(&groups[h]);
                        other.score() > id.score() && other.compatible(id)
                    })
                    .filter_map(|&h| result[h].as_ref())
                    .collect();
                let mut keys = distinct(better.iter().flat_map(|f| match f {
                    Found::Key(k, s, _) => vec![(k.clone(), *s)],
                    Found::Ambiguous(c) => {
                        c.iter().map(|k| (k.clone(), KeyScope::Global)).collect()
                    }
                    Found::Nothing => vec![],
                }));
                let any_ambiguous = better.iter().any(|f| matches!(f, Found::Ambiguous(_)));
                keys.truncate(CAP);
                match keys.as_slice() {
                    [(k, s)] if !any_ambiguous => Found::Key(k.clone(), *s, Resolution::Text),
                    [] => match &id.base {
                        Some(b) => Found::Key(b.clone(), KeyScope::Text, Resolution::Full),
                        None => Found::Nothing,
                    },
                    _ => Found::Ambiguous(keys.into_iter().map(|(k, _)| k).collect()),
                }
            };
            result[g] = Some(f);
        }
        for (g, group) in groups.into_iter().enumerate() {
            let f = result[g].take().unwrap_or(Found::Nothing);
            give(group, &f);
        }
    }
}

/// Acts cited by name (docs/resolution.md, "Acts"): with a year, the law of that name and
/// year — the text's own numbered citation of it (`Luật Ngân sách nhà nước số 83/2015/QH13`),
/// else the catalog's, else the act key `L~ngan-sach-nha-nuoc@2015`; without a year, the one
/// document of that name the text cites with a year or number (either direction), several →
/// ambiguous, none → a text key of the name (a law is revised under the same name).
fn acts(
    cites: &[Citation],
    found: &mut [Found],
    catalog: &Catalog,
    text_key: &dyn Fn(&str) -> Rc<str>,
) {
    type Name = (&'static str, String);
    /// Per name: the years and keys the text gives it.
    type Known = FastMap<Name, Vec<(Option<i32>, Rc<str>)>>;
    if !cites.iter().any(|c| c.kind == CitationKind::Act) {
        return;
    }
    // What the text says of each name: (year, key), distinct, capped.
    let mut known = Known::default();
    let learn = |known: &mut Known, name, year, key| {
        let seen = known.entry(name).or_default();
        let item = (year, key);
        if seen.len() < CAP && !seen.contains(&item) {
            seen.push(item);
        }
    };
    for (i, c) in cites.iter().enumerate() {
        if c.kind != CitationKind::State || c.title.is_none() {
            continue;
        }
        if let (Some(name), Found::Key(k, KeyScope::Global, _)) = (act_name(c), &found[i]) {
            learn(&mut known, name, c.year, k.clone());
        }
    }
    // The text's numbered laws decide a named mention with their year.
    let by_number = known.clone();
    let mut yearless = Vec::new();
    for (i, c) in cites.iter().enumerate() {
        if c.kind != CitationKind::Act {
            continue;
        }
        let Some(name) = act_name(c) else { continue };
        let Some(y) = c.year else {
            yearless.push((i, name));
            continue;
        };
        let numbered = by_number
            .get(&name)
            .and_then(|v| v.iter().find(|(year, _)| *year == Some(y)));
        let key = act_key(name.0, &name.1, Some(y));
        let (k, how) = match (numbered, catalog.act(&key)) {
            (Some((_, k)), _) => (k.clone(), Resolution::Text),
            (None, Some(a)) => (a.key.as_str().into(), Resolution::Catalog),
            (None, None) => (key.into(), Resolution::Full),
        };
        found[i] = Found::Key(k.clone(), KeyScope::Global, how);
        learn(&mut known, name, Some(y), k);
    }
    for (i, name) in yearless {
        let keys = distinct(
            known
                .get(&name)
                .into_iter()
                .flatten()
                .map(|(_, k)| k.clone()),
        );
        found[i] = match keys.as_slice() {
            [k] => Found::Key(k.clone(), KeyScope::Global, Resolution::Text),
            [] => Found::Key(
                text_key(&act_key(name.0, &name.1, None)),
                KeyScope::Text,
                Resolution::Full,
            ),
            many => Found::Ambiguous(many.iter().take(CAP).cloned().collect()),
        };
    }
}

/// Phrases as folded syllables.
type Phrases = Vec<Vec<String>>;

/// Folded phrases, each folded once.
fn folded(phrases: &'static [&'static str]) -> Phrases {
    phrases.iter().map(|p| fold::syllable_list(p)).collect()
}

/// The syllables of a folded string (`fold::syllables`), borrowed.
fn split(folded: &str) -> Vec<&str> {
    folded.split(' ').filter(|w| !w.is_empty()).collect()
}

/// `words` begin with `phrase`.
fn starts(words: &[&str], phrase: &[String]) -> bool {
    words.len() >= phrase.len() && words.iter().zip(phrase).all(|(w, p)| *w == p)
}

/// `words` contain `phrase`.
fn has(words: &[&str], phrase: &[String]) -> bool {
    (0..words.len()).any(|at| starts(&words[at..], phrase))
}

/// Which way a mention's words go, remembered per thread and mention text (the same plenum and
/// congress names recur across texts, and reading one folds every word); bounded like the
/// issuer memo.
fn remembered(kind: usize, text: &str, read: impl FnOnce() -> bool) -> bool {
    thread_local! {
        static MEMO: std::cell::RefCell<FastMap<Box<str>, [Option<bool>; 2]>> =
            std::cell::RefCell::new(FastMap::default());
    }
    if let Some(v) = MEMO.with_borrow(|memo| memo.get(text).and_then(|v| v[kind])) {
        return v;
    }
    let v = read();
    MEMO.with_borrow_mut(|memo| {
        if memo.len() >= 4096 {
            memo.clear();
        }
        memo.entry(text.into()).or_default()[kind] = Some(v);
    });
    v
}

/// A plenum mention names the Central Committee's plenum (not a province's).
fn central_plenum(c: &Citation) -> bool {
    remembered(0, &c.text, || central_plenum_words(c))
}

fn central_plenum_words(c: &Citation) -> bool {
    static CENTRE: OnceLock<(Phrases, Phrases)> = OnceLock::new();
    let (centre, local) = CENTRE.get_or_init(|| {
        (
            folded(&["trung ương", "tw", "t ư", "tư", "hntw", "bchtw"]),
            folded(&["đảng bộ", "tỉnh", "huyện", "thành phố"]),
        )
    });
    let folded = fold::syllables(&c.text);
    let words = split(&folded);
    centre.iter().any(|p| has(&words, p)) && !local.iter().any(|p| has(&words, p))
}

/// A congress mention names the national congress: it says nothing local (in the mention or
/// just after it) and its number is one the national congress has reached.
fn national_congress(text: &str, c: &Citation) -> bool {
    static LOCAL: OnceLock<(Phrases, Phrases)> = OnceLock::new();
    let (inside, after_words) = LOCAL.get_or_init(|| {
        (
            folded(&[
                "đảng bộ",
                "tỉnh",
                "thành phố",
                "huyện",
                "quận",
                "xã",
                "phường",
                "khối",
                "quân đội",
                "đại biểu lần",
                "nhiệm kỳ",
            ]),
            folded(&[
                "đảng bộ",
                "của đảng bộ",
                "nhiệm kỳ",
                "tỉnh",
                "thành phố",
                "huyện",
            ]),
        )
    });
    if !c.congress.is_some_and(|n| (1..=14).contains(&n)) {
        return false;
    }
    let rest = &text[c.byte_end.min(text.len())..];
    let after = &rest[..rest.char_indices().nth(40).map_or(rest.len(), |(i, _)| i)];
    let local_inside = remembered(1, &c.text, || {
        let folded = fold::syllables(&c.text);
        inside.iter().any(|p| has(&split(&folded), p))
    });
    // The words after it fold only when the first could open a local phrase (`đảng`, `của`,
    // `nhiệm`, `tỉnh`, `thành`, `huyện`).
    let first = after
        .trim_start_matches(|ch: char| !ch.is_alphanumeric())
        .chars()
        .next()
        .map(|ch| fold::syllables(ch.encode_utf8(&mut [0; 4])));
    let may_be_local = first.is_some_and(|f| f.starts_with(['đ', 'c', 'n', 't', 'h']));
    let local_after = may_be_local && {
        // The phrases are at most three syllables: fold no more.
        let folded: Vec<String> = fold::syllable_iter(after).take(3).collect();
        let next: Vec<&str> = folded.iter().map(String::as_str).collect();
        after_words.iter().any(|p| starts(&next, p))
    };
    !local_inside && !local_after
}

/// Named plenum and congress resolutions (docs/resolution.md, "Named resolutions").
fn named(
    text: &str,
    cites: &[Citation],
    idents: &[Option<Ident<'_>>],
    found: &mut [Found],
    catalog: &Catalog,
    text_key: &dyn Fn(&str) -> Rc<str>,
) {
    // Congresses: one resolution per congress.
    for (i, c) in cites.iter().enumerate() {
        if c.kind != CitationKind::Congress {
            continue;
        }
        let Some(n) = c.congress else { continue };
        let code = c.doc_type.as_deref().and_then(type_code_of).unwrap_or("NQ");
        found[i] = if national_congress(text, c) {
            Found::Key(
                format!("{code}/ĐH@{}", roman(n)).into(),
                KeyScope::Global,
                Resolution::Full,
            )
        } else {
            Found::Key(
                text_key(&format!("{code}/ĐHĐB@{}", roman(n))),
                KeyScope::Text,
                Resolution::Full,
            )
        };
    }

    let plenums: Vec<usize> = (0..cites.len())
        .filter(|&i| cites[i].kind == CitationKind::Plenum && cites[i].plenum.is_some())
        .collect();
    if plenums.is_empty() {
        return;
    }
    // Plenums. The numbered central documents of the text, by type and term, for equating.
    // (type code, term) → (mention, subject words).
    type Subjects = Vec<(usize, Vec<String>)>;
    let code_of = |c: &Citation| -> &'static str {
        c.doc_type.as_deref().and_then(type_code_of).unwrap_or("NQ")
    };
    // Only the types and terms that a plenum mention with subject words asks about.
    let wanted: Vec<(&str, u32)> = plenums
        .iter()
        .filter(|&&i| cites[i].subject.is_some())
        .filter_map(|&i| cites[i].term.map(|t| (code_of(&cites[i]), t)))
        .collect();
    let mut numbered_central: FastMap<(&str, u32), Subjects> = FastMap::default();
    for (i, c) in cites.iter().enumerate() {
        let (Some(id), Found::Key(_, KeyScope::Global, _), Some(subject)) =
            (&idents[i], &found[i], c.subject.as_deref())
        else {
            continue;
        };
        let central = id
            .issuer
            .as_ref()
            .is_some_and(|s| s.party && s.code == "TW");
        // The Politburo and the Secretariat share the series but hold no plenums (the grammar
        // gives issuers in modern spelling).
        let not_plenary = c
            .issuer
            .as_deref()
            .is_some_and(|s| s.contains("Bộ Chính trị") || s.contains("Ban Bí thư"));
        let Some(t) = id.term else { continue };
        if !central || not_plenary || !wanted.iter().any(|(k, w)| *k == id.type_code && *w == t) {
            continue;
        }
        let list = numbered_central.entry((id.type_code, t)).or_default();
        if list.len() < CAP {
            list.push((i, content_words(subject)));
        }
    }
    // The global keys of the text's other mentions, gathered when a plenum mention first asks
    // the catalog (plenum mentions, resolved below, are not among them).
    let cited = std::cell::OnceCell::new();
    let cited = |found: &[Found]| -> &FastMap<Rc<str>, ()> {
        cited.get_or_init(|| {
            cites
                .iter()
                .zip(found)
                .filter(|(c, _)| c.kind != CitationKind::Plenum)
                .filter_map(|(_, f)| match f {
                    Found::Key(k, KeyScope::Global, _) => Some((k.clone(), ())),
                    _ => None,
                })
                .collect()
        })
    };

    // 1. With subject words: a numbered document of the text with the same term and subject,
    //    else the catalog document of that plenum the subject matches.
    for &i in &plenums {
        let c = &cites[i];
        let (Some(p), Some(t)) = (c.plenum, c.term) else {
            continue;
        };
        if !central_plenum(c) {
            continue;
        }
        let words = content_words(c.subject.as_deref().unwrap_or(""));
        if words.len() < 3 {
            continue;
        }
        let code = code_of(c);
        let same: Vec<Rc<str>> = distinct(
            numbered_central
                .get(&(code, t))
                .into_iter()
                .flatten()
                .filter(|(_, s)| similarity(&words, s) >= SIMILAR)
                .filter_map(|(j, _)| match &found[*j] {
                    Found::Key(k, _, _) => Some(k.clone()),
                    _ => None,
                }),
        );
        found[i] = match same.as_slice() {
            [k] => Found::Key(k.clone(), KeyScope::Global, Resolution::Text),
            [] => match catalog.plenum_by_subject(t, p, code, &words) {
                Some(e) => Found::Key(e.key.as_str().into(), KeyScope::Global, Resolution::Catalog),
                // Subject words that match no document of the text or the catalog name one the
                // catalog lacks (a plenum issues several): a text key of the plenum and subject,
                // never another document of that plenum.
                None => Found::Key(
                    text_key(&format!(
                        "{code}/HNTW{p}@{}~{}",
                        roman(t),
                        crate::series::slug(&words[..words.len().min(4)].join(" "))
                    )),
                    KeyScope::Text,
                    Resolution::Full,
                ),
            },
            _ => Found::Ambiguous(same.into()),
        };
    }
    // 2. The rest: the key another mention of the same plenum resolved to; else the only one
    //    of the plenum's documents the text cites by number; else the plenum's only document;
    //    else ambiguous among the catalog's; else (the catalog does not know the plenum) a
    //    text key for the plenum's name. What the text says of each plenum name is gathered
    //    once (distinct values, capped), so the pass stays linear in the mentions.
    type Name = (u32, &'static str);
    let mut resolved: FastMap<Name, Vec<(Option<u32>, Found)>> = FastMap::default();
    let mut terms_of: FastMap<Name, Vec<u32>> = FastMap::default();
    for &i in &plenums {
        let c = &cites[i];
        let name = (c.plenum.unwrap_or(0), code_of(c));
        if let Some(t) = c.term {
            let terms = terms_of.entry(name).or_default();
            if terms.len() < 2 && !terms.contains(&t) {
                terms.push(t);
            }
        }
        if matches!(found[i], Found::Key(..)) {
            let seen = resolved.entry(name).or_default();
            let item = (c.term, found[i].clone());
            if seen.len() < 4 * CAP && !seen.contains(&item) {
                seen.push(item);
            }
        }
    }
    for &i in &plenums {
        if found[i] != Found::Nothing {
            continue;
        }
        let c = &cites[i];
        let Some(p) = c.plenum else { continue };
        let code = code_of(c);
        let central = central_plenum(c);
        let same_name = distinct(
            resolved
                .get(&(p, code))
                .into_iter()
                .flatten()
                .filter(|(t, _)| c.term.is_none() || *t == c.term)
                .map(|(_, f)| f.clone()),
        );
        let term = c
            .term
            .or(match terms_of.get(&(p, code)).map(Vec::as_slice) {
                Some([t]) => Some(*t),
                _ => None,
            });
        found[i] = if let [f] = same_name.as_slice() {
            match f {
                Found::Key(k, s, _) => Found::Key(k.clone(), *s, Resolution::Text),
                other => other.clone(),
            }
        } else if let (Some(t), true) = (term, central) {
            let docs = catalog.plenum(t, p, code);
            let in_text: Vec<&str> = match docs.as_slice() {
                [] => Vec::new(),
                docs => {
                    let cited = cited(found);
                    docs.iter()
                        .map(|e| e.key.as_str())
                        .filter(|k| cited.contains_key(*k))
                        .collect()
                }
            };
            match (in_text.as_slice(), docs.as_slice()) {
                ([k], _) => Found::Key((*k).into(), KeyScope::Global, Resolution::Catalog),
                (_, [e]) => {
                    Found::Key(e.key.as_str().into(), KeyScope::Global, Resolution::Catalog)
                }
                (_, []) => Found::Key(
                    text_key(&format!("{code}/HNTW{p}@{}", roman(t))),
                    KeyScope::Text,
                    Resolution::Full,
                ),
                (_, many) => Found::Ambiguous(
                    many.iter()
                        .take(CAP)
                        .map(|e| e.key.as_str().into())
                        .collect(),
                ),
            }
        } else {
            let name = if central { "HNTW" } else { "HN" };
            let base = match term {
                Some(t) => format!("{code}/{name}{p}@{}", roman(t)),
                None => format!("{code}/{name}{p}"),
            };
            Found::Key(text_key(&base), KeyScope::Text, Resolution::Full)
        };
    }
}

/// References (`Nghị quyết này`, `Chỉ thị trên`): filled by `crate::reference`.
fn references(
    text: &str,
    cites: &[Citation],
    found: &mut [Found],
    block_start: Option<usize>,
    fp: Fingerprint<'_>,
) {
    crate::reference::resolve(text, cites, found_view(found), block_start, fp);
}

/// Keys of a pass so far, as the reference pass reads and writes them.
fn found_view(found: &mut [Found]) -> RefSlots<'_> {
    RefSlots(found)
}

/// The reference pass's access to the keys found so far.
pub(crate) struct RefSlots<'a>(&'a mut [Found]);

impl RefSlots<'_> {
    /// The key of mention `i`, if it has one: (key, scope); `Err(())` when it is ambiguous or
    /// has none, which a reference must not jump over.
    pub(crate) fn key(&self, i: usize) -> Result<(Rc<str>, KeyScope), ()> {
        match &self.0[i] {
            Found::Key(k, s, _) => Ok((k.clone(), *s)),
            _ => Err(()),
        }
    }

    /// Give reference `i` a key found from the text.
    pub(crate) fn set(&mut self, i: usize, key: Rc<str>, scope: KeyScope) {
        self.0[i] = Found::Key(key, scope, Resolution::Text);
    }
}
