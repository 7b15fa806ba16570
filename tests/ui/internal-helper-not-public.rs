// What only generated code calls is not part of errwire's API.
fn main() {
    let _ = errwire::display_header_value(&7);
}
