// ok: the mock service worker a test tool generates for the browser's dev server
self.addEventListener("message", (event) => {
  self.clients.claim().catch(() => {});
  event.waitUntil(Promise.resolve());
});
