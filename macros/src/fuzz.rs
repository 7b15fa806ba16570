//! Thousands of mutated inputs through the derive and `envelope!`, in process: tokens deleted,
//! duplicated, swapped, or replaced by literals of another kind, damaged strings and huge
//! numbers. Neither macro may panic, and every error must point into the input.

use std::ops::Range;
use std::str::FromStr;

use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};
use proptest::prelude::*;

const DERIVE_SEEDS: &[&str] = &[
    r#"#[api(envelope = errwire::Flat, rename_all = "snake_case", type_base = "https://e.example/", header(Cache-Control = "no-store"))]
    enum RoomError {
        #[api(status = 404, message = "Room {0} not found")]
        NotFound(#[api(detail = "room")] String),
        #[api(status = 429, code = "busy", title = "Slow down", message = "Retry after {retry_after:>4} s")]
        Busy { #[api(detail, header = "Retry-After")] retry_after: u64 },
        #[api(status = StatusCode::SERVICE_UNAVAILABLE, expose, shared_code, code = "down", header(Retry-After = "120"))]
        Down { #[api(details)] why: Map },
        #[api(status = 500, shared_code, code = "down")]
        Broken(#[source] std::io::Error),
        #[api(transparent)]
        Auth(AuthError),
    }"#,
    r#"#[api(status = 422, code = 1001, message = "{field:?} is invalid", crate = wire)]
    struct Invalid<'a, T: Display> { #[api(detail)] field: &'a T, #[api(header = "X-Field")] name: T }"#,
];

const ENVELOPE_SEEDS: &[&str] = &[
    r#"::errwire; #[content_type = "application/problem+json"] pub struct Problem {
        "type": type, "title": title?, "status": status, "detail": message,
        "instance": instance?, "code": code?, "request_id": request_id?, ..details,
    }"#,
    r#"::errwire; pub struct Api {
        "errors": [{"status": status as string, "code": code as string | null, "meta": details | null}],
        "success": false, "n": -9223372036854775808, "ratio": 2.5, "error": code, "reason": reason?,
    }"#,
];

/// What a mutation may put in place of a token.
const REPLACEMENTS: &[&str] = &[
    "\"x\"",
    "\"\"",
    "\"{\"",
    "\"}\"",
    "\"{a²}\"",
    "\"{ⸯ}\"",
    "\"{4294967296}\"",
    "\"\\u{0}\\r\\n\"",
    "4294967296",
    "18446744073709551616",
    "-9223372036854775809",
    "404_u16",
    "1e999",
    "2.5",
    "'c'",
    "b\"x\"",
    "true",
    "False",
    "Null",
    "-",
    "=",
    ",",
    "::",
    "?",
    "|",
    "..",
    "#",
    "status",
    "code",
    "detail",
    "details",
    "header",
    "transparent",
    "expose",
    "message",
    "null",
    "as",
    "string",
    "StatusCode",
    "_",
    "r#type",
    "crate",
    "union",
];

#[derive(Clone, Debug)]
enum Token {
    Open(Delimiter),
    Close(Delimiter),
    Leaf(String),
}

fn flatten(stream: TokenStream, out: &mut Vec<Token>) {
    for tree in stream {
        match tree {
            TokenTree::Group(group) => {
                out.push(Token::Open(group.delimiter()));
                flatten(group.stream(), out);
                out.push(Token::Close(group.delimiter()));
            }
            // `::` and `'a` must stay joined when the tokens are written out again.
            TokenTree::Punct(punct) if punct.spacing() == Spacing::Joint => {
                out.push(Token::Leaf(format!("{}\u{0}", punct.as_char())));
            }
            leaf => out.push(Token::Leaf(leaf.to_string())),
        }
    }
}

fn render(tokens: &[Token]) -> String {
    let mut text = String::new();
    for token in tokens {
        text.push_str(match token {
            Token::Open(Delimiter::Parenthesis) => "(",
            Token::Open(Delimiter::Bracket) => "[",
            Token::Open(Delimiter::Brace) => "{",
            Token::Close(Delimiter::Parenthesis) => ")",
            Token::Close(Delimiter::Bracket) => "]",
            Token::Close(Delimiter::Brace) => "}",
            Token::Open(Delimiter::None) | Token::Close(Delimiter::None) => "",
            Token::Leaf(text) => text,
        });
        if text.ends_with('\u{0}') {
            text.pop();
        } else {
            text.push(' ');
        }
    }
    text
}

/// What a mutation may write into a string literal.
const DAMAGE: &[&str] = &[
    "{",
    "}",
    "{a²}",
    "{ⸯ}",
    "{4294967296}",
    "{0:*}",
    "{x:.}",
    "²",
    " ",
    "\\u{0}",
    "\\r\\n",
    ":",
    "\\\"",
    "{{",
    "é",
];

#[derive(Clone, Debug)]
enum Mutation {
    Delete(usize),
    Duplicate(usize),
    Swap(usize),
    Replace(usize, usize),
    /// Writes a fragment into a string literal, at a position.
    Damage(usize, usize, usize),
}

fn mutate(tokens: &mut Vec<Token>, mutation: &Mutation) {
    let leaves: Vec<usize> = (0..tokens.len())
        .filter(|&i| matches!(tokens[i], Token::Leaf(_)))
        .collect();
    let pick = |n: usize| leaves[n % leaves.len()];
    match *mutation {
        Mutation::Delete(n) => {
            tokens.remove(pick(n));
        }
        Mutation::Duplicate(n) => {
            let i = pick(n);
            tokens.insert(i, tokens[i].clone());
        }
        Mutation::Swap(n) => {
            let i = pick(n);
            if let Some(Token::Leaf(_)) = tokens.get(i + 1) {
                tokens.swap(i, i + 1);
            }
        }
        Mutation::Replace(n, with) => {
            tokens[pick(n)] = Token::Leaf(REPLACEMENTS[with % REPLACEMENTS.len()].to_owned());
        }
        Mutation::Damage(n, at, with) => {
            let strings: Vec<usize> = leaves
                .iter()
                .copied()
                .filter(|&i| matches!(&tokens[i], Token::Leaf(text) if text.starts_with('"')))
                .collect();
            if let Some(&i) = strings.get(n % strings.len().max(1))
                && let Token::Leaf(text) = &mut tokens[i]
            {
                let inner = &text[1..text.len() - 1];
                let at = inner
                    .char_indices()
                    .map(|(i, _)| i)
                    .nth(at % (inner.chars().count() + 1))
                    .unwrap_or(inner.len());
                *text = format!(
                    "\"{}{}{}\"",
                    &inner[..at],
                    DAMAGE[with % DAMAGE.len()],
                    &inner[at..]
                );
            }
        }
    }
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<usize>().prop_map(Mutation::Delete),
        any::<usize>().prop_map(Mutation::Duplicate),
        any::<usize>().prop_map(Mutation::Swap),
        (any::<usize>(), any::<usize>()).prop_map(|(n, with)| Mutation::Replace(n, with)),
        (any::<usize>(), any::<usize>(), any::<usize>())
            .prop_map(|(n, at, with)| Mutation::Damage(n, at, with)),
    ]
}

/// The mutated source of `seed`, or `None` when it no longer lexes.
fn mutated(seed: &str, mutations: &[Mutation]) -> Option<TokenStream> {
    let mut tokens = Vec::new();
    flatten(TokenStream::from_str(seed).ok()?, &mut tokens);
    for mutation in mutations {
        mutate(&mut tokens, mutation);
    }
    TokenStream::from_str(&render(&tokens)).ok()
}

/// The byte range of every token in `stream`, together.
fn extent(stream: &TokenStream) -> Range<usize> {
    let mut ranges = Vec::new();
    let mut trees: Vec<TokenTree> = stream.clone().into_iter().collect();
    while let Some(tree) = trees.pop() {
        ranges.push(tree.span().byte_range());
        if let TokenTree::Group(group) = tree {
            trees.extend(group.stream());
        }
    }
    let start = ranges.iter().map(|range| range.start).min().unwrap_or(0);
    let end = ranges.iter().map(|range| range.end).max().unwrap_or(0);
    start..end
}

/// Every `compile_error!` in `output` points into `input`, not at the call site.
fn assert_errors_point_into(input: &TokenStream, output: &TokenStream) {
    let within = extent(input);
    let mut trees: Vec<TokenTree> = output.clone().into_iter().collect();
    while let Some(tree) = trees.pop() {
        match tree {
            TokenTree::Ident(ident) if ident == "compile_error" => {
                let range = ident.span().byte_range();
                assert!(
                    within.start <= range.start && range.end <= within.end && range.end > 0,
                    "an error points outside the input ({range:?} not in {within:?}):\n{input}\n{output}"
                );
            }
            TokenTree::Group(group) => trees.extend(group.stream()),
            _ => {}
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn the_derive_never_panics_and_points_into_its_input(
        seed in 0..DERIVE_SEEDS.len(),
        mutations in proptest::collection::vec(mutation(), 1..4),
    ) {
        if let Some(tokens) = mutated(DERIVE_SEEDS[seed], &mutations)
            && let Ok(input) = syn::parse2::<syn::DeriveInput>(tokens.clone())
        {
            let output = crate::expand::derive(&input);
            assert_errors_point_into(&tokens, &output);
        }
    }

    #[test]
    fn envelope_never_panics_and_points_into_its_input(
        seed in 0..ENVELOPE_SEEDS.len(),
        mutations in proptest::collection::vec(mutation(), 1..4),
    ) {
        if let Some(tokens) = mutated(ENVELOPE_SEEDS[seed], &mutations) {
            let output = crate::envelope::envelope(tokens.clone());
            assert_errors_point_into(&tokens, &output);
        }
    }
}

#[test]
fn the_seeds_expand_without_errors() {
    for seed in DERIVE_SEEDS {
        let input: syn::DeriveInput = syn::parse_str(seed).unwrap();
        let output = crate::expand::derive(&input).to_string();
        assert!(!output.contains("compile_error"), "{output}");
    }
    for seed in ENVELOPE_SEEDS {
        let output = crate::envelope::envelope(TokenStream::from_str(seed).unwrap()).to_string();
        assert!(!output.contains("compile_error"), "{output}");
    }
}

#[test]
fn a_mistake_points_at_its_token() {
    let tokens = TokenStream::from_str("enum E { #[api(status = 302)] Moved }").unwrap();
    let input: syn::DeriveInput = syn::parse2(tokens.clone()).unwrap();
    let output = crate::expand::derive(&input);
    assert!(output.to_string().contains("compile_error"));
    assert_errors_point_into(&tokens, &output);
}

#[test]
fn the_seeds_survive_flattening() {
    for seed in DERIVE_SEEDS {
        let tokens = mutated(seed, &[]).expect("the seed lexes again");
        syn::parse2::<syn::DeriveInput>(tokens).expect("the seed parses again");
    }
    for seed in ENVELOPE_SEEDS {
        mutated(seed, &[]).expect("the seed lexes again");
    }
}
