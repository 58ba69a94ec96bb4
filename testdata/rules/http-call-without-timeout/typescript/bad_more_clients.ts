import superagent from "superagent";
import ky from "ky";

export const profile = (id: string) => superagent.get(`/profiles/${id}`).set("Accept", "application/json"); // expect: http-call-without-timeout

export const report = () => ky.get("/reports", { timeout: false }); // expect: http-call-without-timeout
