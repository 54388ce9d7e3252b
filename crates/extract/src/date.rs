//! Announcement dates: absolute dates and relative phrases resolved against
//! the publication date, at the precision the text supports.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use regex::Regex;
use std::sync::LazyLock;

/// A date phrase found in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatePhrase {
    pub start: usize,
    pub end: usize,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; None when the phrase cannot be
    /// resolved (no publication date for a relative phrase).
    pub value: Option<String>,
    /// The phrase points after publication ("next month", "will ... in June").
    pub future: bool,
    /// The phrase says when something takes effect ("by June", "effective
    /// March 23", "until July 12"), not when it was announced.
    pub effective: bool,
}

const MONTHS: &str = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)";
const WEEKDAYS: &str = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";

/// Day and month names as written in text, with the usual abbreviations:
/// never a name, and a number after a month is its day.
pub(crate) const WEEKDAY_NAMES: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
pub(crate) const MONTH_NAMES: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
];

/// A day or month name.
pub(crate) fn is_calendar_word(w: &str) -> bool {
    WEEKDAY_NAMES.contains(&w) || MONTH_NAMES.contains(&w)
}

static DATE_RE: LazyLock<Regex> = LazyLock::new(|| {
    let pattern = format!(
        r"(?x)
        (?P<iso>\b(?P<iy>(?:19|20)\d\d)-(?P<im>[01]\d)-(?P<id>[0-3]\d)\b)
      | (?P<mdy>\b(?P<m1>{MONTHS})\s+(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<y1>(?:19|20)\d\d)\b)
      | (?P<dmy>\b(?P<d2>[0-3]?\d)\s+(?P<m2>{MONTHS})\s+(?P<y2>(?:19|20)\d\d)\b)
      | (?P<my>\b(?P<m3>{MONTHS}),?\s+(?:of\s+)?(?P<y3>(?:19|20)\d\d)\b)
      | (?P<md>\b(?P<m4>{MONTHS})\s+(?P<d4>[0-3]?\d)(?:st|nd|rd|th)?\b)
      | (?P<mon>\b(?:(?:early|mid|late|earlier|later)[\s-]+(?:in\s+)?)?(?P<m5>{MONTHS})\b)
      | (?P<rel>\b(?i:(?P<rel_kw>earlier\s+this\s+(?:month|year|week)|this\s+(?:month|year|week)|last\s+(?:month|year|week)|past\s+week|next\s+(?:month|year|week)|earlier\s+in\s+the\s+year|yesterday|today|tomorrow))\b)
      | (?P<wd>\b(?P<wd_pre>(?i:last|next|this|on)\s+)?(?P<wd_day>{WEEKDAYS})\b)
      | (?P<yr>\b(?i:in|during|since|for|of|throughout)\s+(?P<y6>(?:19|20)\d\d)\b)
      | (?P<qtr>\b(?i:(?P<q_ord>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]quarter(?:\s+of)?\s+(?P<y7>(?:19|20)\d\d)?))
    "
    );
    Regex::new(&pattern).expect("date pattern compiles")
});

static EFFECTIVE_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:by|until|till|through|effective|starting|beginning|from|before|after|as of|on or before|ending|ended|end of|begins|begin|start|starts|within|over|around|since|to|into)\s+(?:the\s+)?(?:end\s+of\s+)?(?:early\s+|mid-?|late\s+)?$").expect("compiles")
});

fn month_number(m: &str) -> u32 {
    let m = m.trim_end_matches('.').to_ascii_lowercase();
    const NAMES: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    NAMES
        .iter()
        .position(|n| m.starts_with(n))
        .map_or(1, |i| i as u32 + 1)
}

fn weekday(s: &str) -> Weekday {
    match &s[..3] {
        "Mon" => Weekday::Mon,
        "Tue" => Weekday::Tue,
        "Wed" => Weekday::Wed,
        "Thu" => Weekday::Thu,
        "Fri" => Weekday::Fri,
        "Sat" => Weekday::Sat,
        _ => Weekday::Sun,
    }
}

/// Finds the date phrases of a sentence. `future_tense` says the sentence
/// speaks of what "will" happen, so a bare month points forward.
pub fn find_dates(
    sentence: &str,
    published: Option<NaiveDate>,
    future_tense: bool,
) -> Vec<DatePhrase> {
    let mut out = Vec::new();
    for c in DATE_RE.captures_iter(sentence) {
        let whole = c.get(0).expect("group 0");
        let (start, end) = (whole.start(), whole.end());
        // "the 1988-model cars": a model year, not a date.
        let tail = sentence[end..].to_ascii_lowercase();
        if tail.starts_with("-model") || tail.starts_with(" model") {
            continue;
        }
        let mut future = false;
        let value = if c.name("iso").is_some() {
            Some(whole.as_str().to_string())
        } else if let (Some(m), Some(d), Some(y)) = (
            c.name("m1").or(c.name("m2")),
            c.name("d1").or(c.name("d2")),
            c.name("y1").or(c.name("y2")),
        ) {
            ymd(y.as_str(), month_number(m.as_str()), d.as_str())
        } else if let (Some(m), Some(y)) = (c.name("m3"), c.name("y3")) {
            Some(format!("{}-{:02}", y.as_str(), month_number(m.as_str())))
        } else if let (Some(m), Some(d)) = (c.name("m4"), c.name("d4")) {
            published.and_then(|p| {
                let (y, f) = year_for_month(p, month_number(m.as_str()), future_tense);
                let date = ymd(&y.to_string(), month_number(m.as_str()), d.as_str());
                // "stays closed from March 16 to 30" in a story of March 12.
                future = f
                    || date
                        .as_deref()
                        .is_some_and(|d| d > p.format("%Y-%m-%d").to_string().as_str());
                date
            })
        } else if let Some(m) = c.name("m5") {
            if m.as_str() == "May"
                && !whole.as_str().contains(' ')
                && !preceded_by_in(sentence, start)
            {
                continue; // the verb "may"
            }
            published.map(|p| {
                let month = month_number(m.as_str());
                let (mut y, f) = year_for_month(p, month, future_tense);
                future = f;
                // "since last April" in an April story: a year ago.
                let last = sentence[..m.start()]
                    .to_ascii_lowercase()
                    .ends_with("last ");
                if last && month == p.month() {
                    y = p.year() - 1;
                    future = false;
                }
                format!("{y}-{month:02}")
            })
        } else if let Some(kw) = c.name("rel_kw") {
            let kw = kw.as_str().to_ascii_lowercase();
            future = kw.starts_with("next") || kw == "tomorrow";
            published.map(|p| relative(p, &kw))
        } else if let Some(day) = c.name("wd_day") {
            // "said Monday", "announced Tuesday": the day of the statement,
            // as if written "on Monday".
            let stated = sentence[..start]
                .trim_end()
                .rsplit(' ')
                .next()
                .is_some_and(|w| {
                    matches!(
                        w.to_ascii_lowercase().as_str(),
                        "said" | "announced" | "confirmed" | "told" | "reported" | "disclosed"
                    )
                });
            let pre = c
                .name("wd_pre")
                .map(|p| p.as_str().trim().to_ascii_lowercase())
                .or_else(|| stated.then(|| "on".to_string()));
            future = pre.as_deref() == Some("next");
            published.map(|p| weekday_date(p, weekday(day.as_str()), pre.as_deref(), future_tense))
        } else if let Some(y) = c.name("y6") {
            Some(y.as_str().to_string())
        } else if c.name("qtr").is_some() {
            c.name("y7")
                .map(|y| y.as_str().to_string())
                .or_else(|| published.map(|p| p.year().to_string()))
        } else {
            None
        };
        // "brought down to 2,500 in 1988" in a story of 1987: whatever the
        // phrase, a date after publication points ahead.
        if let (Some(v), Some(p)) = (&value, published) {
            let p = p.format("%Y-%m-%d").to_string();
            future |= v.len() <= p.len() && v.as_str() > &p[..v.len()];
        }
        let effective = EFFECTIVE_BEFORE.is_match(&sentence[..start]);
        out.push(DatePhrase {
            start,
            end,
            value,
            future,
            effective,
        });
    }
    out
}

fn preceded_by_in(sentence: &str, start: usize) -> bool {
    let before = sentence[..start].trim_end().to_ascii_lowercase();
    before.ends_with(" in") || before.ends_with(" of") || before.ends_with(" since")
}

fn ymd(y: &str, m: u32, d: &str) -> Option<String> {
    let y: i32 = y.parse().ok()?;
    let d: u32 = d.parse().ok()?;
    NaiveDate::from_ymd_opt(y, m, d).map(|date| date.format("%Y-%m-%d").to_string())
}

/// The year of a bare month: the latest one not after publication, unless
/// the sentence looks forward.
fn year_for_month(published: NaiveDate, month: u32, future_tense: bool) -> (i32, bool) {
    let y = published.year();
    if month > published.month() {
        if future_tense {
            (y, true)
        } else {
            (y - 1, false)
        }
    } else {
        (y, false)
    }
}

fn relative(p: NaiveDate, kw: &str) -> String {
    let month = |d: NaiveDate| d.format("%Y-%m").to_string();
    let day = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
    let prev_month = p.with_day(1).expect("day 1 exists") - Duration::days(1);
    let next_month = (p.with_day(28).expect("day 28 exists") + Duration::days(7))
        .with_day(1)
        .expect("day 1 exists");
    match kw.split_whitespace().collect::<Vec<_>>().as_slice() {
        ["yesterday"] => day(p - Duration::days(1)),
        ["today"] => day(p),
        ["tomorrow"] => day(p + Duration::days(1)),
        [.., "year"] if kw.starts_with("last") => (p.year() - 1).to_string(),
        [.., "year"] if kw.starts_with("next") => (p.year() + 1).to_string(),
        [.., "year"] => p.year().to_string(),
        [.., "month"] if kw.starts_with("last") => month(prev_month),
        [.., "month"] if kw.starts_with("next") => month(next_month),
        [.., "week"] if kw.starts_with("last") || kw.starts_with("past") => {
            month(p - Duration::days(7))
        }
        [.., "week"] if kw.starts_with("next") => month(p + Duration::days(7)),
        _ => month(p),
    }
}

fn weekday_date(p: NaiveDate, wd: Weekday, pre: Option<&str>, future_tense: bool) -> String {
    let today = p.weekday().num_days_from_monday() as i64;
    let target = wd.num_days_from_monday() as i64;
    let date = if pre == Some("next") || (future_tense && pre.is_none()) {
        let ahead = (target - today).rem_euclid(7);
        p + Duration::days(if ahead == 0 { 7 } else { ahead })
    } else {
        let mut back = (today - target).rem_euclid(7);
        if back == 0 && pre == Some("last") {
            back = 7;
        }
        p - Duration::days(back)
    };
    date.format("%Y-%m-%d").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn first(sentence: &str, published: Option<&str>, future: bool) -> DatePhrase {
        find_dates(sentence, published.map(d), future).remove(0)
    }

    #[test]
    fn bare_months_resolve_backwards_from_publication() {
        let p = first(
            "It cut 500 jobs earlier in January.",
            Some("2024-04-03"),
            false,
        );
        assert_eq!(p.value.as_deref(), Some("2024-01"));
        let p = first("It cut 500 jobs in October.", Some("2024-04-03"), false);
        assert_eq!(p.value.as_deref(), Some("2023-10"));
        let p = first("It will cut 500 jobs in October.", Some("2024-04-03"), true);
        assert!(p.future);
        let p = first(
            "the workforce has shrunk since last April",
            Some("1987-04-27"),
            false,
        );
        assert_eq!(p.value.as_deref(), Some("1986-04"));
        assert_eq!(first("cuts in January", None, false).value, None);
    }

    #[test]
    fn absolute_dates_keep_their_precision() {
        assert_eq!(
            first("October 2025 brought cuts", None, false)
                .value
                .as_deref(),
            Some("2025-10")
        );
        assert_eq!(
            first("on March 9, 1987 it", None, false).value.as_deref(),
            Some("1987-03-09")
        );
        assert_eq!(
            first("in 2023 it cut", None, false).value.as_deref(),
            Some("2023")
        );
        assert_eq!(
            first("the closure in July, 1985", None, false)
                .value
                .as_deref(),
            Some("1985-07")
        );
        // A model year is no date.
        assert!(find_dates("output of the 1988-model trucks", None, false).is_empty());
    }

    #[test]
    fn weekdays_and_relative_phrases() {
        // 1987-06-29 was a Monday.
        let p = first("which last Friday laid off", Some("1987-06-29"), false);
        assert_eq!(p.value.as_deref(), Some("1987-06-26"));
        let p = first("said on Tuesday", Some("2024-04-03"), false);
        // A weekday right after a reporting verb is the statement's day,
        // even in a sentence about what will happen.
        assert_eq!(
            first("said Tuesday it will cut", Some("2024-04-03"), true).value,
            first("said on Tuesday it will cut", Some("2024-04-03"), true).value
        );
        assert_eq!(p.value.as_deref(), Some("2024-04-02"));
        let p = first("cuts made last year", Some("2024-04-03"), false);
        assert_eq!(p.value.as_deref(), Some("2023"));
        let p = first("announced last month", Some("2024-01-10"), false);
        assert_eq!(p.value.as_deref(), Some("2023-12"));
    }

    #[test]
    fn effective_dates_are_marked() {
        let p = first(
            "will close the plant by October 1",
            Some("1987-03-03"),
            true,
        );
        assert!(p.effective);
        let p = first(
            "laid off a week effective March 23",
            Some("1987-03-05"),
            true,
        );
        assert!(p.effective);
        let p = first("laid off in January", Some("1987-03-05"), false);
        assert!(!p.effective);
    }

    #[test]
    fn may_as_a_verb_is_not_a_date() {
        assert!(find_dates("The company May cut jobs", Some(d("2024-06-01")), false).is_empty());
    }
}
