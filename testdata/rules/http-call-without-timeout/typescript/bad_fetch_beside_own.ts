// A module whose own function is called `fetchAll`, not `fetch`: the global is still the global.
export async function fetchAll(url: string) {
  const response = await fetch(url); // expect: http-call-without-timeout
  return response.json();
}
