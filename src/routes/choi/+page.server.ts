import { fail, redirect } from '@sveltejs/kit';
import { pinSchema } from '$lib/schemas/pin';
import { findGameByPinCode } from '$lib/server/live-games/game-pages.service';
import type { Actions, PageServerLoad } from './$types';

// "Tham gia trò chơi": a PIN typed here, or carried by the screen's QR code (/choi?pin=…),
// leads to the game's player page. Messages are catalogue keys.

type PinLookup = { ok: true; gameId: string } | { ok: false; pin: string; error: string };

async function lookUpPin(locals: App.Locals, raw: unknown): Promise<PinLookup> {
	const pin = typeof raw === 'string' ? raw.slice(0, 32) : '';
	const parsed = pinSchema.safeParse(pin);
	if (!parsed.success) return { ok: false, pin, error: parsed.error.issues[0]?.message ?? 'game_play.pin_invalid' };
	const game = await findGameByPinCode(locals.app, parsed.data);
	if (!game) return { ok: false, pin: parsed.data, error: 'game_play.pin_not_found' };
	return { ok: true, gameId: game.id };
}

export const load: PageServerLoad = async ({ locals, url }) => {
	const pin = url.searchParams.get('pin');
	if (pin === null) return { pin: '', error: null };
	const found = await lookUpPin(locals, pin);
	if (found.ok) redirect(303, `/choi/${found.gameId}`);
	return { pin: found.pin, error: found.error };
};

export const actions: Actions = {
	default: async ({ locals, request }) => {
		const form = await request.formData();
		const found = await lookUpPin(locals, form.get('pin'));
		if (found.ok) redirect(303, `/choi/${found.gameId}`);
		return fail(400, { pin: found.pin, error: found.error });
	}
};
