//! Numbers as news writes them: digits with separators and decimals,
//! "1.5 million", number words ("forty-two", "three thousand"), fractions.

/// A number found at the start of a string, and how many bytes it used.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ParsedNumber {
    pub value: f64,
    pub len: usize,
}

const UNITS: &[(&str, u64)] = &[
    ("zero", 0),
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
    ("a dozen", 12),
    ("dozen", 12),
];

const SCALES: &[(&str, u64)] = &[
    ("hundred", 100),
    ("thousand", 1_000),
    ("million", 1_000_000),
    ("mln", 1_000_000),
    ("billion", 1_000_000_000),
    ("bln", 1_000_000_000),
];

/// Fractions of a workforce, as percentages.
pub const FRACTIONS: &[(&str, f64)] = &[
    ("a third", 33.3),
    ("one third", 33.3),
    ("one-third", 33.3),
    ("two thirds", 66.7),
    ("two-thirds", 66.7),
    ("half", 50.0),
    ("a half", 50.0),
    ("one half", 50.0),
    ("a quarter", 25.0),
    ("one quarter", 25.0),
    ("one-quarter", 25.0),
    ("three quarters", 75.0),
    ("a fifth", 20.0),
    ("one fifth", 20.0),
    ("a tenth", 10.0),
    ("one in ten", 10.0),
    ("one in five", 20.0),
    ("one in four", 25.0),
    ("one in three", 33.3),
];

fn word_at<'a>(s: &'a str, word: &str) -> Option<&'a str> {
    let head = s.get(..word.len())?;
    if !head.eq_ignore_ascii_case(word) {
        return None;
    }
    let rest = &s[word.len()..];
    if rest.chars().next().is_some_and(|c| c.is_alphanumeric()) {
        return None;
    }
    Some(rest)
}

/// Parses a number at the start of `s`: "1,300", "2.5 million", "forty-two",
/// "three hundred", "10". Returns None when `s` does not start with one.
pub fn parse_number(s: &str) -> Option<ParsedNumber> {
    let digits = parse_digits(s).or_else(|| parse_words(s))?;
    // A scale word after the number multiplies it ("1.5 million", "two thousand").
    let rest = &s[digits.len..];
    let trimmed = rest.trim_start_matches(' ');
    let gap = rest.len() - trimmed.len();
    if gap <= 1 {
        for (w, scale) in SCALES {
            if let Some(after) = word_at(trimmed, w) {
                let used = s.len() - after.len();
                return Some(ParsedNumber {
                    value: digits.value * *scale as f64,
                    len: used,
                });
            }
        }
    }
    Some(digits)
}

fn parse_digits(s: &str) -> Option<ParsedNumber> {
    let bytes = s.as_bytes();
    if !bytes.first()?.is_ascii_digit() {
        return None;
    }
    let mut i = 0;
    let mut int = String::new();
    let mut frac = String::new();
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_digit() {
            int.push(b as char);
            i += 1;
        } else if b == b','
            && bytes
                .get(i + 1..i + 4)
                .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
            && !bytes.get(i + 4).is_some_and(u8::is_ascii_digit)
        {
            i += 1;
        } else {
            break;
        }
    }
    if bytes.get(i) == Some(&b'.') && bytes.get(i + 1).is_some_and(u8::is_ascii_digit) {
        i += 1;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            frac.push(bytes[i] as char);
            i += 1;
        }
    }
    if int.len() > 15 {
        return None;
    }
    let text = if frac.is_empty() {
        int
    } else {
        format!("{int}.{frac}")
    };
    Some(ParsedNumber {
        value: text.parse().ok()?,
        len: i,
    })
}

fn parse_words(s: &str) -> Option<ParsedNumber> {
    let mut total: u64 = 0;
    let mut current: u64 = 0;
    let mut used = 0;
    let mut any = false;
    let mut rest = s;
    loop {
        let mut matched = false;
        for (w, v) in UNITS {
            if let Some(after) = word_at(rest, w) {
                current += v;
                rest = after;
                matched = true;
                break;
            }
        }
        if !matched {
            let mut scaled = false;
            if any {
                for (w, scale) in &SCALES[..2] {
                    if let Some(after) = word_at(rest, w) {
                        if *scale == 100 {
                            current *= 100;
                        } else {
                            total += current * scale;
                            current = 0;
                        }
                        rest = after;
                        scaled = true;
                        break;
                    }
                }
            }
            if !scaled {
                break;
            }
        }
        any = true;
        used = s.len() - rest.len();
        // Allow "forty-two", "three hundred and ten".
        let next = rest
            .strip_prefix('-')
            .or_else(|| rest.strip_prefix(" and "))
            .or_else(|| rest.strip_prefix(' '));
        match next {
            Some(n) if n.chars().next().is_some_and(|c| c.is_alphabetic()) => rest = n,
            _ => break,
        }
    }
    any.then_some(ParsedNumber {
        value: (total + current) as f64,
        len: used,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> Option<f64> {
        parse_number(s).map(|p| p.value)
    }

    #[test]
    fn parses_digits_words_and_scales() {
        assert_eq!(n("1,300 jobs"), Some(1300.0));
        assert_eq!(n("2.5 million"), Some(2_500_000.0));
        assert_eq!(n("forty-two workers"), Some(42.0));
        assert_eq!(n("three hundred and ten staff"), Some(310.0));
        assert_eq!(n("two thousand"), Some(2000.0));
        assert_eq!(n("12,500"), Some(12500.0));
        assert_eq!(n("workers"), None);
        assert_eq!(n("someone"), None);
    }

    #[test]
    fn length_covers_the_number_only() {
        let p = parse_number("1,920 jobs").unwrap();
        assert_eq!(p.len, 5);
        let p = parse_number("five months").unwrap();
        assert_eq!(p.len, 4);
    }

    #[test]
    fn huge_digit_runs_are_not_numbers() {
        assert_eq!(n(&"9".repeat(40)), None);
    }
}
