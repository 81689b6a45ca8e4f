import { z } from 'zod';
import { MAX_EXTRA_ATTEMPTS, MAX_EXTRA_TIME_PCT, REASON_MAX, REASON_MIN } from '../domain/accommodation';

// The studio's accommodation forms (issue 14). Messages are catalogue keys.

const reason = z
	.string()
	.trim()
	.min(REASON_MIN, 'error.accommodation_reason')
	.max(REASON_MAX, 'error.accommodation_reason');

const wholeNumber = (max: number, message: string) =>
	z
		.string()
		.trim()
		.regex(/^\d{0,4}$/, message)
		.transform((v) => (v === '' ? 0 : Number(v)))
		.pipe(z.number().int(message).min(0, message).max(max, message));

export const grantAccommodationSchema = z
	.object({
		userId: z.string().min(1).max(40),
		roundId: z.string().max(40).default(''),
		extraTimePct: wholeNumber(MAX_EXTRA_TIME_PCT, 'error.accommodation_time'),
		extraAttempts: wholeNumber(MAX_EXTRA_ATTEMPTS, 'error.accommodation_attempts'),
		reason
	})
	.refine((v) => v.extraTimePct > 0 || v.extraAttempts > 0, {
		message: 'error.accommodation_empty',
		path: ['extraTimePct']
	});
export type GrantAccommodationInput = z.infer<typeof grantAccommodationSchema>;

export const revokeAccommodationSchema = z.object({ id: z.string().min(1).max(40), reason });
