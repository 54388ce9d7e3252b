//! Text in, layoff events with evidence out.
//!
//! A pure, deterministic, rule-based extractor: the rules are the data files
//! under `lexicon/` (triggers, sizes, reasons, functions, places, parent
//! companies), each entry with examples that must fire and must stay silent.
//! The extractor never panics on any input and never touches files, the
//! network or a database.
#![forbid(unsafe_code)]

mod ai_source;
mod analyze;
mod attributes;
mod company;
mod date;
mod lexicon;
mod locations;
mod number;
mod phrases;
pub mod ranker;
mod roles;
mod sentence;
mod size;
mod web;

pub use analyze::Input;
pub use company::norm_words;
pub use sentence::sentences;

use chrono::NaiveDate;
use layoffwatch_model::{Document, Event};

/// The compiled rules; build once and share across threads.
#[derive(Debug)]
pub struct Extractor {
    lexicon: lexicon::Lexicon,
    /// Fault injection for tests of the callers' isolation: a document
    /// whose text holds this marker makes [`Extractor::extract_isolated`]
    /// panic. Set only by the `LAYOFFWATCH_TEST_PANIC_MARKER` variable.
    panic_marker: Option<String>,
}

/// The extractor failed on one document. It is tested never to panic, so
/// this is a bug; the callers report it for that document and go on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("internal error while extracting this document ({0}); please report it with the document")]
pub struct ExtractFailed(pub String);

fn panic_marker() -> Option<String> {
    std::env::var("LAYOFFWATCH_TEST_PANIC_MARKER")
        .ok()
        .filter(|m| !m.is_empty())
}

impl Default for Extractor {
    fn default() -> Self {
        Extractor::new()
    }
}

impl Extractor {
    pub fn new() -> Extractor {
        Extractor {
            lexicon: lexicon::Lexicon::embedded(),
            panic_marker: panic_marker(),
        }
    }

    /// The extractor with other employer-ranker weights (training and
    /// cross-validation use this).
    pub fn with_ranker(model: ranker::Model) -> Extractor {
        let mut lexicon = lexicon::Lexicon::embedded();
        lexicon.ranker = model;
        Extractor {
            lexicon,
            panic_marker: panic_marker(),
        }
    }

    /// Every employer candidate of a text, with the ranker's features:
    /// what `layoffwatch train` learns from.
    pub fn employer_candidates(&self, input: &Input<'_>) -> Vec<(String, ranker::Features)> {
        analyze::employer_candidates(&self.lexicon, input)
    }

    /// The events of one text.
    pub fn extract(&self, input: &Input<'_>) -> Vec<Event> {
        analyze::analyze(&self.lexicon, input)
    }

    /// The key that identifies an employer across sources: the top-level
    /// parent for a known unit, alias or brand ("AWS", "Amazon.com Inc" →
    /// "amazon"), else the name's words without legal suffixes, lower case.
    pub fn employer_key(&self, name: &str) -> String {
        let name = name.trim();
        let top = self
            .lexicon
            .companies
            .find(name)
            .find(|h| {
                // A unit only by its whole name ("Ring"); a parent or alias
                // also as the start of a longer name ("Amazon.com Services LLC").
                h.start == 0
                    && (h.end == name.len()
                        || !h.value.is_unit && name[h.end..].starts_with([' ', ',', '.']))
            })
            .map(|h| self.lexicon.parents[h.value.parent].as_str())
            .unwrap_or(name);
        company::norm_words(top).join(" ")
    }

    /// Puts an event that names a unit, subsidiary or brand as its company
    /// (a tracker row "Twitch", a WARN filer "Zoox Inc") under its top-level
    /// employer in the year of the cut, with the name as a unit: then the
    /// parent's pages show it and units that disagree keep cuts apart.
    pub fn to_top_level(&self, event: &mut Event) {
        let year = event
            .announced
            .as_deref()
            .and_then(|d| d.get(..4))
            .and_then(|y| y.parse().ok());
        let (top, unit) = analyze::top_level(&self.lexicon, &event.company, year);
        if let Some(unit) = unit {
            if company::norm_words(&top) != company::norm_words(&event.company) {
                if !event.units.iter().any(|u| company::same_org(u, &unit)) {
                    event.units.insert(0, unit);
                }
                event.company = top;
            }
        }
    }

    /// A company name's words without legal suffixes, lower case: how
    /// "Intertan Inc" and "Intertan" are told to be one name (no table is
    /// read; `employer_key` also resolves parents).
    pub fn name_key(name: &str) -> String {
        company::norm_words(name).join(" ")
    }

    /// The location code of a place name as a whole ("Boston" → "US-MA",
    /// "India" → "IN", "Texas" → "US-TX"), if the place table knows it.
    pub fn place_code(&self, name: &str) -> Option<String> {
        let name = name.trim();
        self.lexicon
            .places
            .find(name)
            .find(|h| h.start == 0 && h.end == name.len())
            .map(|h| h.value.clone())
    }

    /// The events of a document whose `text` is filled (readers turn `html`
    /// into text before this).
    /// [`Extractor::extract_document`], with a panic caught and turned into
    /// an error for this document alone: what every caller that extracts
    /// many documents (ingest, watch, extract, the API) uses.
    pub fn extract_isolated(&self, doc: &Document) -> Result<Vec<Event>, ExtractFailed> {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            if let (Some(marker), Some(text)) = (&self.panic_marker, &doc.text) {
                if text.contains(marker.as_str()) {
                    panic!("the test panic marker is in the text");
                }
            }
            self.extract_document(doc)
        }))
        .map_err(|payload| {
            let why = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "a panic".into());
            ExtractFailed(why)
        })
    }

    pub fn extract_document(&self, doc: &Document) -> Vec<Event> {
        let Some(text) = doc.text.as_deref() else {
            return Vec::new();
        };
        let published = doc
            .published_date()
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
        self.extract(&Input {
            text,
            published,
            title: doc.title.as_deref(),
        })
    }
}

#[cfg(test)]
mod lexicon_examples;

#[cfg(test)]
mod tests {
    use super::*;
    use layoffwatch_model::AiSource;

    #[test]
    fn employer_keys_join_units_aliases_and_suffixes() {
        let x = Extractor::new();
        assert_eq!(x.employer_key("AWS"), "amazon");
        assert_eq!(x.employer_key("Amazon.com Services LLC"), "amazon");
        assert_eq!(x.employer_key("Amazon"), "amazon");
        assert_eq!(x.employer_key("Acme Widgets, Inc."), "acme widgets");
        assert_ne!(x.employer_key("Ring Power Corp"), "amazon");
        assert_eq!(x.place_code("Boston").as_deref(), Some("US-MA"));
        assert_eq!(x.place_code("Nowhere Town"), None);
    }

    #[test]
    fn a_headline_and_its_story_are_one_cut_dated_by_the_story() {
        let x = Extractor::new();
        let doc = layoffwatch_model::Document {
            id: "h".into(),
            text: Some(
                "Tamsin Freight cuts jobs.\n\nTamsin Freight said Monday that it will lay off \
                 120 employees at its Denver depot as volumes fell."
                    .into(),
            ),
            html: None,
            published: Some("2026-09-02".into()),
            url: None,
            title: None,
            source: None,
        };
        let events = x.extract_document(&doc);
        assert_eq!(events.len(), 1, "{events:?}");
        assert_eq!(events[0].announced.as_deref(), Some("2026-08-31"));
        assert_eq!(events[0].headcount.as_ref().and_then(|h| h.min), Some(120));
        // Two cuts the text dates apart stay apart.
        let two = layoffwatch_model::Document {
            text: Some(
                "Tamsin Freight said Monday that it will lay off 120 employees. In March it \
                 cut 80 jobs at its Leeds depot."
                    .into(),
            ),
            ..doc
        };
        assert_eq!(x.extract_document(&two).len(), 2);
    }

    #[test]
    fn a_total_split_over_named_sites_gives_one_event_per_site() {
        let x = Extractor::new();
        let got = sized_units(
            &x,
            "Orlin Motors said it would lay off 900 hourly workers at two plants.\n\
             The company told staff that 400 workers would be laid off at the Flint plant. Another \
             500 will be laid off in the following week at Orlin's Dayton, Ohio, assembly plant.",
        );
        assert_eq!(
            got,
            [
                (vec!["Flint plant".to_string()], Some(400)),
                (vec!["Dayton assembly plant".to_string()], Some(500)),
            ]
        );
    }

    fn doc_events(x: &Extractor, text: &str, published: &str) -> Vec<layoffwatch_model::Event> {
        let doc = layoffwatch_model::Document {
            id: "u".into(),
            text: Some(text.into()),
            html: None,
            published: Some(published.into()),
            url: None,
            title: None,
            source: None,
        };
        x.extract_document(&doc)
    }

    fn sized_units(x: &Extractor, text: &str) -> Vec<(Vec<String>, Option<u64>)> {
        doc_events(x, text, "2026-03-02")
            .iter()
            .map(|e| (e.units.clone(), e.headcount.as_ref().and_then(|h| h.min)))
            .collect()
    }

    #[test]
    fn closed_sites_with_their_staff_give_one_event_each() {
        let x = Extractor::new();
        let got = sized_units(
            &x,
            "Orlin Appliances will shut its Milwaukee plant in May, idling 340 \
             employees, and its Dayton, Tenn., site, with some 300 staff, in August.",
        );
        assert_eq!(
            got,
            [
                (vec!["Milwaukee plant".to_string()], Some(340)),
                (vec!["Dayton site".to_string()], Some(300)),
            ]
        );
        // A site's staff is no cut when the site stays open.
        let got = sized_units(
            &x,
            "Orlin Appliances will cut 120 jobs at its Dayton plant, which employs 900 workers.",
        );
        assert_eq!(got.iter().map(|g| g.1).collect::<Vec<_>>(), [Some(120)]);
    }

    fn locations(x: &Extractor, text: &str) -> Vec<Vec<String>> {
        doc_events(x, text, "2026-03-02")
            .into_iter()
            .map(|e| e.locations)
            .collect()
    }

    #[test]
    fn each_site_takes_the_place_next_to_it() {
        let x = Extractor::new();
        let got = locations(
            &x,
            "Orlin Appliances will shut its Milwaukee plant in May, idling 340 \
             employees, and its Dayton, Tenn., site, with some 300 staff, in August.",
        );
        assert_eq!(got, [vec!["US-WI"], vec!["US-TN"]]);
        let got = locations(
            &x,
            "Orlin Motors will idle three plants next week. The plants to be idled are \
             at Joplin, Mo. (1,900 workers), the Warren plant near Detroit (2,200 \
             workers) and Saginaw, Mich. (1,400 workers).",
        );
        assert_eq!(got, [vec!["US-MO"], vec!["US-MI"], vec!["US-MI"]]);
        // The town before its state is the site.
        let got = sized_units(
            &x,
            "Orlin Motors will idle three plants next week. The plants to be idled are \
             at Joplin, Mo. (1,900 workers) and Utica, N.Y. (2,700 workers).",
        );
        assert_eq!(
            got,
            [
                (vec!["Joplin, Mo.".to_string()], Some(1900)),
                (vec!["Utica, N.Y.".to_string()], Some(2700))
            ]
        );
        // A nationality word goes with the staff it describes.
        let got = locations(
            &x,
            "Vellum Retail said some 85 German employees and 30 office staff in Belgium \
             will be dismissed.",
        );
        assert_eq!(got, [vec!["DE"], vec!["BE"]]);
    }

    #[test]
    fn places_in_names_and_city_regions_are_read_right() {
        let x = Extractor::new();
        // The region named after a city is its region: Arlington, Texas.
        let got = locations(
            &x,
            "Orlin Motors will lay off 2,000 workers at its plant in Arlington, Texas.",
        );
        assert_eq!(got, [vec!["US-TX"]]);
        // "Texas" names the parent, not a site.
        let got = locations(
            &x,
            "Texas Freight Corp's Harrow Air unit will cut 259 jobs in Miami and Boston.",
        );
        assert_eq!(got, [vec!["US-FL", "US-MA"]]);
        // A name is still the best evidence when the text gives no other place.
        let got = locations(&x, "Orlin Motors of Canada will cut 300 jobs.");
        assert_eq!(got, [vec!["CA"]]);
    }

    #[test]
    fn phrases_wrapped_over_lines_still_match() {
        let x = Extractor::new();
        let got = sized_units(
            &x,
            "Orlin Motors Corp said on Monday that it laid\n\
             off 4,000 workers at its Flint plant because\n\
             of weak demand for its cars and light trucks\n\
             in the first quarter of the year.\n",
        );
        assert_eq!(got.iter().map(|g| g.1).collect::<Vec<_>>(), [Some(4000)]);
    }

    #[test]
    fn a_site_named_before_a_passive_closure_is_a_unit_not_the_employer() {
        let x = Extractor::new();
        let got = sized_units(
            &x,
            "Orlin Motors Corp said one more factory joins its list of temporary shutdowns. \
             It said its Arlington Assembly plant in Texas will be closed May 4 \
             to 15, a step affecting about 1,800 workers.",
        );
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].1, Some(1800));
        assert!(
            got[0].0.iter().any(|u| u.starts_with("Arlington")),
            "{got:?}"
        );
    }

    #[test]
    fn a_name_before_a_described_site_is_the_site() {
        let x = Extractor::new();
        let events = events_of(
            &x,
            "Orlin Motors Corp will idle a plant for two weeks, Orlin Motors said. The 800 \
             workers will be laid off at the Joplin, Mo., Zephyr assembly plant.",
        );
        let got: Vec<&str> = events.iter().map(|e| e.company.as_str()).collect();
        assert_eq!(got, ["Orlin Motors Corp"], "{events:?}");
    }

    #[test]
    fn sizes_named_by_country_are_separate_events() {
        let x = Extractor::new();
        let got = sized_units(
            &x,
            "Orlin Retail said some 85 German employees and 30 office personnel in \
             Belgium are to be discharged.",
        );
        assert_eq!(
            got,
            [
                (vec!["German employees".to_string()], Some(85)),
                (vec!["Belgium".to_string()], Some(30)),
            ]
        );
    }

    #[test]
    fn departments_with_their_own_sizes_are_separate_events() {
        let x = Extractor::new();
        let got = sized_units(
            &x,
            "Thousands of civil service jobs in Britain will go. At the Department for \
             Roads and Bridges, 3,000 posts are to go; 560 are to be lost by May at the \
             Department of Trade and Commerce and 400 will go at the Office of Tolls. \
             Of these, 300 Department of Health roles move to Northtown.",
        );
        assert_eq!(
            got,
            [
                (
                    vec!["Department for Roads and Bridges".to_string()],
                    Some(3000)
                ),
                (
                    vec!["Department of Trade and Commerce".to_string()],
                    Some(560)
                ),
                (vec!["Office of Tolls".to_string()], Some(400)),
            ]
        );
    }

    #[test]
    fn a_cut_told_twice_is_one_event_and_a_vague_lede_sums_up() {
        let x = Extractor::new();
        let got = sized_units(
            &x,
            "Hundreds of jobs are going at Orlin Bank. Orlin Bank said 450 jobs had gone \
             this year. The bank said the first 450 jobs had been cut on schedule.",
        );
        assert_eq!(got, [(vec![], Some(450))]);
        // "The cuts ... of the bank's workforce" refers to the bank's cut.
        let events = doc_events(
            &x,
            "Orlin Bank will cut 2,850 jobs. The cuts - some 3% of the lender's \
             workforce - will cost 790m euros.",
            "2026-03-02",
        );
        assert_eq!(events.len(), 1, "{events:?}");
        assert_eq!(events[0].percent, Some(3.0));
    }

    #[test]
    fn waves_listed_one_by_one_are_separate_events() {
        let x = Extractor::new();
        let events = doc_events(
            &x,
            "Orlin Retail has cut jobs in waves. How does a company grow while cutting \
             tens of thousands of jobs? October 2025 brought the elimination of several \
             thousand jobs. January 2026 saw another round. The parts \
             division saw deep cuts.",
            "2026-03-02",
        );
        let got: Vec<(Option<&str>, Vec<String>, Option<u64>)> = events
            .iter()
            .map(|e| {
                (
                    e.announced.as_deref(),
                    e.units.clone(),
                    e.headcount.as_ref().and_then(|h| h.min),
                )
            })
            .collect();
        // The question's "tens of thousands" is no event.
        assert!(
            got.contains(&(Some("2025-10"), vec![], Some(3000))),
            "{got:?}"
        );
        assert!(got.contains(&(Some("2026-01"), vec![], None)), "{got:?}");
        assert!(
            got.iter()
                .any(|g| g.1 == ["parts division".to_string()] && g.2.is_none()),
            "{got:?}"
        );
        assert!(got.iter().all(|g| g.2 != Some(20000)), "{got:?}");
    }

    fn events_of(x: &Extractor, text: &str) -> Vec<layoffwatch_model::Event> {
        doc_events(x, text, "2026-06-29")
    }

    fn ai_of(events: &[layoffwatch_model::Event]) -> Vec<(bool, Option<AiSource>)> {
        events
            .iter()
            .map(|e| (e.ai_attributed, e.ai_source))
            .collect()
    }

    #[test]
    fn who_ties_a_cut_to_ai() {
        use AiSource::*;
        let x = Extractor::new();
        let cases: [(&str, (bool, Option<AiSource>)); 6] = [
            // The reporting ties the cut; an executive elsewhere says AI
            // takes on the work: the employer's tie.
            (
                "Marlow Bank plans to cut 900 jobs as the lender shifts toward AI. \
                 Its chief executive said last week that AI will take on many of these roles.",
                (true, Some(Employer)),
            ),
            // The cut follows from automation, in the company's own results.
            (
                "Marlow Bank will lay off 300 employees. According to the bank's annual \
                 report, these layoffs result from automation of branch work.",
                (true, Some(Employer)),
            ),
            // Staff say AI cannot do their work: no tie, and no denial.
            (
                "Marlow Bank will lay off 300 employees. Staff said AI cannot replace \
                 the people who review loans.",
                (false, None),
            ),
            // "not an AI" exercise: the employer denies it.
            (
                "Marlow Bank will lay off 300 employees. \"These layoffs are not an AI \
                 efficiency exercise,\" the chief executive wrote in a memo.",
                (false, Some(Denied)),
            ),
            // Warehouse automation eliminates jobs, in the reporter's words.
            (
                "Orrin Stores said on Monday it would close two depots. Warehouse \
                 automation will eliminate 400 jobs at Orrin Stores, analysts said.",
                (true, Some(Reporting)),
            ),
            // Money put into AI is no source.
            (
                "Marlow Bank will lay off 300 employees as it invests in AI.",
                (true, None),
            ),
        ];
        for (text, want) in cases {
            let events = events_of(&x, text);
            assert!(!events.is_empty(), "{text}");
            assert_eq!(ai_of(&events)[0], want, "{text}");
        }
    }

    #[test]
    fn a_denial_of_the_news_does_not_cover_a_recalled_cut() {
        let x = Extractor::new();
        let events = events_of(
            &x,
            "Marlow Bank said on Monday it would lay off 300 employees. In 2025 it cut \
             500 jobs as it moved claims work to AI agents that replaced the roles. The \
             bank said the current cuts are not related to AI.",
        );
        let got: Vec<(Option<&str>, bool, Option<AiSource>)> = events
            .iter()
            .map(|e| (e.announced.as_deref(), e.ai_attributed, e.ai_source))
            .collect();
        assert!(
            got.contains(&(Some("2026-06-29"), false, Some(AiSource::Denied))),
            "{got:?}"
        );
        assert!(
            got.iter()
                .any(|g| g.0 == Some("2025") && g.1 && g.2 != Some(AiSource::Denied)),
            "{got:?}"
        );
    }

    #[test]
    fn an_undated_headline_and_its_dated_body_are_one_cut() {
        let x = Extractor::new();
        // 2026-06-29 is a Monday: "Thursday" is 2026-06-25.
        let events = events_of(
            &x,
            "Valley Giant Quillon to Cut 1,000 Jobs\n\nQuillon, a maker of design tools, \
             said on Thursday that it would eliminate approximately 1,000 positions.",
        );
        let got: Vec<(&str, Option<&str>)> = events
            .iter()
            .map(|e| (e.company.as_str(), e.announced.as_deref()))
            .collect();
        assert_eq!(got, [("Quillon", Some("2026-06-25"))]);
        // Two sizes stay two cuts.
        let events = events_of(
            &x,
            "Quillon to Cut 1,000 Jobs\n\nQuillon said Thursday it would cut 400 jobs in \
             Ohio, after it laid off 1,000 workers in March.",
        );
        assert!(events.len() >= 2, "{events:?}");
    }

    #[test]
    fn a_subsidiary_named_as_the_company_becomes_a_unit_of_its_parent() {
        let x = Extractor::new();
        let event = |company: &str, announced: &str| layoffwatch_model::Event {
            company: company.to_string(),
            announced: Some(announced.to_string()),
            ..Default::default()
        };
        let mut twitch = event("Twitch", "2023-04-05");
        x.to_top_level(&mut twitch);
        assert_eq!(
            (twitch.company.as_str(), twitch.units.as_slice()),
            ("Amazon", &["Twitch".to_string()][..])
        );
        // Before the parent bought it, a brand is its own employer.
        let mut early = event("Twitch", "2012-04-05");
        x.to_top_level(&mut early);
        assert_eq!((early.company.as_str(), early.units.len()), ("Twitch", 0));
        // A parent and an unknown name stay as they are.
        for name in ["Amazon", "Quillon Tools"] {
            let mut e = event(name, "2023-04-05");
            x.to_top_level(&mut e);
            assert_eq!((e.company.as_str(), e.units.len()), (name, 0));
        }
    }

    #[test]
    fn a_stated_floor_in_the_lede_is_a_cut_of_its_own_and_joins_its_own_figure() {
        let x = Extractor::new();
        let sizes = |text: &str| -> Vec<Option<u64>> {
            events_of(&x, text)
                .iter()
                .map(|e| e.headcount.as_ref().and_then(|h| h.min))
                .collect()
        };
        // A floor is not vague words that sum up the cuts told later.
        let got = sizes(
            "Quillon will shed more than 500 posts over the coming year.\n\n\
             Quillon had 30,000 staff last year, when it said in May that 2,800 posts would go.",
        );
        assert!(
            got.contains(&Some(500)) && got.contains(&Some(2800)),
            "{got:?}"
        );
        // "more than 1,300" in the headline and "around 1,300" in the body.
        let got = sizes(
            "Quillon confirms it is shedding more than 1,300 staff\n\nSoon after talk \
             of cuts began, Quillon has confirmed layoffs that will affect around 1,300 workers.",
        );
        assert_eq!(got, [Some(1300)]);
    }

    #[test]
    fn the_office_that_receives_a_notice_is_no_employer() {
        let x = Extractor::new();
        let events = events_of(
            &x,
            "Acme Paper will lay off 53 workers at its Livonia site.\n\nDetails of the \
             layoffs at the mill went out in a notice, sent on Friday to the Ohio \
             Department of Jobs and Family Services. According to the state \
             Department of Labor, 40 more jobs went at Acme Paper in May. Its union \
             chief posted on X (once called Twitter) that 12 members were among \
             those laid off. The cuts follow a round in June, when 70 jobs went.",
        );
        assert!(
            events.iter().all(|e| e.company == "Acme Paper"),
            "{events:?}"
        );
        assert!(!events.is_empty());
    }

    #[test]
    fn two_verbs_with_their_own_sizes_are_two_cuts() {
        let x = Extractor::new();
        let events = events_of(
            &x,
            "Orlin Motors, which last Friday laid off 2,500 workers, sent some 6,000 of \
             its 40,000 employees on collective leave until July 20.",
        );
        let got: Vec<(Option<&str>, Option<u64>)> = events
            .iter()
            .map(|e| {
                (
                    e.announced.as_deref(),
                    e.headcount.as_ref().and_then(|h| h.max),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (Some("2026-06-26"), Some(2500)),
                (Some("2026-06-29"), Some(6000))
            ]
        );
        // A cut placed at another employer after "while" is that employer's.
        let events = events_of(
            &x,
            "Globex Bank said it would cut its Dutch workforce by 1,870 while up \
             to 300 jobs are to be lost at Initech Corp.",
        );
        let got: Vec<(&str, Option<u64>)> = events
            .iter()
            .map(|e| (e.company.as_str(), e.headcount.as_ref().and_then(|h| h.max)))
            .collect();
        assert_eq!(
            got,
            [("Globex Bank", Some(1870)), ("Initech Corp", Some(300))]
        );
    }

    #[test]
    fn an_industry_is_no_employer_and_reasons_are_shared() {
        let x = Extractor::new();
        let events = events_of(
            &x,
            "Orlin Motors is the largest carmaker. Brazil's car industry, in its \
             deepest slump in years, put thousands of its workers on collective leave.",
        );
        assert!(events.is_empty(), "{events:?}");
        let events = events_of(
            &x,
            "Orlin Motors will idle three plants next week due to excess inventory, \
             temporarily laying off 5,000 workers. The Orlin plants to be idled are in Flint, Mich. (2,000 \
             workers) and Dayton, Ohio (3,000 workers).",
        );
        assert_eq!(events.len(), 2, "{events:?}");
        for e in &events {
            assert_eq!(
                e.reasons,
                [layoffwatch_model::Reason::EconomicConditions],
                "{e:?}"
            );
            // The shared reason keeps the words that give it.
            assert!(
                e.evidence
                    .iter()
                    .any(|v| v.field == layoffwatch_model::Field::Reasons),
                "{e:?}"
            );
        }
    }

    #[test]
    fn a_brand_belongs_to_its_owner_of_the_day() {
        let x = Extractor::new();
        let company = |text: &str, published: &str| -> Vec<String> {
            doc_events(&x, text, published)
                .into_iter()
                .map(|e| e.company)
                .collect()
        };
        let text = "Chrysler Corp says it will lay off 1,300 workers at its Belvidere plant.";
        assert_eq!(company(text, "1987-03-04"), ["Chrysler Corp"]);
        assert_eq!(company(text, "2024-03-04"), ["Stellantis"]);
        let text = "Opel said it will cut 1,000 jobs at its Bochum plant.";
        assert_eq!(company(text, "1995-05-02"), ["General Motors"]);
        assert_eq!(company(text, "2023-05-02"), ["Stellantis"]);
    }

    #[test]
    fn an_owner_or_a_business_bought_is_not_who_cuts() {
        let x = Extractor::new();
        let companies = |text: &str| -> Vec<String> {
            events_of(&x, text).into_iter().map(|e| e.company).collect()
        };
        assert_eq!(
            companies(
                "Tarn Stahl AG plans to cut about 1,500 of its jobs by late 1987. The \
                 company, which is 65 pct owned by Tarn Holding GmbH, said these job losses \
                 were part of its restructuring."
            ),
            ["Tarn Stahl AG"]
        );
        assert_eq!(
            companies(
                "Harrow Savings Bank will close 7 offices in Ohio. It said it \
                 was closing branches that duplicate others following its 1986 acquisition of \
                 Citizens Thrift Savings and Loan Association."
            ),
            ["Harrow Savings Bank"]
        );
    }

    #[test]
    fn names_units_and_sites_of_the_cut() {
        let x = Extractor::new();
        let one = |text: &str| -> (String, Vec<String>) {
            let events = events_of(&x, text);
            assert_eq!(events.len(), 1, "{text}: {events:?}");
            (events[0].company.clone(), events[0].units.clone())
        };
        // A name that ends in a legal word keeps its first word.
        assert_eq!(
            one("Falling Water Systems Inc said it will cut 400 jobs.").0,
            "Falling Water Systems Inc"
        );
        // An owner's unit: the owner cuts, the unit is kept.
        let (company, units) = one(
            "Tamsin Department Stores Inc's Harlow's unit said it will merge its \
             Austin warehouse operations, reducing staff to 90 from 240.",
        );
        assert_eq!(company, "Tamsin Department Stores Inc");
        assert!(units.contains(&"Harlow".to_string()), "{units:?}");
        // "its X Co unit": a unit of the employer in focus.
        let (company, units) = one(
            "Courier Print Corp reported lower profits. It said its Halden Printing Co unit \
             has begun a program of salary and job cuts.",
        );
        assert_eq!(company, "Courier Print Corp");
        assert_eq!(units, ["Halden Printing Co"]);
        // A site that is offered the work is not cut.
        let (_, units) = one(
            "Orlin Stores said it will cut 175 jobs at its Dallas depot. Staff will be \
             offered similar jobs at its Houston distribution hub.",
        );
        assert!(!units.iter().any(|u| u.contains("Houston")), "{units:?}");
        // "Staff will go down each avenue" is no cut.
        let events = events_of(
            &x,
            "Orlin Exchange chief John Birk promised that the exchange staff would \"go down \
             every avenue\" in the inquiry.",
        );
        assert!(events.is_empty(), "{events:?}");
    }

    #[test]
    fn requests_returns_holdings_and_reactors_are_no_cuts() {
        let x = Extractor::new();
        for text in [
            "Only when Orlin Steel Corp ignored the order did the regulator ask a court to \
             close the plant.",
            "Orlin Motors Corp said the 1,200 workers it had idled will return to work.",
            "Orlin Bank warned that a cut in its foreign exchange positions would drain liquidity.",
            "The regulator ordered Orlin Electric Co to shut down its Delta nuclear power \
             plant. Orlin Electric said one unit is shut down for refueling.",
            "Orlin Alumina's smelter at Moengo was shut down on May 3 after protesters \
             damaged its equipment.",
            "Orlin Bank is the biggest creditor. \"Critics call (cutting the spread) a \
             write-off in disguise,\" he said.",
            "Korea's jobless rate climbed, the Labour Ministry said. The shipbuilding industry plans to \
             cut its 90,000 workforce by 15 pct by 1995.",
        ] {
            let events = events_of(&x, text);
            assert!(events.is_empty(), "{text}: {events:?}");
        }
        // A plural's possessive keeps its name whole.
        let events = events_of(&x, "Orlin Resources' staff cuts will save 20 mln dlrs.");
        assert_eq!(
            events
                .iter()
                .map(|e| e.company.as_str())
                .collect::<Vec<_>>(),
            ["Orlin Resources"]
        );
    }

    #[test]
    fn the_employer_in_focus_is_the_story_s_not_a_passing_name() {
        let x = Extractor::new();
        let companies = |text: &str| -> Vec<String> {
            events_of(&x, text).into_iter().map(|e| e.company).collect()
        };
        // A joint venture named in passing does not take over the story.
        assert_eq!(
            companies(
                "Orlin Foods Co reported record sales. A new partnership, Seoul-Orlin Ltd, is \
                 building a plant. Brown said Orlin cut costs across the board. He said the \
                 company's British arm cut its labor force to 3,000 from 7,500."
            ),
            ["Orlin"]
        );
        // Where staff are moved is not the employer.
        assert_eq!(
            companies(
                "Orlin Electric Corp said it has moved a division's headquarters. The \
                 company said 30 of the 120 employees at the Lisle site will be moved to \
                 Naperville, and the other 90 will have their employment terminated."
            ),
            ["Orlin Electric Corp"]
        );
    }

    #[test]
    fn a_wanted_closure_is_one_cut_and_governments_go_by_their_adjective() {
        let x = Extractor::new();
        // "wants to ... close the plant in May": the coming May, the same cut.
        let events = doc_events(
            &x,
            "Unions oppose Orlin Tractor's decision to close the plant at a cost of \
             840 jobs. Orlin Tractor wants to dismiss its workforce and shut the \
             plant in May.",
            "1987-03-25",
        );
        assert_eq!(events.len(), 1, "{events:?}");
        let events = events_of(
            &x,
            "Finance Minister Ray Dolan said 5,000 civil service jobs in Ireland must go to \
             trim the public wages bill.",
        );
        assert_eq!(
            events
                .iter()
                .map(|e| e.company.as_str())
                .collect::<Vec<_>>(),
            ["Irish government"]
        );
    }

    #[test]
    fn a_plant_shut_in_a_lockout_is_no_cut() {
        let x = Extractor::new();
        let text = "Orlin Packers will lift the lockout at its Sioux Falls plant and will restart \
                    work on March 16, the union said.\n\
                    Orlin Packers closed the plant indefinitely in December, saying union \
                    threats to disrupt production left it no choice.";
        let events = events_of(&x, text);
        assert!(events.is_empty(), "{events:?}");
        // Without the lockout the same closure is an event.
        let events = events_of(&x, &text.replace("lift the lockout at", "review"));
        assert_eq!(events.len(), 1, "{events:?}");
    }

    #[test]
    fn a_bank_closed_by_a_strike_is_no_cut() {
        let x = Extractor::new();
        let text = "A national strike of bank staff spread today, union leaders said.\n\
                    State-controlled <Orlin Bank SA>, which runs some 2,000 branches, closed down \
                    yesterday.";
        let events = events_of(&x, text);
        assert!(events.is_empty(), "{events:?}");
        // Without the strike the same closure is an event.
        let events = events_of(&x, &text.replace("strike", "merger"));
        assert_eq!(events.len(), 1, "{events:?}");
    }

    #[test]
    fn barriers_to_people_are_not_people() {
        let x = Extractor::new();
        for text in [
            "Orlin Motors plans to eliminate barriers to moving workers \
             between its plants.",
            "Orlin Corp will eliminate restrictions on the number of workers per shift.",
        ] {
            let events = events_of(&x, text);
            assert!(events.is_empty(), "{text}: {events:?}");
        }
    }

    #[test]
    fn a_relative_clause_cut_is_the_named_employers() {
        let x = Extractor::new();
        let events = events_of(
            &x,
            "Orlin Foods will buy six stores from <Globex Stores Inc>, which \
             said it was closing its 88-store division.",
        );
        let got: Vec<&str> = events.iter().map(|e| e.company.as_str()).collect();
        assert_eq!(got, ["Globex Stores Inc"]);
    }

    #[test]
    fn a_size_in_another_clause_is_not_the_cut() {
        let x = Extractor::new();
        let events = events_of(
            &x,
            "Orlin Photo, which has been trimming its staff, paid its annual bonus last \
             year to about 40,000 employees.",
        );
        assert_eq!(events.len(), 1, "{events:?}");
        assert_eq!(events[0].headcount, None);
        // A participle clause still gives the cut its size.
        let events = events_of(
            &x,
            "Orlin Motors will close its Norwood plant for two weeks because of parts \
             shortages, affecting 3,500.",
        );
        assert_eq!(events[0].headcount.as_ref().and_then(|h| h.min), Some(3500));
    }

    #[test]
    fn a_second_smaller_cut_in_addition_is_its_own_event() {
        let x = Extractor::new();
        let got = sized_units(
            &x,
            "Orlin Disk said it will eliminate 183 positions. In addition, Orlin Disk \
             announced the layoff of about 182 employees in manufacturing.",
        );
        assert_eq!(
            got.iter().map(|g| g.1).collect::<Vec<_>>(),
            [Some(183), Some(182)]
        );
    }

    #[test]
    fn dates_of_other_clauses_do_not_date_the_cut() {
        let x = Extractor::new();
        let dated = |text: &str| {
            doc_events(&x, text, "1987-03-16")
                .into_iter()
                .map(|e| e.announced)
                .collect::<Vec<_>>()
        };
        // A remark after the cut.
        assert_eq!(
            dated(
                "Orlin Bank will keep reducing staff and branches, noting that \
                 its costs in 1986 grew by only two pct."
            ),
            [Some("1987-03-16".to_string())]
        );
        // An apposition of the subject.
        assert_eq!(
            dated(
                "Orlin Oil Co Ltd, the second biggest refiner in 1985, reduced its workforce \
                 by about 15 pct last year."
            ),
            [Some("1986".to_string())]
        );
        // The date of the size compared with, and a date after publication.
        assert_eq!(
            dated(
                "Orlin Heavy Industries has reduced its workforce to 31,000 from 52,000 in 1979."
            ),
            [Some("1987-03-16".to_string())]
        );
        let got = dated(
            "In Orlin Foods' French business the labor force, already cut to 2,000 from \
             5,000, will be reduced again to 1,200 in 1988.",
        );
        assert!(!got.contains(&Some("1988".to_string())), "{got:?}");
        // A cut told in a relative clause is not dated by the main clause.
        let got = dated(
            "Orlin Photo, which has been trimming its staff, paid its annual bonus \
             last year to about 40,000 employees.",
        );
        assert_eq!(got.len(), 1);
        assert_ne!(got[0].as_deref(), Some("1986"));
        // A running total since some event: earlier cuts, date unknown.
        assert_eq!(
            dated("Orlin Mining has sacked about 2,000 miners since the collapse of tin prices."),
            [None]
        );
        // Without the apposition the same date is the cut's.
        assert_eq!(
            dated("In 1985 Orlin Oil Co Ltd reduced its workforce by about 15 pct."),
            [Some("1985".to_string())]
        );
    }

    #[test]
    fn labour_bodies_sites_and_habits_are_no_employers_or_cuts() {
        let x = Extractor::new();
        let companies = |text: &str| {
            doc_events(&x, text, "1987-03-23")
                .into_iter()
                .map(|e| e.company)
                .collect::<Vec<_>>()
        };
        // A labour body and its acronym speak; the state cut.
        assert_eq!(
            companies(
                "The Peruvian Labour Organization, PLO, called a strike. PLO leaders \
                 met. Some 15,000 miners have been laid off since the government chose \
                 to streamline the state corporation, PLO said."
            ),
            ["Peruvian government"]
        );
        // A mine named in the text is a site, not an employer.
        let got = companies(
            "Orlin Minerals Inc will build a mill at the Ridgeback Mine. The \
             ore at Ridgeback will run out by August, at which point the work force \
             will be cut to about 50 from 110, the company said.",
        );
        assert_eq!(got, ["Orlin Minerals Inc"]);
        // Background told as a habit is no event.
        let events = events_of(
            &x,
            "Falling demand has led Orlin Motors Corp to trim output repeatedly \
             with short and long layoffs at several plants.",
        );
        assert!(events.is_empty(), "{events:?}");
    }

    #[test]
    fn a_list_of_towns_before_the_closed_plants_keeps_the_cut() {
        let x = Extractor::new();
        let events = doc_events(
            &x,
            "Orlin Tire Co has told the union it will close its Akron, Ohio, \
             Peoria, Ill., and Tulsa tire plants on or before June 30.",
            "1987-03-03",
        );
        assert_eq!(events.len(), 1, "{events:?}");
        // "on or before" sets a deadline: the cut is announced now.
        assert_eq!(events[0].announced.as_deref(), Some("1987-03-03"));
    }

    #[test]
    fn units_listed_about_the_cut_in_focus_join_it() {
        let x = Extractor::new();
        // Known units of one parent named after a sized cut, with no time
        // of their own: where that cut falls.
        let got = sized_units(
            &x,
            "General Motors Corp will idle four plants next week, laying off 14,000 workers. \
             The carmaker will close two plants in each of its Chevrolet and Buick groups.",
        );
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].1, Some(14000));
        assert_eq!(got[0].0.len(), 2, "{got:?}");
    }

    #[test]
    fn an_owner_in_apposition_is_the_employer() {
        let x = Extractor::new();
        let events = events_of(
            &x,
            "Analysts said the dispute could lead Orlin Holdings, Vellum's new owner, to move \
             jets. Vellum said it will lay off 300 workers.",
        );
        assert_eq!(events.len(), 1, "{events:?}");
        assert_eq!(events[0].company, "Orlin Holdings");
        assert_eq!(events[0].units, ["Vellum"]);
    }
}
