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
        r"(?i)\b(analysts?|unions?|union leaders?|experts?|critics|observers|economists?|researchers?|commentators?|insiders?|sources|people familiar|familiar with the matter|reportedly|(?:media|news|press) reports?|according to (?:a |the )?(?:reports?|media|analysts?|research|data|estimates|filings? reviewed)|it is (?:believed|understood|thought)|speculat\w*|rumou?r\w*|observers?|workers said|employees said|former employees?|staff said)\b",
    )
    .expect("valid regex")
});

/// The employer speaks: its people or its documents with a verb of saying,
/// or first-person words.
static EMPLOYER_VOICE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:(?:the )?(?:company|firm|bank|group|retailer|carrier|airline|insurer|employer|startup|business)(?:'s)?|spokes(?:person|man|woman)|chief executive|ceo|cfo|coo|cto|chair(?:man|woman)?|founder|co-founder|president|executives?|management|leadership|memo|filing|statement|blog(?: post)?|press release|(?:internal )?(?:letter|email|e-mail|note|message)|announcement|town hall|earnings call|investor call)\b[^.]{0,80}?\b(?:said|says|wrote|writes|told|tells|announced|stated|states|explained|added|noted|cited|blamed|attributed|confirmed|acknowledged)\b|\b(?:said|says|wrote|writes|told|announced|stated|explained|added|noted|confirmed)\b[^.]{0,40}\b(?:the )?(?:company|firm|spokes(?:person|man|woman)|chief executive|ceo|founder|memo|statement|filing|blog)\b|\bin (?:a|an|its) (?:memo|filing|statement|blog post|letter|email|e-mail|press release|note|announcement)\b|\bciting\b|\b(?:we|our|we're|we've|we'll)\b",
    )
    .expect("valid regex")
});

/// Quotation marks (straight or curly double quotes) in the sentence.
fn quoted(sentence: &str) -> bool {
    sentence.contains(['"', '\u{201c}', '\u{201d}'])
}

/// Who ties the cut to AI in a sentence with an AI tie, and the words that
/// decide it (relative to the sentence), if any.
pub(crate) fn speaker(sentence: &str) -> (AiSource, Option<(usize, usize)>) {
    if let Some(m) = OTHER_SPEAKER.find(sentence) {
        return (AiSource::Reporting, Some((m.start(), m.end())));
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
        ] {
            assert_eq!(speaker(s).0, AiSource::Employer, "{s}");
        }
    }

    #[test]
    fn the_reporting_ties_it_when_others_or_the_writer_speak() {
        for s in [
            "Analysts said the cuts show AI is replacing back-office work.",
            "The layoffs come as the firm pushes into artificial intelligence.",
            "The union said the jobs were lost to automation.",
            "People familiar with the matter said chatbots would take over the work.",
        ] {
            assert_eq!(speaker(s).0, AiSource::Reporting, "{s}");
        }
    }
}
