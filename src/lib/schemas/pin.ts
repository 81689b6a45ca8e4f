import { z } from 'zod';

/** A live game's PIN as typed ("123 456" is fine) or carried by the screen's QR code. Messages are catalogue keys. */
export const pinSchema = z
	.string()
	.transform((s) => s.replace(/\s+/g, ''))
	.pipe(
		z
			.string()
			.min(1, 'game_play.pin_required')
			.regex(/^\d{6}$/, 'game_play.pin_invalid')
	);
