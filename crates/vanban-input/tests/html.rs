//! HTML projection: reading order, entities, hidden and dropped content, offsets back to the page.
use vanban_input::html::project;

/// Every word of the text maps back to a slice of the page that reads as that word once tags
/// are removed and entities decoded (checked here by projecting the slice itself).
fn check_map(html: &str) {
    let page = project(html);
    for (k, w) in page.text.split([' ', '\n']).scan(0, |at, w| {
        let k = *at;
        *at += w.len() + 1;
        Some((k, w))
    }) {
        if w.is_empty() {
            continue;
        }
        let r = page.map.range(k..k + w.len());
        let back = project(&html[r.clone()]).text;
        assert_eq!(back, w, "{w:?} ← {:?}", &html[r]);
    }
}

#[test]
fn inline_tags_separate_nothing_and_entities_decode() {
    let html = "<p>Quyết định số <b>1</b>1/2016 ngày 0&#49;&#8209;8&nbsp;&nbsp;2016 &amp; AT&T</p>";
    let page = project(html);
    assert_eq!(
        page.text,
        "Quyết định số 11/2016 ngày 01\u{2011}8 2016 & AT&T"
    );
    let k = page.text.find("11/2016").unwrap();
    let r = page.map.range(k..k + "11/2016".len());
    assert_eq!(&html[r.clone()], "1</b>1/2016");
    assert_eq!(
        page.map.pieces(k..k + 7),
        vec![r.start..r.start + 1, r.end - 6..r.end]
    );
    check_map(html);
}

#[test]
fn blocks_break_lines_and_hidden_content_is_dropped() {
    let html = r#"<!DOCTYPE html><html><head><title>Trang chủ</title><style>p{}</style>
<script>var s = "Nghị quyết số 99-NQ/TW";</script></head>
<body><div class="menu"><a href="/">Trang chủ</a> | <a href="/x">Tin tức</a></div>
<h1>Tiêu đề</h1><p>Đoạn một<br>dòng hai</p><!-- Chỉ thị 01-CT/TW -->
<div hidden>ẩn 1</div><span style="display: none">ẩn 2</span><template>ẩn 3</template>
<noscript>ẩn 4</noscript><table><tr><td>ô 1</td><td>ô 2</td></tr></table>
<footer>Bản quyền</footer></body></html>"#;
    let page = project(html);
    assert_eq!(
        page.text,
        "Trang chủ | Tin tức\nTiêu đề\nĐoạn một\ndòng hai\nô 1\nô 2\nBản quyền"
    );
    let furniture: Vec<&str> = page
        .furniture
        .iter()
        .map(|r| &page.text[r.clone()])
        .collect();
    assert_eq!(furniture, vec!["Trang chủ | Tin tức", "Bản quyền"]);
    assert_eq!(
        page.links
            .iter()
            .map(|r| &html[r.clone()])
            .collect::<Vec<_>>(),
        vec!["Trang chủ", "Tin tức"]
    );
    check_map(html);
}
