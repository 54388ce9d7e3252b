//! Scores a role-to-occupation mapper against labelled phrases, with the
//! metrics of `shared/dev/ROLES.md`: top-1 accuracy (any gold code counts for
//! broad phrases), top-3 recall of the first gold code, and how often the
//! mapper rightly or wrongly returns nothing.

use serde::{Deserialize, Serialize};

/// One labelled phrase of a roles file.
#[derive(Debug, Clone, Deserialize)]
pub struct RoleLabel {
    pub phrase: String,
    pub soc: Vec<String>,
    #[serde(default)]
    pub broad: bool,
    #[serde(default)]
    pub none: bool,
}

/// Reads a roles file: one JSON object per line.
pub fn read_role_labels(content: &str) -> Result<Vec<RoleLabel>, String> {
    content
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| serde_json::from_str(l).map_err(|e| format!("line {}: {e}", i + 1)))
        .collect()
}

/// Hits over a group of phrases.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RoleGroup {
    pub phrases: usize,
    pub top1: f64,
    pub top3: f64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RoleSummary {
    pub phrases: usize,
    /// Over phrases that name an occupation.
    pub top1: f64,
    pub top3: f64,
    pub broad: RoleGroup,
    pub specific: RoleGroup,
    /// Over phrases labelled `none`: the share given no occupation.
    pub none_accuracy: f64,
    pub none_phrases: usize,
    /// Over phrases that name an occupation: the share given none.
    pub missed: f64,
    /// For broad phrases: gold codes found in the mapper's top 3, over all
    /// their gold codes.
    pub broad_gold_in_top3: f64,
}

/// A phrase the mapper got wrong, for the report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoleMiss {
    pub phrase: String,
    pub gold: Vec<String>,
    pub predicted: Vec<String>,
}

/// Scores predictions, given in the order of `labels`.
pub fn score_roles(
    labels: &[RoleLabel],
    predicted: &[Vec<String>],
) -> (RoleSummary, Vec<RoleMiss>) {
    assert_eq!(labels.len(), predicted.len(), "one prediction per label");
    let mut s = RoleSummary {
        phrases: labels.len(),
        ..Default::default()
    };
    let mut misses = Vec::new();
    let (mut b1, mut b3, mut s1, mut s3) = (0usize, 0usize, 0usize, 0usize);
    let (mut none_ok, mut missed, mut broad_gold, mut broad_found) =
        (0usize, 0usize, 0usize, 0usize);
    for (label, pred) in labels.iter().zip(predicted) {
        if label.none {
            s.none_phrases += 1;
            if pred.is_empty() {
                none_ok += 1;
            } else {
                misses.push(miss(label, pred));
            }
            continue;
        }
        let first = label.soc.first();
        let top1 = match pred.first() {
            Some(p) if label.broad => label.soc.contains(p),
            Some(p) => Some(p) == first,
            None => false,
        };
        let top3 = first.is_some_and(|f| pred.iter().take(3).any(|p| p == f));
        if pred.is_empty() {
            missed += 1;
        }
        if label.broad {
            s.broad.phrases += 1;
            b1 += top1 as usize;
            b3 += top3 as usize;
            broad_gold += label.soc.len();
            broad_found += label
                .soc
                .iter()
                .filter(|g| pred.iter().take(3).any(|p| p == *g))
                .count();
        } else {
            s.specific.phrases += 1;
            s1 += top1 as usize;
            s3 += top3 as usize;
        }
        if !top1 || !top3 {
            misses.push(miss(label, pred));
        }
    }
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    let named = s.broad.phrases + s.specific.phrases;
    s.top1 = ratio(b1 + s1, named);
    s.top3 = ratio(b3 + s3, named);
    s.broad.top1 = ratio(b1, s.broad.phrases);
    s.broad.top3 = ratio(b3, s.broad.phrases);
    s.specific.top1 = ratio(s1, s.specific.phrases);
    s.specific.top3 = ratio(s3, s.specific.phrases);
    s.none_accuracy = ratio(none_ok, s.none_phrases);
    s.missed = ratio(missed, named);
    s.broad_gold_in_top3 = ratio(broad_found, broad_gold);
    (s, misses)
}

fn miss(label: &RoleLabel, pred: &[String]) -> RoleMiss {
    RoleMiss {
        phrase: label.phrase.clone(),
        gold: label.soc.clone(),
        predicted: pred.to_vec(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label(phrase: &str, soc: &[&str], broad: bool) -> RoleLabel {
        RoleLabel {
            phrase: phrase.into(),
            soc: soc.iter().map(|s| s.to_string()).collect(),
            broad,
            none: soc.is_empty(),
        }
    }

    fn codes(c: &[&str]) -> Vec<String> {
        c.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn broad_phrases_accept_any_gold_code_first_and_none_is_scored_apart() {
        let labels = vec![
            label("nurse", &["a", "b"], false),
            label("engineer", &["x", "y", "z"], true),
            label("staff", &[], false),
            label("worker", &[], false),
        ];
        let pred = vec![
            codes(&["b", "a"]),
            codes(&["y", "q"]),
            codes(&[]),
            codes(&["a"]),
        ];
        let (s, misses) = score_roles(&labels, &pred);
        assert_eq!(s.specific.top1, 0.0, "nurse's first gold code is a");
        assert_eq!(s.specific.top3, 1.0);
        assert_eq!(s.broad.top1, 1.0);
        assert_eq!(
            s.broad.top3, 0.0,
            "top 3 recall asks for the first gold code"
        );
        assert_eq!(s.top1, 0.5);
        assert_eq!(s.none_accuracy, 0.5);
        assert_eq!(s.missed, 0.0);
        assert!((s.broad_gold_in_top3 - 1.0 / 3.0).abs() < 1e-9);
        let missed: Vec<&str> = misses.iter().map(|m| m.phrase.as_str()).collect();
        assert_eq!(missed, ["nurse", "engineer", "worker"]);
    }
}
