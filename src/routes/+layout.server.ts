import { routeMessages } from '$lib/i18n/areas';
import type { LayoutServerLoad } from './$types';

// Reading route.id makes this load run again when the route changes, so a client-side
// navigation brings the next page's messages with its data.
export const load: LayoutServerLoad = ({ locals, route }) => ({
	locale: locals.locale,
	messages: routeMessages(locals.locale, route.id),
	user: locals.user ? { fullName: locals.user.fullName, role: locals.user.role } : null
});
