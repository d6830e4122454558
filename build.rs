// The migrations are embedded by a macro that cargo cannot see read them:
// a new or changed migration must rebuild the crate.
fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
