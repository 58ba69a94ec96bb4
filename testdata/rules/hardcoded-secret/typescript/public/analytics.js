// ok: browser code: every value in it is public (a client-side analytics token).
window.analytics = { token: "Ab3dE6gH9jK2mN5pQ8rS", host: "/collect" };
