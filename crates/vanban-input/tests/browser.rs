//! Annotated pages in a real browser: headless Chromium loads each annotated fixture page, a
//! script collects the elements with class `vanban-cite` grouped by `data-vanban-id`, and their
//! text must equal the citation texts, in order. Skips (with a message) where Chromium is absent.
//!
//! `VANBAN_SCREENSHOT=docs/annotate.png cargo test -p vanban-input --test browser` also saves a
//! screenshot of the annotated article (the one in the README).
use std::path::{Path, PathBuf};
use std::process::Command;

use vanban_grammar::extract_citations;
use vanban_input::annotate::{Format, Template, annotate};
use vanban_input::{Choice, Kind, read};

/// The collecting script, appended to the annotated page before it loads.
const COLLECT: &str = r#"<script>
const groups = new Map();
for (const el of document.querySelectorAll('.vanban-cite')) {
  const id = Number(el.dataset.vanbanId);
  groups.set(id, (groups.get(id) || '') + el.textContent);
}
const out = [...groups.entries()].sort((a, b) => a[0] - b[0]).map(([id, text]) => [id, text]);
const pre = document.createElement('pre');
pre.id = 'vanban-result';
// ASCII only, so the DOM dump escapes nothing in it but & < >.
pre.textContent = JSON.stringify(out).replace(/[\u007f-\uffff]/g, c => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
document.body.appendChild(pre);
</script>"#;

/// Highlighting for the screenshot only.
const STYLE: &str = "<style>.vanban-cite{background:#fff3b0;border-bottom:2px solid #e0a800;color:inherit;text-decoration:none}</style>";

fn chromium() -> Option<PathBuf> {
    let names = [
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ];
    std::env::var_os("CHROME")
        .map(PathBuf::from)
        .into_iter()
        .chain(names.iter().map(PathBuf::from))
        .find(|p| {
            Command::new(p)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
}

fn run(chrome: &Path, args: &[&str], page: &Path) -> String {
    let out = Command::new(chrome)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--hide-scrollbars",
        ])
        .args(args)
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs");
    assert!(
        out.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// White space as a reader sees it (NBSP and runs of spaces as one space).
fn squash(s: &str) -> String {
    s.split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn annotated(bytes: &[u8], kind: Kind) -> (Vec<u8>, Vec<String>) {
    let input = read(bytes, kind, Choice::Auto).unwrap();
    let cites = extract_citations(&input.text);
    let link = Template::parse("https://example.org/{symbol}").unwrap();
    let out = annotate(&input, bytes, &cites, Format::Html, Some(&link));
    (out, cites.into_iter().map(|c| c.text).collect())
}

#[test]
fn chromium_sees_every_citation_whole_and_in_order() {
    let Some(chrome) = chromium() else {
        eprintln!(
            "SKIPPED: Chromium is not installed (apt-get install chromium); the browser test did not run"
        );
        return;
    };
    let dir = std::env::temp_dir().join(format!("vanban-browser-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let pages = [
        ("html/tccs_article.html", Kind::Html),
        ("html/dangcongsan_document.html", Kind::Html),
        ("legacy/article.txt", Kind::Text),
    ];
    for (name, kind) in pages {
        let (mut page, want) = annotated(&std::fs::read(fixtures.join(name)).unwrap(), kind);
        assert!(!want.is_empty(), "{name}");
        page.extend_from_slice(COLLECT.as_bytes());
        let path = dir.join(name.replace('/', "_") + ".html");
        std::fs::write(&path, &page).unwrap();
        let dom = run(&chrome, &["--dump-dom"], &path);
        let json = dom
            .split("<pre id=\"vanban-result\">")
            .nth(1)
            .and_then(|s| s.split("</pre>").next())
            .unwrap_or_else(|| panic!("{name}: no result in the DOM"));
        let json = json
            .replace("&quot;", "\"")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&");
        let got: Vec<(usize, String)> = serde_json::from_str(&json).unwrap();
        let ids: Vec<usize> = got.iter().map(|g| g.0).collect();
        assert_eq!(
            ids,
            (0..want.len()).collect::<Vec<_>>(),
            "{name}: one group per citation, in order"
        );
        for ((_, text), want) in got.iter().zip(&want) {
            assert_eq!(squash(text), squash(want), "{name}");
        }
    }
    if let Some(shot) = std::env::var_os("VANBAN_SCREENSHOT") {
        let (page, _) = annotated(
            &std::fs::read(fixtures.join("html/tccs_article.html")).unwrap(),
            Kind::Html,
        );
        let html =
            String::from_utf8(page)
                .unwrap()
                .replacen("</head>", &format!("{STYLE}</head>"), 1);
        let path = dir.join("screenshot.html");
        std::fs::write(&path, html).unwrap();
        let shot = std::path::absolute(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../..")
                .join(shot),
        )
        .unwrap();
        run(
            &chrome,
            &[
                &format!("--screenshot={}", shot.display()),
                "--window-size=1000,780",
            ],
            &path,
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
