import { z } from 'zod';
import { normalizePhone, toNfc } from '../domain/text';

// Messages are catalogue keys (src/lib/i18n), translated where the error is shown.

const phone = z
	.string()
	.trim()
	.min(1, 'error.phone_required')
	.transform((value, ctx) => {
		const normalized = normalizePhone(value);
		if (!normalized) {
			ctx.addIssue({ code: 'custom', message: 'error.phone_invalid' });
			return z.NEVER;
		}
		return normalized;
	});

const password = z.string().min(8, 'error.password_short').max(128, 'error.password_long');

export const loginSchema = z.object({
	phone,
	password: z.string().min(1, 'error.password_required')
});

export function registerSchema(today: string) {
	return z
		.object({
			fullName: z
				.string()
				.trim()
				.min(2, 'error.name_required')
				.max(100, 'error.name_long')
				.transform((s) => toNfc(s.replace(/\s+/g, ' '))),
			birthDate: z
				.string()
				.regex(/^\d{4}-\d{2}-\d{2}$/, 'error.birth_date_invalid')
				.refine((d) => !Number.isNaN(Date.parse(d)) && d >= '1900-01-01', 'error.birth_date_invalid')
				.refine((d) => d <= today, 'error.birth_date_future'),
			phone,
			email: z
				.string()
				.trim()
				.max(200, 'error.email_invalid')
				.transform((s) => s.toLowerCase())
				.pipe(z.union([z.literal(''), z.email('error.email_invalid')]))
				.transform((s) => (s === '' ? null : s)),
			unitId: z.string().min(1, 'error.unit_required'),
			groupId: z.string().min(1, 'error.group_required'),
			password,
			passwordConfirm: z.string(),
			consent: z.literal('on', { message: 'error.consent_required' })
		})
		.refine((v) => v.password === v.passwordConfirm, {
			message: 'error.password_mismatch',
			path: ['passwordConfirm']
		});
}

/** A signed-in person joining another contest: only what is per contest. */
export const joinSchema = z.object({
	unitId: z.string().min(1, 'error.unit_required'),
	groupId: z.string().min(1, 'error.group_required'),
	consent: z.literal('on', { message: 'error.consent_required' })
});

export const changePasswordSchema = z
	.object({
		currentPassword: z.string().min(1, 'error.password_required'),
		newPassword: password,
		newPasswordConfirm: z.string()
	})
	.refine((v) => v.newPassword === v.newPasswordConfirm, {
		message: 'error.password_mismatch',
		path: ['newPasswordConfirm']
	});

/** First error per field, as catalogue keys: the one shape every form shows. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
	const out: Record<string, string> = {};
	for (const issue of error.issues) {
		const field = String(issue.path[0] ?? 'form');
		if (!(field in out)) out[field] = issue.message.startsWith('error.') ? issue.message : 'error.invalid';
	}
	return out;
}
