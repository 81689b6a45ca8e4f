import type { ContestRow } from '../db/schema';

/** The contest editor's text fields, from FormData or from a stored contest. */
export function contestFormValues(form: FormData) {
	const get = (k: string): string => String(form.get(k) ?? '');
	return {
		title: get('title'),
		slug: get('slug'),
		summary: get('summary'),
		rulesMarkdown: get('rulesMarkdown'),
		consentText: get('consentText'),
		groups: get('groups'),
		birthDate: get('birthDate') || 'required',
		email: get('email') || 'optional',
		rootUnitId: get('rootUnitId')
	};
}

export function storedContestValues(contest: ContestRow, groups: { name: string }[]) {
	const fields = JSON.parse(contest.registration_fields_json) as { birthDate?: string; email?: string };
	return {
		title: contest.title,
		slug: contest.slug,
		summary: contest.summary,
		rulesMarkdown: contest.rules_md,
		consentText: contest.consent_text,
		groups: groups.map((g) => g.name).join('\n'),
		birthDate: fields.birthDate ?? 'required',
		email: fields.email ?? 'optional',
		rootUnitId: contest.root_unit_id ?? ''
	};
}
