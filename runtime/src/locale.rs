//! The reader's language: the best of the locales an error type declares for a request's
//! `Accept-Language` (RFC 9110, section 12.5.4), with the basic filtering of RFC 4647: a range
//! matches a locale it equals or is a prefix of (`fr` takes `fr-CA`), and a locale that is a
//! prefix of the range (`fr-CH` takes `fr`).

/// The longest `Accept-Language` value read: a longer one is broken or hostile, and gets the
/// default locale. Browsers send a few dozen bytes.
pub const MAX_ACCEPT_LANGUAGE: usize = 1024;

/// The most language ranges read from one value; those after them are not read.
const MAX_RANGES: usize = 32;

/// The index in `locales` (the type's, its default first) of the best one for `accept`; `0`, the
/// default, when no other is preferred, when nothing is acceptable, and for a value that is
/// empty, too long or not a list of language ranges.
///
/// ```
/// use errwire::locale::negotiate;
///
/// let locales = ["en", "fr", "de-CH"];
/// assert_eq!(negotiate("fr-CH, en;q=0.5", &locales), 1, "fr-CH falls back to fr");
/// assert_eq!(negotiate("de, fr;q=0.1", &locales), 2, "de takes de-CH");
/// assert_eq!(negotiate("*", &locales), 0);
/// assert_eq!(negotiate("ja", &locales), 0, "nothing acceptable: the default");
/// assert_eq!(negotiate("fr;q=0", &locales), 0, "q=0 is a refusal");
/// assert_eq!(negotiate("fr;q=nope", &locales), 0, "a range with a broken weight is not read");
/// ```
pub fn negotiate(accept: &str, locales: &[&str]) -> usize {
    if accept.len() > MAX_ACCEPT_LANGUAGE || locales.len() < 2 {
        return 0;
    }
    // For each locale, the weight of the most specific range that matches it.
    let mut best: Vec<Option<(usize, u16)>> = vec![None; locales.len()];
    for range in accept.split(',').take(MAX_RANGES) {
        let Some((tag, weight)) = parse_range(range) else {
            continue;
        };
        for (locale, best) in locales.iter().zip(&mut best) {
            let Some(specificity) = specificity(tag, locale) else {
                continue;
            };
            if best.is_none_or(|(known, _)| specificity > known) {
                *best = Some((specificity, weight));
            }
        }
    }
    // The heaviest; between equals, the most specific match (`fr-CA` over `fr` for `fr-CA`),
    // then the default, then the first declared.
    let mut chosen = 0;
    let mut chosen_by = best[0].map_or((0, 0), |(specificity, weight)| (weight, specificity));
    for (index, best) in best.iter().enumerate().skip(1) {
        if let Some((specificity, weight)) = *best
            && (weight, specificity) > chosen_by
        {
            (chosen, chosen_by) = (index, (weight, specificity));
        }
    }
    match chosen_by.0 {
        0 => 0,
        _ => chosen,
    }
}

/// A language range and its weight in thousandths: `fr-CH;q=0.8` is `("fr-CH", 800)`; `None`
/// for one that is not well-formed.
fn parse_range(range: &str) -> Option<(&str, u16)> {
    let mut parts = range.split(';');
    let tag = parts.next()?.trim();
    let well_formed = tag == "*"
        || (!tag.is_empty()
            && tag.len() <= 64
            && tag.split('-').all(|subtag| {
                (1..=8).contains(&subtag.len())
                    && subtag.bytes().all(|byte| byte.is_ascii_alphanumeric())
            }));
    if !well_formed {
        return None;
    }
    let mut weight = 1000;
    for parameter in parts {
        let (name, value) = parameter.trim().split_once('=')?;
        if !name.trim().eq_ignore_ascii_case("q") {
            return None;
        }
        weight = parse_weight(value.trim())?;
    }
    Some((tag, weight))
}

/// A weight (RFC 9110, section 12.4.2): `0`, `1`, `0.` and up to three digits, `1.` and zeros.
fn parse_weight(value: &str) -> Option<u16> {
    let (whole, fraction) = value.split_once('.').unwrap_or((value, ""));
    if fraction.len() > 3 || !fraction.bytes().all(|byte| byte.is_ascii_digit()) {
        return None;
    }
    let thousandths = format!("{fraction:0<3}").parse::<u16>().ok()?;
    match whole {
        "0" => Some(thousandths),
        "1" if thousandths == 0 => Some(1000),
        _ => None,
    }
}

/// How specifically `range` matches `locale`: the length of what they share, `0` for `*`;
/// `None` when it does not match.
fn specificity(range: &str, locale: &str) -> Option<usize> {
    if range == "*" {
        return Some(0);
    }
    let prefix_of = |short: &str, long: &str| {
        long.len() > short.len()
            && long.as_bytes()[short.len()] == b'-'
            && long[..short.len()].eq_ignore_ascii_case(short)
    };
    if range.eq_ignore_ascii_case(locale) {
        Some(range.len() + 1)
    } else if prefix_of(range, locale) {
        Some(range.len())
    } else if prefix_of(locale, range) {
        Some(locale.len())
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOCALES: [&str; 3] = ["en", "fr", "pt-BR"];

    #[test]
    fn the_best_by_weight_and_specificity() {
        assert_eq!(negotiate("fr-CH, en;q=0.5", &LOCALES), 1);
        assert_eq!(negotiate("en, fr;q=0.9", &LOCALES), 0);
        assert_eq!(negotiate("pt", &LOCALES), 2, "pt takes pt-BR");
        assert_eq!(negotiate("PT-br", &LOCALES), 2, "tags are case-insensitive");
        assert_eq!(
            negotiate("*;q=0.5, fr;q=0.4", &LOCALES),
            0,
            "any, the default first"
        );
        assert_eq!(negotiate("fr;q=0.4, *;q=0.5", &LOCALES), 0);
        assert_eq!(negotiate("fr, *;q=0", &LOCALES), 1);
        assert_eq!(negotiate("de, fr;q=0.001", &LOCALES), 1);
        assert_eq!(negotiate("fr;q=1.000", &LOCALES), 1);
        let canadian = ["en", "fr", "fr-CA"];
        assert_eq!(negotiate("fr-CA", &canadian), 2, "the exact match");
        assert_eq!(negotiate("fr-BE", &canadian), 1, "the language");
        assert_eq!(
            negotiate("fr", &canadian),
            1,
            "the exact match over a longer tag"
        );
    }

    #[test]
    fn anything_else_is_the_default() {
        for value in [
            "",
            " ",
            ",,,",
            "de",
            "fr;q=2",
            "fr;q=0.1234",
            "fr;level=1",
            "fr_FR",
            "français",
            "fr-toolongsubtag",
            "\u{0}fr",
            "fr;q=",
        ] {
            assert_eq!(negotiate(value, &LOCALES), 0, "{value:?}");
        }
        let huge = "fr,".repeat(MAX_ACCEPT_LANGUAGE);
        assert_eq!(negotiate(&huge, &LOCALES), 0, "too long");
        assert_eq!(negotiate("fr", &["en"]), 0, "one locale");
        // Only the first ranges are read.
        let late = format!("{}fr", "ja,".repeat(MAX_RANGES));
        assert_eq!(negotiate(&late, &LOCALES), 0);
    }
}
