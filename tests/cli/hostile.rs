//! Hostile and messy files: refused with the physical line and column, fast,
//! in bounded memory, and nothing written.

use super::util::TestDb;

/// Imports `bytes`; returns the exit code and stderr, and checks that the
/// database did not change.
fn import(db: &TestDb, bytes: &[u8]) -> (i32, String) {
    let path = db.dir.path().join("in.csv");
    std::fs::write(&path, bytes).unwrap();
    let before = (db.count("SELECT count(*) FROM users"), db.count("SELECT count(*) FROM audit"));
    let out = db.cmd().args(["user", "import", path.to_str().unwrap()]).output().unwrap();
    let code = out.status.code().unwrap();
    if code != 0 {
        let after = (db.count("SELECT count(*) FROM users"), db.count("SELECT count(*) FROM audit"));
        assert_eq!(after, before, "a refused import changed the database");
    }
    (code, String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn an_unterminated_quote_is_refused_where_it_opens() {
    let db = TestDb::with_admin();
    let (code, said) = import(
        &db,
        b"email,name,surname,roles,department\na@acme.test,Ann,Smith,member,\"Sales\nb@acme.test,Bob,Jones,member,Ops\n",
    );
    assert_eq!(code, 5);
    assert!(said.contains("line 2, column 5") && said.contains("never closed"), "{said}");
}

#[test]
fn text_after_a_closing_quote_and_a_wrong_field_count_are_refused() {
    let db = TestDb::with_admin();
    let (code, said) = import(&db, b"email,name,surname\n\"a@acme.test\"x,A,B\n");
    assert_eq!(code, 5);
    assert!(said.contains("line 2, column 1") && said.contains("after the closing quote"), "{said}");
    let (code, said) = import(&db, b"email,name,surname\na@acme.test,A,B,C\nb@acme.test,B\n");
    assert_eq!(code, 5);
    assert!(said.contains("line 2") && said.contains("line 3") && said.contains("\"4 fields\""), "{said}");
}

#[test]
fn every_error_of_a_file_is_reported_up_to_where_the_reading_stops() {
    let db = TestDb::with_admin();
    let file = b"email,name,surname,roles,department\r\n\
        a@acme.test,Ann,Smith,member,\"Sales\"x\r\n\
        b@acme.test,Bob,Jones,member\r\n\
        c@acme.test,=Cee,Jones,member,Ops\r\n\
        d@acme.test,Dee,\"Jo\"nes,member,Ops\r\n\
        e@acme.test,Eve,Smith,member,\"Ops\r\n\
        f@acme.test,Fay,Smith,member,Ops\r\n";
    let (code, said) = import(&db, file);
    assert_eq!(code, 5);
    for expected in [
        "line 2, column 5: text after the closing quote",
        "line 3: invalid record \"4 fields\": the header has 5 columns",
        "line 4: invalid name \"=Cee\"",
        "line 5, column 3: text after the closing quote",
        "line 6, column 5: a quoted field is never closed",
    ] {
        assert!(said.contains(expected), "{expected:?} not in {said}");
    }
    // Where the reading stopped nothing can be skipped past: the file was not all read.
    let path = db.dir.path().join("in.csv");
    let out = db.cmd().args(["user", "import", "--skip-invalid", path.to_str().unwrap()]).output().unwrap();
    assert_eq!(out.status.code(), Some(5));
    assert_eq!(db.count("SELECT count(*) FROM users"), 1, "only ana");
}

#[test]
fn a_quote_inside_an_unquoted_field_is_kept() {
    let db = TestDb::with_admin();
    let (code, said) = import(&db, b"email,name,surname,department\nbo@acme.test,Bo,O'Neil,Floor 5'10\"\n");
    assert_eq!(code, 0, "{said}");
    let shown = db.ok(&["--format", "json", "user", "show", "bo@acme.test"]);
    assert!(shown.contains(r#"Floor 5'10\""#), "{shown}");
}

#[test]
fn a_crlf_file_with_a_bom_names_physical_lines() {
    let db = TestDb::with_admin();
    let file = b"\xEF\xBB\xBFemail,name,surname\r\na@acme.test,A,B\r\n\r\nbad,C,D\r\na@acme.test,E,F\r\n";
    let (code, said) = import(&db, file);
    assert_eq!(code, 5);
    assert!(said.contains("line 4: invalid email \"bad\""), "{said}");
    assert!(said.contains("line 5: invalid email") && said.contains("first on line 2"), "{said}");
}

#[test]
fn endless_and_oversized_input_is_refused_fast_in_bounded_memory() {
    let db = TestDb::with_admin();
    let zeros = db.dir.path().join("zeros.csv");
    let file = std::fs::File::create(&zeros).unwrap();
    file.set_len(300 * 1024 * 1024).unwrap();
    let out = db.cmd().args(["user", "import", zeros.to_str().unwrap()]).output().unwrap();
    assert_eq!(out.status.code(), Some(5));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("longer than 4 KiB") && said.len() < 300, "{said}");
    let wide = format!("{}\n", (0..10_000).map(|i| format!("c{i}")).collect::<Vec<_>>().join(","));
    let (code, said) = import(&db, wide.as_bytes());
    assert_eq!(code, 5);
    assert!(said.contains("more than 200 columns") && said.len() < 300, "{said}");
}

#[test]
fn formulas_are_refused_in_and_neutralized_out() {
    let db = TestDb::sqlite_with_admin();
    for (header, cell) in [
        ("name", "=cmd|' /C calc'!A0"),
        ("name", "=HYPERLINK(\"http://x\")"),
        ("department", "@SUM(A1)"),
        ("surname", "-2+3"),
        ("name", "Ann\u{202E}evil"),
        ("name", "A\u{200B}na"),
    ] {
        let quoted = format!("\"{}\"", cell.replace('"', "\"\""));
        let cells: Vec<&str> = ["name", "surname", "department"]
            .iter()
            .zip(["Bo", "Chen", "Ops"])
            .map(|(column, fine)| if *column == header { quoted.as_str() } else { fine })
            .collect();
        let file = format!("email,name,surname,department\nbo@acme.test,{}\n", cells.join(","));
        let (code, said) = import(&db, file.as_bytes());
        assert_eq!(code, 5, "{cell}: {said}");
        assert!(said.contains(header), "{said}");
    }
    let (code, _) = import(&db, b"email,name,surname\n=1+1@acme.test,A,B\n");
    assert_eq!(code, 5);
    db.fails(5, &["user", "add", "x@acme.test", "--name", "=1+1", "--surname", "B"]);
    // A value from before the rule goes out neutralized and comes back as it was.
    db.add("old@acme.test", &["--phone", "+351 21 000 0000"]);
    db.sql().execute("UPDATE users SET department = '=SUM(A1)' WHERE email = 'old@acme.test'", []).unwrap();
    let export = db.ok(&["user", "export"]);
    assert!(export.contains("'=SUM(A1)") && export.contains("'+351 21 000 0000"), "{export}");
    assert!(!export.lines().any(|l| l.split(',').any(|c| c.starts_with('='))));
    let listed = db.ok(&["--format", "csv", "user", "list", "--all"]);
    assert!(!listed.lines().any(|l| l.split(',').any(|c| c.starts_with('='))), "{listed}");
    let path = db.dir.path().join("out.csv");
    std::fs::write(&path, &export).unwrap();
    let out = db.cmd().args(["--format", "json", "user", "import", path.to_str().unwrap()]).output().unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!((report["created"].as_u64(), report["updated"].as_u64()), (Some(0), Some(0)), "{report}");
    let dept: String =
        db.sql().query_row("SELECT department FROM users WHERE email = 'old@acme.test'", [], |r| r.get(0)).unwrap();
    assert_eq!(dept, "=SUM(A1)");
}
