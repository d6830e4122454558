//! The committed completion files match what the binary generates.

use super::util::TestDb;

#[test]
fn committed_completions_are_current() {
    let db = TestDb::new();
    for (shell, file) in [("bash", "roster.bash"), ("zsh", "_roster"), ("fish", "roster.fish")] {
        let generated = db.ok(&["completions", shell]);
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("completions").join(file);
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            generated == committed,
            "completions/{file} is stale: run `cargo run -q -- completions {shell} > completions/{file}`"
        );
    }
}

#[test]
fn man_says_where_it_wrote_the_pages() {
    let db = TestDb::new();
    let dir = db.dir.path().join("pages");
    let out = db.cmd().args(["man", dir.to_str().unwrap()]).output().unwrap();
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && said.contains("man pages to") && said.contains("pages"), "{said}");
    assert!(dir.join("roster.1").exists());
}
