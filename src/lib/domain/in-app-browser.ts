// The browsers built into chat and social apps, where people open links pasted in a Zalo group or a
// Facebook post. Their web views often cannot save a file (a certificate PDF, a workbook, a
// calendar event): the tap does nothing, or shows the bytes as text. Known from their user agents,
// which each app extends with its own mark.

export type InAppBrowserApp = 'zalo' | 'messenger' | 'facebook' | 'instagram' | 'tiktok';
export type PhoneOs = 'android' | 'ios' | 'other';

export interface InAppBrowser {
	app: InAppBrowserApp;
	os: PhoneOs;
}

/** The apps' own names, shown as they are in every language. */
export const IN_APP_BROWSER_NAMES: Record<InAppBrowserApp, string> = {
	zalo: 'Zalo',
	messenger: 'Messenger',
	facebook: 'Facebook',
	instagram: 'Instagram',
	tiktok: 'TikTok'
};

// First match wins: Messenger's web view carries Facebook's marks (FBAN/FBAV) too, so it comes first.
const MARKS: [InAppBrowserApp, RegExp][] = [
	['zalo', /\bZalo\b/i],
	['messenger', /FBAN\/Messenger|FB_IAB\/Orca-Android|\bMessenger(Lite)?ForiOS\b/i],
	['facebook', /FBAN\/|FBAV\/|FB_IAB\/|FBIOS|FB4A/],
	['instagram', /\bInstagram\b/i],
	['tiktok', /musical_ly|\btrill_\d|BytedanceWebview|\bTikTok\b/i]
];

function phoneOs(userAgent: string): PhoneOs {
	if (/Android/i.test(userAgent)) return 'android';
	if (/iPhone|iPad|iPod/i.test(userAgent)) return 'ios';
	return 'other';
}

/** The in-app browser a user agent belongs to, or null for an ordinary browser (or none given). */
export function detectInAppBrowser(userAgent: string | null | undefined): InAppBrowser | null {
	if (!userAgent) return null;
	const found = MARKS.find(([, mark]) => mark.test(userAgent));
	return found ? { app: found[0], os: phoneOs(userAgent) } : null;
}

/**
 * A link that asks Android to open `pageUrl` in Chrome, out of the app's web view; if Chrome is
 * missing, Android opens `pageUrl` itself in whichever browser handles it.
 */
export function androidBrowserIntent(pageUrl: string): string {
	const url = new URL(pageUrl);
	const scheme = url.protocol.replace(':', '');
	const rest = `${url.host}${url.pathname}${url.search}`;
	return `intent://${rest}#Intent;scheme=${scheme};package=com.android.chrome;S.browser_fallback_url=${encodeURIComponent(url.href)};end`;
}
