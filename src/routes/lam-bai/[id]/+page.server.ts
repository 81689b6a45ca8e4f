import { error, redirect } from '@sveltejs/kit';
import { getAttemptView } from '$lib/server/attempts/attempt.service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url, setHeaders }) => {
	if (!locals.user) redirect(303, `/dang-nhap?next=${encodeURIComponent(url.pathname)}`);
	const view = await getAttemptView(locals.app, params.id, locals.user.id);
	if (!view) error(404, 'not_found');
	if (view.status === 'finished') redirect(303, `/ket-qua/${view.id}`);
	setHeaders({ 'cache-control': 'no-store' });
	return { attempt: view };
};
