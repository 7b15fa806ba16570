//! The page as one HTML document: its own small stylesheet, no script, readable on a phone,
//! printable. Every text is escaped; Markdown descriptions are rendered with their raw HTML
//! escaped too.

use std::fmt::Write as _;

use pulldown_cmark::{Event, Parser, Tag, TagEnd, html::push_html};

use super::file::MARKER;
use super::model::{Document, ErrorDoc, status_line, untyped_advice};
use super::safe::{self, html as escape, safe_url};

const STYLE: &str = "
:root { color-scheme: light dark; --line: #8884; --soft: #8881; }
body { font: 16px/1.5 system-ui, -apple-system, 'Segoe UI', sans-serif; margin: 0; }
main { max-width: 56rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.8rem; }
h2 { margin-top: 2.5rem; border-bottom: 1px solid var(--line); }
h3 { margin: 0 0 .5rem; font-size: 1.2rem; }
section.error { border: 1px solid var(--line); border-radius: .5rem; padding: 1rem; margin: 1.25rem 0; }
section.error:target { outline: 2px solid #2a6fdb; }
.table { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; }
nav table { min-width: 44rem; }
nav td:last-child { min-width: 16rem; }
th, td { text-align: left; vertical-align: top; padding: .35rem .6rem; border-bottom: 1px solid var(--line); }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: .5rem 0 1rem; }
dt { font-weight: 600; }
dd { margin: 0; overflow-wrap: anywhere; }
code, pre { font-family: ui-monospace, 'SF Mono', Menlo, Consolas, monospace; font-size: .9em; }
pre { background: var(--soft); padding: .75rem; border-radius: .4rem; overflow-x: auto; }
.status { font-size: .85rem; font-weight: 600; padding: .1rem .45rem; border-radius: .3rem; white-space: nowrap; }
.client { background: #f5a62333; }
.server { background: #d0021b33; }
.deprecated { font-size: .85rem; color: #b00; margin-left: .4rem; }
@media print {
  :root { color-scheme: light; }
  section.error { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  .status { border: 1px solid #000; background: none; }
}
";

pub(super) fn render(document: &Document, intro: &str) -> String {
    let title = escape(&document.title);
    let mut locales: Vec<&str> = Vec::new();
    for locale in document.types.iter().flat_map(|doc| &doc.locales) {
        if !locales.contains(&locale.as_str()) {
            locales.push(locale);
        }
    }
    let language = document
        .language
        .as_deref()
        .or(locales.first().copied())
        .unwrap_or("en");
    let mut out = format!(
        "<!DOCTYPE html>\n{MARKER}\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n<h1>{title}</h1>\n",
        escape(language)
    );
    // A language switch of plain links.
    if locales.len() > 1 {
        out.push_str("<nav class=\"languages\" aria-label=\"Languages\">");
        for (index, locale) in locales.iter().enumerate() {
            let separator = if index == 0 { "" } else { " · " };
            let current = if *locale == language {
                " aria-current=\"page\""
            } else {
                ""
            };
            let _ = write!(
                out,
                "{separator}<a href=\"?lang={0}\" hreflang=\"{0}\" lang=\"{0}\"{current}>{0}</a>",
                escape(locale)
            );
        }
        out.push_str("</nav>\n");
    }
    out.push_str(&markdown(intro, 0));
    // The gRPC column, when the page has gRPC errors.
    let grpc = document.types.iter().any(|doc| doc.domain.is_some());
    let _ = write!(
        out,
        "<nav aria-label=\"Quick reference\">\n<div class=\"table\"><table>\n\
         <thead><tr><th>Code</th><th>Status</th>{}<th>Title</th><th>Message</th></tr></thead>\n<tbody>\n",
        if grpc { "<th>gRPC</th>" } else { "" }
    );
    for error in document.types.iter().flat_map(|doc| &doc.errors) {
        let link = |inner: String| format!("<a href=\"#{}\">{inner}</a>", escape(&error.anchor));
        // An error without a code is linked from its status: a variant's name is no code.
        let (code, status) = match &error.code {
            Some(code) => (
                link(format!("<code>{}</code>", escape(&code.to_string()))),
                status(error.status),
            ),
            None => (String::new(), link(status(error.status))),
        };
        let grpc = match (grpc, &error.grpc) {
            (true, Some(grpc)) => format!("<td><code>{}</code></td>", grpc.code),
            (true, None) => "<td></td>".to_owned(),
            (false, _) => String::new(),
        };
        let _ = writeln!(
            out,
            "<tr><td>{code}</td><td>{status}</td>{grpc}<td>{}</td><td>{}</td></tr>",
            escape(error.title.as_deref().unwrap_or("")),
            escape(&error.shown_message()),
        );
    }
    out.push_str("</tbody>\n</table></div>\n</nav>\n");
    for doc in &document.types {
        let _ = writeln!(out, "<h2>{}</h2>", escape(&doc.name));
        out.push_str(&markdown(&doc.description, 0));
        if let Some(domain) = &doc.domain {
            let _ = writeln!(
                out,
                "<p>Over gRPC, each error is a status with an <code>ErrorInfo</code> in the domain <code>{}</code>.</p>",
                escape(domain)
            );
        }
        for error in &doc.errors {
            entry(
                &mut out,
                error,
                doc.content_type.as_deref(),
                document.language.as_deref(),
            );
        }
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

fn entry(out: &mut String, error: &ErrorDoc, content_type: Option<&str>, language: Option<&str>) {
    let deprecated = match &error.deprecated {
        Some(_) => "<span class=\"deprecated\">deprecated</span>",
        None => "",
    };
    let name = match &error.code {
        Some(code) => format!("<code>{}</code>", escape(&code.to_string())),
        None => escape(&error.name),
    };
    let _ = write!(
        out,
        "<section class=\"error\" id=\"{}\">\n<h3>{name} {}{deprecated}</h3>\n<dl>\n",
        escape(&error.anchor),
        status(error.status),
    );
    let mut row = |name: &str, value: String| {
        let _ = writeln!(out, "<dt>{name}</dt><dd>{value}</dd>");
    };
    if let Some(code) = &error.code {
        row(
            "Code",
            format!("<code>{}</code>", escape(&code.to_string())),
        );
    }
    if let Some(title) = &error.title {
        row("Title", escape(title));
    }
    row(
        "Message",
        format!("<code>{}</code>", escape(&error.shown_message())),
    );
    // Each other locale's message; the page's own is the one above.
    let others = error
        .translations
        .iter()
        .filter(|(locale, _)| Some(locale.as_str()) != language);
    for (locale, message) in others {
        let name = format!("Message (<span lang=\"{0}\">{0}</span>)", escape(locale));
        let value = format!(
            "<code lang=\"{}\">{}</code>",
            escape(locale),
            escape(message)
        );
        row(&name, value);
    }
    if let Some(uri) = &error.type_uri {
        row("Type", format!("<code>{}</code>", escape(uri)));
    }
    let variant = match &error.forwarded_by {
        Some(by) => format!(
            "<code>{}</code>, forwarded by <code>{}</code>",
            escape(&error.name),
            escape(by)
        ),
        None => format!("<code>{}</code>", escape(&error.name)),
    };
    row("Variant", variant);
    row("Retry", inline_code(&error.retry_advice()));
    if let Some(grpc) = &error.grpc {
        row(
            "gRPC",
            format!(
                "<code>{}</code>, reason <code>{}</code>",
                grpc.code,
                escape(&grpc.reason)
            ),
        );
    }
    if let Some(why) = &error.untyped {
        row("Client", escape(&untyped_advice(why)));
    }
    if let Some(note) = &error.deprecated {
        row(
            "Deprecated",
            escape(if note.is_empty() { "yes" } else { note }),
        );
    }
    out.push_str("</dl>\n");
    out.push_str(&markdown(&error.description, 3));
    if !error.details.is_empty() {
        out.push_str(
            "<h4>Details</h4>\n<div class=\"table\"><table>\n\
             <thead><tr><th>Name</th><th>Type</th><th>Description</th></tr></thead>\n<tbody>\n",
        );
        for detail in &error.details {
            let nullable = if detail.nullable { " or null" } else { "" };
            let name = match detail.name.as_str() {
                "*" => "<em>all: the field is the whole object</em>".to_owned(),
                name => format!("<code>{}</code>", escape(name)),
            };
            let _ = writeln!(
                out,
                "<tr><td>{name}</td><td>{}{nullable}</td><td>{}</td></tr>",
                escape(&detail.json_type),
                escape(&detail.description)
            );
        }
        out.push_str("</tbody>\n</table></div>\n");
    }
    if !error.headers.is_empty() {
        out.push_str("<h4>Headers</h4>\n<ul>\n");
        for header in &error.headers {
            let _ = writeln!(
                out,
                "<li><code>{}</code>: {}</li>",
                escape(&header.name),
                escape(&header.value)
            );
        }
        out.push_str("</ul>\n");
    }
    if let Some(example) = &error.example_pretty {
        let _ = write!(
            out,
            "<h4>Example <small>({})</small></h4>\n<pre><code>{}</code></pre>\n",
            escape(content_type.unwrap_or("application/json")),
            escape(example)
        );
    }
    out.push_str("</section>\n");
}

fn status(status: u16) -> String {
    let class = if status >= 500 { "server" } else { "client" };
    format!(
        "<span class=\"status {class}\">{}</span>",
        escape(&status_line(status))
    )
}

/// Markdown as HTML, headings moved `demote` levels down, raw HTML shown as text, and links and
/// images to URLs that are not safe shown as their text.
fn markdown(text: &str, demote: usize) -> String {
    if text.trim().is_empty() {
        return String::new();
    }
    let text = super::demote_headings(text, demote);
    // Whether each open link or image was dropped, so that its end is dropped too.
    let mut dropped = Vec::new();
    let events = Parser::new_ext(&text, safe::options()).filter_map(|event| match event {
        Event::Html(html) | Event::InlineHtml(html) => Some(Event::Text(html)),
        Event::Start(Tag::Link { ref dest_url, .. } | Tag::Image { ref dest_url, .. }) => {
            let safe = safe_url(dest_url);
            dropped.push(!safe);
            safe.then_some(event)
        }
        Event::End(TagEnd::Link | TagEnd::Image) => {
            (!dropped.pop().unwrap_or(false)).then_some(event)
        }
        event => Some(event),
    });
    let mut html = String::new();
    push_html(&mut html, events);
    html
}

/// Text whose `backticked` parts are code, escaped.
fn inline_code(text: &str) -> String {
    text.split('`')
        .enumerate()
        .map(|(index, part)| match index % 2 {
            1 => format!("<code>{}</code>", escape(part)),
            _ => escape(part),
        })
        .collect()
}
