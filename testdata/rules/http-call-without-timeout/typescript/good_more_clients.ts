import superagent from "superagent";
import ky from "ky";

// ok: superagent with a chained timeout
export const profile = (id: string) => superagent.get(`/profiles/${id}`).timeout({ response: 5_000 });

// ok: ky times out after 10 s by default
export const report = () => ky.get("/reports");
