//! The TypeScript text of each error: its type, with JSDoc from its doc comment, and its message
//! as a function of its details.

use std::fmt::Write as _;

use serde_json::Value;

use crate::catalog::{CatalogEntry, FieldEntry, JsonType};
use crate::code::Code;
use crate::message::{Piece, template_pieces};

/// How deep a detail's own JSON Schema is followed; below, its values are `unknown`.
const MAX_DEPTH: usize = 8;

/// Words TypeScript does not take as a type's name.
const RESERVED: &[&str] = &[
    "any",
    "boolean",
    "break",
    "case",
    "catch",
    "class",
    "const",
    "continue",
    "debugger",
    "declare",
    "default",
    "delete",
    "do",
    "else",
    "enum",
    "export",
    "extends",
    "false",
    "finally",
    "for",
    "function",
    "if",
    "implements",
    "import",
    "in",
    "instanceof",
    "interface",
    "let",
    "never",
    "new",
    "null",
    "number",
    "object",
    "package",
    "private",
    "protected",
    "public",
    "return",
    "static",
    "string",
    "super",
    "switch",
    "symbol",
    "this",
    "throw",
    "true",
    "try",
    "type",
    "typeof",
    "undefined",
    "unknown",
    "var",
    "void",
    "while",
    "with",
    "yield",
];

/// `name` as a TypeScript identifier: a Rust identifier is one, unless it is a reserved word.
pub(super) fn identifier(name: &str) -> String {
    let name = name.trim_start_matches("r#");
    match RESERVED.contains(&name) {
        true => format!("{name}Error"),
        false => name.to_owned(),
    }
}

/// `export interface Name { ... }` with its JSDoc.
pub(super) fn write_error(
    out: &mut String,
    name: &str,
    entry: &CatalogEntry,
    link: Option<String>,
) {
    write_doc(
        out,
        "",
        entry.description,
        link.as_deref(),
        entry.deprecated,
    );
    let status = entry.status.map_or(0, |status| status.as_u16());
    let code = match entry.code {
        Some(Code::Str(code)) => json_string(code),
        Some(Code::Int(code)) => code.to_string(),
        None => "null".to_owned(),
    };
    let _ = writeln!(out, "export interface {name} {{");
    let _ = writeln!(out, "  readonly known: true;");
    let _ = writeln!(out, "  status: {status};");
    let _ = writeln!(out, "  code: {code};");
    let _ = writeln!(out, "  name: {};", json_string(entry.name));
    let _ = writeln!(out, "  message: string;");
    let _ = writeln!(out, "  details: {};", details_type(entry.fields));
    let _ = writeln!(out, "  requestId?: string;");
    let _ = writeln!(
        out,
        "  /** Seconds to wait before sending the request again. */"
    );
    let _ = writeln!(out, "  retryAfter?: number;");
    out.push_str("}\n\n");
}

/// A parameter of a message function: the field a placeholder names, the key it has in the
/// function's argument (its detail's wire name, else its own), and its type.
pub(super) struct Param {
    field: String,
    key: String,
    ty: String,
}

/// The parameters of an entry's message functions: every field a placeholder names in any of
/// `templates` (its message in each locale), so that the functions of every locale take the same
/// argument.
pub(super) fn message_params(entry: &CatalogEntry, templates: &[&str]) -> Vec<Param> {
    let mut params: Vec<Param> = Vec::new();
    for template in templates {
        for piece in template_pieces(template) {
            let Piece::Field { name, .. } = piece else {
                continue;
            };
            if params.iter().any(|param| param.field == name) {
                continue;
            }
            let field = entry.fields.iter().find(|field| field.name == name);
            params.push(Param {
                field: name.to_owned(),
                key: field
                    .and_then(|field| field.detail)
                    .unwrap_or(name)
                    .to_owned(),
                ty: field.map_or_else(|| "unknown".to_owned(), field_type),
            });
        }
    }
    params
}

/// `"key": (details: {..}): string => ..,` for a `messages` object: the entry's message
/// `template` (empty for the reason phrase) as a function of `params`.
pub(super) fn write_message(
    out: &mut String,
    key: &str,
    entry: &CatalogEntry,
    template: &str,
    params: &[Param],
) {
    let label = json_string(key);
    let summary = entry.description.split("\n\n").next().unwrap_or_default();
    write_doc(out, "  ", summary, None, entry.deprecated);
    let argument = match params.is_empty() {
        true => String::new(),
        false => {
            let shape: Vec<String> = params
                .iter()
                .map(|param| format!("{}: {}", json_string(&param.key), param.ty))
                .collect();
            format!("details: {{ {} }}", shape.join("; "))
        }
    };
    let fixed = match template.is_empty() {
        true => Some(
            entry
                .status
                .and_then(|status| status.canonical_reason())
                .unwrap_or("Error")
                .to_owned(),
        ),
        false => template_pieces(template)
            .into_iter()
            .map(|piece| match piece {
                Piece::Text(text) => Some(text.into_owned()),
                Piece::Field { .. } => None,
            })
            .collect(),
    };
    if let Some(text) = fixed {
        // A function of the same argument in every locale, which a fixed text leaves unread.
        let argument = argument.replacen("details", "_details", 1);
        let _ = writeln!(
            out,
            "  {label}: ({argument}): string => {},",
            json_string(&text)
        );
        return;
    }
    let values: Vec<String> = params
        .iter()
        .map(|param| {
            format!(
                "{}: details[{}]",
                json_string(&param.field),
                json_string(&param.key)
            )
        })
        .collect();
    let _ = writeln!(
        out,
        "  {label}: ({argument}): string =>\n    format({}, {{ {} }}),",
        json_string(template),
        values.join(", ")
    );
}

/// The type of an error's `details`: an object of its detail entries, or its whole details.
fn details_type(fields: &[FieldEntry]) -> String {
    let mut members = Vec::new();
    let mut whole = Vec::new();
    for field in fields {
        if field.details {
            whole.push(field.schema().map_or_else(
                || "Record<string, unknown>".to_owned(),
                |schema| schema_type(&schema, 0),
            ));
        } else if let Some(detail) = field.detail {
            members.push(format!("{}: {}", json_string(detail), field_type(field)));
        }
    }
    let object = match members.is_empty() {
        true => None,
        false => Some(format!("{{ {} }}", members.join("; "))),
    };
    let parts: Vec<String> = object.into_iter().chain(whole).collect();
    match parts.is_empty() {
        true => "Record<string, never>".to_owned(),
        false => parts.join(" & "),
    }
}

/// The type of a field's value: its own schema's, else its JSON type's.
fn field_type(field: &FieldEntry) -> String {
    let ty = match field.schema() {
        Some(schema) => schema_type(&schema, 0),
        None => json_type(field.json_type).to_owned(),
    };
    match field.nullable && !ty.ends_with("| null") && ty != "unknown" {
        true => format!("{ty} | null"),
        false => ty,
    }
}

fn json_type(json_type: JsonType) -> &'static str {
    match json_type {
        JsonType::String => "string",
        JsonType::Integer | JsonType::Number => "number",
        JsonType::Boolean => "boolean",
        JsonType::Array => "unknown[]",
        JsonType::Object => "Record<string, unknown>",
        JsonType::Any => "unknown",
    }
}

/// The TypeScript type a JSON Schema describes, as far as its common keywords say; `unknown`
/// where it says more (a `$ref`, a condition) or nests deeper than [`MAX_DEPTH`].
fn schema_type(schema: &Value, depth: usize) -> String {
    let Value::Object(schema) = schema else {
        return "unknown".to_owned();
    };
    if depth > MAX_DEPTH {
        return "unknown".to_owned();
    }
    let union =
        |types: Vec<String>| match types.iter().any(|ty| ty == "unknown") || types.is_empty() {
            true => "unknown".to_owned(),
            false => {
                let mut unique: Vec<String> = Vec::new();
                for ty in types {
                    if !unique.contains(&ty) {
                        unique.push(ty);
                    }
                }
                unique.join(" | ")
            }
        };
    if let Some(Value::Array(values)) = schema.get("enum") {
        return union(values.iter().map(literal).collect());
    }
    if let Some(value) = schema.get("const") {
        return literal(value);
    }
    for key in ["anyOf", "oneOf"] {
        if let Some(Value::Array(options)) = schema.get(key) {
            let options = options
                .iter()
                .map(|option| schema_type(option, depth + 1))
                .collect();
            return union(options);
        }
    }
    match schema.get("type") {
        Some(Value::String(ty)) => of_type(ty, schema, depth),
        Some(Value::Array(types)) => union(
            types
                .iter()
                .map(|ty| {
                    ty.as_str()
                        .map_or_else(|| "unknown".to_owned(), |ty| of_type(ty, schema, depth))
                })
                .collect(),
        ),
        _ => "unknown".to_owned(),
    }
}

fn of_type(ty: &str, schema: &serde_json::Map<String, Value>, depth: usize) -> String {
    match ty {
        "string" => "string".to_owned(),
        "integer" | "number" => "number".to_owned(),
        "boolean" => "boolean".to_owned(),
        "null" => "null".to_owned(),
        "array" => {
            let items = schema.get("items").map_or_else(
                || "unknown".to_owned(),
                |items| schema_type(items, depth + 1),
            );
            format!("({items})[]")
        }
        "object" => {
            let required: Vec<&str> = match schema.get("required") {
                Some(Value::Array(names)) => names.iter().filter_map(Value::as_str).collect(),
                _ => Vec::new(),
            };
            let properties: Vec<String> = match schema.get("properties") {
                Some(Value::Object(properties)) => properties
                    .iter()
                    .map(|(name, property)| {
                        let optional = if required.contains(&name.as_str()) {
                            ""
                        } else {
                            "?"
                        };
                        format!(
                            "{}{optional}: {}",
                            json_string(name),
                            schema_type(property, depth + 1)
                        )
                    })
                    .collect(),
                _ => Vec::new(),
            };
            let rest = match schema.get("additionalProperties") {
                Some(Value::Bool(false)) => None,
                Some(Value::Object(_)) => Some(format!(
                    "Record<string, {}>",
                    schema_type(&schema["additionalProperties"], depth + 1)
                )),
                _ if properties.is_empty() => Some("Record<string, unknown>".to_owned()),
                _ => None,
            };
            match (properties.is_empty(), rest) {
                (true, Some(rest)) => rest,
                (true, None) => "Record<string, never>".to_owned(),
                (false, None) => format!("{{ {} }}", properties.join("; ")),
                (false, Some(_)) => {
                    format!("{{ {}; [key: string]: unknown }}", properties.join("; "))
                }
            }
        }
        _ => "unknown".to_owned(),
    }
}

fn literal(value: &Value) -> String {
    match value {
        Value::String(_) | Value::Number(_) | Value::Bool(_) | Value::Null => value.to_string(),
        _ => "unknown".to_owned(),
    }
}

/// `text` as a TypeScript string literal: JSON's is one.
fn json_string(text: &str) -> String {
    Value::from(text).to_string()
}

/// A JSDoc comment of a doc comment (Markdown), with a link to the documentation page and the
/// deprecation note; nothing when there is none of these.
fn write_doc(
    out: &mut String,
    indent: &str,
    text: &str,
    link: Option<&str>,
    deprecated: Option<&str>,
) {
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    if let Some(link) = link {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.push(format!("@see {link}"));
    }
    if let Some(note) = deprecated {
        lines.push(format!("@deprecated {note}").trim_end().to_owned());
    }
    if lines.is_empty() {
        return;
    }
    let _ = writeln!(out, "{indent}/**");
    for line in lines {
        // `*/` would end the comment early.
        let line = line.replace("*/", "*\\/");
        match line.is_empty() {
            true => {
                let _ = writeln!(out, "{indent} *");
            }
            false => {
                let _ = writeln!(out, "{indent} * {line}");
            }
        }
    }
    let _ = writeln!(out, "{indent} */");
}
