//! The README's tour: `examples/tour.sh` runs from an empty folder, and the
//! README's block is the script's text.

use std::path::Path;

/// The script's lines after its preamble.
fn tour_lines() -> String {
    let script = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/tour.sh")).unwrap();
    script.split_once("# --- tour ---\n").expect("the tour marker").1.to_owned()
}

#[test]
fn the_readme_tour_is_the_script() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let section = readme.split_once("## A short tour\n").expect("the tour section").1;
    let block = section.split_once("```sh\n").unwrap().1.split_once("```\n").unwrap().0;
    assert_eq!(block, tour_lines(), "README's tour and examples/tour.sh differ");
}

#[test]
fn the_tour_runs_from_an_empty_folder() {
    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new("bash")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/tour.sh"))
        .current_dir(dir.path())
        .env("ROSTER_BIN", assert_cmd::cargo::cargo_bin("roster"))
        .env_remove("ROSTER_DB")
        .env_remove("ROSTER_AS")
        .env_remove("ROSTER_SMTP_URL")
        .env_remove("ROSTER_KEY_FILE")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "the tour failed:\n{stdout}\n{stderr}");
    assert!(stdout.contains("bo may view the CRM"), "{stdout}");
    assert!(stdout.contains("refused with exit 7"), "the refused login: {stdout}");
    assert!(stderr.contains("bo@acme.test") && stderr.contains("archived"), "the archive by filter: {stderr}");
    assert!(stdout.contains("chain intact"), "{stdout}");
    assert!(dir.path().join("roster.db").exists() && dir.path().join("everyone.csv").exists());
}
