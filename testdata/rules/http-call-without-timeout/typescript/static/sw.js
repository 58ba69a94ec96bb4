// ok: browser code (a file served as a static asset): the user bounds the wait.
self.addEventListener("fetch", (event) => {
  event.respondWith(fetch(event.request));
});

export async function loadProfile() {
  const response = await fetch("/api/profile");
  return response.json();
}
