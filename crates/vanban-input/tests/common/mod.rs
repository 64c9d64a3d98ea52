//! Helpers shared by the integration tests.

/// The annotated page without the inserted markup, and each inserted piece's (id, inner HTML).
/// Pieces never contain markup, so an inserted opening tag's element ends at the next `<`.
pub(crate) fn strip(annotated: &[u8]) -> (Vec<u8>, Vec<(usize, Vec<u8>)>) {
    let (mut out, mut pieces) = (Vec::new(), Vec::new());
    let mut k = 0;
    while k < annotated.len() {
        let rest = &annotated[k..];
        let ours = [
            b"<a class=\"vanban-cite\"".as_slice(),
            b"<mark class=\"vanban-cite\"",
        ];
        if !ours.iter().any(|t| rest.starts_with(t)) {
            out.push(annotated[k]);
            k += 1;
            continue;
        }
        let open_end = k + rest.iter().position(|&b| b == b'>').unwrap() + 1;
        let tag = String::from_utf8_lossy(&annotated[k..open_end]).into_owned();
        let id: usize = tag
            .split("data-vanban-id=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        let inner_end = open_end
            + annotated[open_end..]
                .iter()
                .position(|&b| b == b'<')
                .unwrap();
        let close = if tag.starts_with("<a ") {
            b"</a>".as_slice()
        } else {
            b"</mark>"
        };
        assert!(annotated[inner_end..].starts_with(close), "{tag}");
        out.extend_from_slice(&annotated[open_end..inner_end]);
        pieces.push((id, annotated[open_end..inner_end].to_vec()));
        k = inner_end + close.len();
    }
    (out, pieces)
}
