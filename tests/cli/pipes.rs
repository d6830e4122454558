//! `roster … | head`: a closed pipe ends every command quietly, exit 0, in
//! every format.

use std::io::Read;
use std::process::Stdio;

use super::util::TestDb;

#[test]
fn a_closed_pipe_ends_quietly_in_every_format() {
    let db = TestDb::with_admin();
    let mut csv = String::from("email,name,surname\n");
    for i in 0..3000 {
        csv.push_str(&format!("p{i}@acme.test,Person{i},Pipe\n"));
    }
    db.cmd().args(["-q", "user", "import", "-"]).write_stdin(csv).assert().success();
    for format in ["table", "csv", "json"] {
        for command in
            [&["user", "list", "--limit", "5000"][..], &["audit", "list", "--limit", "5000"], &["audit", "export"]]
        {
            let mut child = db
                .process()
                .args(["--format", format])
                .args(command)
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap();
            let mut first = [0u8; 16];
            child.stdout.take().unwrap().read_exact(&mut first).unwrap();
            // The read end is dropped here: the next write gets EPIPE.
            let out = child.wait_with_output().unwrap();
            let said = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(0), "{format} {command:?}: {said}");
            assert!(!said.contains("Broken pipe"), "{format} {command:?}: {said}");
        }
    }
}
