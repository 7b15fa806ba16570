//! The page as Markdown. The user's plain text is escaped and their Markdown made safe
//! (`safe.rs`), so that no renderer, raw HTML allowed or not, finds an element in it.

use std::fmt::Write as _;

use super::file::MARKER;
use super::model::{Document, ErrorDoc, status_line, untyped_advice};
use super::safe::{self, code, text};

pub(super) fn render(document: &Document, intro: &str) -> String {
    let mut out = format!("{MARKER}\n\n# {}\n\n", text(&document.title));
    if !intro.trim().is_empty() {
        out.push_str(safe::markdown(intro).trim_end());
        out.push_str("\n\n");
    }
    // The gRPC column, when the page has gRPC errors.
    let grpc = document.types.iter().any(|doc| doc.domain.is_some());
    out.push_str(match grpc {
        true => "| Code | Status | gRPC | Title | Message |\n|---|---|---|---|---|\n",
        false => "| Code | Status | Title | Message |\n|---|---|---|---|\n",
    });
    for error in document.types.iter().flat_map(|doc| &doc.errors) {
        let status = status_line(error.status);
        // An error without a code is linked from its status: a variant's name is no code.
        let (code_cell, status_cell) = match &error.code {
            Some(wire) => (
                format!("[{}](#{})", code(&wire.to_string(), true), error.anchor),
                status,
            ),
            None => (String::new(), format!("[{status}](#{})", error.anchor)),
        };
        let grpc_cell = match (grpc, &error.grpc) {
            (true, Some(grpc)) => format!(" {} |", code(grpc.code.name(), true)),
            (true, None) => " |".to_owned(),
            (false, _) => String::new(),
        };
        let _ = writeln!(
            out,
            "| {code_cell} | {status_cell} |{grpc_cell} {} | {} |",
            text(error.title.as_deref().unwrap_or("")),
            text(&error.shown_message()),
        );
    }
    for doc in &document.types {
        let _ = write!(out, "\n## {}\n\n", text(&doc.name));
        if !doc.description.trim().is_empty() {
            out.push_str(safe::markdown(&doc.description).trim_end());
            out.push_str("\n\n");
        }
        if let Some(domain) = &doc.domain {
            let _ = write!(
                out,
                "Over gRPC, each error is a status with an `ErrorInfo` in the domain {}.\n\n",
                code(domain, true)
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
    out
}

fn entry(out: &mut String, error: &ErrorDoc, content_type: Option<&str>, language: Option<&str>) {
    let heading = match &error.code {
        Some(wire) => code(&wire.to_string(), false),
        None => text(&error.name),
    };
    let _ = write!(
        out,
        "<a id=\"{}\"></a>\n\n### {heading}\n\n| | |\n|---|---|\n",
        safe::html(&error.anchor),
    );
    let mut row = |name: &str, value: &str| {
        let _ = writeln!(out, "| {name} | {value} |");
    };
    row("Status", &status_line(error.status));
    if let Some(wire) = &error.code {
        row("Code", &code(&wire.to_string(), true));
    }
    if let Some(title) = &error.title {
        row("Title", &text(title));
    }
    row("Message", &code(&error.shown_message(), true));
    // Each other locale's message; the page's own is the one above.
    let others = error
        .translations
        .iter()
        .filter(|(locale, _)| Some(locale.as_str()) != language);
    for (locale, message) in others {
        row(&format!("Message ({})", text(locale)), &code(message, true));
    }
    if let Some(uri) = &error.type_uri {
        row("Type", &code(uri, true));
    }
    let variant = code(&error.name, true);
    match &error.forwarded_by {
        Some(by) => row(
            "Variant",
            &format!("{variant}, forwarded by {}", code(by, true)),
        ),
        None => row("Variant", &variant),
    }
    row("Retry", &error.retry_advice());
    if let Some(grpc) = &error.grpc {
        let value = format!(
            "{}, reason {}",
            code(grpc.code.name(), true),
            code(&grpc.reason, true)
        );
        row("gRPC", &value);
    }
    if let Some(why) = &error.untyped {
        row("Client", &text(&untyped_advice(why)));
    }
    if let Some(note) = &error.deprecated {
        row(
            "Deprecated",
            &text(if note.is_empty() { "yes" } else { note }),
        );
    }
    out.push('\n');
    if !error.description.trim().is_empty() {
        let description = safe::markdown(error.description.trim_end());
        out.push_str(&super::demote_headings(&description, 3));
        out.push('\n');
    }
    if !error.details.is_empty() {
        out.push_str("**Details**\n\n| Name | Type | Description |\n|---|---|---|\n");
        for detail in &error.details {
            let nullable = if detail.nullable { " or null" } else { "" };
            let name = match detail.name.as_str() {
                "*" => "*all: the field is the whole object*".to_owned(),
                name => code(name, true),
            };
            let _ = writeln!(
                out,
                "| {name} | {}{nullable} | {} |",
                text(&detail.json_type),
                text(&detail.description)
            );
        }
        out.push('\n');
    }
    if !error.headers.is_empty() {
        out.push_str("**Headers**\n\n");
        for header in &error.headers {
            let _ = writeln!(
                out,
                "- {}: {}",
                code(&header.name, false),
                text(&header.value)
            );
        }
        out.push('\n');
    }
    if let Some(example) = &error.example_pretty {
        let fence = safe::block_fence(example);
        let _ = write!(
            out,
            "**Example** ({})\n\n{fence}json\n{example}\n{fence}\n\n",
            text(content_type.unwrap_or("application/json"))
        );
    }
}
