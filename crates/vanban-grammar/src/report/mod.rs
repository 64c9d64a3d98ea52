//! Report structure: news articles and formal party documents (docs/formats.md §5–6).
//!
//! The text is read once into a [`Source`](crate::source::Source), split into lines, and read by small line-level
//! grammars: [`timestamp`], [`header`], [`outline`], [`signature`], [`people`]; [`article`] and
//! [`document`] put them together. Every field is cut from the original text through the offset
//! map, so no normalisation leaks into the output.
mod article;
mod document;
mod header;
mod lex;
mod outline;
mod people;
mod signature;

mod timestamp;

use vanban_model::Report;

/// The structure of `text`: a formal document when it carries a document header (type name with
/// a party line, number or dated place line), a news article otherwise.
///
/// Never fails and never panics; unknown layouts give a best-effort result. `citations` is
/// [`extract_citations`](crate::extract_citations) over the whole text.
///
/// ```
/// use vanban_grammar::{parse_report, model::ReportKind};
///
/// let text = "Thời sự\nBan Tổ chức Tỉnh uỷ tổng kết năm 2016\n18:34' 23/12/2016\nNgày 23-12-2016, Ban Tổ chức họp.\nMột là, nghiên cứu.\nHai là, tuyên truyền.\nSơn Tra";
/// let r = parse_report(text);
/// assert_eq!(r.kind, ReportKind::Article);
/// assert_eq!(r.published.as_deref(), Some("2016-12-23T18:34"));
/// assert_eq!(r.items.len(), 2);
/// assert_eq!(r.author.map(|a| a.span.text).as_deref(), Some("Sơn Tra"));
/// ```
pub fn parse_report(text: &str) -> Report {
    // One Source for the whole report: the citation scanner reads the same NFC view.
    let src = crate::source::Source::new(text);
    let lines = crate::lex::lines(src.norm());
    let citations = crate::citation::citations_in(&src);
    let mut report = document::document(&src, &lines, &citations)
        .unwrap_or_else(|| article::article(&src, &lines));
    report.citations = citations;
    report
}
