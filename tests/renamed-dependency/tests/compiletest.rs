//! Compile-fail cases in a crate where `::errwire` does not resolve.

#[test]
fn ui() {
    trybuild::TestCases::new().compile_fail("tests/ui/*.rs");
}
