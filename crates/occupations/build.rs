//! Embeds the O*NET job titles in the binary: the alternate, short and
//! reported titles of O*NET 29.3 (CC BY 4.0) and the BLS SOC 2018 direct
//! match titles (public domain). The files are read in place from
//! `../shared/data/onet` beside the workspace, or from the folder named by
//! `LAYOFFWATCH_ONET_DIR`; they are never copied into the repository. Without
//! them the build still succeeds, with a warning, and the title index is
//! empty (the mapper then knows only the occupation titles and its aliases).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

const FILES: [&str; 3] = [
    "onet_29_3_alternate_titles.tsv",
    "onet_29_3_sample_of_reported_titles.tsv",
    "soc_2018_direct_match_titles.tsv",
];

fn main() {
    println!("cargo:rerun-if-env-changed=LAYOFFWATCH_ONET_DIR");
    let dir = std::env::var_os("LAYOFFWATCH_ONET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/onet"));
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("onet_titles.tsv");
    let mut text = String::new();
    for (i, name) in FILES.iter().enumerate() {
        let path = dir.join(name);
        println!("cargo:rerun-if-changed={}", path.display());
        match std::fs::read_to_string(&path) {
            Ok(content) => compact(i, &content, &mut text),
            Err(e) => {
                println!(
                    "cargo:warning=O*NET titles not embedded: {}: {e}; set \
                     LAYOFFWATCH_ONET_DIR to the folder of the O*NET title files",
                    path.display()
                );
                text.clear();
                break;
            }
        }
    }
    std::fs::write(&out, text).expect("OUT_DIR is writable");
}

/// One line per title: kind, O*NET-SOC code, title. Kinds: `a` alternate,
/// `s` short, `r` reported, `d` direct match.
fn compact(file: usize, content: &str, text: &mut String) {
    for line in content.lines().skip(1) {
        let cells: Vec<&str> = line.split('\t').map(str::trim).collect();
        match file {
            0 if cells.len() >= 3 => {
                let _ = writeln!(text, "a\t{}\t{}", cells[0], cells[2]);
                if let Some(short) = cells.get(3).filter(|s| !s.is_empty() && **s != "n/a") {
                    let _ = writeln!(text, "s\t{}\t{short}", cells[0]);
                }
            }
            1 if cells.len() >= 3 => {
                let _ = writeln!(text, "r\t{}\t{}", cells[0], cells[2]);
            }
            2 if cells.len() >= 3 && cells[0].len() == 7 => {
                let _ = writeln!(text, "d\t{}.00\t{}", cells[0], cells[2]);
            }
            _ => {}
        }
    }
}
