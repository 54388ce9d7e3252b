//! The mapper on role phrases written for the project and kept apart from
//! `shared/dev/roles.jsonl`, most of them not in the alias table, so that
//! they test the title, domain and head rules rather than the curated names.

use layoffwatch_occupations::{MatchKind, Occupations};

/// (phrase, expected first code); "" for no occupation.
const HELD_OUT: &[(&str, &str)] = &[
    ("graphic designers", "27-1024.00"),
    ("network administrator", "15-1244.00"),
    ("database administrators", "15-1242.00"),
    ("pharmacy technicians", "29-2052.00"),
    ("dental assistant", "31-9091.00"),
    ("medical secretaries", "43-6013.00"),
    ("hotel desk clerks", "43-4081.00"),
    ("tax preparer", "13-2082.00"),
    ("insurance sales agents", "41-3021.00"),
    ("credit analysts", "13-2041.00"),
    ("civil engineers", "17-2051.00"),
    ("chemical engineer", "17-2041.00"),
    ("packaging machine operators", "51-9111.00"),
    ("truck mechanics", "49-3031.00"),
    ("video editors", "27-4032.00"),
    ("camera operators", "27-4031.00"),
    ("sound engineers", "27-4014.00"),
    ("nurse practitioners", "29-1171.00"),
    ("medical transcriptionists", "31-9094.00"),
    ("crossing guards", "33-9091.00"),
    ("hairdressers", "39-5012.00"),
    ("retail buyers", "13-1022.00"),
    ("customer care representatives", "43-4051.00"),
    ("payroll staff", "43-3051.00"),
    ("billing staff", "43-3021.00"),
    ("hr coordinators", "13-1071.00"),
    ("legal staff", "23-1011.00"),
    // The BLS direct match title file lists "Warehouse Supervisor" here.
    ("warehouse supervisors", "53-1042.00"),
    ("regional sales managers", "11-2022.00"),
    ("plant managers", "11-3051.00"),
    ("finance directors", "11-3031.00"),
    ("senior software engineers", "15-1252.00"),
    ("part-time cashiers", "41-2011.00"),
    ("unionised dockers", "53-7062.00"),
    ("contract cleaners", "37-2011.00"),
    ("labourers", "47-2061.00"),
    // Titles only the O*NET title index knows (none is a curated alias).
    ("solutions architects", "15-1241.00"),
    ("car dealers", "41-2031.00"),
    ("data scientists", "15-2051.00"),
    ("web developers", "15-1254.00"),
    ("help desk technicians", "15-1232.00"),
    ("loan officers", "13-2072.00"),
    ("bank tellers", "43-3071.00"),
    ("claims adjusters", "13-1031.00"),
    ("actuaries", "15-2011.00"),
    ("paralegals", "23-2011.00"),
    ("attorneys", "23-1011.00"),
    ("registered nurses", "29-1141.00"),
    ("home health aides", "31-1121.00"),
    ("forklift operators", "53-7051.00"),
    ("welders", "51-4121.00"),
    ("electricians", "47-2111.00"),
    ("construction laborers", "47-2061.00"),
    ("air traffic controllers", "53-2021.00"),
    ("train conductors", "53-4031.00"),
    ("school bus drivers", "53-3051.00"),
    ("firefighters", "33-2011.00"),
    ("payroll clerks", "43-3051.00"),
    ("bookkeepers", "43-3031.00"),
    ("translators", "27-3091.00"),
    ("dockworkers", "53-7062.00"),
    ("supermarket cashiers", "41-2011.00"),
    ("airline pilots", "53-2011.00"),
    // Generic and qualifying words name no occupation.
    ("related employees", ""),
    ("colleagues", ""),
    ("talent", ""),
    ("openings", ""),
    ("data annotators", "43-9021.00"),
    ("night shift workers", ""),
    ("interns", ""),
    ("seasonal staff", ""),
    ("government employees", ""),
    ("widget workers", ""),
];

#[test]
fn held_out_phrases_map_to_the_expected_first_occupation() {
    let occ = Occupations::builtin();
    let mut wrong = Vec::new();
    for (phrase, want) in HELD_OUT {
        let m = occ.map(phrase);
        let got = m.soc.first().map_or("", String::as_str);
        if got != *want {
            wrong.push(format!(
                "{phrase}: want {want:?}, got {:?} ({:?})",
                m.soc, m.how
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn every_answer_says_which_rule_gave_it() {
    let occ = Occupations::builtin();
    assert_eq!(occ.map("contract sourcers").how, MatchKind::Alias);
    assert_eq!(occ.map("contract sourcers").matched, "sourcer");
    let exact = occ.map("recruiters");
    assert_eq!(exact.how, MatchKind::Exact);
    assert_eq!(exact.candidates[0].title, "Recruiter");
    assert!(exact.candidates[0].score > 0.0);
    let tail = occ.map("backend software engineers");
    assert_eq!(
        (tail.how, tail.matched.as_str()),
        (MatchKind::Head, "software engineer")
    );
    assert_eq!(
        occ.map("aerospace software engineers").how,
        MatchKind::Title
    );
    assert_eq!(occ.map("call centre staff").how, MatchKind::Domain);
    assert_eq!(occ.map("games studio copywriters").how, MatchKind::Head);
    assert_eq!(occ.map("hourly workers").how, MatchKind::Status);
    assert_eq!(occ.map("zzz").how, MatchKind::Unknown);
    assert!(occ.map("").soc.is_empty());
}

#[test]
fn answers_hold_at_most_three_known_codes() {
    let occ = Occupations::builtin();
    for phrase in [
        "engineer",
        "teacher",
        "manager",
        "factory workers",
        "sales staff",
    ] {
        let m = occ.map(phrase);
        assert!(
            !m.soc.is_empty() && m.soc.len() <= 3,
            "{phrase}: {:?}",
            m.soc
        );
        for code in &m.soc {
            assert!(occ.occupation(code).is_some(), "{code}");
        }
    }
}

/// Every curated alias still answers (no earlier rule shadows it), and each
/// entry holds a phrase of its own, not one copied from the labelled dev file.
#[test]
fn every_alias_answers_and_is_not_only_dev_phrases() {
    #[derive(serde::Deserialize)]
    struct Entry {
        phrases: Vec<String>,
        soc: Vec<String>,
    }
    #[derive(serde::Deserialize)]
    struct File {
        alias: Vec<Entry>,
    }
    let file: File = toml::from_str(include_str!("../data/roles.toml")).unwrap();
    let dev =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/dev/roles.jsonl");
    let dev: Vec<String> = std::fs::read_to_string(dev)
        .unwrap_or_default()
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["phrase"].as_str().map(str::to_string))
        .collect();
    let occ = Occupations::builtin();
    let mut wrong = Vec::new();
    for e in &file.alias {
        for p in &e.phrases {
            let m = occ.map(&format!("former {p}"));
            if m.soc.first() != e.soc.first() || m.how != MatchKind::Alias {
                wrong.push(format!("{p}: {:?} by {:?}", m.soc, m.how));
            }
        }
        if e.phrases.iter().all(|p| dev.contains(p)) {
            wrong.push(format!("{:?} holds only dev phrases", e.phrases));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
