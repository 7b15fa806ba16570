//! The page as Markdown.

use std::fmt::Write as _;

use super::model::{Document, ErrorDoc, status_line};

pub(super) fn render(document: &Document, intro: &str) -> String {
    let mut out = format!("# {}\n\n", document.title);
    if !intro.is_empty() {
        out.push_str(intro.trim_end());
        out.push_str("\n\n");
    }
    out.push_str("| Code | Status | Title | Message |\n|---|---|---|---|\n");
    for error in document.types.iter().flat_map(|doc| &doc.errors) {
        let _ = writeln!(
            out,
            "| [`{}`](#{}) | {} | {} | {} |",
            error.label(),
            error.anchor,
            status_line(error.status),
            cell(error.title.as_deref().unwrap_or("")),
            cell(&error.shown_message()),
        );
    }
    for doc in &document.types {
        let _ = write!(out, "\n## {}\n\n", doc.name);
        if !doc.description.is_empty() {
            out.push_str(doc.description.trim_end());
            out.push_str("\n\n");
        }
        for error in &doc.errors {
            entry(&mut out, error, doc.content_type.as_deref());
        }
    }
    out
}

fn entry(out: &mut String, error: &ErrorDoc, content_type: Option<&str>) {
    let _ = write!(
        out,
        "<a id=\"{}\"></a>\n\n### `{}`\n\n| | |\n|---|---|\n",
        error.anchor,
        error.label()
    );
    let mut row = |name: &str, value: &str| {
        let _ = writeln!(out, "| {name} | {value} |");
    };
    row("Status", &status_line(error.status));
    if let Some(code) = &error.code {
        row("Code", &format!("`{code}`"));
    }
    if let Some(title) = &error.title {
        row("Title", &cell(title));
    }
    row("Message", &format!("`{}`", cell(&error.shown_message())));
    if let Some(uri) = &error.type_uri {
        row("Type", &format!("`{uri}`"));
    }
    if let Some(by) = &error.forwarded_by {
        row("Variant", &format!("`{}`, forwarded by `{by}`", error.name));
    } else {
        row("Variant", &format!("`{}`", error.name));
    }
    row("Retry", &error.retry_advice());
    if let Some(note) = &error.deprecated {
        row(
            "Deprecated",
            &cell(if note.is_empty() { "yes" } else { note }),
        );
    }
    out.push('\n');
    if !error.description.is_empty() {
        out.push_str(&super::demote_headings(error.description.trim_end(), 3));
        out.push('\n');
    }
    if !error.details.is_empty() {
        out.push_str("**Details**\n\n| Name | Type | Description |\n|---|---|---|\n");
        for detail in &error.details {
            let nullable = if detail.nullable { " or null" } else { "" };
            let name = match detail.name.as_str() {
                "*" => "*all: the field is the whole object*".to_owned(),
                name => format!("`{name}`"),
            };
            let _ = writeln!(
                out,
                "| {name} | {}{nullable} | {} |",
                detail.json_type,
                cell(&detail.description)
            );
        }
        out.push('\n');
    }
    if !error.headers.is_empty() {
        out.push_str("**Headers**\n\n");
        for header in &error.headers {
            let _ = writeln!(out, "- `{}`: {}", header.name, header.value);
        }
        out.push('\n');
    }
    if let Some(example) = &error.example_pretty {
        let _ = write!(
            out,
            "**Example** ({})\n\n```json\n{example}\n```\n\n",
            content_type.unwrap_or("application/json")
        );
    }
}

/// Text for a table cell: one line, pipes escaped.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}
