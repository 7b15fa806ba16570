//! What of the user's text may become markup on a page: links and images only to URLs a reader
//! can safely follow, raw HTML never, and every plain text escaped for Markdown as for HTML.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag};

/// Whether a link or image may point at `url`: http, https and mailto, relative paths and
/// `#anchors`. The URL is read as a browser reads it (tabs and newlines removed, leading
/// controls and spaces trimmed), and entities are already decoded by the Markdown parser.
pub(crate) fn safe_url(url: &str) -> bool {
    let url: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let Some((scheme, _)) = url.split_once(':') else {
        return true;
    };
    let is_scheme = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    // A colon after a path, query or fragment starts no scheme: `./a:b`, `#a:b`.
    if !is_scheme {
        return scheme.contains(['/', '?', '#']);
    }
    ["http", "https", "mailto"]
        .iter()
        .any(|safe| scheme.eq_ignore_ascii_case(safe))
}

/// Plain text as Markdown inline content that shows as written: every character that could
/// start markup (emphasis, code, links, HTML, entities, table cells) is backslash-escaped, and
/// line breaks become spaces so that the text stays in its cell or heading.
pub(crate) fn text(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (index, &c) in chars.iter().enumerate() {
        let word = |at: Option<&char>| at.is_some_and(|c| c.is_alphanumeric());
        let inside_word =
            word(index.checked_sub(1).and_then(|i| chars.get(i))) && word(chars.get(index + 1));
        match c {
            // An underscore inside a word (snake_case) opens no emphasis.
            '_' if inside_word => out.push('_'),
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '|' | '~' | '!' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\u{2028}' | '\u{2029}' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// `text` as one Markdown code span: a fence longer than any run of backticks in it, pipes
/// escaped when it stands in a table cell (GitHub's tables split cells before code spans).
pub(crate) fn code(text: &str, in_table: bool) -> String {
    let text = text.replace(['\n', '\r'], " ");
    if text.is_empty() {
        return String::new();
    }
    let text = if in_table {
        text.replace('|', "\\|")
    } else {
        text
    };
    let fence = "`".repeat(longest_run(&text, '`') + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') || text.starts_with(' ') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// Text escaped for HTML, in an element or a quoted attribute.
pub(crate) fn html(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            c => escaped.push(c),
        }
    }
    escaped
}

/// The fence of a code block holding `text`: longer than any run of backticks in it.
pub(crate) fn block_fence(text: &str) -> String {
    "`".repeat(longest_run(text, '`').max(2) + 1)
}

fn longest_run(text: &str, of: char) -> usize {
    let (mut longest, mut run) = (0, 0);
    for c in text.chars() {
        run = if c == of { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    longest
}

/// The parser options of the pages: GitHub's tables and strikethrough, as most docs sites read.
pub(crate) fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// A Markdown description (a doc comment, the page's introduction) kept as Markdown, with its
/// raw HTML, and its links and images to URLs that are not safe, turned into text. Checked by
/// parsing the result again; should anything active be left, the whole text is shown as a code
/// block instead.
pub(crate) fn markdown(source: &str) -> String {
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    let parser = Parser::new_ext(source, options());
    for (_, definition) in parser.reference_definitions().iter() {
        if !safe_url(&definition.dest) {
            let span = definition.span.clone();
            let escaped = source[span.clone()].replace('[', "\\[").replace(']', "\\]");
            edits.push((span, escaped));
        }
    }
    for (event, range) in parser.into_offset_iter() {
        match event {
            Event::Html(_) | Event::InlineHtml(_) => {
                let escaped = source[range.clone()].replace('<', "&lt;");
                edits.push((range, escaped));
            }
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. })
                if !safe_url(&dest_url) =>
            {
                let shown = text(&source[range.clone()]);
                edits.push((range, shown));
            }
            _ => {}
        }
    }
    edits.sort_by_key(|(range, _)| range.start);
    let mut out = String::with_capacity(source.len());
    let mut at = 0;
    for (range, replacement) in edits {
        if range.start < at {
            continue; // inside an edit already made: an image within an unsafe link
        }
        out.push_str(&source[at..range.start]);
        out.push_str(&replacement);
        at = range.end;
    }
    out.push_str(&source[at..]);
    if active(&out) {
        let fence = block_fence(source);
        return format!("{fence}text\n{source}\n{fence}\n");
    }
    out
}

/// Whether Markdown holds raw HTML, or a link, image or reference definition to a URL that is
/// not safe.
fn active(markdown: &str) -> bool {
    let parser = Parser::new_ext(markdown, options());
    let unsafe_definition = parser
        .reference_definitions()
        .iter()
        .any(|(_, definition)| !safe_url(&definition.dest));
    unsafe_definition
        || parser.into_iter().any(|event| match event {
            Event::Html(_) | Event::InlineHtml(_) => true,
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                !safe_url(&dest_url)
            }
            _ => false,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_urls_a_reader_can_follow_are_safe() {
        for url in [
            "https://example.com/a:b",
            "HTTP://example.com",
            "mailto:team@example.com",
            "/errors#not_found",
            "#not_found",
            "errors.html",
            "./a:b",
            "//example.com",
            "?q=a:b",
        ] {
            assert!(safe_url(url), "{url}");
        }
        for url in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " javascript:alert(1)",
            "\u{1}javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "vbscript:msgbox(1)",
            "data:text/html,<script>alert(1)</script>",
            "file:///etc/passwd",
        ] {
            assert!(!safe_url(url), "{url:?}");
        }
    }

    #[test]
    fn a_code_span_holds_any_backticks() {
        assert_eq!(code("a`b", false), "``a`b``");
        assert_eq!(code("`a`", false), "`` `a` ``");
        assert_eq!(code("a|b", true), "`a\\|b`");
        assert_eq!(code("", true), "");
    }

    #[test]
    fn text_escapes_markup_but_not_snake_case() {
        assert_eq!(text("use store_unavailable"), "use store_unavailable");
        assert_eq!(text("_a_ *b* <i>"), "\\_a\\_ \\*b\\* \\<i\\>");
        assert_eq!(text("a\nb"), "a b");
    }
}
