// One mistake in the template is one error: the envelope still exists for the derive.
errwire::envelope! {
    pub struct Body {
        "message": mesage,
    }
}

#[derive(Debug, errwire::ApiError)]
#[api(envelope = Body, status = 404)]
struct NotFound;

fn main() {
    let _ = errwire::ApiError::to_response(&NotFound);
}
