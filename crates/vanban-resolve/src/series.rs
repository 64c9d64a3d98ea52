//! What a single citation says about its document: the series (type and issuer), the number,
//! and the qualifiers that make a number unique (term, year, locality). docs/resolution.md
//! gives the rules; this module is their one home.

use std::collections::HashMap;
use std::rc::Rc;
use std::sync::OnceLock;

use vanban_grammar::model::{Citation, CitationKind};

use crate::fold;
use crate::terms::{term_of_date, term_of_year};

/// Hash maps keyed by short strings and numbers: foldhash, several times cheaper than SipHash
/// here (no key is chosen by an attacker who could profit from collisions: maps are per text).
pub(crate) type FastMap<K, V> = HashMap<K, V, foldhash::fast::FixedState>;

/// The text's fingerprint for keys of text scope (docs/resolution.md "Text keys"), computed
/// on first use.
pub(crate) type Fingerprint<'f> = &'f dyn Fn() -> &'f str;

/// The issuer of a series: party or state, its code, and whether it is central (numbered
/// nation-wide) or local (numbered per locality).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Issuer<'a> {
    pub(crate) party: bool,
    pub(crate) code: &'a str,
    pub(crate) central: bool,
}

/// One mention's identity facts, borrowed from the citation (no string is built but the keys).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Ident<'a> {
    /// Type family: the type code with `QĐi` folded into `QĐ` (they meet in `Quy định 11`).
    pub(crate) family: &'a str,
    /// The exact type code (`QĐi` kept).
    pub(crate) type_code: &'a str,
    /// The type word was `Quyết định`: cannot be a `QĐi`.
    pub(crate) decision: bool,
    pub(crate) number: u32,
    pub(crate) issuer: Option<Issuer<'a>>,
    pub(crate) term: Option<u32>,
    pub(crate) year: Option<i32>,
    pub(crate) locality: Option<Rc<str>>,
    /// A key of global scope, when the citation alone determines the document.
    pub(crate) global: Option<Rc<str>>,
    /// A key of text scope, when nothing better is found: the known parts, `#` and the text's
    /// fingerprint (built at once: most of these keys are used as they are).
    pub(crate) base: Option<Rc<str>>,
}

impl Ident<'_> {
    /// Ordering of how much a mention says: a global key first, then the count of known
    /// qualifiers. A mention resolves only to mentions that say strictly more.
    pub(crate) fn score(&self) -> (bool, usize) {
        let known = [
            self.issuer.is_some(),
            self.term.is_some(),
            self.year.is_some(),
            self.locality.is_some(),
        ];
        (self.global.is_some(), known.iter().filter(|k| **k).count())
    }

    /// Can `self` and `other` (same family and number) name the same document?
    pub(crate) fn compatible(&self, other: &Ident<'_>) -> bool {
        fn agree<T: PartialEq>(a: &Option<T>, b: &Option<T>) -> bool {
            a.is_none() || b.is_none() || a == b
        }
        let codes = match (&self.issuer, &other.issuer) {
            (Some(a), Some(b)) => a.party == b.party && a.code == b.code,
            _ => true,
        };
        // `QĐ` and `QĐi` meet only in a regulation: a `Quyết định` is never a `QĐi`.
        let types = if self.type_code == other.type_code {
            true
        } else if self.family == other.family {
            let qd = if self.type_code == "QĐi" {
                other
            } else {
                self
            };
            !qd.decision
        } else {
            false
        };
        codes
            && types
            && agree(&self.term, &other.term)
            && agree(&self.year, &other.year)
            && agree(&self.locality, &other.locality)
            && year_fits_term(self, other)
            && year_fits_term(other, self)
    }
}

/// A central mention known only by year cannot be one known only by a term that does not
/// reach that year.
fn year_fits_term(a: &Ident<'_>, b: &Ident<'_>) -> bool {
    let (Some(y), Some(t)) = (a.year, b.term) else {
        return true;
    };
    if a.term.is_some() || !a.issuer.as_ref().is_some_and(|i| i.party && i.central) {
        return true;
    }
    term_of_date(&format!("{y:04}-01-01")) == Some(t)
        || term_of_date(&format!("{y:04}-12-31")) == Some(t)
}

/// The type code of a type word (`Nghị quyết` → `NQ`), for mentions the grammar gives no code.
pub(crate) fn type_code_of(doc_type: &str) -> Option<&'static str> {
    Some(match doc_type {
        "Nghị quyết" => "NQ",
        "Kết luận" => "KL",
        "Chỉ thị" => "CT",
        "Quyết định" | "Quy định" => "QĐ",
        "Hướng dẫn" => "HD",
        "Thông báo" => "TB",
        "Kế hoạch" => "KH",
        "Quy chế" => "QC",
        "Chương trình" => "CTr",
        "Công văn" => "CV",
        "Nghị định" => "NĐ",
        "Thông tư" => "TT",
        "Luật" => "L",
        _ => return None,
    })
}

/// The code of an act's type word (`Luật Đất đai năm 2013` → `L`), docs/resolution.md "Acts".
pub(crate) fn act_code(doc_type: &str) -> Option<&'static str> {
    Some(match doc_type {
        "Luật" => "L",
        "Bộ luật" => "BL",
        "Hiến pháp" => "HP",
        "Pháp lệnh" => "PL",
        "Điều lệ" => "ĐL",
        "Cương lĩnh" => "CL",
        _ => return None,
    })
}

/// An act's type code and name (its title as a slug: case, tones, commas and spacing never
/// matter), or `None` for a citation that is no act. The Constitution's title is the country's
/// name (`Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam`): it names no particular one.
pub(crate) fn act_name(c: &Citation) -> Option<(&'static str, String)> {
    let code = act_code(c.doc_type.as_deref()?)?;
    let title = match code {
        "HP" => "",
        _ => c.title.as_deref().unwrap_or(""),
    };
    Some((code, slug(title)))
}

/// An act's key from its code and name (a [`slug`]): `L~dat-dai@2013`, `HP@2013`; without a
/// year, the base of a text key.
pub(crate) fn act_key(code: &str, name: &str, year: Option<i32>) -> String {
    let mut k = String::with_capacity(code.len() + name.len() + 6);
    k.push_str(code);
    if !name.is_empty() {
        k.push('~');
        k.push_str(name);
    }
    if let Some(y) = year {
        use std::fmt::Write;
        let _ = write!(k, "@{y}");
    }
    k
}

/// The lead part of a joint issuer code (`BNV-BTC` → `BNV`): a byte search, since `split`'s
/// searcher costs more than the rest of these tests.
fn lead_code(code: &str) -> &str {
    &code[..code.bytes().position(|b| b == b'-').unwrap_or(code.len())]
}

/// Party issuer codes numbered nation-wide: `TW` and the central departments (`BTCTW`,
/// `UBKTTW`, `QUTW`, …). A joint code is central when its lead part is.
fn party_central(code: &str) -> bool {
    let lead = lead_code(code);
    lead == "TW" || (lead.len() > 2 && lead.ends_with("TW"))
}

/// State issuer codes numbered nation-wide: the Government, the Prime Minister, the National
/// Assembly and its Standing Committee, the President, the courts and procuracy, the ministries
/// (sorted, so a new code finds its place).
const CENTRAL_STATE: &[&str] = &[
    "BCA", "BCT", "BDTTG", "BGDĐT", "BGTVT", "BKHCN", "BKHĐT", "BLĐTBXH", "BNG", "BNNMT",
    "BNNPTNT", "BNV", "BQP", "BTC", "BTNMT", "BTP", "BTTTT", "BVHTTDL", "BXD", "BYT", "CP", "CTN",
    "HĐTP", "KTNN", "NHNN", "TANDTC", "TCHQ", "TTCP", "TTg", "UBDT", "VKSNDTC", "VPCP", "VPQH",
];

/// A state issuer code numbered nation-wide ([`CENTRAL_STATE`], `QH13`, `UBTVQH14`); a joint
/// code is central when its lead part is.
fn state_central(code: &str) -> bool {
    let lead = lead_code(code);
    let numbered = |p: &str| {
        lead.strip_prefix(p)
            .is_some_and(|t| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()))
    };
    // Every code fits 15 bytes: as integers, a binary search costs less than hashing the code
    // or comparing strings.
    const PACKED: [u128; CENTRAL_STATE.len()] = {
        let mut out = [0; CENTRAL_STATE.len()];
        let mut k = 0;
        while k < out.len() {
            out[k] = match pack15(CENTRAL_STATE[k]) {
                Some(p) => p,
                None => panic!("a central state code longer than 15 bytes"),
            };
            // Insertion sort, for the binary search.
            let mut j = k;
            while j > 0 && out[j - 1] > out[j] {
                let t = out[j];
                out[j] = out[j - 1];
                out[j - 1] = t;
                j -= 1;
            }
            k += 1;
        }
        out
    };
    pack15(lead).is_some_and(|p| PACKED.binary_search(&p).is_ok())
        || numbered("QH")
        || numbered("UBTVQH")
}

/// The bytes of a string of at most 15 bytes as one integer (its length in the top byte, so
/// `A` and `A\0` differ); `None` for a longer one.
const fn pack15(s: &str) -> Option<u128> {
    let b = s.as_bytes();
    if b.len() > 15 {
        return None;
    }
    let mut p = (b.len() as u128) << 120;
    let mut k = 0;
    while k < b.len() {
        p |= (b[k] as u128) << (8 * k);
        k += 1;
    }
    Some(p)
}

/// Issuer names and the series they issue in, most specific first (a department before its
/// committee, the Prime Minister before the Government, a đảng đoàn before the body it leads).
const NAMES: &[(&str, bool, &str)] = &[
    ("quân ủy trung ương", true, "QUTW"),
    ("ban tổ chức trung ương", true, "BTCTW"),
    ("ban tuyên giáo và dân vận trung ương", true, "BTGDVTW"),
    ("ban tuyên giáo trung ương", true, "BTGTW"),
    ("ủy ban kiểm tra trung ương", true, "UBKTTW"),
    ("văn phòng trung ương", true, "VPTW"),
    ("ban dân vận trung ương", true, "BDVTW"),
    ("ban nội chính trung ương", true, "BNCTW"),
    ("ban kinh tế trung ương", true, "BKTTW"),
    ("ban đối ngoại trung ương", true, "BĐNTW"),
    ("hội đồng lý luận trung ương", true, "HĐLLTW"),
    ("ban tổ chức tỉnh ủy", true, "BTCTU"),
    ("ban tuyên giáo tỉnh ủy", true, "BTGTU"),
    ("ủy ban kiểm tra tỉnh ủy", true, "UBKTTU"),
    ("văn phòng tỉnh ủy", true, "VPTU"),
    ("ban dân vận tỉnh ủy", true, "BDVTU"),
    ("ban tổ chức thành ủy", true, "BTCTU"),
    ("ban tuyên giáo thành ủy", true, "BTGTU"),
    ("ủy ban kiểm tra thành ủy", true, "UBKTTU"),
    ("đảng đoàn", true, "ĐĐ"),
    ("ban cán sự đảng", true, "BCSĐ"),
    ("đảng ủy khối", true, "ĐUK"),
    ("bộ chính trị", true, "TW"),
    ("ban bí thư", true, "TW"),
    ("ban chấp hành trung ương", true, "TW"),
    ("bch trung ương", true, "TW"),
    ("bch tw", true, "TW"),
    ("bchtw", true, "TW"),
    ("bct", true, "TW"),
    ("bbt", true, "TW"),
    ("tỉnh ủy", true, "TU"),
    ("thành ủy", true, "TU"),
    ("đảng bộ tỉnh", true, "TU"),
    ("đảng bộ thành phố", true, "TU"),
    ("huyện ủy", true, "HU"),
    ("đảng bộ huyện", true, "HU"),
    ("quận ủy", true, "QU"),
    ("đảng ủy", true, "ĐU"),
    ("thủ tướng", false, "TTg"),
    ("văn phòng chính phủ", false, "VPCP"),
    ("chính phủ", false, "CP"),
    ("ủy ban thường vụ quốc hội", false, "UBTVQH"),
    ("quốc hội", false, "QH"),
    ("chủ tịch nước", false, "CTN"),
    ("ủy ban nhân dân", false, "UBND"),
    ("ubnd", false, "UBND"),
    ("hội đồng nhân dân", false, "HĐND"),
    ("hđnd", false, "HĐND"),
    ("bộ tài chính", false, "BTC"),
    ("bộ nội vụ", false, "BNV"),
    ("bộ công an", false, "BCA"),
    ("bộ quốc phòng", false, "BQP"),
    ("bộ giáo dục và đào tạo", false, "BGDĐT"),
    ("bộ y tế", false, "BYT"),
    ("bộ xây dựng", false, "BXD"),
    ("bộ tư pháp", false, "BTP"),
    ("bộ công thương", false, "BCT"),
    ("bộ lao động thương binh và xã hội", false, "BLĐTBXH"),
    ("bộ kế hoạch và đầu tư", false, "BKHĐT"),
    ("bộ thông tin và truyền thông", false, "BTTTT"),
    ("bộ nông nghiệp và phát triển nông thôn", false, "BNNPTNT"),
    ("bộ tài nguyên và môi trường", false, "BTNMT"),
    ("bộ giao thông vận tải", false, "BGTVT"),
    ("bộ văn hóa thể thao và du lịch", false, "BVHTTDL"),
    ("bộ khoa học và công nghệ", false, "BKHCN"),
    ("bộ ngoại giao", false, "BNG"),
    // Last: the whole name is just `Trung ương` (`Nghị quyết số 04-NQ/TW của Trung ương`).
    ("trung ương", true, "TW"),
    ("trung ương đảng", true, "TW"),
    ("tw", true, "TW"),
];

fn folded_names() -> &'static [(Vec<String>, bool, &'static str)] {
    static T: OnceLock<Vec<(Vec<String>, bool, &'static str)>> = OnceLock::new();
    T.get_or_init(|| {
        NAMES
            .iter()
            .map(|&(n, p, c)| (fold::syllable_list(n), p, c))
            .collect()
    })
}

fn contains_words(hay: &[String], needle: &[String]) -> Option<usize> {
    (needle.len() <= hay.len())
        .then(|| hay.windows(needle.len()).position(|w| w == needle))
        .flatten()
}

/// The series code of an issuer's name (`Ban Thường vụ Tỉnh ủy` → party `TU`).
pub(crate) fn issuer_of_name(name: &str) -> Option<Issuer<'static>> {
    let words = fold::syllable_list(name);
    let names = folded_names();
    let (n, last) = (names.len(), 3);
    names
        .iter()
        .enumerate()
        .find_map(|(k, (pat, party, code))| {
            // `trung ương` alone names the centre only as the whole issuer.
            let hit = if k >= n - last {
                words == *pat
            } else {
                contains_words(&words, pat).is_some()
            };
            hit.then(|| Issuer {
                party: *party,
                code,
                central: if *party {
                    party_central(code)
                } else {
                    state_central(code)
                },
            })
        })
}

/// Locality words and the administrative level they name.
const LEVELS: &[(&str, &str)] = &[
    ("tỉnh ủy", "tinh"),
    ("đảng bộ tỉnh", "tinh"),
    ("thành ủy", "thanh-pho"),
    ("đảng bộ thành phố", "thanh-pho"),
    ("huyện ủy", "huyen"),
    ("quận ủy", "quan"),
    ("thị ủy", "thi-xa"),
    ("ubnd tỉnh", "tinh"),
    ("ủy ban nhân dân tỉnh", "tinh"),
    ("hđnd tỉnh", "tinh"),
    ("hội đồng nhân dân tỉnh", "tinh"),
    ("ubnd thành phố", "thanh-pho"),
    ("ủy ban nhân dân thành phố", "thanh-pho"),
    ("ubnd tp", "thanh-pho"),
    ("ủy ban nhân dân tp", "thanh-pho"),
    ("đảng bộ tp", "thanh-pho"),
    ("hđnd thành phố", "thanh-pho"),
    ("hội đồng nhân dân thành phố", "thanh-pho"),
    ("hđnd tp", "thanh-pho"),
    ("ubnd huyện", "huyen"),
    ("ủy ban nhân dân huyện", "huyen"),
    ("ubnd quận", "quan"),
    ("ubnd xã", "xa"),
    ("ubnd phường", "phuong"),
    ("đảng ủy xã", "xa"),
    ("đảng ủy phường", "phuong"),
    ("đảng ủy thị trấn", "thi-tran"),
];

/// The locality an issuer's name gives (`Ban Thường vụ Tỉnh ủy Thanh Hóa` → `tinh-thanh-hoa`):
/// the capitalised words after a level word, as an ASCII slug. One slug per locality whatever
/// the spelling: a level word repeated before the place says nothing more (`Tỉnh ủy tỉnh Đồng
/// Tháp`, `Thành ủy Thành phố Hồ Chí Minh`, `Thành ủy TP. Hồ Chí Minh`), and a place's
/// abbreviations are read through [`PLACE_ALIASES`] (`TP.HCM`, `TPHCM`).
pub(crate) fn locality_of_name(name: &str) -> Option<String> {
    /// Level words with their level, and the level words a place may repeat.
    type Levels = (
        Vec<(Vec<String>, &'static str)>,
        Vec<Vec<String>>,
        Vec<Vec<String>>,
    );
    static T: OnceLock<Levels> = OnceLock::new();
    let (levels, repeats, bare) = T.get_or_init(|| {
        (
            LEVELS
                .iter()
                .map(|&(w, l)| (fold::syllable_list(w), l))
                .collect(),
            [
                "thành phố",
                "tp",
                "tỉnh",
                "huyện",
                "quận",
                "thị xã",
                "xã",
                "phường",
            ]
            .iter()
            .map(|w| fold::syllable_list(w))
            .collect(),
            BARE_ORGANS.iter().map(|w| fold::syllable_list(w)).collect(),
        )
    });
    let raw: Vec<&str> = name
        .split(|c: char| !c.is_alphanumeric() && !('\u{300}'..='\u{36f}').contains(&c))
        .filter(|w| !w.is_empty())
        .collect();
    let words = fold::syllable_list(name);
    if raw.len() != words.len() {
        return None;
    }
    // A place name ends at the next organ word (`ĐẢNG BỘ TỈNH ĐỒNG THÁP TỈNH ỦY`).
    let organ = |w: &String| {
        ["ủy", "đảng", "ban", "bộ", "tỉnh", "huyện", "quận"]
            .iter()
            .any(|o| fold::syllables(o) == *w)
    };
    // The place after word `at`: its capitalised words up to an organ word, as a slug, read
    // through the aliases.
    let place_at = |at: usize| -> Option<String> {
        let place: Vec<&str> = raw[at..]
            .iter()
            .zip(&words[at..])
            .take_while(|(w, f)| w.chars().next().is_some_and(char::is_uppercase) && !organ(f))
            .map(|(w, _)| *w)
            .collect();
        if place.is_empty() {
            return None;
        }
        let place = slug(&place.join(" "));
        Some(
            PLACE_ALIASES
                .iter()
                .find(|(short, _)| *short == place)
                .map_or(place, |(_, full)| (*full).to_owned()),
        )
    };
    levels
        .iter()
        .find_map(|(pat, level)| {
            let mut at = contains_words(&words, pat)? + pat.len();
            if let Some(r) = repeats.iter().find(|r| words[at..].starts_with(r)) {
                at += r.len();
            }
            Some(format!("{level}-{}", place_at(at)?))
        })
        .or_else(|| {
            // A people's committee or council named with its province alone (`UBND Đồng
            // Tháp`): the province's own level (`PROVINCES`); any other place stays unknown.
            let at = bare
                .iter()
                .find_map(|pat| Some(contains_words(&words, pat)? + pat.len()))?;
            let place = place_at(at)?;
            let (_, level) = PROVINCES.iter().find(|(p, _)| *p == place)?;
            Some(format!("{level}-{place}"))
        })
}

/// The organs a province's name may follow without a level word (`UBND Đồng Tháp`).
const BARE_ORGANS: &[&str] = &["ubnd", "ủy ban nhân dân", "hđnd", "hội đồng nhân dân"];

/// The 63 provinces and centrally-run cities (before the 2025 merger), as slugs, with their
/// level: a bare `UBND X` names the province X (a provincial city of the same name is written
/// `UBND thành phố X`, which the level words read). Huế alone is left out: before 2025 it was
/// Thừa Thiên Huế's provincial city, since then a centrally-run one.
const PROVINCES: &[(&str, &str)] = &[
    ("an-giang", "tinh"),
    ("ba-ria-vung-tau", "tinh"),
    ("bac-giang", "tinh"),
    ("bac-kan", "tinh"),
    ("bac-lieu", "tinh"),
    ("bac-ninh", "tinh"),
    ("ben-tre", "tinh"),
    ("binh-dinh", "tinh"),
    ("binh-duong", "tinh"),
    ("binh-phuoc", "tinh"),
    ("binh-thuan", "tinh"),
    ("ca-mau", "tinh"),
    ("can-tho", "thanh-pho"),
    ("cao-bang", "tinh"),
    ("da-nang", "thanh-pho"),
    ("dak-lak", "tinh"),
    ("dak-nong", "tinh"),
    ("dien-bien", "tinh"),
    ("dong-nai", "tinh"),
    ("dong-thap", "tinh"),
    ("gia-lai", "tinh"),
    ("ha-giang", "tinh"),
    ("ha-nam", "tinh"),
    ("ha-noi", "thanh-pho"),
    ("ha-tinh", "tinh"),
    ("hai-duong", "tinh"),
    ("hai-phong", "thanh-pho"),
    ("hau-giang", "tinh"),
    ("ho-chi-minh", "thanh-pho"),
    ("hoa-binh", "tinh"),
    ("hung-yen", "tinh"),
    ("khanh-hoa", "tinh"),
    ("kien-giang", "tinh"),
    ("kon-tum", "tinh"),
    ("lai-chau", "tinh"),
    ("lam-dong", "tinh"),
    ("lang-son", "tinh"),
    ("lao-cai", "tinh"),
    ("long-an", "tinh"),
    ("nam-dinh", "tinh"),
    ("nghe-an", "tinh"),
    ("ninh-binh", "tinh"),
    ("ninh-thuan", "tinh"),
    ("phu-tho", "tinh"),
    ("phu-yen", "tinh"),
    ("quang-binh", "tinh"),
    ("quang-nam", "tinh"),
    ("quang-ngai", "tinh"),
    ("quang-ninh", "tinh"),
    ("quang-tri", "tinh"),
    ("soc-trang", "tinh"),
    ("son-la", "tinh"),
    ("tay-ninh", "tinh"),
    ("thai-binh", "tinh"),
    ("thai-nguyen", "tinh"),
    ("thanh-hoa", "tinh"),
    ("thua-thien-hue", "tinh"),
    ("tien-giang", "tinh"),
    ("tra-vinh", "tinh"),
    ("tuyen-quang", "tinh"),
    ("vinh-long", "tinh"),
    ("vinh-phuc", "tinh"),
    ("yen-bai", "tinh"),
];

/// Abbreviated place names (as slugs) and the slug of the name they stand for.
const PLACE_ALIASES: &[(&str, &str)] = &[
    ("hcm", "ho-chi-minh"),
    ("tphcm", "ho-chi-minh"),
    ("tp-hcm", "ho-chi-minh"),
    ("hn", "ha-noi"),
];

/// ASCII slug: marks dropped, `đ` → `d`, lower case, words joined by `-`.
pub(crate) fn slug(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut gap = false;
    for c in s.chars() {
        let ascii = if c.is_ascii() {
            Some(c.to_ascii_lowercase()).filter(char::is_ascii_alphanumeric)
        } else {
            fold::ascii_letter(c)
        };
        match ascii {
            Some(a) => {
                if gap && !out.is_empty() {
                    out.push('-');
                }
                gap = false;
                out.push(a);
            }
            // The marks of decomposed (NFD) text belong to the letter before them.
            None if ('\u{300}'..='\u{36f}').contains(&c) => {}
            None => gap = true,
        }
    }
    out
}

/// The decimal digits of `n`, written at the end of `buf` (no allocation: keys and year tests
/// run for every citation).
fn decimal(mut n: u64, buf: &mut [u8; 20]) -> &[u8] {
    let mut at = buf.len();
    loop {
        at -= 1;
        buf[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            return &buf[at..];
        }
    }
}

/// Whether the year of a state citation is part of its number (`30/2020/NĐ-CP`,
/// `19-2017/NQ-CP`) rather than of its date: normative acts are numbered apart from the rest.
fn year_in_number(text: &str, year: i32) -> bool {
    let Ok(year) = u16::try_from(year) else {
        return false;
    };
    let mut digits = [0u8; 20];
    let y = decimal(u64::from(year), &mut digits);
    // After each `/` or `-`: spaces, the year, spaces, `/`.
    memchr::memchr2_iter(b'/', b'-', text.as_bytes()).any(|at| {
        let rest = text[at + 1..].trim_start();
        rest.as_bytes().starts_with(y) && rest[y.len()..].trim_start().starts_with('/')
    })
}

/// The identity facts of one citation, or `None` for mentions without a number (plenums,
/// congresses, references, acts, which `resolve` treats apart).
pub(crate) fn ident<'a>(c: &'a Citation, fp: Fingerprint<'_>) -> Option<Ident<'a>> {
    with_names(|names| ident_with(c, c.issuer.as_deref(), names, fp))
}

/// The issuer of a citation whose name the grammar ended at an abbreviation's full stop
/// (`của Thành ủy TP. Hồ Chí Minh` gives the issuer `Thành ủy TP`): the name with the
/// capitalised words after the stop, as the locality needs them; `None` when nothing was cut.
pub(crate) fn continued_issuer(text: &str, c: &Citation) -> Option<String> {
    let issuer = c.issuer.as_deref()?;
    let tail = issuer.as_bytes().get(issuer.len().checked_sub(3)?..)?;
    if !tail[1..].eq_ignore_ascii_case(b"tp") || tail[0] != b' ' {
        return None;
    }
    let last = &issuer[issuer.len() - 2..];
    if !last.eq_ignore_ascii_case("tp") || !c.text.ends_with(last) {
        return None;
    }
    let rest = text.get(c.byte_end..)?.strip_prefix('.')?;
    // The rest of the line (memchr: a text without line breaks is one long line).
    let line = &rest[..memchr::memchr2(b'\n', b'\r', rest.as_bytes()).unwrap_or(rest.len())];
    let mut tokens = line.split(' ').filter(|w| !w.is_empty()).peekable();
    let capital = |w: &&str| w.chars().next().is_some_and(char::is_uppercase);
    let mut words = Vec::new();
    while let Some(w) = tokens.next_if(capital) {
        let bare = w.trim_end_matches(|ch: char| !ch.is_alphanumeric());
        words.push(bare);
        if words.len() == 4 || bare.len() < w.len() {
            break;
        }
    }
    // A place, not the next sentence (`TP. Để thực hiện …`): two capitalised words or more, an
    // abbreviation (`HCM`), or one word the sentence does not go on from.
    let place = match words.as_slice() {
        [] => false,
        [w] => {
            w.chars().all(|ch| ch.is_uppercase())
                || line.trim_start().len() == w.len()
                || !line.trim_start()[w.len()..].starts_with(' ')
                || tokens
                    .peek()
                    .is_none_or(|next| !next.chars().next().is_some_and(char::is_lowercase))
        }
        _ => true,
    };
    place.then(|| format!("{issuer} {}", words.join(" ")))
}

/// What issuer names say (series and locality), remembered per name: texts repeat a few
/// hundred names, and reading one folds every word. The memo lives per thread (no locking when
/// Python or the CLI resolve on several threads) and is emptied when it reaches [`NAMES_CAP`]
/// entries, so memory stays bounded on any input.
pub(crate) struct Names(FastMap<Box<str>, NameFacts>);

/// Most issuer names remembered per thread.
const NAMES_CAP: usize = 4096;

type NameFacts = (Option<Issuer<'static>>, Option<Rc<str>>);

thread_local! {
    static NAME_MEMO: std::cell::RefCell<Names> =
        std::cell::RefCell::new(Names(FastMap::default()));
}

/// Run `f` with this thread's memo of issuer names (borrowed once for a whole text).
pub(crate) fn with_names<R>(f: impl FnOnce(&mut Names) -> R) -> R {
    NAME_MEMO.with_borrow_mut(f)
}

impl Names {
    fn of(&mut self, name: &str) -> NameFacts {
        let memo = &mut self.0;
        if let Some(v) = memo.get(name) {
            return v.clone();
        }
        if memo.len() >= NAMES_CAP {
            memo.clear();
        }
        let v = (issuer_of_name(name), locality_of_name(name).map(Rc::from));
        memo.insert(name.into(), v.clone());
        v
    }
}

/// A key under construction: pieces pushed without `format!` into a per-thread scratch
/// buffer, so a finished key costs one allocation, its own.
pub(crate) struct KeyBuf(String);

thread_local! {
    static SCRATCH: std::cell::Cell<String> = const { std::cell::Cell::new(String::new()) };
}

impl KeyBuf {
    pub(crate) fn new() -> Self {
        let mut buf = SCRATCH.take();
        buf.clear();
        KeyBuf(buf)
    }
    /// The finished key; the buffer goes back for the next one.
    pub(crate) fn done(self) -> Rc<str> {
        let key = Rc::from(self.0.as_str());
        SCRATCH.set(self.0);
        key
    }
    pub(crate) fn s(mut self, s: &str) -> Self {
        self.0.push_str(s);
        self
    }
    pub(crate) fn n(mut self, n: u64) -> Self {
        for &d in decimal(n, &mut [0; 20]) {
            self.0.push(char::from(d));
        }
        self
    }
    fn year(self, y: i32) -> Self {
        if y < 0 {
            self.s("-").n(u64::from(y.unsigned_abs()))
        } else {
            self.n(y as u64)
        }
    }
    pub(crate) fn roman(mut self, t: u32) -> Self {
        vanban_grammar::lex::push_roman(&mut self.0, t);
        self
    }
}

/// [`ident`] with a memo of issuer names.
pub(crate) fn ident_with<'a>(
    c: &'a Citation,
    issuer_name: Option<&str>,
    names: &mut Names,
    fp: Fingerprint<'_>,
) -> Option<Ident<'a>> {
    if matches!(
        c.kind,
        CitationKind::Plenum | CitationKind::Congress | CitationKind::Reference | CitationKind::Act
    ) {
        return None;
    }
    let number = c.number?;
    let type_code: &'a str = match c.type_code.as_deref() {
        Some(t) => t,
        None => c.doc_type.as_deref().and_then(type_code_of)?,
    };
    let from_symbol = c.symbol.is_some();
    let (named, locality) = match issuer_name {
        Some(n) => names.of(n),
        None => (None, None),
    };
    let issuer = match (c.issuer_code.as_deref(), from_symbol) {
        (Some(code), true) => {
            let party = c.kind == CitationKind::Party;
            let central = if party {
                party_central(code)
            } else {
                state_central(code)
            };
            // `13-NQ/TƯ của Tỉnh ủy`: an OCR'd `TƯ` is the province's `TU`; the name decides.
            match named {
                Some(n) if party && central && n.party && !n.central => Some(n),
                _ => Some(Issuer {
                    party,
                    code,
                    central,
                }),
            }
        }
        _ => named,
    };
    let central_party = issuer.as_ref().is_some_and(|i| i.party && i.central);
    let term = if central_party {
        c.date
            .as_deref()
            .and_then(term_of_date)
            .or(c.term)
            .or_else(|| c.year.and_then(term_of_year))
    } else {
        None
    };
    let decision = c.doc_type.as_deref() == Some("Quyết định");
    let family = if type_code == "QĐi" {
        "QĐ"
    } else {
        type_code
    };
    let mut id = Ident {
        family,
        type_code,
        decision,
        number,
        issuer,
        term,
        year: c.year,
        locality,
        global: None,
        base: None,
    };
    let Some(iss) = id.issuer else {
        return Some(id);
    };
    let n = u64::from(number);
    if iss.party {
        let series = KeyBuf::new().n(n).s("-").s(type_code).s("/").s(iss.code);
        if iss.central {
            match term {
                Some(t) => id.global = Some(series.s("@").roman(t).done()),
                None => id.base = Some(series.s("#").s(fp()).done()),
            }
        } else {
            let base = match id.year {
                Some(y) => series.s("@").year(y),
                None => series,
            };
            match &id.locality {
                Some(l) if id.year.is_some() => id.global = Some(base.s("@").s(l).done()),
                Some(l) => id.base = Some(base.s("@").s(l).s("#").s(fp()).done()),
                None => id.base = Some(base.s("#").s(fp()).done()),
            }
        }
    } else {
        // State short forms (`Nghị định 34 của Chính phủ`) never get a key of their own: the
        // number may or may not carry the year.
        let symbol = |k: KeyBuf| match c.symbol.as_deref() {
            Some(s) => k.s(s),
            None if type_code == "L" => k.s(iss.code),
            None => k.s(type_code).s("-").s(iss.code),
        };
        let in_number = from_symbol && c.year.is_some_and(|y| year_in_number(&c.text, y));
        let mut key = match c.year {
            Some(y) if in_number => symbol(KeyBuf::new().n(n).s("/").year(y).s("/")),
            Some(y) => symbol(KeyBuf::new().n(n).s("/")).s("@").year(y),
            None => symbol(KeyBuf::new().n(n).s("/")),
        };
        let complete = from_symbol && c.year.is_some();
        if !iss.central {
            if let Some(l) = &id.locality {
                key = key.s("@").s(l);
            }
        }
        if complete && (iss.central || id.locality.is_some()) {
            id.global = Some(key.done());
        } else {
            id.base = Some(key.s("#").s(fp()).done());
        }
    }
    Some(id)
}

/// Distinct values of `items`, in first-seen order: a linear scan while few (the usual case,
/// no allocation beyond the result), a hash set beyond.
pub(crate) fn distinct<T: Clone + Eq + std::hash::Hash>(items: impl Iterator<Item = T>) -> Vec<T> {
    const FEW: usize = 8;
    let mut out: Vec<T> = Vec::new();
    let mut seen: Option<FastMap<T, ()>> = None;
    for it in items {
        match &mut seen {
            Some(set) => {
                if set.insert(it.clone(), ()).is_none() {
                    out.push(it);
                }
            }
            None if out.contains(&it) => {}
            None => {
                out.push(it);
                if out.len() == FEW {
                    seen = Some(out.iter().map(|k| (k.clone(), ())).collect());
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issuer_names_map_to_series() {
        let code = |n: &str| issuer_of_name(n).map(|i| (i.party, i.code, i.central));
        assert_eq!(code("Bộ Chính trị"), Some((true, "TW", true)));
        assert_eq!(code("BCT"), Some((true, "TW", true)));
        assert_eq!(code("Trung ương"), Some((true, "TW", true)));
        assert_eq!(code("Ban Thường vụ Tỉnh uỷ"), Some((true, "TU", false)));
        assert_eq!(
            code("Ban Chấp hành Đảng bộ tỉnh"),
            Some((true, "TU", false))
        );
        assert_eq!(
            code("Thường vụ Quân ủy Trung ương"),
            Some((true, "QUTW", true))
        );
        assert_eq!(code("Ban Tổ chức Trung ương"), Some((true, "BTCTW", true)));
        assert_eq!(code("Ban Tuyên giáo Tỉnh ủy"), Some((true, "BTGTU", false)));
        assert_eq!(code("Đảng đoàn Quốc hội"), Some((true, "ĐĐ", false)));
        assert_eq!(code("Thủ tướng Chính phủ"), Some((false, "TTg", true)));
        assert_eq!(code("Chính phủ"), Some((false, "CP", true)));
        assert_eq!(code("UBND tỉnh Quảng Nam"), Some((false, "UBND", false)));
        assert_eq!(code("Ban Chỉ đạo"), None);
        assert_eq!(
            code("Ban Tổ chức Trung ương Đảng"),
            Some((true, "BTCTW", true))
        );
    }

    #[test]
    fn localities_are_level_and_place() {
        for (name, want) in [
            ("Ban Thường vụ Tỉnh ủy Thanh Hóa", Some("tinh-thanh-hoa")),
            (
                "Ban Chấp hành Đảng bộ tỉnh Thanh Hoá",
                Some("tinh-thanh-hoa"),
            ),
            ("Thành ủy Thanh Hóa", Some("thanh-pho-thanh-hoa")),
            ("Ban Thường vụ Tỉnh ủy", None),
        ] {
            assert_eq!(locality_of_name(name).as_deref(), want, "{name}");
        }
        // One slug per locality, whatever the spelling.
        for name in [
            "Thành ủy TP.HCM",
            "Thành ủy TP. Hồ Chí Minh",
            "Thành ủy TP Hồ Chí Minh",
            "Thành ủy Thành phố Hồ Chí Minh",
            "Ban Thường vụ Thành ủy TPHCM",
            "Ban Thường vụ Thành ủy TP.Hồ Chí Minh",
            "UBND TP.HCM",
            "UBND Thành phố Hồ Chí Minh",
            "Ủy ban nhân dân TP. Hồ Chí Minh",
            "Đảng bộ TP Hồ Chí Minh",
            "Ban Chấp hành Đảng bộ Thành phố Hồ Chí Minh",
            "HĐND TP.HCM",
        ] {
            assert_eq!(
                locality_of_name(name).as_deref(),
                Some("thanh-pho-ho-chi-minh"),
                "{name}"
            );
        }
        for name in [
            "Tỉnh ủy Đồng Tháp",
            "Tỉnh ủy tỉnh Đồng Tháp",
            "Ban Thường vụ Tỉnh uỷ Đồng Tháp",
            "Ban Chấp hành Đảng bộ tỉnh Đồng Tháp",
            "UBND tỉnh Đồng Tháp",
            "Ủy ban nhân dân tỉnh Đồng Tháp",
            "TỈNH ỦY ĐỒNG THÁP",
        ] {
            assert_eq!(
                locality_of_name(name).as_deref(),
                Some("tinh-dong-thap"),
                "{name}"
            );
        }
        // A people's committee or council named with its province alone: the province's level;
        // another place without a level word stays unknown.
        for (name, want) in [
            ("UBND Đồng Tháp", Some("tinh-dong-thap")),
            ("Ủy ban nhân dân Quảng Nam", Some("tinh-quang-nam")),
            ("HĐND Bà Rịa - Vũng Tàu", Some("tinh-ba-ria-vung-tau")),
            ("UBND Hà Nội", Some("thanh-pho-ha-noi")),
            ("UBND HN", Some("thanh-pho-ha-noi")),
            ("UBND Cao Lãnh", None),
            ("UBND Huế", None),
        ] {
            assert_eq!(locality_of_name(name).as_deref(), want, "{name}");
        }
        assert_eq!(
            locality_of_name("UBND Hà Nội"),
            locality_of_name("UBND thành phố Hà Nội")
        );
        assert!(PROVINCES.is_sorted() && PROVINCES.len() == 63);
        // Different levels stay different localities.
        assert_ne!(
            locality_of_name("Thành ủy Thanh Hóa"),
            locality_of_name("Tỉnh ủy Thanh Hóa")
        );
        assert_eq!(locality_of_name("Bộ Chính trị"), None);
    }

    #[test]
    fn a_name_cut_at_an_abbreviation_goes_on_with_its_place_only() {
        let cite = |text: &str| {
            let c = vanban_grammar::extract_citations(text);
            continued_issuer(text, &c[0])
        };
        let head = "Quyết định 675/QĐ-UBND ngày 20/8/2008 của";
        for (tail, want) in [
            ("UBND TP. Đà Nẵng về", Some("UBND TP Đà Nẵng")),
            ("UBND TP. HCM", Some("UBND TP HCM")),
            ("UBND TP. Huế, ngày", Some("UBND TP Huế")),
            ("UBND TP. Để thực hiện", None),
            ("UBND tỉnh. Đà Nẵng", None),
        ] {
            assert_eq!(cite(&format!("{head} {tail}")).as_deref(), want, "{tail}");
        }
    }

    #[test]
    fn slugs_are_ascii_words_joined_by_dashes() {
        use unicode_normalization::UnicodeNormalization;
        assert_eq!(slug("Đất đai"), "dat-dai");
        assert_eq!(slug("  Cán bộ, công chức "), "can-bo-cong-chuc");
        assert_eq!(slug(&"Thủy lợi".nfd().collect::<String>()), "thuy-loi");
        assert_eq!(slug("ÐẢNG bộ TP.HCM"), "dang-bo-tp-hcm");
        assert_eq!(slug("Luật 中文 x"), "luat-x");
        assert_eq!(slug(""), "");
    }

    #[test]
    fn central_state_codes_are_known() {
        assert!(
            CENTRAL_STATE.is_sorted(),
            "state_central binary-searches it"
        );
        for code in [
            "CP", "TTg", "BGDĐT", "VPQH", "BCA", "QH13", "UBTVQH14", "BNV-BTC",
        ] {
            assert!(state_central(code), "{code}");
        }
        for code in ["UBND", "HĐND", "SYT", "QH", "QHa"] {
            assert!(!state_central(code), "{code}");
        }
    }

    #[test]
    fn state_years_in_the_number_are_told_from_dates() {
        assert!(year_in_number("Nghị định số 30 / 2020 / NĐ-CP", 2020));
        assert!(!year_in_number("2020/NĐ-CP", 2020));
        assert!(year_in_number("30/2020/NĐ-CP", 2020));
        assert!(year_in_number("19-2017/NQ-CP", 2017));
        assert!(year_in_number("80/2015/QH13", 2015));
        assert!(!year_in_number(
            "Quyết định 1847/QĐ-TTg ngày 5/12/2020",
            2020
        ));
    }
}
