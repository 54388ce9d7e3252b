//! `layoffwatch occupations`: role phrases to O*NET-SOC occupations.

use anyhow::{Context, Result};
use layoffwatch_eval::{read_role_labels, score_roles, RoleSummary};
use layoffwatch_occupations::Occupations;
use serde_json::json;
use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Map job-role phrases to O*NET-SOC occupations, best first.
///
/// Reads one phrase per line on stdin and prints one JSON line per phrase:
///   {"phrase": "call centre staff", "soc": ["43-4051.00", "41-9041.00"],
///    "titles": ["Customer Service Representatives", "Telemarketers"]}
/// An empty "soc" means no occupation: the phrase names only a status,
/// contract, sector or employer ("staff", "contractor", "hourly worker").
///
///   echo recruiter | layoffwatch occupations
///   layoffwatch occupations --explain < phrases.txt
///   layoffwatch occupations --score ../shared/dev/roles.jsonl
///
/// A phrase is matched against an index of about 70,000 O*NET job titles
/// (exact title, then head noun and modifiers weighted by rarity, then the
/// head noun's commonest occupation), after the status and domain rules and
/// the few curated aliases of crates/occupations/data/roles.toml. Generic
/// words ("employee", "team member") and weak matches get no occupation.
///
/// This product includes information from the O*NET 29.3 Database by the
/// U.S. Department of Labor, Employment and Training Administration
/// (USDOL/ETA). Used under the CC BY 4.0 license. O*NET® is a trademark of
/// USDOL/ETA. USDOL/ETA has not approved, endorsed, or tested these
/// modifications. The GPTs-are-GPTs ratings ship under the MIT licence.
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Also print which rule matched and the words it matched
    #[arg(long)]
    explain: bool,
    /// Score the mapper on a labelled roles file (JSON lines with phrase,
    /// soc, broad, none) instead of reading stdin
    #[arg(long, value_name = "FILE")]
    score: Option<PathBuf>,
    /// With --score: print the summary as JSON
    #[arg(long, requires = "score")]
    json: bool,
    /// Leave the curated aliases out, to see what the O*NET title index and
    /// the status and domain rules do alone
    #[arg(long)]
    no_aliases: bool,
}

pub fn run(a: Args) -> Result<ExitCode> {
    let plain;
    let occ = if a.no_aliases {
        plain = Occupations::without_aliases()?;
        &plain
    } else {
        Occupations::builtin()
    };
    if occ.mapper.titles_indexed() == 0 {
        eprintln!(
            "warning: this build holds no O*NET titles (see crates/occupations/build.rs); \
             rebuild with LAYOFFWATCH_ONET_DIR set to the O*NET title files"
        );
    }
    if let Some(path) = &a.score {
        return score(occ, path, a.json);
    }
    let stdin = std::io::stdin().lock();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for line in stdin.split(b'\n') {
        let line = line.context("reading stdin")?;
        let phrase = String::from_utf8_lossy(&line);
        let phrase = phrase.trim();
        if phrase.is_empty() {
            continue;
        }
        let m = occ.map(phrase);
        let titles: Vec<&str> = m
            .soc
            .iter()
            .filter_map(|c| occ.occupation(c).map(|o| o.title.as_str()))
            .collect();
        let mut v = json!({"phrase": phrase, "soc": m.soc, "titles": titles});
        if a.explain {
            v["how"] = json!(m.how);
            v["matched"] = json!(m.matched);
            v["candidates"] = json!(m.candidates);
        }
        serde_json::to_writer(&mut out, &v)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn score(occ: &Occupations, path: &PathBuf, as_json: bool) -> Result<ExitCode> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let labels = read_role_labels(&text)
        .map_err(anyhow::Error::msg)
        .with_context(|| format!("in {}", path.display()))?;
    let predicted: Vec<Vec<String>> = labels.iter().map(|l| occ.map(&l.phrase).soc).collect();
    let (s, misses) = score_roles(&labels, &predicted);
    if as_json {
        println!("{}", serde_json::to_string(&s)?);
        return Ok(ExitCode::SUCCESS);
    }
    print!("{}", summary_text(&s));
    if !misses.is_empty() {
        println!("misses (phrase: gold -> predicted):");
        for m in misses {
            println!(
                "  {}: [{}] -> [{}]",
                m.phrase,
                m.gold.join(", "),
                m.predicted.join(", ")
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn summary_text(s: &RoleSummary) -> String {
    format!(
        "phrases {}  (broad {}, specific {}, none {})\n\
         top-1 accuracy  {:.3}  (broad {:.3}, specific {:.3})\n\
         top-3 recall    {:.3}  (broad {:.3}, specific {:.3})\n\
         none accuracy   {:.3}  (phrases labelled none given no occupation)\n\
         missed          {:.3}  (phrases with an occupation given none)\n\
         broad gold codes in top 3  {:.3}\n",
        s.phrases,
        s.broad.phrases,
        s.specific.phrases,
        s.none_phrases,
        s.top1,
        s.broad.top1,
        s.specific.top1,
        s.top3,
        s.broad.top3,
        s.specific.top3,
        s.none_accuracy,
        s.missed,
        s.broad_gold_in_top3,
    )
}
