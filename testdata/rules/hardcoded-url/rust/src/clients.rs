const RATES_URL: &str = "https://rates.prod.example.net/v2"; // expect: hardcoded-url

fn cache() -> redis::RedisResult<redis::Client> {
    redis::Client::open("redis://cache.prod.example.net:6379") // expect: hardcoded-url
}

async fn db() -> Result<PgPool, sqlx::Error> {
    PgPool::connect(r"postgres://app@db.prod.example.net/shop").await // expect: hardcoded-url
}

fn broker() -> std::io::Result<std::net::TcpStream> {
    std::net::TcpStream::connect("10.0.3.7:5672") // expect: hardcoded-url
}
