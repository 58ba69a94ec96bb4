// ok: a config module
export default { server: { proxy: { "/api": "http://backend.internal:8080" } } };
