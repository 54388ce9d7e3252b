//! The rules as data: the TOML files under `lexicon/`, compiled once into
//! phrase sets. Nothing here knows about particular articles.

use crate::phrases::PhraseSet;
use layoffwatch_model::{Function, Reason};
use serde::Deserialize;
use std::collections::{HashMap, HashSet};

pub(crate) const TRIGGERS: &str = include_str!("../lexicon/triggers.toml");
pub(crate) const NOUNS: &str = include_str!("../lexicon/nouns.toml");
pub(crate) const CONTEXT: &str = include_str!("../lexicon/context.toml");
pub(crate) const SIZES: &str = include_str!("../lexicon/sizes.toml");
pub(crate) const REASONS: &str = include_str!("../lexicon/reasons.toml");
pub(crate) const FUNCTIONS: &str = include_str!("../lexicon/functions.toml");
pub(crate) const PLACES: &str = include_str!("../lexicon/places.toml");
pub(crate) const COMPANIES: &str = include_str!("../lexicon/companies.toml");
pub(crate) const ATTRIBUTES: &str = include_str!("../lexicon/attributes.toml");
pub(crate) const ROLES: &str = include_str!("../lexicon/roles.toml");
pub(crate) const PEOPLE: &str = include_str!("../lexicon/people.toml");

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TriggerKind {
    Strong,
    JobVerb,
    Closure,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContextKind {
    Hypothetical,
    /// A goal that a cut would serve ("would seek to ... personnel
    /// reductions"): blocks a trigger further away than other context, but
    /// not across a comma.
    Aim,
    Denial,
    Status,
    Earlier,
    Additional,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ModifierKind {
    Approx,
    Min,
    Max,
    Nearly,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NounKind {
    Job,
    Facility,
}

/// A vague size word's bounds (both `None` for "a small number").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VagueSize {
    pub min: Option<u64>,
    pub max: Option<u64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeveranceCue {
    Pay,
    Health,
    Outplacement,
}

/// A company name from the parent table: the parent's index, and whether the
/// name is a unit (subsidiary, brand) rather than the parent itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KnownName {
    pub parent: usize,
    pub is_unit: bool,
    /// The years the name belonged to the parent, inclusive, when limited
    /// ("Opel" was General Motors' until 2017).
    pub from: Option<i32>,
    pub until: Option<i32>,
}

impl KnownName {
    /// True when the name belonged to the parent in `year` (any year when
    /// the date is unknown).
    pub fn held_in(&self, year: Option<i32>) -> bool {
        year.is_none_or(|y| self.from.is_none_or(|f| y >= f) && self.until.is_none_or(|u| y <= u))
    }
}

/// A job noun of the roles table: its singular, and whether it needs a
/// modifier to name a job ("warehouse workers", not "workers").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleHead {
    pub singular: String,
    pub generic: bool,
}

/// Every rule table, compiled.
#[derive(Debug)]
pub struct Lexicon {
    pub triggers: PhraseSet<TriggerKind>,
    /// Strong triggers and job nouns: a document without any is skipped.
    pub prefilter: PhraseSet<()>,
    pub nouns: PhraseSet<NounKind>,
    pub context: PhraseSet<ContextKind>,
    pub vague: PhraseSet<VagueSize>,
    pub modifiers: PhraseSet<ModifierKind>,
    pub reasons: PhraseSet<Reason>,
    pub functions: PhraseSet<Function>,
    pub functions_exact: PhraseSet<Function>,
    pub places: PhraseSet<String>,
    /// The names in `places` that are towns and cities, not regions.
    pub cities: HashSet<String>,
    /// How a country is named before "government": its adjective
    /// ("Irish"), else its name.
    pub country_labels: HashMap<String, String>,
    pub place_adjectives: PhraseSet<String>,
    pub companies: PhraseSet<KnownName>,
    /// Every entry of each exact name of the parent table: a brand can
    /// change hands ("Opel").
    pub known: HashMap<String, Vec<KnownName>>,
    pub parents: Vec<String>,
    pub ai: PhraseSet<()>,
    pub ai_links: PhraseSet<()>,
    pub ai_denials: PhraseSet<()>,
    pub severance: PhraseSet<SeveranceCue>,
    pub hiring: PhraseSet<()>,
    pub roles: PhraseSet<RoleHead>,
    pub role_stop: HashSet<String>,
    pub role_speech: HashSet<String>,
    pub role_qualifiers: HashSet<String>,
    pub role_verb_forms: HashSet<String>,
    /// Titles that make a name span a person's ("Defense Secretary ...").
    pub person_titles: HashSet<String>,
    /// Common given names: "First Last" is a person.
    pub first_names: HashSet<String>,
    /// The learned employer ranker (`ranker.rs`).
    pub ranker: crate::ranker::Model,
}

#[derive(Debug, Deserialize)]
struct PeopleFile {
    titles: Vec<String>,
    first_names: Vec<String>,
}

/// An entry's own examples, for the lexicon test.
#[allow(dead_code)] // read by lexicon_examples.rs
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Examples {
    #[serde(default)]
    pub fires: Vec<String>,
    #[serde(default)]
    pub silent: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct TriggerFile {
    pub trigger: Vec<TriggerEntry>,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)] // `examples` is read by lexicon_examples.rs
pub(crate) struct TriggerEntry {
    pub kind: TriggerKind,
    pub phrases: Vec<String>,
    #[serde(flatten)]
    pub examples: Examples,
}

#[derive(Debug, Deserialize)]
struct Words {
    words: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)] // `examples` is read by lexicon_examples.rs
pub(crate) struct AimWords {
    words: Vec<String>,
    #[serde(default)]
    pub examples: Examples,
}

#[derive(Debug, Deserialize)]
struct NounFile {
    job: Words,
    facility: Words,
}

#[derive(Debug, Deserialize)]
pub(crate) struct ContextFile {
    pub hypothetical: AimWords,
    pub aim: AimWords,
    pub denial: AimWords,
    pub status: AimWords,
    earlier: Words,
    additional: Words,
}

#[derive(Debug, Deserialize)]
struct SizeFile {
    vague: Vec<VagueEntry>,
    modifier: Vec<ModifierEntry>,
}

#[derive(Debug, Deserialize)]
struct VagueEntry {
    words: Vec<String>,
    min: Option<u64>,
    max: Option<u64>,
}

#[derive(Debug, Deserialize)]
struct ModifierEntry {
    kind: ModifierKind,
    words: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct ReasonFile {
    pub reason: Vec<ReasonEntry>,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)] // `examples` is read by lexicon_examples.rs
pub(crate) struct ReasonEntry {
    pub code: Reason,
    pub cues: Vec<String>,
    #[serde(flatten)]
    pub examples: Examples,
}

#[derive(Debug, Deserialize)]
pub(crate) struct FunctionFile {
    pub function: Vec<FunctionEntry>,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)] // `examples` is read by lexicon_examples.rs
pub(crate) struct FunctionEntry {
    pub code: Function,
    pub words: Vec<String>,
    #[serde(default)]
    pub exact: Vec<String>,
    #[serde(flatten)]
    pub examples: Examples,
}

#[derive(Debug, Deserialize)]
struct PlaceFile {
    place: Vec<PlaceEntry>,
}

#[derive(Debug, Deserialize)]
struct PlaceEntry {
    code: String,
    names: Vec<String>,
    #[serde(default)]
    cities: Vec<String>,
    adjectives: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct CompanyFile {
    company: Vec<CompanyEntry>,
}

#[derive(Debug, Deserialize)]
struct CompanyEntry {
    name: String,
    aliases: Vec<String>,
    units: Vec<String>,
    /// The year the parent took this name or these units, for all of its
    /// names unless `years` says otherwise.
    #[serde(default)]
    since: Option<i32>,
    /// "FROM-UNTIL" years of single names: "2017-", "-2017", "1996-2022".
    #[serde(default)]
    years: HashMap<String, String>,
}

/// Parses "FROM-UNTIL" with either side open.
fn year_range(name: &str, text: &str) -> (Option<i32>, Option<i32>) {
    let (a, b) = text
        .split_once('-')
        .unwrap_or_else(|| panic!("companies.toml: years of {name}: {text:?} is not FROM-UNTIL"));
    let year = |s: &str| {
        (!s.is_empty()).then(|| {
            s.parse()
                .unwrap_or_else(|_| panic!("companies.toml: years of {name}: {s:?} is not a year"))
        })
    };
    (year(a), year(b))
}

#[derive(Debug, Deserialize)]
struct AttributeFile {
    ai: AiWords,
    severance: SeveranceWords,
    hiring: HiringWords,
}

#[derive(Debug, Deserialize)]
struct AiWords {
    cues: Vec<String>,
    links: Vec<String>,
    denials: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct SeveranceWords {
    pay: Vec<String>,
    health: Vec<String>,
    outplacement: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct HiringWords {
    cues: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct RoleFile {
    heads: Vec<(String, String)>,
    generic: Vec<(String, String)>,
    stop: Vec<String>,
    speech: Vec<String>,
    qualifiers: Vec<String>,
    verb_forms: Vec<String>,
    #[allow(dead_code)] // read by lexicon_examples.rs
    pub example: Vec<RoleExample>,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)] // read by lexicon_examples.rs
pub(crate) struct RoleExample {
    pub text: String,
    pub roles: Vec<String>,
}

fn parse<T: serde::de::DeserializeOwned>(name: &str, text: &str) -> T {
    toml::from_str(text).unwrap_or_else(|e| panic!("lexicon/{name} is invalid: {e}"))
}

fn tagged<T: Clone>(words: &[String], value: T) -> Vec<(String, T)> {
    words.iter().map(|w| (w.clone(), value.clone())).collect()
}

fn plain(words: &[String]) -> PhraseSet<()> {
    PhraseSet::new(tagged(words, ()), true)
}

impl Lexicon {
    /// Compiles the embedded tables. The tables are part of the binary and
    /// checked by tests, so a parse failure is a build defect.
    pub fn embedded() -> Lexicon {
        let triggers: TriggerFile = parse("triggers.toml", TRIGGERS);
        let nouns: NounFile = parse("nouns.toml", NOUNS);
        let context: ContextFile = parse("context.toml", CONTEXT);
        let sizes: SizeFile = parse("sizes.toml", SIZES);
        let reasons: ReasonFile = parse("reasons.toml", REASONS);
        let functions: FunctionFile = parse("functions.toml", FUNCTIONS);
        let places: PlaceFile = parse("places.toml", PLACES);
        let companies: CompanyFile = parse("companies.toml", COMPANIES);
        let attributes: AttributeFile = parse("attributes.toml", ATTRIBUTES);
        let roles: RoleFile = parse("roles.toml", ROLES);
        let people: PeopleFile = parse("people.toml", PEOPLE);

        let mut trigger_words = Vec::new();
        let mut prefilter = Vec::new();
        for t in &triggers.trigger {
            trigger_words.extend(tagged(&t.phrases, t.kind));
            if t.kind != TriggerKind::JobVerb {
                prefilter.extend(tagged(&t.phrases, ()));
            }
        }
        prefilter.extend(tagged(&nouns.job.words, ()));

        let mut noun_words = tagged(&nouns.job.words, NounKind::Job);
        noun_words.extend(tagged(&nouns.facility.words, NounKind::Facility));

        let mut context_words = tagged(&context.hypothetical.words, ContextKind::Hypothetical);
        context_words.extend(tagged(&context.aim.words, ContextKind::Aim));
        context_words.extend(tagged(&context.denial.words, ContextKind::Denial));
        context_words.extend(tagged(&context.status.words, ContextKind::Status));
        context_words.extend(tagged(&context.earlier.words, ContextKind::Earlier));
        context_words.extend(tagged(&context.additional.words, ContextKind::Additional));

        let vague = sizes
            .vague
            .iter()
            .flat_map(|v| {
                tagged(
                    &v.words,
                    VagueSize {
                        min: v.min,
                        max: v.max,
                    },
                )
            })
            .collect();
        let modifiers = sizes
            .modifier
            .iter()
            .flat_map(|m| tagged(&m.words, m.kind))
            .collect();
        let reason_words = reasons
            .reason
            .iter()
            .flat_map(|r| tagged(&r.cues, r.code))
            .collect();
        let function_words = functions
            .function
            .iter()
            .flat_map(|f| tagged(&f.words, f.code))
            .collect();
        let function_exact = functions
            .function
            .iter()
            .flat_map(|f| tagged(&f.exact, f.code))
            .collect();
        let place_names = places
            .place
            .iter()
            .flat_map(|p| {
                let mut names = tagged(&p.names, p.code.clone());
                names.extend(tagged(&p.cities, p.code.clone()));
                names
            })
            .collect();
        let cities = places
            .place
            .iter()
            .flat_map(|p| p.cities.iter().cloned())
            .collect();
        let country_labels = places
            .place
            .iter()
            .filter_map(|p| {
                let label = p.adjectives.first().or(p.names.first())?;
                Some((p.code.clone(), label.clone()))
            })
            .collect();
        let place_adjectives = places
            .place
            .iter()
            .flat_map(|p| tagged(&p.adjectives, p.code.clone()))
            .collect();
        let mut company_names = Vec::new();
        let mut parents = Vec::new();
        let mut known: HashMap<String, Vec<KnownName>> = HashMap::new();
        for (i, c) in companies.company.iter().enumerate() {
            parents.push(c.name.clone());
            for name in c.years.keys() {
                assert!(
                    *name == c.name || c.aliases.contains(name) || c.units.contains(name),
                    "companies.toml: years of {name}, which {} does not list",
                    c.name
                );
            }
            let names = std::iter::once((&c.name, false))
                .chain(c.aliases.iter().map(|a| (a, false)))
                .chain(c.units.iter().map(|u| (u, true)));
            for (name, is_unit) in names {
                let (from, until) = match c.years.get(name) {
                    Some(range) => year_range(name, range),
                    None => (c.since, None),
                };
                let k = KnownName {
                    parent: i,
                    is_unit,
                    from,
                    until,
                };
                company_names.push((name.clone(), k));
                known.entry(name.clone()).or_default().push(k);
            }
        }
        let mut severance = tagged(&attributes.severance.pay, SeveranceCue::Pay);
        severance.extend(tagged(&attributes.severance.health, SeveranceCue::Health));
        severance.extend(tagged(
            &attributes.severance.outplacement,
            SeveranceCue::Outplacement,
        ));

        Lexicon {
            triggers: PhraseSet::new(trigger_words, true),
            prefilter: PhraseSet::new(prefilter, true),
            nouns: PhraseSet::new(noun_words, true),
            context: PhraseSet::new(context_words, true),
            vague: PhraseSet::new(vague, true),
            modifiers: PhraseSet::new(modifiers, true),
            reasons: PhraseSet::new(reason_words, true),
            functions: PhraseSet::new(function_words, true),
            functions_exact: PhraseSet::new(function_exact, false),
            places: PhraseSet::new(place_names, false),
            cities,
            country_labels,
            place_adjectives: PhraseSet::new(place_adjectives, false),
            companies: PhraseSet::new(company_names, false),
            known,
            parents,
            ai: plain(&attributes.ai.cues),
            ai_links: plain(&attributes.ai.links),
            ai_denials: plain(&attributes.ai.denials),
            severance: PhraseSet::new(severance, true),
            hiring: plain(&attributes.hiring.cues),
            roles: PhraseSet::new(role_heads(&roles), true),
            role_stop: roles.stop.iter().cloned().collect(),
            role_speech: roles.speech.iter().cloned().collect(),
            role_qualifiers: roles.qualifiers.iter().cloned().collect(),
            role_verb_forms: roles.verb_forms.iter().cloned().collect(),
            person_titles: people.titles.into_iter().collect(),
            first_names: people.first_names.into_iter().collect(),
            ranker: crate::ranker::Model::embedded(),
        }
    }
}

/// The plural of every head, with its singular and kind.
fn role_heads(file: &RoleFile) -> Vec<(String, RoleHead)> {
    let kinds = [(&file.heads, false), (&file.generic, true)];
    kinds
        .into_iter()
        .flat_map(|(heads, generic)| {
            heads.iter().map(move |(singular, plural)| {
                (
                    plural.clone(),
                    RoleHead {
                        singular: singular.clone(),
                        generic,
                    },
                )
            })
        })
        .collect()
}
