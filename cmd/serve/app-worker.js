// RNN Playground's service worker: go-app's default one (cache-first, one
// cache per version, old caches deleted on activation), with two fixes:
//  - the app's root is cached as the worker's scope ("/repo/"): go-app lists
//    "/repo", which GitHub Pages answers with a redirect, and a redirected
//    response cannot answer a navigation;
//  - a page asked with a query (a shared run: "/?cell=lstm&…") is answered
//    with the cached page when the network fails (offline) or refuses it
//    (a link too long for the server: 414, 431); the app reads the query
//    itself.
// go-app fills in the version and the list of resources to cache.
const cacheName = "app-" + "{{.Version}}";
const scope = new URL(self.registration.scope).pathname; // "/" or "/repo/"
const resourcesToCache = {{.ResourcesToCache}}.map((url) =>
  url + "/" === scope ? scope : url
);

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(cacheName);
      await cache.addAll(resourcesToCache);
      await self.skipWaiting();
    })()
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const keys = await caches.keys();
      await Promise.all(
        keys.filter((key) => key !== cacheName).map((key) => caches.delete(key))
      );
      await self.clients.claim();
    })()
  );
});

self.addEventListener("fetch", (event) => {
  if (event.request.method !== "GET") {
    return;
  }
  event.respondWith(fetchWithCache(event.request));
});

async function fetchWithCache(request) {
  const cached = await caches.match(request);
  if (cached) {
    return cached;
  }
  if (request.mode !== "navigate") {
    return await fetch(request);
  }
  let response;
  try {
    response = await fetch(request);
    if (response.ok) {
      return response;
    }
  } catch (err) {
    response = Response.error();
  }
  const page = await caches.match(request, { ignoreSearch: true });
  return page || response;
}
