import { z } from 'zod';
import { normalizePhone } from '../domain/text';
import { nameText } from './text';

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

export type FieldRule = 'required' | 'optional' | 'off';
export interface RegistrationFields {
	birthDate: FieldRule;
	email: FieldRule;
}

/** A field the contest may ask: absent when off, empty allowed when optional. */
function asked(rule: FieldRule, schema: z.ZodType<string, string>, requiredMessage: string) {
	return z
		.string()
		.optional()
		.transform((s) => (rule === 'off' ? '' : (s ?? '').trim()))
		.superRefine((s, ctx) => {
			if (rule === 'required' && s === '') ctx.addIssue({ code: 'custom', message: requiredMessage });
		})
		.pipe(z.union([z.literal(''), schema]))
		.transform((s): string | null => (s === '' ? null : s));
}

export function registerSchema(
	today: string,
	fields: RegistrationFields = { birthDate: 'required', email: 'optional' }
) {
	return z
		.object({
			fullName: nameText({ min: 2, max: 100, message: 'error.name_long', shortMessage: 'error.name_required' }),
			birthDate: asked(
				fields.birthDate,
				z
					.string()
					.regex(/^\d{4}-\d{2}-\d{2}$/, 'error.birth_date_invalid')
					.refine((d) => !Number.isNaN(Date.parse(d)) && d >= '1900-01-01', 'error.birth_date_invalid')
					.refine((d) => d <= today, 'error.birth_date_future'),
				'error.birth_date_required'
			),
			phone,
			email: asked(
				fields.email,
				z.string().max(200, 'error.email_invalid').toLowerCase().pipe(z.email('error.email_invalid')),
				'error.email_required'
			),
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

/** An admin created on the command line (`npm run admin -- create`). */
export const adminSchema = z.object({
	phone,
	fullName: nameText({ min: 2, max: 100, message: 'error.name_long', shortMessage: 'error.name_required' }),
	password
});

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
