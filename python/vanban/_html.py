"""HTML rendering of a `Report` for notebooks (`Report._repr_html_`). Every text is escaped."""

from __future__ import annotations

from html import escape
from typing import Any

# Texts longer than this are cut in the rendering (a notebook cell is no place for a book).
MAX_CHARS = 100_000


def _text(value: Any) -> str | None:
    """The text of a Node/Citation, or a str as is."""
    if value is None:
        return None
    if isinstance(value, str):
        return value
    text = getattr(value, "text", None)
    return text if isinstance(text, str) else None


def _highlighted(source: str, citations: Any) -> str:
    """The source with each citation wrapped in `<mark>`; a citation inside another (an act named in
    an amending law's title) is a `<mark>` inside its mark, partial overlaps are skipped."""
    limit = min(len(source), MAX_CHARS)
    out: list[str] = []
    pos = 0
    open_ends: list[int] = []

    def close_to(at: int) -> None:
        nonlocal pos
        while open_ends and open_ends[-1] <= at:
            end = open_ends.pop()
            out.append(escape(source[pos:end]))
            out.append("</mark>")
            pos = end

    for c in sorted(citations, key=lambda c: (c.start, -c.end)):
        if c.start < pos or c.end > limit:
            continue
        close_to(c.start)
        if open_ends and c.end > open_ends[-1]:
            continue
        title = " ".join(str(v) for v in (c.kind, c.symbol or c.title, c.date, c.issuer) if v)
        out.append(escape(source[pos : c.start]))
        out.append(f'<mark title="{escape(title)}">')
        pos = c.start
        open_ends.append(c.end)
    close_to(limit)
    out.append(escape(source[pos:limit]))
    if limit < len(source):
        out.append(f"<i>… ({len(source) - limit} more characters)</i>")
    return "".join(out)


def _outline(sections: Any) -> str:
    """Nested `<details>`, one per section; leaves are `<div>`s."""
    parts: list[str] = []
    for s in sections:
        label = escape(" ".join(x for x in (getattr(s, "label", None), getattr(s, "heading", None)) if x))
        children = getattr(s, "children", ())
        if children:
            parts.append(f'<details style="margin-left:1.2em"><summary>{label}</summary>{_outline(children)}</details>')
        else:
            parts.append(f'<div style="margin-left:1.2em">{label}</div>')
    return "".join(parts)


def report_html(report: Any) -> str:
    """Title and facts, the collapsible outline, the citations table and the highlighted text."""
    fields = set(report._fields)
    get = lambda name: getattr(report, name) if name in fields else None  # noqa: E731
    citations = get("citations") or ()
    sections = get("sections") or ()
    facts = [str(get("kind") or "report")]
    for name in ("published", "agency"):
        if text := _text(get(name)):
            facts.append(text)
    if author := _text(get("author")):
        facts.append(author)
    facts.append(f"{len(citations)} citation{'s' if len(citations) != 1 else ''}")

    html = ['<div class="vanban-report">']
    title = _text(get("title")) or (_text(getattr(get("header"), "doc_type", None)) if get("header") else None)
    if title:
        html.append(f"<h3>{escape(title)}</h3>")
    html.append(f"<p><small>{escape(' · '.join(facts))}</small></p>")
    if sections:
        html.append(f"<details open><summary>Outline ({len(sections)})</summary>{_outline(sections)}</details>")
    if citations:
        rows = "".join(
            "<tr>"
            + "".join(f"<td>{escape('' if v is None else str(v))}</td>" for v in (c.kind, c.symbol, c.date, c.text))
            + "</tr>"
            for c in citations
        )
        html.append(
            f"<details><summary>Citations ({len(citations)})</summary><table>"
            "<tr><th>kind</th><th>symbol</th><th>date</th><th>text</th></tr>"
            f"{rows}</table></details>"
        )
    html.append(
        '<details open><summary>Text</summary><div style="white-space:pre-wrap">'
        f"{_highlighted(report.source, citations)}</div></details>"
    )
    html.append("</div>")
    return "".join(html)
