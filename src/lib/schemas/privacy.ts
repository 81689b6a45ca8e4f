import { z } from 'zod';

// Forms of contestants' data rights (issue 14). Messages are catalogue keys.

export const deletionRequestSchema = z.object({
	confirm: z.literal('on', { message: 'error.confirm_required' }),
	note: z.string().trim().max(1000, 'error.invalid').default('')
});

export const declineSchema = z.object({
	requestId: z.string().min(1, 'error.invalid').max(64, 'error.invalid'),
	reason: z.string().trim().min(1, 'error.reason_required').max(1000, 'error.invalid')
});

export const carryOutSchema = z.object({
	requestId: z.string().min(1, 'error.invalid').max(64, 'error.invalid')
});

export const retentionSettingsSchema = z.object({
	retentionDays: z.coerce
		.number({ message: 'error.retention_days' })
		.int('error.retention_days')
		.min(1, 'error.retention_days')
		.max(3650, 'error.retention_days'),
	privacyContact: z
		.string()
		.trim()
		.max(300, 'error.invalid')
		.transform((v) => (v === '' ? null : v))
});

export const purgeSchema = z.object({
	confirm: z.literal('on', { message: 'error.confirm_required' })
});
