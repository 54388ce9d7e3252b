//! Tracker exports and WARN notice registers: each CSV row becomes a document
//! (the row itself is its text, so re-importing is idempotent by content
//! hash) with one event. Bad rows are reported with their line numbers and
//! the rest is imported.

use crate::IngestError;
use chrono::NaiveDate;
use layoffwatch_model::{Document, Event, Headcount, Reason};
use std::path::Path;

/// Which register a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegisterKind {
    /// layoffs.fyi export: company, location, total_laid_off, date, ...
    LayoffsFyi,
    /// Normalised state WARN register (warn-notice-register columns).
    WarnRegister,
    /// Raw California WARN file (notice_date, company, num_employees, ...).
    WarnCalifornia,
}

/// One imported row: a document holding the row and the event it states.
#[derive(Debug, Clone)]
pub struct ImportedRow {
    pub document: Document,
    pub event: Event,
    /// "FILE:LINE", for provenance.
    pub origin: String,
}

/// A row that could not be imported, with its line number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub line: u64,
    pub message: String,
}

/// Every row of one file: the good ones and the errors.
#[derive(Debug, Default)]
pub struct ImportFile {
    pub rows: Vec<ImportedRow>,
    pub errors: Vec<RowError>,
}

/// Looks up a place name's location code (see `Extractor::place_code`).
pub type PlaceLookup<'a> = &'a dyn Fn(&str) -> Option<String>;

/// Reads a tracker or WARN CSV file. `expect` says which kind the caller
/// wants; a header of another kind is an error that says what was found.
pub fn import_csv(
    path: &Path,
    expect: &[RegisterKind],
    place: PlaceLookup<'_>,
) -> Result<ImportFile, IngestError> {
    let bytes = std::fs::read(path).map_err(|cause| IngestError::Io {
        path: path.to_path_buf(),
        cause,
    })?;
    import_bytes(&bytes, &path.display().to_string(), expect, place)
}

/// Same as [`import_csv`] over bytes already read; `name` names the source.
pub fn import_bytes(
    bytes: &[u8],
    name: &str,
    expect: &[RegisterKind],
    place: PlaceLookup<'_>,
) -> Result<ImportFile, IngestError> {
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
    let headers = reader
        .headers()
        .map_err(|e| IngestError::BadFile {
            path: name.to_string(),
            message: format!("cannot read the CSV header: {e}"),
        })?
        .clone();
    let kind = detect(&headers).ok_or_else(|| IngestError::BadFile {
        path: name.to_string(),
        message: format!(
            "unknown columns {:?}; expected a layoffs.fyi export or a WARN register",
            headers.iter().take(6).collect::<Vec<_>>()
        ),
    })?;
    if !expect.contains(&kind) {
        return Err(IngestError::BadFile {
            path: name.to_string(),
            message: format!(
                "this is a {kind:?} file, not {expect:?}; use the matching import command"
            ),
        });
    }
    let col = |n: &str| headers.iter().position(|h| h == n);
    let mut out = ImportFile::default();
    let mut record = csv::StringRecord::new();
    // Lines are counted here: the header is line 1, and a record spans one
    // line plus the line breaks inside its quoted fields.
    let mut next_line: u64 = 2;
    loop {
        let line = next_line;
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = next_line;
                next_line += 1 + record
                    .iter()
                    .map(|f| memchr::memchr_iter(b'\n', f.as_bytes()).count() as u64)
                    .sum::<u64>();
                if record.len() != headers.len() {
                    out.errors.push(RowError {
                        line,
                        message: format!(
                            "{} fields where the header has {} (a broken quote or a truncated file?)",
                            record.len(),
                            headers.len()
                        ),
                    });
                    continue;
                }
                let get = |n: &str| {
                    col(n)
                        .and_then(|i| record.get(i))
                        .map(str::trim)
                        .unwrap_or("")
                };
                let row = match kind {
                    RegisterKind::LayoffsFyi => layoffs_fyi(&get, place),
                    RegisterKind::WarnRegister => warn_register(&get),
                    RegisterKind::WarnCalifornia => warn_california(&get),
                };
                match row {
                    Ok((mut document, event)) => {
                        let text = record.iter().collect::<Vec<_>>().join(",");
                        document.id = format!(
                            "{}:{}",
                            kind_prefix(kind),
                            &crate::content_hash(&text)[..16]
                        );
                        document.text = Some(text);
                        out.rows.push(ImportedRow {
                            document,
                            event,
                            origin: format!("{name}:{line}"),
                        });
                    }
                    Err(message) => out.errors.push(RowError { line, message }),
                }
            }
            Err(e) => {
                next_line += 1;
                out.errors.push(RowError {
                    line,
                    message: format!("unreadable CSV: {e}"),
                });
                // A bad record (such as invalid UTF-8) is skipped; a read
                // failure ends the file.
                if matches!(e.kind(), csv::ErrorKind::Io(_)) {
                    break;
                }
            }
        }
    }
    Ok(out)
}

fn kind_prefix(kind: RegisterKind) -> &'static str {
    match kind {
        RegisterKind::LayoffsFyi => "layoffs-fyi",
        RegisterKind::WarnRegister | RegisterKind::WarnCalifornia => "warn",
    }
}

fn detect(h: &csv::StringRecord) -> Option<RegisterKind> {
    let has = |n: &str| h.iter().any(|x| x == n);
    if has("company") && has("total_laid_off") && has("date") {
        Some(RegisterKind::LayoffsFyi)
    } else if has("employer_name") && has("notice_date") && has("employees_affected") {
        Some(RegisterKind::WarnRegister)
    } else if has("company") && has("notice_date") && has("num_employees") {
        Some(RegisterKind::WarnCalifornia)
    } else {
        None
    }
}

/// Dates as ISO `YYYY-MM-DD` from ISO or US `M/D/YYYY` text.
fn iso_date(s: &str) -> Result<String, String> {
    let s = s.trim();
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(s, "%m/%d/%Y"))
        .map(|d| d.format("%Y-%m-%d").to_string())
        .map_err(|_| format!("{s:?} is not a date (YYYY-MM-DD or M/D/YYYY)"))
}

/// A whole number of people from "40", "40.0" or "1,200"; empty is none.
fn count(s: &str, column: &str) -> Result<Option<u64>, String> {
    let s = s.trim().replace(',', "");
    if s.is_empty() {
        return Ok(None);
    }
    match s.parse::<f64>() {
        Ok(v) if v >= 0.0 && v.fract() == 0.0 && v < 3e6 => Ok(Some(v as u64)),
        _ => Err(format!("{column} {s:?} is not a number of people")),
    }
}

/// An exact size, its text the whole number and what it counts ("16000
/// laid off", never the export's "16000.0").
fn exact(n: Option<u64>, counts: &str) -> Option<Headcount> {
    n.map(|n| Headcount {
        min: Some(n),
        max: Some(n),
        approximate: false,
        text: format!("{n} {counts}"),
    })
}

fn required<'a>(get: &dyn Fn(&str) -> &'a str, column: &str) -> Result<&'a str, String> {
    let v = get(column);
    if v.is_empty() {
        Err(format!("{column} is empty"))
    } else {
        Ok(v)
    }
}

fn doc(published: &str, url: &str, title: String, source: &str) -> Document {
    Document {
        id: String::new(),
        text: None,
        html: None,
        published: Some(published.to_string()),
        url: (!url.is_empty()).then(|| url.to_string()),
        title: Some(title),
        source: Some(source.to_string()),
    }
}

type Row = Result<(Document, Event), String>;

fn layoffs_fyi<'a>(get: &dyn Fn(&str) -> &'a str, place: PlaceLookup<'_>) -> Row {
    let company = required(get, "company")?;
    // Rows without the cut's date still carry the day the tracker added
    // them: that day is used, and the title says so.
    let (date, dated_by) = match (get("date").trim(), get("date_added").trim()) {
        ("", added) if !added.is_empty() => (iso_date(added)?, "; date: added to the tracker"),
        _ => (iso_date(required(get, "date")?)?, ""),
    };
    let size = count(get("total_laid_off"), "total_laid_off")?;
    let mut e = Event::new(company);
    e.announced = Some(date.clone());
    e.headcount = exact(size, "laid off");
    let pct = get("percentage_laid_off");
    if !pct.is_empty() {
        let v: f64 = pct
            .parse()
            .map_err(|_| format!("percentage_laid_off {pct:?} is not a number"))?;
        // The export gives shares as fractions (0.08 = 8%).
        e.percent = Some(if v <= 1.0 {
            (v * 1000.0).round() / 10.0
        } else {
            v
        });
    }
    let location = get("location");
    let city = location.split(',').next().unwrap_or("").trim();
    let country = get("country");
    let code = place(city)
        .filter(|c| !country.is_empty() && (c.starts_with("US") == (country == "United States")))
        .or_else(|| place(country));
    e.locations.extend(code);
    if e.percent == Some(100.0) {
        e.reasons.push(Reason::Closure);
    }
    let title = format!("{company} ({location}{dated_by})");
    Ok((doc(&date, get("source"), title, "layoffs.fyi"), e))
}

fn warn_register<'a>(get: &dyn Fn(&str) -> &'a str) -> Row {
    let company = required(get, "employer_name")?;
    let date = iso_date(required(get, "notice_date")?)?;
    let size = count(get("employees_affected"), "employees_affected")?;
    let state = get("state");
    let mut e = Event::new(company);
    e.announced = Some(date.clone());
    e.headcount = exact(size, "employees affected");
    if state.len() == 2 {
        e.locations.push(format!("US-{state}"));
    }
    let site = [get("place_name"), get("location")]
        .into_iter()
        .find(|s| !s.is_empty())
        .unwrap_or("");
    if !site.is_empty() {
        e.units.push(site.to_string());
    }
    if get("layoff_type") == "closure" {
        e.reasons.push(Reason::Closure);
    }
    let title = format!("WARN notice: {company}, {site} {state}");
    Ok((
        doc(&date, get("source_url"), title, &format!("WARN {state}")),
        e,
    ))
}

fn warn_california<'a>(get: &dyn Fn(&str) -> &'a str) -> Row {
    let company = required(get, "company")?;
    let date = iso_date(required(get, "notice_date")?)?;
    let size = count(get("num_employees"), "num_employees")?;
    let mut e = Event::new(company);
    e.announced = Some(date.clone());
    e.headcount = exact(size, "employees");
    e.locations.push("US-CA".into());
    let city = get("city");
    if !city.is_empty() {
        e.units.push(city.to_string());
    }
    if get("layoff_or_closure")
        .to_ascii_lowercase()
        .contains("closure")
    {
        e.reasons.push(Reason::Closure);
    }
    let title = format!("WARN notice: {company}, {} CA", get("county"));
    Ok((doc(&date, "", title, "WARN CA"), e))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_place(_: &str) -> Option<String> {
        None
    }

    #[test]
    fn tracker_rows_become_events_and_bad_rows_are_reported_by_line() {
        let csv = "company,location,total_laid_off,date,percentage_laid_off,industry,source,stage,funds_raised,country,date_added\n\
                   Acme,Boston,40.0,4/27/2026,0.08,Security,https://x.test/a,Series D,249,United States,4/30/2026\n\
                   Broken,Boston,forty,4/27/2026,,Security,,,,United States,\n\
                   Globex,\"Chennai, Non-U.S.\",,2026-04-24,,Other,,,,India,\n\
                   Initech,Austin,12,,,Other,,,,United States,5/2/2026\n\
                   Undated,Austin,12,,,Other,,,,United States,\n";
        let place = |s: &str| (s == "India").then(|| "IN".to_string());
        let got =
            import_bytes(csv.as_bytes(), "t.csv", &[RegisterKind::LayoffsFyi], &place).unwrap();
        assert_eq!(got.rows.len(), 3);
        assert_eq!(got.errors.len(), 2, "{:?}", got.errors);
        assert_eq!(
            got.errors[0],
            RowError {
                line: 3,
                message: "total_laid_off \"forty\" is not a number of people".into()
            }
        );
        assert_eq!(got.errors[1].line, 6);
        let initech = &got.rows[2];
        assert_eq!(initech.event.announced.as_deref(), Some("2026-05-02"));
        let title = initech.document.title.as_deref().unwrap();
        assert!(title.contains("date: added to the tracker"), "{title}");
        assert!(!got.rows[0]
            .document
            .title
            .as_deref()
            .unwrap()
            .contains("added"));
        let acme = &got.rows[0];
        assert_eq!(acme.event.announced.as_deref(), Some("2026-04-27"));
        assert_eq!(acme.event.headcount.as_ref().unwrap().min, Some(40));
        assert_eq!(acme.event.headcount.as_ref().unwrap().text, "40 laid off");
        assert_eq!(acme.event.percent, Some(8.0));
        assert_eq!(acme.origin, "t.csv:2");
        assert!(acme.document.id.starts_with("layoffs-fyi:"));
        assert_eq!(got.rows[1].event.locations, ["IN"]);
        assert!(got.rows[1].event.headcount.is_none());
    }

    #[test]
    fn a_truncated_file_keeps_the_rows_before_the_break() {
        let csv = "notice_date,effective_date,received_date,company,city,num_employees,layoff_or_closure,county,address,source_file\n\
                   06/25/2021,07/31/2021,07/01/2021,Initech,,55,Layoff Permanent,Alameda County,x,f\n\
                   06/29/2021,07/29/2021,07/01/2021,\"Globex Inc,,";
        let got = import_bytes(
            csv.as_bytes(),
            "ca.csv",
            &[RegisterKind::WarnCalifornia],
            &no_place,
        )
        .unwrap();
        assert_eq!(got.rows.len(), 1);
        assert_eq!(got.rows[0].event.locations, ["US-CA"]);
        assert_eq!(got.errors.len(), 1, "{:?}", got.errors);
        assert_eq!(got.errors[0].line, 3);
    }

    #[test]
    fn line_numbers_count_the_header() {
        let csv = "company,location,total_laid_off,date\nAcme,Boston,4,\nGlobex,Boston,5,\nInitech,Boston,6,2024-01-01\n";
        let got = import_bytes(
            csv.as_bytes(),
            "t.csv",
            &[RegisterKind::LayoffsFyi],
            &no_place,
        )
        .unwrap();
        let lines: Vec<u64> = got.errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, [2, 3]);
        assert_eq!(got.rows[0].origin, "t.csv:4");
    }

    #[test]
    fn the_wrong_kind_of_file_says_what_it_is() {
        let csv = "company,location,total_laid_off,date\nAcme,Boston,4,2024-01-01\n";
        let err = import_bytes(
            csv.as_bytes(),
            "t.csv",
            &[RegisterKind::WarnRegister],
            &no_place,
        )
        .unwrap_err();
        assert!(err.to_string().contains("LayoffsFyi"), "{err}");
    }
}
