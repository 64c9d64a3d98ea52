"""The baseline a user would write instead of vanban: party and state document numbers with plain `re`.

Careful, not naive: one compiled pattern per family, the party type codes of formats.md §2.2 as an
alternation, spaces and en/em dashes around the hyphen, `Đ` and its U+00D0 look-alike, `TƯ` for
`TW`, lower case, years and National Assembly terms in state numbers, digit and letter boundaries,
and `unicodedata.normalize` only when the text holds combining marks (offsets stay those of the
original). It does not read type words, dates, issuers, terms, plenums or congresses: that is the
point of the comparison.

Also a command-line shim for `../shared/tools/eval_citations.py`, which runs a command per file:

    python benches/re_extractor.py PATH              # this extractor, JSON Lines
    python benches/re_extractor.py --vanban PATH     # vanban's Python API, JSON Lines
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from typing import Any

D = "[ĐđÐð]"
DASH = r"\s*[-–—]\s*"
SLASH = r"\s*/\s*"
# Longest first: `QĐi` before `QĐ`, `CTr` before `CT`, `TTr` before `TT`.
PARTY_TYPES = rf"Q{D}i|Q{D}|NQ|CTr|CT|KL|QC|HD|TB|TC|BC|KH|{D}A|PA|TTr|CV|BB|BS|TT|GM|PC"
# Issuer codes: letters (with Đ/Ư), optionally joined by hyphens (`BTGTU-BTGTW`).
ISSUER = rf"(?:[A-Z{D[1:-1]}ƯỦ]{{1,8}})(?:-[A-Z{D[1:-1]}Ư]{{1,8}})*"
STATE_TYPES = rf"N{D}|Q{D}|TTLT|TT|NQ|CT|KH|CV|TB|BC|HD|PL|L"
STATE_ISSUER = rf"[A-Z{D[1:-1]}][\w{D[1:-1]}]{{0,11}}(?:-[\w{D[1:-1]}]{{1,10}})*"
# One pass over the text, one alternation per family after the number. The pattern starts with a
# digit class (so `re` skips quickly to candidates); the left boundary is checked in Python.
NUMBER = re.compile(
    rf"(\d{{1,5}})(?:"
    rf"{DASH}(?P<ptype>{PARTY_TYPES}){SLASH}(?P<pissuer>{ISSUER})"
    rf"|/(?:(?P<year>(?:19|20)\d\d)/)?(?:(?P<stype>{STATE_TYPES})\s*[-–]\s*(?P<sissuer>{STATE_ISSUER})"
    rf"|(?<=\d/)(?P<qh>(?:UBTV)?QH\d{{1,2}}))"
    rf")(?![\w/])",
    re.IGNORECASE,
)
BEFORE = frozenset("/.-_")

CANON_TYPES = {t.upper(): t for t in "QĐi NQ CTr CT KL QC HD TB TC BC KH ĐA PA TTr CV BB BS TT GM PC NĐ QĐ TTLT L PL".split()}


def canon(code: str) -> str:
    code = code.replace("Ð", "Đ").replace("ð", "đ")
    up = code.upper()
    return CANON_TYPES.get(up, up if up != "TƯ" else "TW")


def extract(text: str) -> list[dict[str, Any]]:
    """Party and state numbers in `text`, with character offsets into `text`."""
    scan = text
    if not unicodedata.is_normalized("NFC", text):
        # NFD input: match the NFC form, map spans back by normalising prefixes (rare, slow).
        scan = unicodedata.normalize("NFC", text)
    out: list[dict[str, Any]] = []
    for m in NUMBER.finditer(scan):
        at = m.start()
        if at and (scan[at - 1].isalnum() or scan[at - 1] in BEFORE):
            continue
        if m["ptype"]:
            kind, type_code, issuer = "party", canon(m["ptype"]), canon(m["pissuer"])
        elif m["stype"]:
            kind, type_code, issuer = "state", canon(m["stype"]), m["sissuer"].replace("Ð", "Đ")
        else:
            kind, type_code, issuer = "state", None, m["qh"].upper()
        year = int(m["year"]) if m["year"] else None
        out.append({"kind": kind, "number": int(m[1]), "year": year, "type_code": type_code, "issuer_code": issuer, "span": m.span()})
    if scan is not text:
        out = [remap(text, c) for c in out]
    for c in out:
        s, e = c.pop("span")
        c.update(start=s, end=e, text=text[s:e])
    return out


def remap(text: str, c: dict[str, Any]) -> dict[str, Any]:
    """Map a span of NFC(text) back to `text` by normalising prefixes (slow, only for NFD input)."""

    def back(n: int) -> int:
        lo, hi = 0, len(text)
        while lo < hi:
            mid = (lo + hi) // 2
            if len(unicodedata.normalize("NFC", text[:mid])) < n:
                lo = mid + 1
            else:
                hi = mid
        return lo

    s, e = c["span"]
    return {**c, "span": (back(s), back(e))}


def main(argv: list[str]) -> int:
    use_vanban = "--vanban" in argv
    paths = [a for a in argv if a != "--vanban"]
    for path in paths:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        if use_vanban:
            import vanban

            rows = [c.to_dict() for c in vanban.extract_citations(text)]
        else:
            rows = extract(text)
        for row in rows:
            print(json.dumps(row, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
