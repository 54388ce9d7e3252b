//! Date prefixes as the contract writes them (`YYYY`, `YYYY-MM`,
//! `YYYY-MM-DD`), checked against the calendar.

/// Whether `s` is `YYYY`, `YYYY-MM` or `YYYY-MM-DD` and names a real month
/// and day ("2024-02-29" yes, "2023-02-29", "2024-13" and "2024-04-31" no).
pub fn is_date_prefix(s: &str) -> bool {
    let b = s.as_bytes();
    let shape = matches!(b.len(), 4 | 7 | 10)
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        });
    if !shape {
        return false;
    }
    let num = |r: std::ops::Range<usize>| s[r].parse::<u32>().unwrap_or(0);
    let year = num(0..4);
    if b.len() == 4 {
        return true;
    }
    let month = num(5..7);
    if !(1..=12).contains(&month) {
        return false;
    }
    if b.len() == 7 {
        return true;
    }
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    (1..=days).contains(&num(8..10))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_must_be_real_calendar_dates() {
        for ok in ["2024", "2024-02", "2024-02-29", "2000-02-29", "1987-12-31"] {
            assert!(is_date_prefix(ok), "{ok}");
        }
        for bad in [
            "2024-13",
            "2024-00",
            "2024-13-45",
            "2023-02-29",
            "1900-02-29",
            "2024-04-31",
            "2024-02-30",
            "2024-1",
            "20x4",
            "yesterday",
            "",
            "2024-01-00",
        ] {
            assert!(!is_date_prefix(bad), "{bad}");
        }
    }
}
