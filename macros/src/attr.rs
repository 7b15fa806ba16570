//! `#[api(...)]` and doc comments -> typed attributes of one item (type, variant or field).
//! Checks that need one key only happen here: unknown, duplicate or misplaced keys, literal kinds.

use proc_macro2::{Span, TokenTree};
use syn::meta::ParseNestedMeta;
use syn::parse::ParseStream;
use syn::{Attribute, Ident, LitInt, LitStr, Path, Token};

use crate::case::RenameRule;
use crate::errors::Errors;
use crate::header::{self, HeaderName, StaticHeader};
use crate::message::Message;
use crate::status::{self, Status};

/// Where an `#[api(...)]` attribute stands.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Position {
    Enum,
    Struct,
    Variant,
    Field,
}

const TYPE: u8 = 1;
const VARIANT: u8 = 2;
const FIELD: u8 = 4;

#[derive(Clone, Copy)]
enum Key {
    Envelope,
    RenameAll,
    TypeBase,
    Crate,
    Status,
    Header,
    Code,
    SharedCode,
    Message,
    Title,
    Expose,
    Transparent,
    Detail,
    Details,
    Example,
    Retired,
    Retry,
    Locales,
    Fluent,
    Fallback,
    Domain,
    Grpc,
    Reason,
}

/// A key of the attribute language: its name, where it may stand, and what to tell a user who
/// puts it elsewhere.
struct KeySpec {
    name: &'static str,
    key: Key,
    places: u8,
    misplaced_hint: &'static str,
}

const fn key_spec(name: &'static str, key: Key, places: u8) -> KeySpec {
    KeySpec {
        name,
        key,
        places,
        misplaced_hint: "",
    }
}

/// A key of variants, which a struct takes on the type.
const fn variant_key(name: &'static str, key: Key) -> KeySpec {
    KeySpec {
        misplaced_hint: "; put it on each variant (a struct takes it on the type)",
        ..key_spec(name, key, VARIANT)
    }
}

/// Every key of the attribute language; the one place that names them.
const KEYS: &[KeySpec] = &[
    key_spec("envelope", Key::Envelope, TYPE),
    key_spec("rename_all", Key::RenameAll, TYPE),
    key_spec("type_base", Key::TypeBase, TYPE),
    key_spec("crate", Key::Crate, TYPE),
    key_spec("retired", Key::Retired, TYPE),
    key_spec("locales", Key::Locales, TYPE),
    key_spec("fluent", Key::Fluent, TYPE),
    key_spec("fallback", Key::Fallback, TYPE),
    key_spec("domain", Key::Domain, TYPE),
    KeySpec {
        misplaced_hint: "; a field's value goes on the wire with `detail` or `header = \"Name\"`",
        ..key_spec("status", Key::Status, TYPE | VARIANT)
    },
    key_spec("header", Key::Header, TYPE | VARIANT | FIELD),
    variant_key("code", Key::Code),
    variant_key("shared_code", Key::SharedCode),
    variant_key("message", Key::Message),
    variant_key("title", Key::Title),
    variant_key("expose", Key::Expose),
    variant_key("transparent", Key::Transparent),
    variant_key("retry", Key::Retry),
    variant_key("grpc", Key::Grpc),
    variant_key("reason", Key::Reason),
    KeySpec {
        misplaced_hint: "; mark each field that goes on the wire",
        ..key_spec("detail", Key::Detail, FIELD)
    },
    KeySpec {
        misplaced_hint: "; mark the field that is the whole details object",
        ..key_spec("details", Key::Details, FIELD)
    },
    KeySpec {
        misplaced_hint: "; give each field its own example",
        ..key_spec("example", Key::Example, FIELD)
    },
];

impl Position {
    fn places(self) -> u8 {
        match self {
            Position::Enum => TYPE,
            Position::Struct => TYPE | VARIANT,
            Position::Variant => VARIANT,
            Position::Field => FIELD,
        }
    }

    fn noun(self) -> &'static str {
        match self {
            Position::Enum => "the enum",
            Position::Struct => "the struct",
            Position::Variant => "a variant",
            Position::Field => "a field",
        }
    }
}

/// One key's value, remembering where it was written; a second `set` is an error there.
pub struct Attr<T> {
    key: &'static str,
    value: Option<(Span, T)>,
    /// Written at all, even with a value that was rejected: no second error for its absence.
    written: bool,
}

impl<T> Attr<T> {
    fn new(key: &'static str) -> Self {
        Attr {
            key,
            value: None,
            written: false,
        }
    }

    pub fn is_written(&self) -> bool {
        self.written
    }

    fn set(&mut self, span: Span, value: T, errors: &mut Errors) {
        if self.value.is_some() {
            errors.push(syn::Error::new(
                span,
                format!("duplicate #[api({})] attribute", self.key),
            ));
        } else {
            self.value = Some((span, value));
        }
    }

    pub fn get(&self) -> Option<&T> {
        self.value.as_ref().map(|(_, value)| value)
    }

    pub fn span(&self) -> Option<Span> {
        self.value.as_ref().map(|(span, _)| *span)
    }

    fn key_span(&self) -> Option<(&'static str, Span)> {
        self.span().map(|span| (self.key, span))
    }

    pub fn is_set(&self) -> bool {
        self.value.is_some()
    }
}

/// A machine code as written: `code = "not_found"` or `code = 1001`.
#[derive(Clone, PartialEq, Eq, Hash)]
pub enum CodeValue {
    Str(String),
    Int(i64),
}

impl CodeValue {
    pub fn describe(&self) -> String {
        match self {
            CodeValue::Str(code) => format!("\"{code}\""),
            CodeValue::Int(code) => code.to_string(),
        }
    }
}

/// The code's text: what a `type` URI ends with, and what JSON:API writes.
impl std::fmt::Display for CodeValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CodeValue::Str(code) => f.write_str(code),
            CodeValue::Int(code) => write!(f, "{code}"),
        }
    }
}

/// Everything `#[api(...)]` and doc comments say about one item.
pub struct Attrs {
    pub envelope: Attr<Path>,
    pub rename_all: Attr<RenameRule>,
    pub type_base: Attr<String>,
    pub krate: Attr<Path>,
    pub status: Attr<Status>,
    pub headers: Vec<StaticHeader>,
    pub code: Attr<CodeValue>,
    pub shared_code: Attr<()>,
    pub message: Attr<Message>,
    pub title: Attr<String>,
    pub expose: Attr<()>,
    pub transparent: Attr<()>,
    pub detail: Attr<Option<String>>,
    pub details: Attr<()>,
    pub header: Attr<HeaderName>,
    pub example: Attr<Example>,
    pub retired: Attr<Vec<(CodeValue, Span)>>,
    pub retry: Attr<Retry>,
    /// `domain = "rooms.example.com"`: the type is a gRPC error, in this `ErrorInfo` domain.
    pub domain: Attr<String>,
    /// `grpc = "FAILED_PRECONDITION"`: the variant's gRPC code, one of `grpc::NAMES`.
    pub grpc: Attr<&'static str>,
    /// `reason = "SEAT_TAKEN"`: the variant's `ErrorInfo` reason.
    pub reason: Attr<String>,
    /// `locales = ["en", "fr"]`: the messages' locales, the default first.
    pub locales: Attr<Vec<LitStr>>,
    /// `fluent = "locales/{locale}.ftl"`: where the translations of each locale are.
    pub fluent: Attr<LitStr>,
    /// `fallback(fr_CA = "fr")`: the locales that may lack a message, and where they take it.
    pub fallbacks: Vec<(LitStr, LitStr)>,
    /// `message(fr = "...")`: the message in other locales, as written.
    pub translations: Vec<(LitStr, Message)>,
    pub docs: String,
}

/// A retry class as written: `retry = "throttle"`.
#[derive(Clone, Copy)]
pub enum Retry {
    Throttle,
    Transient,
    Never,
}

impl Retry {
    const NAMES: [&'static str; 3] = ["throttle", "transient", "never"];

    /// The runtime's `catalog::Retry` variant.
    pub fn variant(self) -> &'static str {
        match self {
            Retry::Throttle => "Throttle",
            Retry::Transient => "Transient",
            Retry::Never => "Never",
        }
    }
}

/// A field's example as written: a literal, with its sign.
pub struct Example {
    pub lit: syn::Lit,
    pub negative: bool,
}

impl Attrs {
    /// The keys that were set, with where, for rules about combinations.
    pub fn set_keys(&self) -> Vec<(&'static str, Span)> {
        let static_header = self
            .headers
            .first()
            .map(|header| ("header", header.name.span));
        let keys = [
            self.status.key_span(),
            self.code.key_span(),
            self.shared_code.key_span(),
            self.message.key_span(),
            self.title.key_span(),
            self.expose.key_span(),
            static_header,
            self.detail.key_span(),
            self.details.key_span(),
            self.header.key_span(),
            self.retry.key_span(),
            self.grpc.key_span(),
            self.reason.key_span(),
        ];
        keys.into_iter().flatten().collect()
    }
}

/// Reads the `#[api(...)]` attributes and doc comments of an item at `position`. Mistakes go to
/// `errors`, and parsing goes on, so that one pass reports all of them.
pub fn parse(attrs: &[Attribute], position: Position, errors: &mut Errors) -> Attrs {
    let mut parsed = Attrs {
        envelope: Attr::new("envelope"),
        rename_all: Attr::new("rename_all"),
        type_base: Attr::new("type_base"),
        krate: Attr::new("crate"),
        status: Attr::new("status"),
        headers: Vec::new(),
        code: Attr::new("code"),
        shared_code: Attr::new("shared_code"),
        message: Attr::new("message"),
        title: Attr::new("title"),
        expose: Attr::new("expose"),
        transparent: Attr::new("transparent"),
        detail: Attr::new("detail"),
        details: Attr::new("details"),
        header: Attr::new("header"),
        example: Attr::new("example"),
        retired: Attr::new("retired"),
        retry: Attr::new("retry"),
        domain: Attr::new("domain"),
        grpc: Attr::new("grpc"),
        reason: Attr::new("reason"),
        locales: Attr::new("locales"),
        fluent: Attr::new("fluent"),
        fallbacks: Vec::new(),
        translations: Vec::new(),
        docs: String::new(),
    };
    for attr in attrs {
        if attr.path().is_ident("doc") {
            push_doc_line(&mut parsed.docs, attr);
        } else if attr.path().is_ident("api") {
            if let syn::Meta::List(list) = &attr.meta
                && !matches!(list.delimiter, syn::MacroDelimiter::Paren(_))
            {
                errors.push(syn::Error::new(
                    list.delimiter.span().open(),
                    "write the attribute with parentheses: #[api(...)]",
                ));
                continue;
            }
            if let syn::Meta::List(list) = &attr.meta
                && list.tokens.is_empty()
            {
                errors.push(empty(list, position));
                continue;
            }
            let result =
                attr.parse_nested_meta(|meta| parse_key(&meta, position, &mut parsed, errors));
            if let Err(error) = result {
                errors.push(error);
            }
        }
    }
    parsed
}

/// `#[api()]`, which says nothing: the keys that could stand there.
fn empty(list: &syn::MetaList, position: Position) -> syn::Error {
    let valid: Vec<&str> = KEYS
        .iter()
        .filter(|spec| spec.places & position.places() != 0)
        .map(|spec| spec.name)
        .collect();
    syn::Error::new(
        list.delimiter.span().join(),
        format!(
            "empty #[api()] on {}; write a key ({}), or remove the attribute",
            position.noun(),
            valid.join(", ")
        ),
    )
}

fn push_doc_line(docs: &mut String, attr: &Attribute) {
    if let syn::Meta::NameValue(doc) = &attr.meta
        && let syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(line),
            ..
        }) = &doc.value
    {
        if !docs.is_empty() {
            docs.push('\n');
        }
        let line = line.value();
        docs.push_str(line.strip_prefix(' ').unwrap_or(&line));
    }
}

fn parse_key(
    meta: &ParseNestedMeta,
    position: Position,
    attrs: &mut Attrs,
    errors: &mut Errors,
) -> syn::Result<()> {
    let key_ident = meta
        .path
        .get_ident()
        .ok_or_else(|| meta.error("expected a key such as `status`"))?;
    let key = key_ident.to_string();
    let span = key_ident.span();
    let Some(spec) = KEYS.iter().find(|spec| spec.name == key) else {
        let (error, meant) = unknown_key(key_ident, position);
        errors.push(error);
        // A misspelt `status` is the one mistake: not also a variant without a status.
        if meant == Some("status") {
            attrs.status.written = true;
        }
        return skip_value(meta);
    };
    if spec.places & position.places() == 0 {
        errors.push(misplaced_key(key_ident, spec, position));
        return skip_value(meta);
    }
    let (name, key) = (spec.name, spec.key);
    match key {
        Key::Status => attrs.status.written = true,
        Key::Grpc => attrs.grpc.written = true,
        Key::Reason => attrs.reason.written = true,
        _ => {}
    }
    let result = match key {
        Key::Envelope => value_path(meta, name).map(|path| attrs.envelope.set(span, path, errors)),
        Key::Crate => value_path(meta, name).map(|path| attrs.krate.set(span, path, errors)),
        Key::RenameAll => {
            parse_rename_all(meta).map(|rule| attrs.rename_all.set(span, rule, errors))
        }
        Key::TypeBase => parse_type_base(meta).map(|base| attrs.type_base.set(span, base, errors)),
        Key::Status => expect_eq(meta, "status", "404")
            .and_then(status::parse)
            .map(|status| attrs.status.set(span, status, errors)),
        Key::Code => parse_code(meta).map(|code| attrs.code.set(span, code, errors)),
        Key::Message if meta.input.peek(syn::token::Paren) => {
            parse_translations(meta).map(|found| attrs.translations.extend(found))
        }
        Key::Message => value_str(meta, name)
            .and_then(|lit| Message::parse(&lit))
            .map(|message| attrs.message.set(span, message, errors)),
        Key::Locales => expect_eq(meta, "locales", "[\"en\", \"fr\"]")
            .and_then(parse_locales)
            .map(|locales| attrs.locales.set(span, locales, errors)),
        Key::Fluent => value_str(meta, name).map(|path| attrs.fluent.set(span, path, errors)),
        Key::Fallback => parse_fallbacks(meta).map(|found| attrs.fallbacks.extend(found)),
        Key::Title => parse_title(meta, name).map(|title| attrs.title.set(span, title, errors)),
        Key::Retry => parse_retry(meta).map(|retry| attrs.retry.set(span, retry, errors)),
        Key::Domain => parse_domain(meta).map(|domain| attrs.domain.set(span, domain, errors)),
        Key::Grpc => parse_grpc(meta).map(|code| attrs.grpc.set(span, code, errors)),
        Key::Reason => parse_reason(meta).map(|reason| attrs.reason.set(span, reason, errors)),
        Key::SharedCode => flag(meta, name).map(|()| attrs.shared_code.set(span, (), errors)),
        Key::Expose => flag(meta, name).map(|()| attrs.expose.set(span, (), errors)),
        Key::Transparent => flag(meta, name).map(|()| attrs.transparent.set(span, (), errors)),
        Key::Details => flag(meta, name).map(|()| attrs.details.set(span, (), errors)),
        Key::Detail => parse_detail(meta).map(|name| attrs.detail.set(span, name, errors)),
        Key::Example => expect_eq(meta, "example", "\"math-101\"")
            .and_then(parse_example)
            .map(|example| attrs.example.set(span, example, errors)),
        Key::Retired => expect_eq(meta, "retired", "[\"old_code\"]")
            .and_then(parse_retired)
            .map(|codes| attrs.retired.set(span, codes, errors)),
        Key::Header if position == Position::Field => {
            header::parse_field(meta).map(|name| attrs.header.set(span, name, errors))
        }
        Key::Header => header::parse_static(meta).map(|header| attrs.headers.push(header)),
    };
    // A bad value is reported and parsing goes on with the next key.
    result.or_else(|error| {
        errors.push(error);
        skip_value(meta)
    })
}

/// The error for an unknown key, and the key it is nearest to, if any.
fn unknown_key(key: &Ident, position: Position) -> (syn::Error, Option<&'static str>) {
    let valid: Vec<&str> = KEYS
        .iter()
        .filter(|spec| spec.places & position.places() != 0)
        .map(|spec| spec.name)
        .collect();
    let written = key.to_string();
    let meant = crate::suggest::nearest(&written, valid.iter().copied());
    let message = match meant {
        Some(name) => {
            format!("unknown key `{written}` in #[api(...)]; did you mean `{name}`?")
        }
        None => format!(
            "unknown key `{written}` in #[api(...)] on {}; valid keys here are: {}",
            position.noun(),
            valid.join(", ")
        ),
    };
    (syn::Error::new(key.span(), message), meant)
}

fn misplaced_key(key_ident: &Ident, spec: &KeySpec, position: Position) -> syn::Error {
    let places: Vec<&str> = [
        (TYPE, "the type"),
        (VARIANT, "a variant"),
        (FIELD, "a field"),
    ]
    .into_iter()
    .filter(|(place, _)| spec.places & place != 0)
    .map(|(_, noun)| noun)
    .collect();
    let belongs = match places.as_slice() {
        [only] => (*only).to_owned(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
        [] => unreachable!("every key has a place"),
    };
    syn::Error::new(
        key_ident.span(),
        format!(
            "`{}` belongs on {belongs}, not on {}{}",
            spec.name,
            position.noun(),
            spec.misplaced_hint
        ),
    )
}

/// Consumes the value of a key that was rejected, so parsing can go on after it.
fn skip_value(meta: &ParseNestedMeta) -> syn::Result<()> {
    let input = meta.input;
    if input.peek(Token![=]) {
        input.parse::<Token![=]>()?;
    }
    // What is left of the value, if its reader stopped inside it: up to the next key.
    while !input.is_empty() && !input.peek(Token![,]) {
        input.parse::<TokenTree>()?;
    }
    Ok(())
}

fn expect_eq<'a>(
    meta: &ParseNestedMeta<'a>,
    key: &str,
    example: &str,
) -> syn::Result<ParseStream<'a>> {
    if !meta.input.peek(Token![=]) {
        return Err(meta.error(format!("`{key}` needs a value: write `{key} = {example}`")));
    }
    let input = meta.value()?;
    if input.is_empty() || input.peek(Token![,]) {
        // Not consumed: the `,` still separates this key from the next.
        return Err(meta.error(format!(
            "`{key}` needs a value after `=`: write `{key} = {example}`"
        )));
    }
    Ok(input)
}

fn flag(meta: &ParseNestedMeta, key: &str) -> syn::Result<()> {
    if meta.input.peek(Token![=]) || meta.input.peek(syn::token::Paren) {
        Err(meta.error(format!("`{key}` takes no value: write `#[api({key})]`")))
    } else {
        Ok(())
    }
}

fn value_path(meta: &ParseNestedMeta, key: &str) -> syn::Result<Path> {
    let input = expect_eq(meta, key, "path::to::Item")?;
    input.parse::<Path>().map_err(|error| {
        syn::Error::new(
            error.span(),
            format!("expected a path after `{key} =`, such as `errwire::Flat`"),
        )
    })
}

pub fn value_str(meta: &ParseNestedMeta, key: &str) -> syn::Result<LitStr> {
    let input = expect_eq(meta, key, "\"...\"")?;
    if input.peek(LitStr) {
        input.parse()
    } else {
        let found: TokenTree = input.parse()?;
        Err(syn::Error::new_spanned(
            &found,
            format!("`{key}` takes a string literal: `{key} = \"...\"`"),
        ))
    }
}

fn parse_title(meta: &ParseNestedMeta, key: &str) -> syn::Result<String> {
    let lit = value_str(meta, key)?;
    let title = lit.value();
    if title.trim().is_empty() {
        return Err(syn::Error::new(
            lit.span(),
            "empty title; write a short summary, or remove `title`",
        ));
    }
    Ok(title)
}

fn parse_retry(meta: &ParseNestedMeta) -> syn::Result<Retry> {
    let input = expect_eq(meta, "retry", "\"transient\"")?;
    if !input.peek(LitStr) {
        let found: TokenTree = input.parse()?;
        return Err(syn::Error::new_spanned(
            &found,
            "`retry` takes a retry class as a string: `retry = \"throttle\"`, `retry = \"transient\"` or `retry = \"never\"`",
        ));
    }
    let lit: LitStr = input.parse()?;
    let written = lit.value();
    let retry = match written.as_str() {
        "throttle" => Retry::Throttle,
        "transient" => Retry::Transient,
        "never" => Retry::Never,
        _ => {
            let hint = crate::suggest::hint(&written, &Retry::NAMES);
            return Err(syn::Error::new(
                lit.span(),
                format!("unknown retry class \"{written}\"; {hint}"),
            ));
        }
    };
    Ok(retry)
}

fn parse_rename_all(meta: &ParseNestedMeta) -> syn::Result<RenameRule> {
    let lit = value_str(meta, "rename_all")?;
    RenameRule::from_str(&lit.value()).ok_or_else(|| {
        syn::Error::new(
            lit.span(),
            format!(
                "unknown case `{}` for rename_all; use one of: {}",
                lit.value(),
                RenameRule::NAMES.join(", ")
            ),
        )
    })
}

fn parse_domain(meta: &ParseNestedMeta) -> syn::Result<String> {
    let lit = value_str(meta, "domain")?;
    let domain = lit.value();
    match crate::grpc::domain_fault(&domain) {
        Some(fault) => Err(syn::Error::new(lit.span(), fault)),
        None => Ok(domain),
    }
}

fn parse_grpc(meta: &ParseNestedMeta) -> syn::Result<&'static str> {
    let lit = value_str(meta, "grpc")?;
    let written = lit.value();
    if let Some(name) = crate::grpc::NAMES.iter().find(|name| **name == written) {
        return Ok(name);
    }
    let hint = crate::suggest::hint(&written, crate::grpc::NAMES);
    Err(syn::Error::new(
        lit.span(),
        format!("\"{written}\" is not a gRPC error code; {hint}"),
    ))
}

fn parse_reason(meta: &ParseNestedMeta) -> syn::Result<String> {
    let lit = value_str(meta, "reason")?;
    let reason = lit.value();
    match crate::grpc::reason_fault(&reason) {
        Some(fault) => Err(syn::Error::new(
            lit.span(),
            format!("{fault}; write it such as \"SEAT_TAKEN\""),
        )),
        None => Ok(reason),
    }
}

fn parse_type_base(meta: &ParseNestedMeta) -> syn::Result<String> {
    let lit = value_str(meta, "type_base")?;
    let base = lit.value();
    // RFC 3986: a scheme, then only characters a URI may hold (`%` for anything else); or a
    // path from the server's root, which a client resolves against the response's URL.
    let scheme = base.split_once(':').map_or("", |(scheme, _)| scheme);
    let scheme_ok = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    let rooted = base.starts_with('/') && !base.starts_with("//");
    let uri_char = |c: char| c.is_ascii_alphanumeric() || "-._~:/?#[]@!$&'()*+,;=%".contains(c);
    if !(scheme_ok || rooted) || !base.chars().all(uri_char) {
        return Err(syn::Error::new(
            lit.span(),
            "type_base must be an absolute URI, or a path from the server's root, of the characters a URI may hold (percent-encode the rest), such as \"https://errors.example.com/\" or \"/errors#\"",
        ));
    }
    Ok(base)
}

fn parse_code(meta: &ParseNestedMeta) -> syn::Result<CodeValue> {
    let input = expect_eq(meta, "code", "\"not_found\"")?;
    code_value(input).map(|(code, _)| code)
}

/// A code literal, `"not_found"` or `1001`, and where it was written.
fn code_value(input: ParseStream) -> syn::Result<(CodeValue, Span)> {
    if input.peek(LitStr) {
        let lit: LitStr = input.parse()?;
        let code = lit.value();
        if code.is_empty() {
            return Err(syn::Error::new(
                lit.span(),
                "empty code; give the error a name such as \"not_found\"",
            ));
        }
        if let Some(bad) = code
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')))
        {
            return Err(syn::Error::new(
                lit.span(),
                format!(
                    "code \"{code}\" has a character a code cannot have ({bad:?}); use letters, digits, `_`, `-` and `.`"
                ),
            ));
        }
        Ok((CodeValue::Str(code), lit.span()))
    } else if input.peek(LitInt) || input.peek(Token![-]) {
        let negative = input.parse::<Option<Token![-]>>()?.is_some();
        let lit: LitInt = input.parse()?;
        no_suffix(&lit, "code")?;
        let magnitude = lit.base10_parse::<u64>().ok();
        let code = magnitude.and_then(|magnitude| match negative {
            true => 0i64.checked_sub_unsigned(magnitude),
            false => i64::try_from(magnitude).ok(),
        });
        code.map(|code| (CodeValue::Int(code), lit.span()))
            .ok_or_else(|| {
                syn::Error::new(lit.span(), "integer code out of range; codes fit in an i64")
            })
    } else {
        let found: TokenTree = input.parse()?;
        Err(syn::Error::new_spanned(
            &found,
            "expected a code: `code = \"not_found\"` or `code = 1001`",
        ))
    }
}

/// An integer literal written with a type suffix, `404_u16`, is refused: the key decides the type.
pub fn no_suffix(lit: &LitInt, key: &str) -> syn::Result<()> {
    if lit.suffix().is_empty() {
        return Ok(());
    }
    Err(syn::Error::new(
        lit.span(),
        format!(
            "write the {key} without a suffix: `{key} = {}`",
            lit.base10_digits()
        ),
    ))
}

fn parse_example(input: ParseStream) -> syn::Result<Example> {
    let array = input.peek(syn::token::Bracket);
    if array || input.peek(syn::token::Brace) {
        let found: TokenTree = input.parse()?;
        let (kind, shape) = match array {
            true => ("an array", "[...]"),
            false => ("an object", "{...}"),
        };
        return Err(syn::Error::new_spanned(
            &found,
            format!("write {kind} example as JSON text in a string: `example = r#\"{shape}\"#`"),
        ));
    }
    let negative = input.parse::<Option<Token![-]>>()?.is_some();
    let lit: syn::Lit = input.parse()?;
    let number = matches!(lit, syn::Lit::Int(_) | syn::Lit::Float(_));
    let other = matches!(lit, syn::Lit::Str(_) | syn::Lit::Bool(_));
    if !number && (negative || !other) {
        return Err(syn::Error::new(
            lit.span(),
            "an example is a string, a number or a boolean literal, or JSON text in a string",
        ));
    }
    Ok(Example { lit, negative })
}

/// `retired = ["old_code", "older_code"]` or `retired = [3, 4]`.
fn parse_retired(input: ParseStream) -> syn::Result<Vec<(CodeValue, Span)>> {
    if !input.peek(syn::token::Bracket) {
        let found: TokenTree = input.parse()?;
        let written = found.to_string();
        return Err(syn::Error::new_spanned(
            &found,
            format!("`retired` takes a list of codes, even of one: `retired = [{written}]`"),
        ));
    }
    let content;
    syn::bracketed!(content in input);
    let mut codes = Vec::new();
    while !content.is_empty() {
        codes.push(code_value(&content)?);
        if content.is_empty() {
            break;
        }
        content.parse::<Token![,]>()?;
    }
    Ok(codes)
}

/// `locales = ["en", "fr"]`: string literals, their tags checked in `translations.rs`.
fn parse_locales(input: ParseStream) -> syn::Result<Vec<LitStr>> {
    if !input.peek(syn::token::Bracket) {
        let found: TokenTree = input.parse()?;
        return Err(syn::Error::new_spanned(
            &found,
            "`locales` takes a list, the default first: `locales = [\"en\", \"fr\"]`",
        ));
    }
    let content;
    syn::bracketed!(content in input);
    let locales = content.parse_terminated(<LitStr as syn::parse::Parse>::parse, Token![,])?;
    Ok(locales.into_iter().collect())
}

/// `fallback(fr_CA = "fr")`: a locale and the locale it falls back to, each.
fn parse_fallbacks(meta: &ParseNestedMeta) -> syn::Result<Vec<(LitStr, LitStr)>> {
    if !meta.input.peek(syn::token::Paren) {
        return Err(meta.error(
            "`fallback` lists a locale and the locale it takes its messages from: `fallback(fr_CA = \"fr\")`",
        ));
    }
    by_locale(meta, "fallback", "write a locale, as `fr_CA = \"fr\"`")
}

/// `message(fr = "...", pt_BR = "...")`: a locale and a message each.
fn parse_translations(meta: &ParseNestedMeta) -> syn::Result<Vec<(LitStr, Message)>> {
    let found = by_locale(
        meta,
        "message",
        "write a locale, as `fr = \"...\"` (`pt_BR` for pt-BR)",
    )?;
    found
        .into_iter()
        .map(|(tag, lit)| Ok((tag, Message::parse(&lit)?)))
        .collect()
}

/// `(fr = "...", pt_BR = "...")`: each locale, written as an identifier with `_` for `-`, as
/// a tag at the identifier, and its string; `hint` says how to write a key that is no locale.
fn by_locale(meta: &ParseNestedMeta, key: &str, hint: &str) -> syn::Result<Vec<(LitStr, LitStr)>> {
    let mut found = Vec::new();
    meta.parse_nested_meta(|inner| {
        let locale = inner.path.get_ident().ok_or_else(|| inner.error(hint))?;
        let tag = LitStr::new(&locale.to_string().replace('_', "-"), locale.span());
        found.push((tag, value_str(&inner, key)?));
        Ok(())
    })?;
    Ok(found)
}

fn parse_detail(meta: &ParseNestedMeta) -> syn::Result<Option<String>> {
    if !meta.input.peek(Token![=]) {
        return flag(meta, "detail").map(|()| None);
    }
    let lit = value_str(meta, "detail")?;
    let name = lit.value();
    if name.is_empty() {
        return Err(syn::Error::new(
            lit.span(),
            "empty detail name; write `detail` to use the field's name",
        ));
    }
    Ok(Some(name))
}
