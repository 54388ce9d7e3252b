//! The contract's quality method ("How quality is scored" in EVENTS.md):
//! one-to-one matching of predicted to labelled events per document, event
//! precision/recall/F1, then field scores on matched pairs. Gives the same
//! numbers as the referee `shared/tools/score.py`.
#![forbid(unsafe_code)]

mod roles;
pub use roles::{read_role_labels, score_roles, RoleGroup, RoleLabel, RoleMiss, RoleSummary};

use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;

const SUFFIXES: &[&str] = &[
    "inc",
    "incorporated",
    "corp",
    "corporation",
    "co",
    "company",
    "ltd",
    "limited",
    "llc",
    "plc",
    "group",
    "holdings",
    "the",
    "com",
    "sa",
    "ag",
    "nv",
    "se",
    "lp",
    "llp",
    "gmbh",
];

fn words(s: &str) -> Vec<String> {
    s.to_lowercase()
        .split(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit()))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

fn norm_org(s: &str) -> String {
    words(s)
        .into_iter()
        .filter(|w| !SUFFIXES.contains(&w.as_str()))
        .collect::<Vec<_>>()
        .join(" ")
}

fn strs(v: &Value, key: &str) -> Vec<String> {
    v.get(key)
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

fn text(v: &Value, key: &str) -> String {
    v.get(key).and_then(Value::as_str).unwrap_or("").to_string()
}

/// Whether `name` names the employer of a labelled event (its company, a
/// unit or an alias), by the contract's matching rule.
pub fn names_labelled_employer(gold: &Value, name: &str) -> bool {
    same_org(gold, &serde_json::json!({ "company": name }))
}

fn same_org(gold: &Value, pred: &Value) -> bool {
    let p = norm_org(&text(pred, "company"));
    if p.is_empty() {
        return false;
    }
    let mut names = vec![norm_org(&text(gold, "company"))];
    names.extend(strs(gold, "units").iter().map(|u| norm_org(u)));
    names.extend(strs(gold, "aliases").iter().map(|u| norm_org(u)));
    names.into_iter().filter(|n| !n.is_empty()).any(|g| {
        p == g
            || format!(" {p} ").contains(&format!(" {g} "))
            || format!(" {g} ").contains(&format!(" {p} "))
    })
}

fn date_of(v: &Value) -> Option<String> {
    v.get("announced")
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

fn dates_compatible(a: &str, b: &str) -> bool {
    let (a, b): (Vec<_>, Vec<_>) = (a.split('-').collect(), b.split('-').collect());
    let n = a.len().min(b.len());
    a[..n] == b[..n]
}

type Bounds = (Option<f64>, Option<f64>);

fn bounds(v: &Value) -> Option<Bounds> {
    let h = v.get("headcount").filter(|h| !h.is_null())?;
    Some((
        h.get("min").and_then(Value::as_f64),
        h.get("max").and_then(Value::as_f64),
    ))
}

fn numeric(b: Option<Bounds>) -> bool {
    b.is_some_and(|(a, c)| a.is_some() || c.is_some())
}

fn overlaps(g: Bounds, p: Bounds) -> bool {
    let (lg, hg) = (g.0.unwrap_or(0.0), g.1.unwrap_or(f64::INFINITY));
    let (lp, hp) = (p.0.unwrap_or(0.0), p.1.unwrap_or(f64::INFINITY));
    lg <= hp && lp <= hg
}

fn headcount_correct(g: &Value, p: &Value) -> bool {
    let (gb, pb) = (bounds(g), bounds(p));
    if !numeric(gb) {
        return !numeric(pb);
    }
    if !numeric(pb) {
        return false;
    }
    let (gb, pb) = (gb.expect("numeric"), pb.expect("numeric"));
    if let (Some(gmin), Some(gmax)) = gb {
        if gmin == gmax {
            let (Some(pmin), Some(pmax)) = pb else {
                return false;
            };
            return pmin <= gmin && gmin <= pmax && (pmax - pmin) <= 0.2 * gmin;
        }
    }
    if gb.1.is_some() && pb.1.is_none() {
        return false;
    }
    overlaps(gb, pb)
}

fn same_role(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        s.to_lowercase()
            .replace('-', " ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    norm(a) == norm(b)
}

fn unit_match(a: &str, b: &str) -> bool {
    let set = |s: &str| -> std::collections::BTreeSet<String> {
        words(s)
            .into_iter()
            .filter(|w| !SUFFIXES.contains(&w.as_str()))
            .collect()
    };
    let (wa, wb) = (set(a), set(b));
    if wa.is_empty() || wb.is_empty() {
        return false;
    }
    let inter = wa.intersection(&wb).count() as f64;
    let union = wa.union(&wb).count() as f64;
    inter / union >= 0.5
}

#[derive(Debug, Default, Clone, Copy)]
struct SetScore {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl SetScore {
    fn add(&mut self, gold: &[String], pred: &[String], matches: impl Fn(&str, &str) -> bool) {
        let mut pred_u: Vec<&String> = Vec::new();
        for p in pred {
            if !pred_u.contains(&p) {
                pred_u.push(p);
            }
        }
        let mut gold_u: Vec<&String> = Vec::new();
        for g in gold {
            if !gold_u.contains(&g) {
                gold_u.push(g);
            }
        }
        let mut used = vec![false; pred_u.len()];
        for g in gold_u {
            match pred_u
                .iter()
                .enumerate()
                .position(|(i, p)| !used[i] && matches(g, p))
            {
                Some(i) => {
                    used[i] = true;
                    self.tp += 1;
                }
                None => self.fn_ += 1,
            }
        }
        self.fp += used.iter().filter(|u| !**u).count();
    }

    fn f1(&self) -> f64 {
        let p = if self.tp + self.fp > 0 {
            self.tp as f64 / (self.tp + self.fp) as f64
        } else {
            1.0
        };
        let r = if self.tp + self.fn_ > 0 {
            self.tp as f64 / (self.tp + self.fn_) as f64
        } else {
            1.0
        };
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        }
    }
}

fn unscored(g: &Value) -> Vec<String> {
    strs(g, "unscored")
}

fn pair_score(g: &Value, p: &Value) -> f64 {
    let mut s = 1.0;
    let (gu, pu) = (strs(g, "units"), strs(p, "units"));
    if !gu.is_empty() && !pu.is_empty() {
        s += f64::from(gu.iter().any(|a| pu.iter().any(|b| unit_match(a, b))));
    }
    if let (Some(a), Some(b)) = (date_of(g), date_of(p)) {
        s += f64::from(dates_compatible(&a, &b));
    }
    if numeric(bounds(g)) && numeric(bounds(p)) {
        s += f64::from(headcount_correct(g, p));
    }
    s
}

fn compatible(g: &Value, p: &Value) -> bool {
    if !same_org(g, p) {
        return false;
    }
    if let (Some(a), Some(b)) = (date_of(g), date_of(p)) {
        if !unscored(g).iter().any(|u| u == "announced") && !dates_compatible(&a, &b) {
            return false;
        }
    }
    let (gb, pb) = (bounds(g), bounds(p));
    !(numeric(gb) && numeric(pb) && !overlaps(gb.expect("numeric"), pb.expect("numeric")))
}

/// One-to-one matching of predicted to labelled events of one document, as
/// `score.py` does it: (gold index, predicted index) pairs.
pub fn match_doc(gold: &[Value], pred: &[Value]) -> Vec<(usize, usize)> {
    let mut cands = Vec::new();
    for (gi, g) in gold.iter().enumerate() {
        for (pi, p) in pred.iter().enumerate() {
            if compatible(g, p) {
                cands.push((pair_score(g, p), gi, pi));
            }
        }
    }
    // Highest score first; ties broken like Python's reverse tuple sort.
    cands.sort_by(|a, b| b.partial_cmp(a).unwrap_or(std::cmp::Ordering::Equal));
    let (mut ug, mut up, mut pairs) = (Vec::new(), Vec::new(), Vec::new());
    for (_, gi, pi) in cands {
        if !ug.contains(&gi) && !up.contains(&pi) {
            ug.push(gi);
            up.push(pi);
            pairs.push((gi, pi));
        }
    }
    pairs
}

/// The scores of a prediction file against a label file.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Summary {
    pub documents: usize,
    pub gold_events: usize,
    pub predicted_events: usize,
    pub event_precision: f64,
    pub event_recall: f64,
    pub event_f1: f64,
    /// Share correct on matched pairs; None when no pair is scored.
    pub fields: BTreeMap<String, Option<f64>>,
    pub field_counts: BTreeMap<String, usize>,
    pub set_f1: BTreeMap<String, f64>,
    /// Set F1 of `roles` on matched events whose gold lists them; the
    /// referee does not score roles, so this is ours alone (absent when no
    /// gold event lists roles).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub roles_f1: Option<f64>,
    /// Issue 22's two numbers for `ai_source` on matched events where the
    /// gold labels it (ours; absent when no gold event does).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ai_source_detail: Option<AiSourceDetail>,
}

/// How `ai_source` fares where the gold names a source, and where it names
/// none.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq)]
pub struct AiSourceDetail {
    /// Gold employer, reporting or denied: how many got exactly that.
    pub labelled_correct: usize,
    pub labelled: usize,
    /// Gold null: how many were given a value anyway.
    pub null_given_value: usize,
    pub null: usize,
}

/// Three decimals, ties to even as the referee's Python `round` does
/// (26/32 = 0.8125 gives 0.812).
fn round3(x: f64) -> f64 {
    (x * 1000.0).round_ties_even() / 1000.0
}

/// Scores `pred` against `gold`; both map document id to its list of events.
pub fn score(gold: &[(String, Vec<Value>)], pred: &BTreeMap<String, Vec<Value>>) -> Summary {
    const FIELDS: [&str; 6] = [
        "announced",
        "headcount",
        "percent",
        "ai_attributed",
        "hiring_elsewhere",
        "severance",
    ];
    let mut fields: BTreeMap<&str, (usize, usize)> = FIELDS.iter().map(|f| (*f, (0, 0))).collect();
    // `ai_source` is optional in the contract: scored, and reported, only
    // where the gold labels it (as the referee does).
    let gold_has_ai_source = gold
        .iter()
        .any(|(_, evs)| evs.iter().any(|e| e.get("ai_source").is_some()));
    if gold_has_ai_source {
        fields.insert("ai_source", (0, 0));
    }
    let mut sets: BTreeMap<&str, SetScore> = ["reasons", "functions", "locations", "units"]
        .iter()
        .map(|k| (*k, SetScore::default()))
        .collect();
    let mut detail: Option<AiSourceDetail> = None;
    let mut roles = SetScore::default();
    let mut roles_scored = false;
    let (mut tp, mut fp, mut fn_) = (0, 0, 0);
    let empty = Vec::new();
    for (id, gev) in gold {
        let pev = pred.get(id).unwrap_or(&empty);
        let pairs = match_doc(gev, pev);
        tp += pairs.len();
        fn_ += gev.len() - pairs.len();
        fp += pev.len() - pairs.len();
        for (gi, pi) in pairs {
            let (g, p) = (&gev[gi], &pev[pi]);
            let skip = unscored(g);
            let mut judge = |field: &'static str, ok: bool| {
                if !skip.iter().any(|s| s == field) {
                    let e = fields.get_mut(field).expect("known field");
                    e.0 += usize::from(ok);
                    e.1 += 1;
                }
            };
            let (ga, pa) = (date_of(g), date_of(p));
            judge(
                "announced",
                match ga {
                    None => pa.is_none(),
                    Some(ga) => pa.is_some_and(|pa| {
                        pa.split('-').count() >= ga.split('-').count() && dates_compatible(&ga, &pa)
                    }),
                },
            );
            judge("headcount", headcount_correct(g, p));
            let (gp, pp) = (
                g.get("percent").and_then(Value::as_f64),
                p.get("percent").and_then(Value::as_f64),
            );
            judge(
                "percent",
                match gp {
                    None => pp.is_none(),
                    Some(gp) => pp.is_some_and(|pp| (pp - gp).abs() <= 0.5),
                },
            );
            let flag = |v: &Value, k: &str| v.get(k).and_then(Value::as_bool).unwrap_or(false);
            judge(
                "ai_attributed",
                flag(g, "ai_attributed") == flag(p, "ai_attributed"),
            );
            if let Some(ga) = g.get("ai_source") {
                let pa = p.get("ai_source").unwrap_or(&Value::Null);
                judge("ai_source", *ga == *pa);
                if !skip.iter().any(|s| s == "ai_source") {
                    let d = detail.get_or_insert_with(AiSourceDetail::default);
                    if ga.is_null() {
                        d.null += 1;
                        d.null_given_value += usize::from(!pa.is_null());
                    } else {
                        d.labelled += 1;
                        d.labelled_correct += usize::from(ga == pa);
                    }
                }
            }
            judge(
                "hiring_elsewhere",
                flag(g, "hiring_elsewhere") == flag(p, "hiring_elsewhere"),
            );
            let (gs, ps) = (
                g.get("severance").filter(|s| !s.is_null()),
                p.get("severance").filter(|s| !s.is_null()),
            );
            let sev_flags = ["health_benefits", "outplacement", "severance_pay"];
            judge(
                "severance",
                match (gs, ps) {
                    (None, None) => true,
                    (None, Some(ps)) => {
                        !sev_flags.iter().any(|k| flag(ps, k))
                            && ps
                                .get("pay_days")
                                .is_none_or(|d| d.is_null() || d.as_i64() == Some(0))
                    }
                    (Some(_), None) => false,
                    (Some(gs), Some(ps)) => {
                        sev_flags.iter().all(|k| flag(gs, k) == flag(ps, k))
                            && gs.get("pay_days").and_then(Value::as_i64)
                                == ps.get("pay_days").and_then(Value::as_i64)
                    }
                },
            );
            for k in ["reasons", "functions", "locations"] {
                if !skip.iter().any(|s| s == k) {
                    sets.get_mut(k)
                        .expect("known")
                        .add(&strs(g, k), &strs(p, k), |a, b| a == b);
                }
            }
            // Roles are optional in the contract: scored where the gold
            // lists them, compared in lower case with hyphens as spaces.
            if g.get("roles").is_some() && !skip.iter().any(|s| s == "roles") {
                roles_scored = true;
                roles.add(&strs(g, "roles"), &strs(p, "roles"), same_role);
            }
            if !skip.iter().any(|s| s == "units") {
                sets.get_mut("units").expect("known").add(
                    &strs(g, "units"),
                    &strs(p, "units"),
                    unit_match,
                );
            }
        }
    }
    let prec = if tp + fp > 0 {
        tp as f64 / (tp + fp) as f64
    } else {
        0.0
    };
    let rec = if tp + fn_ > 0 {
        tp as f64 / (tp + fn_) as f64
    } else {
        0.0
    };
    let f1 = if prec + rec > 0.0 {
        2.0 * prec * rec / (prec + rec)
    } else {
        0.0
    };
    Summary {
        documents: gold.len(),
        gold_events: tp + fn_,
        predicted_events: tp + fp,
        event_precision: round3(prec),
        event_recall: round3(rec),
        event_f1: round3(f1),
        fields: fields
            .iter()
            .map(|(k, (c, n))| {
                (
                    k.to_string(),
                    (*n > 0).then(|| round3(*c as f64 / *n as f64)),
                )
            })
            .collect(),
        field_counts: fields
            .iter()
            .map(|(k, (_, n))| (k.to_string(), *n))
            .collect(),
        set_f1: sets
            .iter()
            .map(|(k, s)| (k.to_string(), round3(s.f1())))
            .collect(),
        roles_f1: roles_scored.then(|| round3(roles.f1())),
        ai_source_detail: detail,
    }
}

/// Reads a JSON Lines file of `{"id", "events"}` records, in order.
pub fn read_records(content: &str) -> Result<Vec<(String, Vec<Value>)>, String> {
    let mut out = Vec::new();
    for (n, line) in content.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let v: Value = serde_json::from_str(line).map_err(|e| format!("line {}: {e}", n + 1))?;
        let id = match &v["id"] {
            Value::String(s) => s.clone(),
            Value::Number(x) => x.to_string(),
            _ => return Err(format!("line {}: no \"id\"", n + 1)),
        };
        let events = v["events"].as_array().cloned().unwrap_or_default();
        out.push((id, events));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn one(gold: Value, pred: Value) -> Summary {
        let g = vec![("d".to_string(), vec![gold])];
        let p = BTreeMap::from([("d".to_string(), vec![pred])]);
        score(&g, &p)
    }

    #[test]
    fn a_unit_name_matches_the_labelled_company_and_sizes_must_overlap() {
        let gold = json!({"company": "Amazon", "units": ["Twitch"], "announced": "2024-01",
            "headcount": {"min": 500, "max": 500}});
        let s = one(
            gold.clone(),
            json!({"company": "Twitch", "announced": "2024-01-15", "headcount": {"min": 500, "max": 500}}),
        );
        assert_eq!(s.event_f1, 1.0);
        assert_eq!(s.fields["announced"], Some(1.0));
        let s = one(
            gold,
            json!({"company": "Amazon", "headcount": {"min": 9000, "max": 9000}}),
        );
        assert_eq!(s.event_f1, 0.0);
    }

    #[test]
    fn scores_round_like_the_referee() {
        assert_eq!(round3(26.0 / 32.0), 0.812);
        assert_eq!(round3(0.8135), 0.814);
        assert_eq!(round3(2.0 / 3.0), 0.667);
    }

    #[test]
    fn ai_source_is_scored_only_where_the_gold_labels_it() {
        let base = json!({"company": "Acme", "headcount": {"min": 40, "max": 40}});
        let s = one(base.clone(), base.clone());
        assert!(!s.fields.contains_key("ai_source"));
        let mut gold = base.clone();
        gold["ai_source"] = json!("employer");
        let mut pred = base.clone();
        pred["ai_source"] = json!("reporting");
        assert_eq!(one(gold.clone(), pred).fields["ai_source"], Some(0.0));
        pred = base;
        pred["ai_source"] = json!("employer");
        assert_eq!(one(gold, pred).fields["ai_source"], Some(1.0));
    }
}
