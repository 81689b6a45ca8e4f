// What the oldest supported browsers (Chrome/Android WebView 90, Safari 14; vite.config.ts
// BROWSER_TARGET) lack of the built-ins that our bundled libraries call. Syntax is lowered at build
// time; a missing function has to be supplied here, before the app starts (hooks.client.ts).
// tests/e2e/phone-reach.e2e.ts lists the built-ins the client code may not call without one.

/** `Object.hasOwn` (Chrome 93, Safari 15.4): devalue calls it when it reads a page's data. */
export function supplyObjectHasOwn(): void {
	if (typeof Object.hasOwn === 'function') return;
	Object.defineProperty(Object, 'hasOwn', {
		value: (object: object, key: PropertyKey): boolean => Object.prototype.hasOwnProperty.call(object, key),
		configurable: true,
		writable: true
	});
}
