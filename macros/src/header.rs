//! Headers in `#[api(...)]`: a fixed `header(Name = "value")` on the type or a variant, a field's
//! `header = "Name"`; names checked to be tokens, a fixed `Retry-After` to be a delay or a date.

use proc_macro2::{Span, TokenStream, TokenTree};
use quote::ToTokens;
use syn::meta::ParseNestedMeta;
use syn::parse::ParseStream;
use syn::{LitStr, Token};

use crate::attr::value_str;

/// A header with a fixed value: `header(Cache-Control = "no-store")`.
pub struct StaticHeader {
    pub name: HeaderName,
    pub value: String,
}

/// A header name checked to be a valid token, kept as written and in lowercase.
#[derive(Clone)]
pub struct HeaderName {
    pub written: String,
    pub lowercase: String,
    pub span: Span,
}

pub fn parse_field(meta: &ParseNestedMeta) -> syn::Result<HeaderName> {
    if meta.input.peek(syn::token::Paren) {
        return Err(meta.error(
            "a field's header takes its value from the field: write `header = \"Name\"`; fixed headers belong on a variant or the type",
        ));
    }
    let lit = value_str(meta, "header")?;
    header_name(&lit.value(), lit.span())
}

pub fn parse_static(meta: &ParseNestedMeta) -> syn::Result<StaticHeader> {
    if !meta.input.peek(syn::token::Paren) {
        return Err(meta.error(
            "on a variant or the type, write a fixed header as `header(Name = \"value\")`; to send a field's value, put #[api(header = \"Name\")] on the field",
        ));
    }
    let content;
    syn::parenthesized!(content in meta.input);
    let (written, span) = if content.peek(LitStr) {
        let lit: LitStr = content.parse()?;
        (lit.value(), lit.span())
    } else {
        parse_dashed_name(&content)?
    };
    content.parse::<Token![=]>()?;
    let lit: LitStr = content.parse()?;
    if !content.is_empty() {
        return Err(content
            .error("expected one `Name = \"value\"` pair; repeat `header(...)` for more headers"));
    }
    let name = header_name(&written, span)?;
    let value = lit.value();
    if name.lowercase == "retry-after" && !is_delay_seconds(&value) && !is_imf_fixdate(&value) {
        return Err(syn::Error::new(
            lit.span(),
            format!(
                "Retry-After is delay-seconds or an HTTP-date (RFC 9110): write \"120\" or \"Sun, 06 Nov 1994 08:49:37 GMT\", not {value:?}"
            ),
        ));
    }
    if let Some(bad) = value.chars().find(|c| !matches!(c, ' '..='~' | '\t')) {
        return Err(syn::Error::new(
            lit.span(),
            format!(
                "header value has a character a header cannot carry ({bad:?}); use visible ASCII"
            ),
        ));
    }
    Ok(StaticHeader { name, value })
}

fn is_delay_seconds(value: &str) -> bool {
    !value.is_empty() && value.bytes().all(|byte| byte.is_ascii_digit())
}

/// `Sun, 06 Nov 1994 08:49:37 GMT`, the form RFC 9110 says to send.
fn is_imf_fixdate(value: &str) -> bool {
    const DAYS: &[&str] = &["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    const MONTHS: &[&str] = &[
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let digits = |text: &str, max: u32| {
        text.bytes().all(|byte| byte.is_ascii_digit())
            && text.parse::<u32>().is_ok_and(|n| n <= max)
    };
    let parts: Vec<&str> = value.split(' ').collect();
    let [day_name, day, month, year, time, "GMT"] = parts.as_slice() else {
        return false;
    };
    let time: Vec<&str> = time.split(':').collect();
    day_name
        .strip_suffix(',')
        .is_some_and(|name| DAYS.contains(&name))
        && day.len() == 2
        && digits(day, 31)
        && MONTHS.contains(month)
        && year.len() == 4
        && digits(year, 9999)
        && time.len() == 3
        && time.iter().all(|part| part.len() == 2)
        && digits(time[0], 23)
        && digits(time[1], 59)
        && digits(time[2], 60)
}

/// `Cache-Control` written without quotes: idents and numbers joined by `-`.
fn parse_dashed_name(input: ParseStream) -> syn::Result<(String, Span)> {
    let mut name = String::new();
    let mut tokens = TokenStream::new();
    loop {
        let part: TokenTree = input.parse()?;
        name.push_str(&part.to_string());
        part.to_tokens(&mut tokens);
        if !input.peek(Token![-]) {
            break;
        }
        let dash: Token![-] = input.parse()?;
        dash.to_tokens(&mut tokens);
        name.push('-');
    }
    let span = tokens
        .into_iter()
        .next()
        .map_or_else(Span::call_site, |first| first.span());
    Ok((name, span))
}

fn header_name(written: &str, span: Span) -> syn::Result<HeaderName> {
    let is_token_char = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c);
    if written.is_empty() || !written.chars().all(is_token_char) {
        return Err(syn::Error::new(
            span,
            format!(
                "`{written}` is not a valid header name; use letters, digits and `-`, as in \"Retry-After\""
            ),
        ));
    }
    if written.eq_ignore_ascii_case("content-type") {
        return Err(syn::Error::new(
            span,
            "Content-Type is set by the envelope; choose the envelope instead",
        ));
    }
    Ok(HeaderName {
        written: written.to_owned(),
        lowercase: written.to_ascii_lowercase(),
        span,
    })
}
