//! The messages in other locales: declared inline (`message(fr = "...")`) or in Fluent files
//! (`fluent = "locales/{locale}.ftl"`), read and checked here, every locale of every message,
//! when the derive runs. A Fluent message's id is its error's code, or its variant's name for an
//! error without a code (or with a code that is no Fluent identifier).

use std::path::Path;

use fluent_syntax::ast::{Entry, Expression, InlineExpression, PatternElement};
use proc_macro2::Span;
use syn::LitStr;
use syn::ext::IdentExt;

use crate::ast::{Input, Variant};
use crate::attr::CodeValue;
use crate::errors::Errors;
use crate::message::Message;

/// The two-letter language codes of ISO 639-1: a locale's language is one of them.
const LANGUAGES: &str = "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce \
    ch co cr cs cu cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv \
    ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr \
    ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn \
    no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so \
    sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh \
    yi yo za zh zu";

/// What the translations of a type are.
#[derive(Default)]
pub struct Translations {
    /// The locales as declared, the default first; empty for a type without `locales`.
    pub locales: Vec<String>,
    /// For each variant, its message in each locale after the default; `None` for a
    /// `transparent` variant, whose errors are another type's.
    pub messages: Vec<Vec<Option<Message>>>,
    /// The Fluent files read, relative to the crate's folder: the generated code includes them,
    /// so that editing one rebuilds the crate.
    pub files: Vec<String>,
}

impl Translations {
    /// Whether the type's messages are in more than one locale.
    pub fn any(&self) -> bool {
        self.locales.len() > 1
    }
}

/// Reads and checks the translations of `input`; every mistake goes to `errors`.
pub fn load(input: &Input, errors: &mut Errors) -> Translations {
    // Each translation written inline, with its variant's row.
    let inline: Vec<(usize, &LitStr, &Message)> = input
        .variants
        .iter()
        .enumerate()
        .flat_map(|(row, variant)| {
            let attrs = input.attrs_of(variant);
            attrs
                .translations
                .iter()
                .map(move |(locale, message)| (row, locale, message))
        })
        .collect();
    let Some(declared) = input.attrs.locales.get() else {
        let needs = |what: &str, at: &LitStr, tail: &str| {
            syn::Error::new(
                at.span(),
                format!(
                    "{what} needs the type's locales, the default first: #[api(locales = [\"en\", \"fr\"])]{tail}"
                ),
            )
        };
        for (_, locale, _) in &inline {
            errors.push(needs("a translation", locale, " on the type"));
        }
        if let Some(path) = input.attrs.fluent.get() {
            errors.push(needs("`fluent`", path, ""));
        }
        for (locale, _) in &input.attrs.fallbacks {
            errors.push(needs("a fallback", locale, ""));
        }
        return Translations::default();
    };
    let mut locales: Vec<String> = Vec::new();
    let mut rejected = false;
    for tag in declared {
        let text = tag.value();
        if let Err(problem) = check_tag(&text) {
            rejected = true;
            errors.push(syn::Error::new(tag.span(), problem));
        } else if locales
            .iter()
            .any(|known| known.eq_ignore_ascii_case(&text))
        {
            errors.push(syn::Error::new(
                tag.span(),
                format!("`{text}` is listed twice"),
            ));
        } else {
            locales.push(text);
        }
    }
    // A rejected tag is the one mistake: not also every translation in it.
    if locales.is_empty() || rejected {
        return Translations::default();
    }
    let mut messages: Vec<Vec<Option<Message>>> = input
        .variants
        .iter()
        .map(|_| (1..locales.len()).map(|_| None).collect())
        .collect();
    for (row, tag, message) in inline {
        let text = tag.value();
        match locales.iter().position(|known| known.eq_ignore_ascii_case(&text)) {
            Some(0) => errors.push(syn::Error::new(
                tag.span(),
                format!("`{text}` is the default locale, whose message is `message = \"...\"`"),
            )),
            Some(index) => {
                messages[row][index - 1] = Some(message.clone());
            }
            None => errors.push(syn::Error::new(
                tag.span(),
                format!(
                    "`{text}` is not one of the type's locales ({}); add it to #[api(locales = [...])]",
                    locales.join(", ")
                ),
            )),
        }
    }
    let fallbacks = fallbacks(input, &locales, errors);
    let mut files = Vec::new();
    if let Some(pattern) = input.attrs.fluent.get() {
        files = read_fluent(input, pattern, &locales, &fallbacks, &mut messages, errors);
    }
    // A locale with a fallback takes what it lacks from there (the default: the message itself).
    for row in &mut messages {
        // As many rounds as fallbacks: a chain (`fr-CA` to `fr-FR` to `fr`) resolves in order.
        for _ in 0..fallbacks.len() {
            for (from, to) in &fallbacks {
                if row[*from - 1].is_none() && *to > 0 {
                    row[*from - 1] = row[*to - 1].clone();
                }
            }
        }
    }
    for (variant, row) in input.variants.iter().zip(&mut messages) {
        if input.is_transparent(variant) {
            row.iter_mut().for_each(|message| *message = None);
            continue;
        }
        for (index, (locale, message)) in locales[1..].iter().zip(row.iter()).enumerate() {
            match message {
                Some(message) => {
                    crate::valid::check_placeholders(input, variant, message, Some(locale), errors)
                }
                // The default's message, at run time.
                None if fallbacks.iter().any(|(from, _)| *from == index + 1) => {}
                None => errors.push(syn::Error::new(
                    variant.ident.span(),
                    format!(
                        "`{}` has no message in `{locale}`; write #[api(message({} = \"...\"))]{}",
                        variant.ident,
                        locale.replace('-', "_"),
                        match input.attrs.fluent.get() {
                            Some(_) => format!(
                                ", or `{} = ...` in the `{locale}` Fluent file",
                                fluent_id(input, variant)
                            ),
                            None => String::new(),
                        }
                    ),
                )),
            }
        }
    }
    Translations {
        locales,
        messages,
        files,
    }
}

/// The declared fallbacks, as (locale, the locale it falls back to) indices in `locales`.
fn fallbacks(input: &Input, locales: &[String], errors: &mut Errors) -> Vec<(usize, usize)> {
    let index_of = |tag: &LitStr| {
        let text = tag.value();
        locales
            .iter()
            .position(|known| known.eq_ignore_ascii_case(&text))
    };
    let undeclared = |tag: &LitStr| {
        syn::Error::new(
            tag.span(),
            format!(
                "`{}` is not one of the type's locales ({}); add it to #[api(locales = [...])]",
                tag.value(),
                locales.join(", ")
            ),
        )
    };
    let mut found = Vec::new();
    for (from, to) in &input.attrs.fallbacks {
        match (index_of(from), index_of(to)) {
            (Some(0), _) => errors.push(syn::Error::new(
                from.span(),
                "the default locale has every message; give a fallback to another locale",
            )),
            (Some(from), Some(to)) if from != to => found.push((from, to)),
            (Some(_), Some(_)) => errors.push(syn::Error::new(
                to.span(),
                "a locale cannot fall back to itself; name another",
            )),
            (None, _) => errors.push(undeclared(from)),
            // The one mistake: not also every message the locale lacks.
            (Some(from), None) => {
                errors.push(undeclared(to));
                found.push((from, 0));
            }
        }
    }
    found
}

/// Whether `tag` is a locale: a language of ISO 639-1, then a script (`Latn`) or a region
/// (`CH`, `419`), as BCP 47 writes them.
fn check_tag(tag: &str) -> Result<(), String> {
    let mut subtags = tag.split('-');
    let language = subtags.next().unwrap_or_default();
    let malformed = || {
        format!(
            "`{tag}` is not a locale tag; write a language and an optional region, as `fr` or `fr-CH`"
        )
    };
    if language.len() != 2 || !language.bytes().all(|byte| byte.is_ascii_lowercase()) {
        return Err(malformed());
    }
    if !LANGUAGES.split_whitespace().any(|known| known == language) {
        return Err(format!(
            "`{language}` is not a language of ISO 639-1; write its two-letter code, as `fr`"
        ));
    }
    for subtag in subtags {
        let script = subtag.len() == 4 && subtag.bytes().all(|byte| byte.is_ascii_alphabetic());
        let region = (subtag.len() == 2 && subtag.bytes().all(|byte| byte.is_ascii_uppercase()))
            || (subtag.len() == 3 && subtag.bytes().all(|byte| byte.is_ascii_digit()));
        if !script && !region {
            return Err(malformed());
        }
    }
    Ok(())
}

/// The id of a variant's message in a Fluent file: its code, or its name.
fn fluent_id(input: &Input, variant: &Variant) -> String {
    match input.code_of(variant) {
        Some((CodeValue::Str(code), _)) if is_fluent_id(&code) => code,
        _ => variant.ident.unraw().to_string(),
    }
}

fn is_fluent_id(text: &str) -> bool {
    let mut bytes = text.bytes();
    bytes
        .next()
        .is_some_and(|first| first.is_ascii_alphabetic())
        && bytes.all(|byte| byte.is_ascii_alphanumeric() || byte == b'_' || byte == b'-')
}

/// Reads each locale's Fluent file into `messages`; the files' paths, relative to the crate.
fn read_fluent(
    input: &Input,
    pattern: &LitStr,
    locales: &[String],
    fallbacks: &[(usize, usize)],
    messages: &mut [Vec<Option<Message>>],
    errors: &mut Errors,
) -> Vec<String> {
    let span = pattern.span();
    let pattern = pattern.value();
    if !pattern.contains("{locale}") {
        errors.push(syn::Error::new(
            span,
            "the Fluent path names each locale's file with `{locale}`: `fluent = \"locales/{locale}.ftl\"`",
        ));
        return Vec::new();
    }
    let root = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default();
    let mut files = Vec::new();
    for (index, locale) in locales.iter().enumerate().skip(1) {
        let relative = pattern.replace("{locale}", locale);
        let error = |line: Option<usize>, problem: String| {
            let at = match line {
                Some(line) => format!("{relative}:{line}"),
                None => relative.clone(),
            };
            syn::Error::new(span, format!("{at}: {problem}"))
        };
        let text = match std::fs::read_to_string(Path::new(&root).join(&relative)) {
            Ok(text) => text,
            // A locale with a fallback may have no file of its own.
            Err(problem)
                if problem.kind() == std::io::ErrorKind::NotFound
                    && fallbacks.iter().any(|(from, _)| *from == index) =>
            {
                continue;
            }
            Err(problem) => {
                errors.push(error(
                    None,
                    format!("cannot read the `{locale}` translations: {problem}"),
                ));
                continue;
            }
        };
        files.push(relative.clone());
        let line_of = |offset: usize| text[..offset.min(text.len())].matches('\n').count() + 1;
        let resource = match fluent_syntax::parser::parse(text.as_str()) {
            Ok(resource) => resource,
            Err((resource, problems)) => {
                for problem in problems {
                    errors.push(error(
                        Some(line_of(problem.pos.start)),
                        problem.kind.to_string(),
                    ));
                }
                resource
            }
        };
        for entry in resource.body {
            let Entry::Message(message) = entry else {
                continue;
            };
            let id = message.id.name;
            let line = line_of(id.as_ptr() as usize - text.as_ptr() as usize);
            let Some(row) = input.variants.iter().position(|variant| {
                !input.is_transparent(variant) && fluent_id(input, variant) == id
            }) else {
                let ids: Vec<String> = input
                    .variants
                    .iter()
                    .filter(|variant| !input.is_transparent(variant))
                    .map(|variant| fluent_id(input, variant))
                    .collect();
                errors.push(error(
                    Some(line),
                    format!("`{id}` is the id of no error; the ids are the codes, or the names of errors without one: {}", ids.join(", ")),
                ));
                continue;
            };
            let Some(value) = message.value else {
                errors.push(error(
                    Some(line),
                    format!("`{id}` has no value; write `{id} = ...`"),
                ));
                continue;
            };
            let mut template = String::new();
            for element in value.elements {
                match element {
                    PatternElement::TextElement { value } => {
                        template.push_str(&value.replace('{', "{{").replace('}', "}}"));
                    }
                    PatternElement::Placeable {
                        expression: Expression::Inline(InlineExpression::VariableReference { id }),
                    } => {
                        template.push('{');
                        template.push_str(id.name);
                        template.push('}');
                    }
                    PatternElement::Placeable {
                        expression: Expression::Inline(InlineExpression::StringLiteral { value }),
                    } => template.push_str(&value.replace('{', "{{").replace('}', "}}")),
                    PatternElement::Placeable { .. } => {
                        errors.push(error(
                            Some(line),
                            format!("`{id}`: an errwire message holds text and fields (`{{ $field }}`) only, not selectors, functions or references"),
                        ));
                        template.clear();
                        break;
                    }
                }
            }
            if template.is_empty() {
                continue;
            }
            if messages[row][index - 1].is_some() {
                errors.push(error(
                    Some(line),
                    format!(
                        "`{id}` is also given inline, as #[api(message({} = ...))]; keep one",
                        locale.replace('-', "_")
                    ),
                ));
                continue;
            }
            match Message::parse(&LitStr::new(&template, Span::call_site())) {
                Ok(mut parsed) => {
                    parsed.span = span;
                    messages[row][index - 1] = Some(parsed);
                }
                Err(problem) => errors.push(error(Some(line), format!("`{id}`: {problem}"))),
            }
        }
    }
    files
}
