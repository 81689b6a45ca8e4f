/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
import { build, version } from '$service-worker';

// The app shell on the phone: so a second visit on a slow network starts from the phone, not the
// network. It keeps the built JavaScript and CSS (their names carry a hash of their content, so a
// cached copy is never stale) and the fonts, nothing else:
// - never a page (HTML) nor its data (__data.json): they hold names, phones, answers; a
//   navigation goes to the network exactly as without this worker;
// - never /api/*: the attempt page's answer saves, their queue and retries see the network as
//   they always did (the worker does not even answer those requests);
// - not /media/*: a question's pictures are public and named by their hash, but they are the
//   contest's content, not the shell; the server already lets the browser's own cache keep them a
//   year (cache-control immutable), without filling the phone's storage ahead of need.
// One cache per deployed version; activating a new version deletes the older ones.

const sw = self as unknown as ServiceWorkerGlobalScope;
const PREFIX = 'cuocthi-shell-';
const CACHE = `${PREFIX}${version}`;

/** The built files (JavaScript, CSS, the fonts it imports): the only requests answered here. */
const SHELL_FILES = new Set(build);
/**
 * Fetched at install: what every page needs to start (the client entry, the root layout's code
 * and style, the fonts). Each other page's code is cached the first time it is loaded.
 */
const PRECACHE = build.filter(
	(f) => /\/_app\/immutable\/(entry\/|nodes\/0\.|assets\/0\.[^/]*\.css$)/.test(f) || f.endsWith('.woff2')
);

sw.addEventListener('install', (event) => {
	event.waitUntil(
		caches
			.open(CACHE)
			.then((cache) => cache.addAll(PRECACHE))
			.then(() => sw.skipWaiting())
	);
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		caches
			.keys()
			.then((keys) => Promise.all(keys.filter((k) => k.startsWith(PREFIX) && k !== CACHE).map((k) => caches.delete(k))))
			.then(() => sw.clients.claim())
	);
});

/** Cache first: the file's name changes with its content, so a hit is always right. */
async function fromShell(request: Request): Promise<Response> {
	const cache = await caches.open(CACHE);
	const hit = await cache.match(request);
	if (hit) return hit;
	const response = await fetch(request);
	if (response.ok && response.type === 'basic') await cache.put(request, response.clone());
	return response;
}

sw.addEventListener('fetch', (event) => {
	const { request } = event;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	// Anything else (pages, data, /api, /media, sockets, other sites): not answered here at all.
	if (url.origin !== sw.location.origin || !SHELL_FILES.has(url.pathname)) return;
	event.respondWith(fromShell(request));
});
