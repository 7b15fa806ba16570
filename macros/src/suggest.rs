//! "Did you mean ...?": the nearest of the valid names to one that was misspelt.

/// The candidate closest to `written`, if it is close enough to be what was meant.
pub fn nearest<'a>(
    written: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|name| (edit_distance(written, name), name))
        .min()
        .filter(|(distance, _)| *distance <= 2)
        .map(|(_, name)| name)
}

/// Levenshtein distance.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substituted = diagonal + usize::from(ca != *cb);
            diagonal = row[j + 1];
            row[j + 1] = substituted.min(row[j] + 1).min(diagonal + 1);
        }
    }
    row[b.len()]
}

/// What to tell a user who wrote `written` where one of `names` belongs: the nearest, else all.
pub fn hint(written: &str, names: &[&str]) -> String {
    match nearest(written, names.iter().copied()) {
        Some(name) => format!("did you mean \"{name}\"?"),
        None => {
            let quoted: Vec<String> = names.iter().map(|name| format!("\"{name}\"")).collect();
            format!("use one of: {}", quoted.join(", "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::nearest;

    #[test]
    fn suggests_within_two_edits_only() {
        assert_eq!(nearest("stauts", ["status", "code"]), Some("status"));
        assert_eq!(nearest("mesage", ["status", "message"]), Some("message"));
        assert_eq!(nearest("banana", ["status", "code"]), None);
    }
}
