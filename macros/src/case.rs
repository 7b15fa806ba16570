//! `rename_all`: the code of a variant without `code`, from the variant's name.

#[derive(Clone, Copy)]
pub enum RenameRule {
    Snake,
    ScreamingSnake,
    Camel,
    Pascal,
    Kebab,
}

impl RenameRule {
    pub const NAMES: &[&str] = &[
        "snake_case",
        "SCREAMING_SNAKE_CASE",
        "camelCase",
        "PascalCase",
        "kebab-case",
    ];

    pub fn from_str(name: &str) -> Option<Self> {
        Some(match name {
            "snake_case" => RenameRule::Snake,
            "SCREAMING_SNAKE_CASE" => RenameRule::ScreamingSnake,
            "camelCase" => RenameRule::Camel,
            "PascalCase" => RenameRule::Pascal,
            "kebab-case" => RenameRule::Kebab,
            _ => return None,
        })
    }

    /// Renames a variant name, which Rust style writes in PascalCase.
    pub fn apply(self, variant: &str) -> String {
        let words = split_words(variant);
        match self {
            RenameRule::Snake => join_lower(&words, "_"),
            RenameRule::Kebab => join_lower(&words, "-"),
            RenameRule::ScreamingSnake => join_lower(&words, "_").to_ascii_uppercase(),
            RenameRule::Pascal => words.iter().map(|word| capitalize(word)).collect(),
            RenameRule::Camel => {
                let mut words = words.iter();
                let first = words
                    .next()
                    .map(|word| word.to_ascii_lowercase())
                    .unwrap_or_default();
                first + &words.map(|word| capitalize(word)).collect::<String>()
            }
        }
    }
}

/// `HTTPServerError2` -> `HTTP`, `Server`, `Error2`: a new word at each lower-to-upper step, and
/// before the last capital of a run of capitals followed by a lowercase letter.
fn split_words(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.trim_start_matches("r#").chars().collect();
    let mut words: Vec<String> = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        if c == '_' {
            words.push(String::new());
            continue;
        }
        let prev = i.checked_sub(1).map(|i| chars[i]);
        let next = chars.get(i + 1);
        let boundary = c.is_uppercase()
            && prev.is_some_and(|p| {
                p.is_lowercase()
                    || p.is_ascii_digit()
                    || (p.is_uppercase() && next.is_some_and(|n| n.is_lowercase()))
            });
        if boundary || words.is_empty() {
            words.push(String::new());
        }
        if let Some(word) = words.last_mut() {
            word.push(c);
        }
    }
    words.retain(|word| !word.is_empty());
    words
}

fn join_lower(words: &[String], separator: &str) -> String {
    words
        .iter()
        .map(|word| word.to_lowercase())
        .collect::<Vec<_>>()
        .join(separator)
}

fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|first| {
            first
                .to_uppercase()
                .chain(chars.flat_map(char::to_lowercase))
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::RenameRule;

    #[test]
    fn renames_variant_names() {
        let cases = [
            (
                "RateLimited",
                [
                    "rate_limited",
                    "RATE_LIMITED",
                    "rateLimited",
                    "RateLimited",
                    "rate-limited",
                ],
            ),
            (
                "HTTPError",
                [
                    "http_error",
                    "HTTP_ERROR",
                    "httpError",
                    "HttpError",
                    "http-error",
                ],
            ),
            (
                "NotFound2",
                [
                    "not_found2",
                    "NOT_FOUND2",
                    "notFound2",
                    "NotFound2",
                    "not-found2",
                ],
            ),
            ("Gone", ["gone", "GONE", "gone", "Gone", "gone"]),
        ];
        let rules: Vec<RenameRule> = RenameRule::NAMES
            .iter()
            .filter_map(|name| RenameRule::from_str(name))
            .collect();
        assert_eq!(rules.len(), RenameRule::NAMES.len());
        for (variant, expected) in cases {
            for (rule, expected) in rules.iter().zip(expected) {
                assert_eq!(rule.apply(variant), expected, "{variant}");
            }
        }
    }
}
