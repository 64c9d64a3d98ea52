#!/usr/bin/env python3
"""Check terms.csv and catalog.jsonl against the schema in CATALOG.md.

Usage: python3 crates/vanban-resolve/data/check_catalog.py [--quiet]

Exits 1 on the first class of errors found (all errors are printed first).
Standard library only, so it runs anywhere CI has a Python 3.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
TERMS = HERE / "terms.csv"
CATALOG = HERE / "catalog.jsonl"

TERM_COLUMNS = ["term", "first_day", "last_day", "congress_opened", "source"]
KEYS = [
    "type_code",
    "doc_type",
    "number",
    "symbol",
    "issuer",
    "issuer_code",
    "date",
    "term",
    "plenum",
    "title",
    "source",
    "checked",
]
# type_code -> the doc_type words it may carry (modern NFC spelling).
# The QĐ series is shared by Quyết định and Quy định (see CATALOG.md).
DOC_TYPES = {
    "NQ": {"Nghị quyết"},
    "CT": {"Chỉ thị"},
    "QĐ": {"Quyết định", "Quy định"},
    "QĐi": {"Quy định"},
    "KL": {"Kết luận"},
    "HD": {"Hướng dẫn"},
    "TB": {"Thông báo"},
    "QC": {"Quy chế"},
}
ISSUERS = {"Ban Chấp hành Trung ương", "Bộ Chính trị", "Ban Bí thư"}
CENTRAL_COMMITTEE = "Ban Chấp hành Trung ương"
# The highest plenum (Hội nghị Trung ương) number a term can have; generous
# upper bounds, the real counts are in CATALOG.md.
MAX_PLENUM = 20


def parse_day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def is_nfc(text: str) -> bool:
    return unicodedata.normalize("NFC", text) == text


def check_terms(errors: list[str]) -> dict[int, tuple[dt.date, dt.date | None]]:
    terms: dict[int, tuple[dt.date, dt.date | None]] = {}
    with TERMS.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        if header != TERM_COLUMNS:
            errors.append(f"terms.csv: header {header} != {TERM_COLUMNS}")
            return terms
        previous: tuple[int, dt.date, dt.date | None] | None = None
        for line, row in enumerate(reader, start=2):
            where = f"terms.csv:{line}"
            if len(row) != len(TERM_COLUMNS):
                errors.append(f"{where}: {len(row)} fields")
                continue
            term_s, first_s, last_s, opened_s, source = row
            try:
                term = int(term_s)
                first = parse_day(first_s)
                last = parse_day(last_s) if last_s else None
                opened = parse_day(opened_s)
            except ValueError as err:
                errors.append(f"{where}: {err}")
                continue
            if not source.startswith(("http://", "https://")):
                errors.append(f"{where}: source is not a URL")
            if opened > first:
                errors.append(f"{where}: congress opened after the term began")
            if last is not None and last < first:
                errors.append(f"{where}: last_day before first_day")
            if previous is not None:
                p_term, _, p_last = previous
                if term != p_term + 1:
                    errors.append(f"{where}: term {term} does not follow {p_term}")
                if p_last is None or p_last + dt.timedelta(days=1) != first:
                    errors.append(f"{where}: term {term} does not start the day after term {p_term} ends")
            elif last is None:
                pass
            terms[term] = (first, last)
            previous = (term, first, last)
    if terms:
        open_terms = [t for t, (_, last) in terms.items() if last is None]
        if open_terms != [max(terms)]:
            errors.append(f"terms.csv: only the last term may be open, open: {open_terms}")
    return terms


def check_row(row: dict, where: str, terms, errors: list[str]) -> None:
    if list(row) != KEYS:
        errors.append(f"{where}: keys {list(row)} != {KEYS}")
        return
    for key in ("type_code", "doc_type", "symbol", "issuer", "issuer_code", "title", "source", "checked"):
        value = row[key]
        if not isinstance(value, str) or not value.strip():
            errors.append(f"{where}: {key} must be a non-empty string")
            return
        if value != value.strip() or "  " in value:
            errors.append(f"{where}: {key} has stray spaces")
        if not is_nfc(value):
            errors.append(f"{where}: {key} is not NFC")
    code = row["type_code"]
    if code not in DOC_TYPES:
        errors.append(f"{where}: unknown type_code {code!r}")
    elif row["doc_type"] not in DOC_TYPES[code]:
        errors.append(f"{where}: doc_type {row['doc_type']!r} does not fit {code}")
    if row["issuer_code"] != "TW":
        errors.append(f"{where}: issuer_code must be TW")
    if row["symbol"] != f"{code}/{row['issuer_code']}":
        errors.append(f"{where}: symbol {row['symbol']!r} != {code}/{row['issuer_code']}")
    if row["issuer"] not in ISSUERS:
        errors.append(f"{where}: unknown issuer {row['issuer']!r}")
    number = row["number"]
    if not isinstance(number, int) or isinstance(number, bool) or number < 1:
        errors.append(f"{where}: number must be a positive int")
    term = row["term"]
    if not isinstance(term, int) or term not in terms:
        errors.append(f"{where}: term {term!r} not in terms.csv")
        return
    plenum = row["plenum"]
    if plenum is not None:
        if not isinstance(plenum, int) or not 1 <= plenum <= MAX_PLENUM:
            errors.append(f"{where}: plenum {plenum!r} out of range 1..{MAX_PLENUM}")
        if row["issuer"] != CENTRAL_COMMITTEE:
            errors.append(f"{where}: a plenum document must be issued by the {CENTRAL_COMMITTEE}")
    date = row["date"]
    if date is not None:
        try:
            day = parse_day(date)
        except (TypeError, ValueError):
            errors.append(f"{where}: date {date!r} is not ISO YYYY-MM-DD")
            return
        first, last = terms[term]
        if day < first or (last is not None and day > last):
            errors.append(f"{where}: date {date} outside term {term} ({first}..{last})")
    if not row["source"].startswith(("http://", "https://")) or " " in row["source"]:
        errors.append(f"{where}: source is not a URL")
    if len(row["title"]) > 300:
        errors.append(f"{where}: title longer than 300 characters (keep to the official start)")


def check_catalog(terms, errors: list[str], quiet: bool) -> None:
    if not CATALOG.exists():
        return
    rows = []
    seen: dict[tuple, str] = {}
    with CATALOG.open(encoding="utf-8") as handle:
        for line, text in enumerate(handle, start=1):
            where = f"catalog.jsonl:{line}"
            if not text.strip():
                errors.append(f"{where}: blank line")
                continue
            try:
                row = json.loads(text)
            except json.JSONDecodeError as err:
                errors.append(f"{where}: {err}")
                continue
            before = len(errors)
            check_row(row, where, terms, errors)
            if len(errors) > before:
                continue
            key = (row["type_code"], row["number"], row["symbol"], row["term"])
            if key in seen:
                errors.append(f"{where}: duplicate {key}, first at {seen[key]}")
            seen[key] = where
            rows.append((where, row))
    # Numbers are registered serially per series and term, so within a series a
    # higher number never carries an earlier date.
    series = defaultdict(list)
    for where, row in rows:
        if row["date"] is not None:
            series[(row["symbol"], row["term"])].append((row["number"], row["date"], where))
    for items in series.values():
        items.sort()
        for (n1, d1, w1), (n2, d2, w2) in zip(items, items[1:]):
            if d2 < d1:
                errors.append(f"{w2}: {n2} dated {d2} before {n1} dated {d1} ({w1}) in the same series")
    # Plenums are numbered in the order they meet.
    plenums = defaultdict(list)
    for where, row in rows:
        if row["plenum"] is not None and row["date"] is not None:
            plenums[row["term"]].append((row["date"], row["plenum"], where))
    for items in plenums.values():
        items.sort()
        for (d1, p1, w1), (d2, p2, w2) in zip(items, items[1:]):
            if p2 < p1:
                errors.append(f"{w2}: plenum {p2} on {d2} after plenum {p1} on {d1} ({w1})")
    if not quiet:
        print(f"catalog.jsonl: {len(rows)} rows")
        by_term = Counter(row["term"] for _, row in rows)
        by_type = Counter(row["symbol"] for _, row in rows)
        by_issuer = Counter(row["issuer"] for _, row in rows)
        print("  by term:  ", dict(sorted(by_term.items())))
        print("  by series:", dict(by_type.most_common()))
        print("  by issuer:", dict(by_issuer.most_common()))
        print("  undated:  ", sum(1 for _, row in rows if row["date"] is None))


def main() -> int:
    quiet = "--quiet" in sys.argv[1:]
    errors: list[str] = []
    terms = check_terms(errors)
    if not quiet:
        print(f"terms.csv: {len(terms)} terms")
    check_catalog(terms, errors, quiet)
    for error in errors:
        print(error, file=sys.stderr)
    if errors:
        print(f"{len(errors)} error(s)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
