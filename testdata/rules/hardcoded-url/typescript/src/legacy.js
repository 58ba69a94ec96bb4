const client = redis.createClient({ url: "redis://cache.prod.example.net:6379" }); // expect: hardcoded-url

// ok: comments are not code: https://cache.prod.example.net
module.exports = { client };
