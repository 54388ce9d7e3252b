//! Who ties a cut to AI (`ai_source`): the employer speaking (a quote, its
//! statement, memo, filing or executives), or only the reporting (the
//! writer's narration, analysts, unions, unnamed sources). A denial is found
//! by the AI cue's denial words (attributes.rs) and is not decided here.

use layoffwatch_model::AiSource;
use regex::Regex;
use std::sync::LazyLock;

/// Someone other than the employer speaks: analysts, unions, sources, the
/// press, or the writer's own hedging.
static OTHER_SPEAKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(analysts?|unions?|union leaders?|experts?|critics|economists?|researchers?|commentators?|insiders?|sources|people familiar|familiar with the matter|reportedly|(?:media|news|press) reports?|according to (?:a |the )?(?:reports?|media|analysts?|research|data|estimates|filings? reviewed)|it is (?:believed|understood|thought)|speculat\w*|rumou?r\w*|observers?|workers said|employees said|former employees?|staff said)\b",
    )
    .expect("valid regex")
});

/// The employer speaks: its people or its documents with a verb of saying,
/// or first-person words.
static EMPLOYER_VOICE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:(?:the )?(?:company|firm|bank|lender|group|retailer|chain|carrier|airline|insurer|employer|startup|business|automaker|carmaker|manufacturer|maker|operator|publisher|broadcaster|studio|platform|provider|supplier|giant|conglomerate|organi[sz]ation|agency|university|hospital|council|department|ministry)(?:'s)?|spokes(?:person|man|woman)|chief executive|ceo|cfo|coo|cto|chair(?:man|woman)?|founder|co-founder|president|executives?|management|leadership|memo|filing|statement|blog(?: post)?|press release|(?:internal )?(?:letter|email|e-mail|note|message)|announcement|town hall|earnings call|investor call)\b[^.]{0,80}?\b(?:said|says|saying|wrote|writes|told|tells|announced|stated|states|explained|added|noted|cited|cites|blamed|blames|attributed|attributes|pinned|pinning|pins|confirmed|acknowledged)\b|\b(?:said|says|wrote|writes|told|announced|stated|explained|added|noted|confirmed)\b[^.]{0,40}\b(?:the )?(?:company|firm|spokes(?:person|man|woman)|chief executive|ceo|founder|memo|statement|filing|blog)\b|\bin (?:a|an|its) (?:memo|filing|statement|blog post|letter|email|e-mail|press release|note|announcement)\b|\baccording to (?:the |its )?(?:company|firm|bank|lender|group|retailer|employer|airline|carrier|insurer|automaker|manufacturer)(?:'s|\u{2019}s)?\b|\bciting\b|\b(?:we|our|we're|we've|we'll)\b",
    )
    .expect("valid regex")
});

/// The subject of a cut gives its reason.
static BLAMES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:and|,)\s+(?:\w+ly\s+)?(?:blamed|cited|attributed)\b").expect("valid regex")
});

/// Links that make a cut part of an AI plan without saying AI does the work:
/// "to invest in AI", "as it focuses on AI".
static INVESTMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(invest\w*|reinvest\w*|spend\w*|focus\w* on|pivot\w* to|prioriti[sz]\w*|bet\w* on|pursu\w*|integrat\w*|embrac\w*)\b")
        .expect("valid regex")
});

/// Links that say AI does the work or causes the cut.
static CAUSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(replac\w*|due to|because|driven|tak\w* over|took over|result of|blam\w*|cit\w*|tied to|linked to|led to|handl\w*|perform\w*|do more with less|fewer (?:people|workers|staff)|efficienc\w*|automat\w*|substitut\w*|eliminat\w* by)\b",
    )
    .expect("valid regex")
});

/// The sentence ties the cut to AI only as a place to put money: by the
/// contract "to invest in AI" alone is no AI tie, so no one is its source.
pub(crate) fn investment_only(sentence: &str) -> bool {
    INVESTMENT.is_match(sentence) && !CAUSE.is_match(sentence)
}

/// Quotation marks (straight or curly double quotes) in the sentence.
fn quoted(sentence: &str) -> bool {
    sentence.contains(['"', '\u{201c}', '\u{201d}', '\u{300c}', '\u{300d}'])
}

/// Verbs of saying right after an employer's name.
static SAYS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:'s?)?[a-z ]{0,30}?\b(?:said|says|wrote|told|announced|stated|explained|added|noted|confirmed|blamed|cited|acknowledged|admitted|conceded|signall?ed|warned|flagged|revealed|disclosed|outlined|attribut\w*|pointed|cites|citing|blames|blaming|pins|pinn\w*)\b")
        .expect("valid regex")
});

/// Who ties the cut to AI in a sentence with an AI tie, and the words that
/// decide it (relative to the sentence), if any. `company` is the event's
/// employer: "Acme said" is the employer speaking.
pub(crate) fn speaker(sentence: &str, company: &str) -> (AiSource, Option<(usize, usize)>) {
    if let Some(m) = OTHER_SPEAKER.find(sentence) {
        return (AiSource::Reporting, Some((m.start(), m.end())));
    }
    if !company.is_empty() {
        for (i, _) in sentence.match_indices(company) {
            let after = &sentence[i + company.len()..];
            if let Some(m) = SAYS.find(after) {
                return (AiSource::Employer, Some((i, i + company.len() + m.end())));
            }
            // "Acme cut 300 jobs and blamed AI": the employer, the subject
            // of the cut, gives the reason itself.
            if let Some(m) = BLAMES.find(after) {
                let end = i + company.len() + m.end();
                return (
                    AiSource::Employer,
                    Some((i + company.len() + m.start(), end)),
                );
            }
        }
    }
    if let Some(m) = EMPLOYER_VOICE.find(sentence) {
        return (AiSource::Employer, Some((m.start(), m.end())));
    }
    if quoted(sentence) {
        return (AiSource::Employer, None);
    }
    (AiSource::Reporting, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_employer_speaks_in_statements_memos_and_first_person() {
        for s in [
            "The company said the roles would be replaced by AI agents.",
            "In a memo to staff, the chief executive wrote that automation will do the work.",
            "Acme cut 120 support jobs, citing its new AI assistant.",
            "\"We are replacing these roles with AI,\" a spokesperson for Acme said.",
            "Our use of generative AI means we need fewer people in these teams.",
            "Acme said the support jobs would go as chatbots answer routine questions.",
            "Acme has openly acknowledged that the cuts are tied to automation.",
            "Acme signalled on Tuesday that its adoption of chatbots would cost 400 jobs.",
            "Acme, a parts maker, cut 300 jobs and openly blamed advances in automation.",
            "Helio will cut 300 jobs as AI takes over claims work, the lender said on Monday.",
            "Acme will shed 900 roles; a co-founder is pinning the decision on faster AI.",
            "The retailer attributes the 150 warehouse cuts to its wider use of automation.",
            "According to the bank's annual report, the cuts stem from automation.",
        ] {
            assert_eq!(speaker(s, "Acme").0, AiSource::Employer, "{s}");
        }
    }

    #[test]
    fn investing_in_ai_is_no_source_unless_ai_does_the_work() {
        assert!(investment_only(
            "Acme will cut 300 jobs as it invests more heavily in artificial intelligence."
        ));
        assert!(!investment_only(
            "Acme will cut 300 jobs and invest the savings in AI agents that replace the roles."
        ));
    }

    #[test]
    fn the_reporting_ties_it_when_others_or_the_writer_speak() {
        for s in [
            "Analysts said the cuts show AI is replacing back-office work.",
            "The layoffs come as the firm pushes into artificial intelligence.",
            "The union said the jobs were lost to automation.",
            "People familiar with the matter said chatbots would take over the work.",
            "Acme is cutting 200 jobs as AI tools spread across the industry.",
            "Acme workers said the cuts came as chatbots took over their tasks.",
        ] {
            assert_eq!(speaker(s, "Acme").0, AiSource::Reporting, "{s}");
        }
    }
}
