import { detectInAppBrowser } from '$lib/domain/in-app-browser';
import { routeMessages } from '$lib/i18n/areas';
import type { LayoutServerLoad } from './$types';

// Reading route.id makes this load run again when the route changes, so a client-side
// navigation brings the next page's messages with its data.
// The in-app browser (Zalo, Facebook…) is read from the request here, so the hint beside a
// download renders in the server's HTML, before (or without) any script.
export const load: LayoutServerLoad = ({ locals, route, request }) => ({
	locale: locals.locale,
	messages: routeMessages(locals.locale, route.id),
	user: locals.user ? { fullName: locals.user.fullName, role: locals.user.role } : null,
	inApp: detectInAppBrowser(request.headers.get('user-agent'))
});
