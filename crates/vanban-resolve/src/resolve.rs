//! Resolution inside one text: every mention gets the key of the document it names, or null.
//! The rules are in docs/resolution.md; each pass below says which rule it applies.

use std::collections::HashMap;
use std::rc::Rc;
use std::sync::OnceLock;

use vanban_grammar::model::{Citation, CitationKind, KeyScope, Resolution};

use crate::catalog::{Catalog, SIMILAR, content_words, similarity};
use crate::fold;
use crate::series::{Ident, Names, distinct, ident_with, type_code_of};
use crate::terms::roman;

/// At most this many distinct documents are weighed for one mention (and listed as candidates):
/// keeps a crafted text with thousands of same-numbered documents linear.
const CAP: usize = 16;

/// Where a mention's key comes from, while resolving.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Found {
    Key(String, KeyScope, Resolution),
    Ambiguous(Vec<String>),
    Nothing,
}

/// FNV-1a, 64 bits: stable across platforms and versions, so text keys are reproducible.
fn fnv(bytes: impl IntoIterator<Item = u8>, mut h: u64) -> u64 {
    for b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x100_0000_01b3);
    }
    h
}

/// The text's fingerprint: a hash of its length and of its citations' offsets and texts
/// (references left out, so asking for them changes no key). Cheap — citations are a small
/// part of a text — and equal only for texts with the same citations at the same places.
pub(crate) fn fingerprint(text: &str, cites: &[Citation]) -> String {
    let mut h = fnv((text.len() as u64).to_le_bytes(), 0xcbf2_9ce4_8422_2325);
    for c in cites.iter().filter(|c| c.kind != CitationKind::Reference) {
        h = fnv((c.byte_start as u64).to_le_bytes(), h);
        h = fnv(c.text.bytes(), h);
    }
    format!("{:012x}", h >> 16)
}

/// Fill `doc_key`, `doc_key_scope`, `resolution`, `candidates`, `doc_title` and `doc_date` of
/// `cites` (the citations of `text`, in order), with `catalog` as the catalog.
pub fn resolve_with(text: &str, cites: &mut [Citation], catalog: &Catalog) {
    let fp = fingerprint(text, cites);
    let text_key = |base: &str| format!("{base}#{fp}");
    let idents = idents(cites);
    let mut found = vec![Found::Nothing; cites.len()];

    numbered(&idents, &mut found, &text_key);
    named(text, cites, &idents, &mut found, catalog, &text_key);
    references(text, cites, &mut found);

    for (c, f) in cites.iter_mut().zip(found) {
        c.candidates.clear();
        (c.doc_key, c.doc_key_scope, c.resolution) = match f {
            Found::Key(k, s, r) => (Some(k), Some(s), Some(r)),
            Found::Ambiguous(cands) => {
                c.candidates = cands;
                (None, None, Some(Resolution::Ambiguous))
            }
            Found::Nothing => (None, None, None),
        };
        let entry = c.doc_key.as_deref().and_then(|k| catalog.get(k));
        c.doc_title = entry.map(|e| e.title.clone());
        c.doc_date = entry.and_then(|e| e.date.clone());
    }
}

/// Mentions that say the same thing, and where they are.
type Group = (Ident, Vec<usize>);

/// The fields of a citation its identity depends on (the text only where `ident` reads it).
type Sig<'a> = (
    CitationKind,
    Option<u32>,
    [Option<&'a str>; 6],
    Option<u32>,
    Option<i32>,
    Option<&'a str>,
);

fn sig(c: &Citation) -> Sig<'_> {
    (
        c.kind,
        c.number,
        [
            c.type_code.as_deref(),
            c.doc_type.as_deref(),
            c.issuer_code.as_deref(),
            c.symbol.as_deref(),
            c.issuer.as_deref(),
            c.date.as_deref(),
        ],
        c.term,
        c.year,
        (c.kind == CitationKind::State).then_some(c.text.as_str()),
    )
}

/// Each citation's identity facts, computed once per distinct citation (texts repeat their
/// citations, and the facts' strings would otherwise be allocated again for every mention).
fn idents(cites: &[Citation]) -> Vec<Option<Rc<Ident>>> {
    let mut names = Names;
    let mut seen: HashMap<Sig<'_>, Option<Rc<Ident>>> = HashMap::new();
    cites
        .iter()
        .map(|c| {
            seen.entry(sig(c))
                .or_insert_with(|| ident_with(c, &mut names).map(Rc::new))
                .clone()
        })
        .collect()
}

/// Numbered mentions (full citations, short forms): a mention with a global key keeps it; any
/// other takes the key of the mentions of the same type and number that say strictly more and
/// are compatible (docs/resolution.md, "Short forms"); several documents → ambiguous; none →
/// a text key of its own known parts, or null when it has none (`Nghị quyết 12` alone).
fn numbered(idents: &[Option<Rc<Ident>>], found: &mut [Found], text_key: &dyn Fn(&str) -> String) {
    // Mentions of one family and number, grouped by what they say (linear in the mentions).
    let mut buckets: HashMap<(&str, u32), Vec<Group>> = HashMap::new();
    for (i, id) in idents.iter().enumerate() {
        let Some(id) = id else { continue };
        let groups = buckets.entry((id.family.as_str(), id.number)).or_default();
        match groups.iter().position(|(g, _)| g == &**id) {
            Some(g) => groups[g].1.push(i),
            None if groups.len() < 4 * CAP => groups.push(((**id).clone(), vec![i])),
            // Beyond the cap, further distinct mentions say too little to be told apart.
            None => {}
        }
    }
    for groups in buckets.into_values() {
        let mut order: Vec<usize> = (0..groups.len()).collect();
        order.sort_by_key(|&g| std::cmp::Reverse(groups[g].0.score()));
        let mut result: Vec<Option<Found>> = vec![None; groups.len()];
        for &g in &order {
            let id = &groups[g].0;
            let f = if let Some(k) = &id.global {
                Found::Key(k.clone(), KeyScope::Global, Resolution::Full)
            } else {
                let better: Vec<&Found> = order
                    .iter()
                    .filter(|&&h| groups[h].0.score() > id.score() && groups[h].0.compatible(id))
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
                        Some(b) => Found::Key(text_key(b), KeyScope::Text, Resolution::Full),
                        None => Found::Nothing,
                    },
                    _ => Found::Ambiguous(keys.into_iter().map(|(k, _)| k).collect()),
                }
            };
            result[g] = Some(f);
        }
        for (g, (_, members)) in groups.into_iter().enumerate() {
            let f = result[g].take().unwrap_or(Found::Nothing);
            for i in members {
                found[i] = f.clone();
            }
        }
    }
}

/// Phrases as folded syllables.
type Phrases = Vec<Vec<String>>;

/// Folded phrases, each folded once.
fn folded(phrases: &'static [&'static str]) -> Phrases {
    phrases.iter().map(|p| fold::syllable_list(p)).collect()
}

/// `words` (folded syllables) contain the folded `phrase`.
fn has(words: &[String], phrase: &[String]) -> bool {
    words.windows(phrase.len().max(1)).any(|w| w == phrase)
}

/// A plenum mention names the Central Committee's plenum (not a province's).
fn central_plenum(c: &Citation) -> bool {
    static CENTRE: OnceLock<(Phrases, Phrases)> = OnceLock::new();
    let (centre, local) = CENTRE.get_or_init(|| {
        (
            folded(&["trung ương", "tw", "t ư", "tư", "hntw", "bchtw"]),
            folded(&["đảng bộ", "tỉnh", "huyện", "thành phố"]),
        )
    });
    let words = fold::syllable_list(&c.text);
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
    let after: String = text[c.byte_end.min(text.len())..]
        .chars()
        .take(40)
        .collect();
    let words = fold::syllable_list(&c.text);
    let next = fold::syllable_list(&after);
    !inside.iter().any(|p| has(&words, p)) && !after_words.iter().any(|p| next.starts_with(p))
}

/// Named plenum and congress resolutions (docs/resolution.md, "Named resolutions").
fn named(
    text: &str,
    cites: &[Citation],
    idents: &[Option<Rc<Ident>>],
    found: &mut [Found],
    catalog: &Catalog,
    text_key: &dyn Fn(&str) -> String,
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
                format!("{code}/ĐH@{}", roman(n)),
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
    let code_of = |c: &Citation| {
        c.doc_type
            .as_deref()
            .and_then(type_code_of)
            .unwrap_or("NQ")
            .to_owned()
    };
    // Only the types and terms that a plenum mention with subject words asks about.
    let wanted: Vec<(String, u32)> = plenums
        .iter()
        .filter(|&&i| cites[i].subject.is_some())
        .filter_map(|&i| cites[i].term.map(|t| (code_of(&cites[i]), t)))
        .collect();
    let mut numbered_central: HashMap<(String, u32), Subjects> = HashMap::new();
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
        let list = numbered_central
            .entry((id.type_code.clone(), t))
            .or_default();
        if list.len() < CAP {
            list.push((i, content_words(subject)));
        }
    }
    let cited: Vec<String> = found
        .iter()
        .filter_map(|f| match f {
            Found::Key(k, KeyScope::Global, _) => Some(k.clone()),
            _ => None,
        })
        .collect();

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
        let same: Vec<String> = distinct(
            numbered_central
                .get(&(code.clone(), t))
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
            [] => match catalog.plenum_by_subject(t, p, &code, &words) {
                Some(e) => Found::Key(e.key.clone(), KeyScope::Global, Resolution::Catalog),
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
            _ => Found::Ambiguous(same),
        };
    }
    // 2. The rest: the key another mention of the same plenum resolved to; else the only one
    //    of the plenum's documents the text cites by number; else the plenum's only document;
    //    else ambiguous among the catalog's; else (the catalog does not know the plenum) a
    //    text key for the plenum's name.
    let resolved: Vec<(u32, Option<u32>, String, Found)> = plenums
        .iter()
        .filter(|&&i| matches!(found[i], Found::Key(..)))
        .map(|&i| {
            let c = &cites[i];
            (c.plenum.unwrap_or(0), c.term, code_of(c), found[i].clone())
        })
        .collect();
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
                .iter()
                .filter(|(q, t, k, _)| *q == p && *k == code && (c.term.is_none() || *t == c.term))
                .map(|(_, _, _, f)| f.clone()),
        );
        let terms = distinct(
            plenums
                .iter()
                .filter(|&&j| cites[j].plenum == Some(p) && code_of(&cites[j]) == code)
                .filter_map(|&j| cites[j].term),
        );
        let term = c.term.or(match terms.as_slice() {
            [t] => Some(*t),
            _ => None,
        });
        found[i] = if let [f] = same_name.as_slice() {
            match f {
                Found::Key(k, s, _) => Found::Key(k.clone(), *s, Resolution::Text),
                other => other.clone(),
            }
        } else if let (Some(t), true) = (term, central) {
            let docs = catalog.plenum(t, p, &code);
            let in_text: Vec<&str> = docs
                .iter()
                .map(|e| e.key.as_str())
                .filter(|k| cited.iter().any(|c| c == k))
                .collect();
            match (in_text.as_slice(), docs.as_slice()) {
                ([k], _) => Found::Key((*k).to_owned(), KeyScope::Global, Resolution::Catalog),
                (_, [e]) => Found::Key(e.key.clone(), KeyScope::Global, Resolution::Catalog),
                (_, []) => Found::Key(
                    text_key(&format!("{code}/HNTW{p}@{}", roman(t))),
                    KeyScope::Text,
                    Resolution::Full,
                ),
                (_, many) => {
                    Found::Ambiguous(many.iter().take(CAP).map(|e| e.key.clone()).collect())
                }
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
fn references(text: &str, cites: &[Citation], found: &mut [Found]) {
    crate::reference::resolve(text, cites, found_view(found));
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
    pub(crate) fn key(&self, i: usize) -> Result<(String, KeyScope), ()> {
        match &self.0[i] {
            Found::Key(k, s, _) => Ok((k.clone(), *s)),
            _ => Err(()),
        }
    }

    /// Give reference `i` a key found from the text.
    pub(crate) fn set(&mut self, i: usize, key: String, scope: KeyScope) {
        self.0[i] = Found::Key(key, scope, Resolution::Text);
    }
}
