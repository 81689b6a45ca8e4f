import { fail, redirect } from '@sveltejs/kit';
import { pinSchema } from '$lib/schemas/pin';
import { clientIp } from '$lib/server/http';
import { openGameByPin } from '$lib/server/live-games/pin.service';
import type { Actions, PageServerLoad } from './$types';

// "Tham gia trò chơi": a PIN typed here, or carried by the screen's QR code (/choi?pin=…),
// leads to the game's player page. Messages are catalogue keys.

type PinLookup =
	| { ok: true; gameId: string }
	| { ok: false; pin: string; error: string; params?: Record<string, number>; status: number };

async function lookUpPin(locals: App.Locals, address: string, raw: unknown): Promise<PinLookup> {
	const pin = typeof raw === 'string' ? raw.slice(0, 32) : '';
	const parsed = pinSchema.safeParse(pin);
	if (!parsed.success) {
		return { ok: false, pin, error: parsed.error.issues[0]?.message ?? 'game_play.pin_invalid', status: 400 };
	}
	const found = await openGameByPin(locals.app, locals.app.limits.pin, address, parsed.data);
	if (found.ok) return found;
	if (found.reason === 'too_many_attempts') {
		return {
			ok: false,
			pin: parsed.data,
			error: 'error.too_many_attempts',
			params: { seconds: found.retryAfterSeconds },
			status: 429
		};
	}
	return { ok: false, pin: parsed.data, error: 'game_play.pin_not_found', status: 400 };
}

export const load: PageServerLoad = async ({ locals, url, getClientAddress }) => {
	const pin = url.searchParams.get('pin');
	if (pin === null) return { pin: '', error: null, params: {} };
	const found = await lookUpPin(locals, clientIp(getClientAddress), pin);
	if (found.ok) redirect(303, `/choi/${found.gameId}`);
	return { pin: found.pin, error: found.error, params: found.params ?? {} };
};

export const actions: Actions = {
	default: async ({ locals, request, getClientAddress }) => {
		const form = await request.formData();
		const found = await lookUpPin(locals, clientIp(getClientAddress), form.get('pin'));
		if (found.ok) redirect(303, `/choi/${found.gameId}`);
		return fail(found.status, { pin: found.pin, error: found.error, params: found.params ?? {} });
	}
};
