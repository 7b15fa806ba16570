#[derive(Debug)]
struct Region;

#[derive(Debug, errwire::ApiError)]
enum E {
    #[api(status = 503)]
    Down {
        #[api(header = "X-Region")]
        region: Region,
    },
}

fn main() {}
