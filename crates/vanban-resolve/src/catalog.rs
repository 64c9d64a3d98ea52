//! The bundled catalog of central party documents (`data/catalog.jsonl`, schema in
//! `data/CATALOG.md`): titles and dates for resolved citations, and the documents each plenum
//! issued, which named plenum resolutions resolve through.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::fold;
use crate::series::FastMap;
use crate::terms::roman;

/// One catalog row, as in the data file, plus its key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The document's key (docs/resolution.md), computed from the row's fields, never stored.
    #[serde(default)]
    pub key: String,
    /// Type code (`NQ`, `CT`, `QĐ`, `QĐi`, `KL`, …).
    pub type_code: String,
    /// Type word (`Nghị quyết`, `Quy định`, …).
    pub doc_type: String,
    /// Serial number.
    pub number: u32,
    /// Symbol (`NQ/TW`).
    pub symbol: String,
    /// Issuing body (`Ban Chấp hành Trung ương`, `Bộ Chính trị`, `Ban Bí thư`).
    pub issuer: String,
    /// Issuer code (`TW`).
    pub issuer_code: String,
    /// ISO date, when a source gives the day.
    pub date: Option<String>,
    /// Term (khoá) whose series the number belongs to.
    pub term: u32,
    /// The plenum that adopted it (Central Committee documents only).
    pub plenum: Option<u32>,
    /// The start of the official subject (trích yếu).
    pub title: String,
    /// One source URL.
    pub source: String,
    /// How the row was checked.
    pub checked: String,
}

/// One act cited by name (`data/acts.jsonl`, schema in `data/CATALOG.md`): a law, code,
/// constitution or ordinance, with its number when it has one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Act {
    /// The document's key: its number's (`45/2013/QH13`) when it has one, else the act key
    /// (`HP@2013`); computed, never stored.
    #[serde(default)]
    pub key: String,
    /// Type word (`Luật`, `Bộ luật`, `Hiến pháp`, `Pháp lệnh`).
    pub doc_type: String,
    /// The name after the type word, as the act's own title gives it (`Đất đai`); empty for the
    /// Constitution.
    pub title: String,
    /// The year it was adopted, which the name's `năm YYYY` gives.
    pub year: i32,
    /// Its number (`45/2013/QH13`), when it has one.
    pub number: Option<String>,
    /// ISO date of adoption.
    pub date: Option<String>,
    /// One source URL.
    pub source: String,
    /// How the row was checked.
    pub checked: String,
}

/// The catalog: rows with indexes by key and by plenum.
#[derive(Debug, Default)]
pub struct Catalog {
    entries: Vec<Entry>,
    acts: Vec<Act>,
    /// Acts by name key (`L~dat-dai@2013`) and by their own key.
    act_by_name: FastMap<String, usize>,
    act_by_key: FastMap<String, usize>,
    by_key: FastMap<String, usize>,
    /// Every key of either kind, for [`Catalog::describe`]'s one lookup per resolved citation
    /// (most keys are in neither).
    described: FastMap<String, Described>,
    by_plenum: FastMap<(u32, u32), Vec<usize>>,
    /// Each row's title as content words, folded on first use (only named plenums with
    /// subject words need them; loading stays cheap).
    titles: OnceLock<Vec<Vec<String>>>,
}

/// What a key names in the catalog: a central document's row or an act's.
#[derive(Debug, Clone, Copy)]
enum Described {
    Entry(usize),
    Act(usize),
}

/// The key of a central party document: `4-NQ/TW@XII` (docs/resolution.md).
pub fn central_key(number: u32, symbol: &str, term: u32) -> String {
    format!("{number}-{symbol}@{}", roman(term))
}

impl Catalog {
    /// Read JSON Lines rows; keys are computed from the fields. Errors name the line.
    pub fn parse(jsonl: &str) -> Result<Self, String> {
        let mut cat = Catalog::default();
        for (k, line) in jsonl.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let mut e: Entry = serde_json::from_str(line)
                .map_err(|err| format!("catalog line {}: {err}", k + 1))?;
            e.key = central_key(e.number, &e.symbol, e.term);
            if cat
                .by_key
                .insert(e.key.clone(), cat.entries.len())
                .is_some()
            {
                return Err(format!("catalog line {}: duplicate key {}", k + 1, e.key));
            }
            cat.described
                .insert(e.key.clone(), Described::Entry(cat.entries.len()));
            if let Some(p) = e.plenum {
                cat.by_plenum
                    .entry((e.term, p))
                    .or_default()
                    .push(cat.entries.len());
            }
            cat.entries.push(e);
        }
        Ok(cat)
    }

    fn titles(&self) -> &[Vec<String>] {
        self.titles.get_or_init(|| {
            self.entries
                .iter()
                .map(|e| content_words(&e.title))
                .collect()
        })
    }

    /// Add the acts of a JSON Lines file (`data/acts.jsonl`); keys are computed. Errors name
    /// the line.
    pub fn with_acts(mut self, jsonl: &str) -> Result<Self, String> {
        for (k, line) in jsonl.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let mut a: Act =
                serde_json::from_str(line).map_err(|err| format!("acts line {}: {err}", k + 1))?;
            let code = crate::series::act_code(&a.doc_type)
                .ok_or_else(|| format!("acts line {}: unknown type {:?}", k + 1, a.doc_type))?;
            let name = crate::series::act_key(code, &crate::series::slug(&a.title), Some(a.year));
            a.key = a.number.clone().unwrap_or_else(|| name.clone());
            let at = self.acts.len();
            if self.act_by_name.insert(name.clone(), at).is_some()
                || self.act_by_key.insert(a.key.clone(), at).is_some()
            {
                return Err(format!("acts line {}: duplicate act {name}", k + 1));
            }
            // A central document's row, if one had the same key, describes it (as before acts).
            self.described
                .entry(a.key.clone())
                .or_insert(Described::Act(at));
            self.acts.push(a);
        }
        Ok(self)
    }

    /// Every act, in file order.
    pub fn acts(&self) -> &[Act] {
        &self.acts
    }

    /// The act of a name key (`L~dat-dai@2013`).
    pub(crate) fn act(&self, name_key: &str) -> Option<&Act> {
        self.act_by_name.get(name_key).map(|&i| &self.acts[i])
    }

    /// The title and ISO date the catalog gives a document key: a central document's subject,
    /// or an act's full name (`Luật Đất đai`).
    pub fn describe(&self, key: &str) -> Option<(String, Option<&str>)> {
        let a = match self.described.get(key)? {
            Described::Entry(i) => {
                let e = &self.entries[*i];
                return Some((e.title.clone(), e.date.as_deref()));
            }
            Described::Act(i) => &self.acts[*i],
        };
        let title = if a.title.is_empty() {
            a.doc_type.clone()
        } else {
            format!("{} {}", a.doc_type, a.title)
        };
        Some((title, a.date.as_deref()))
    }

    /// Every row, in file order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The row of a key.
    pub fn get(&self, key: &str) -> Option<&Entry> {
        self.by_key.get(key).map(|&i| &self.entries[i])
    }

    /// The rows of one plenum of one term with the given type code, in file order.
    pub fn plenum(&self, term: u32, plenum: u32, type_code: &str) -> Vec<&Entry> {
        self.plenum_ids(term, plenum, type_code)
            .map(|i| &self.entries[i])
            .collect()
    }

    fn plenum_ids<'a>(
        &'a self,
        term: u32,
        plenum: u32,
        type_code: &'a str,
    ) -> impl Iterator<Item = usize> + 'a {
        self.by_plenum
            .get(&(term, plenum))
            .into_iter()
            .flatten()
            .copied()
            .filter(move |&i| self.entries[i].type_code == type_code)
    }

    /// The plenum document whose title the subject matches best, if one clearly does.
    pub(crate) fn plenum_by_subject(
        &self,
        term: u32,
        plenum: u32,
        type_code: &str,
        subject: &[String],
    ) -> Option<&Entry> {
        let mut scored: Vec<(f64, usize)> = self
            .plenum_ids(term, plenum, type_code)
            .map(|i| (similarity(subject, &self.titles()[i]), i))
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0));
        match scored.as_slice() {
            [(best, i), rest @ ..]
                if *best >= SIMILAR && rest.first().is_none_or(|(s, _)| *s < SIMILAR) =>
            {
                Some(&self.entries[*i])
            }
            _ => None,
        }
    }

    /// Rows whose key, number, type, issuer, date or title hold every word of `query`
    /// (spelling-insensitive: case, tone placement, NFD); every row for an empty query.
    pub fn search(&self, query: &str) -> Vec<&Entry> {
        let want = fold::syllable_list(query);
        self.entries
            .iter()
            .filter(|e| {
                let hay = fold::syllable_list(&format!(
                    "{} {:02}-{} {} {} {} {} khóa {} {}",
                    e.key,
                    e.number,
                    e.symbol,
                    e.doc_type,
                    e.issuer,
                    e.date.as_deref().unwrap_or(""),
                    e.title,
                    roman(e.term),
                    e.plenum
                        .map(|p| format!("trung ương {p}"))
                        .unwrap_or_default()
                ));
                want.iter().all(|w| hay.contains(w))
            })
            .collect()
    }
}

/// The bundled catalog.
pub fn catalog() -> &'static Catalog {
    static C: OnceLock<Catalog> = OnceLock::new();
    C.get_or_init(|| {
        Catalog::parse(include_str!("../data/catalog.jsonl"))
            .and_then(|c| c.with_acts(include_str!("../data/acts.jsonl")))
            .expect("bundled catalog.jsonl and acts.jsonl")
    })
}

/// Words that carry no subject: `về`, `việc`, conjunctions, quantifiers.
const STOP: &[&str] = &[
    "về", "việc", "và", "của", "các", "những", "một", "số", "trong", "đối", "với", "cho", "để",
    "tiếp", "tục", "đến", "năm", "mới", "thời", "kỳ", "hiện", "nay",
];

/// The folded content syllables of a subject or title, first 16 at most (titles go on long
/// after the words that tell them apart).
pub(crate) fn content_words(s: &str) -> Vec<String> {
    static S: OnceLock<Vec<String>> = OnceLock::new();
    // Sorted, for a binary search per word.
    let stop = S.get_or_init(|| {
        let mut stop: Vec<String> = STOP.iter().map(|w| fold::syllables(w)).collect();
        stop.sort_unstable();
        stop
    });
    // Folded lazily: a long subject folds only up to its 16th content word.
    fold::syllable_iter(s)
        .filter(|w| stop.binary_search(w).is_err() && !w.bytes().all(|b| b.is_ascii_digit()))
        .take(16)
        .collect()
}

/// Share of the shorter word list found in the longer (0 when either has fewer than 3 words).
pub(crate) fn similarity(a: &[String], b: &[String]) -> f64 {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.len() < 3 {
        return 0.0;
    }
    let hits = short.iter().filter(|w| long.contains(w)).count();
    hits as f64 / short.len() as f64
}

/// The similarity from which two subjects name the same document.
pub(crate) const SIMILAR: f64 = 0.6;

#[cfg(test)]
mod tests {
    use super::*;

    const TINY: &str = r#"{"type_code": "NQ", "doc_type": "Nghị quyết", "number": 4, "symbol": "NQ/TW", "issuer": "Ban Chấp hành Trung ương", "issuer_code": "TW", "date": "2016-10-30", "term": 12, "plenum": 4, "title": "về tăng cường xây dựng, chỉnh đốn Đảng; ngăn chặn, đẩy lùi sự suy thoái", "source": "https://example.invalid/a", "checked": "fixture"}
{"type_code": "NQ", "doc_type": "Nghị quyết", "number": 5, "symbol": "NQ/TW", "issuer": "Ban Chấp hành Trung ương", "issuer_code": "TW", "date": "2016-11-01", "term": 12, "plenum": 4, "title": "về một số chủ trương, chính sách lớn nhằm tiếp tục đổi mới mô hình tăng trưởng", "source": "https://example.invalid/b", "checked": "fixture"}
"#;

    #[test]
    fn keys_are_computed_and_plenums_indexed() {
        let c = Catalog::parse(TINY).unwrap();
        assert_eq!(c.entries()[0].key, "4-NQ/TW@XII");
        assert_eq!(c.plenum(12, 4, "NQ").len(), 2);
        assert!(c.plenum(12, 4, "KL").is_empty());
        let subject = content_words("tăng cường xây dựng, chỉnh đốn Đảng");
        assert_eq!(
            c.plenum_by_subject(12, 4, "NQ", &subject).unwrap().number,
            4
        );
        assert!(
            c.plenum_by_subject(12, 4, "NQ", &content_words("xây dựng"))
                .is_none()
        );
        assert_eq!(c.search("04-NQ/TW").len(), 1);
        assert_eq!(c.search("mô hình tăng trưởng").len(), 1);
        assert_eq!(c.search("").len(), 2);
    }

    #[test]
    fn bad_rows_are_errors_with_their_line() {
        let dup = format!("{}{}", TINY.lines().next().unwrap(), "\n").repeat(2);
        assert!(
            Catalog::parse(&dup)
                .unwrap_err()
                .contains("line 2: duplicate key")
        );
        assert!(
            Catalog::parse("{")
                .unwrap_err()
                .starts_with("catalog line 1")
        );
    }
}
