import { error, fail, redirect } from '@sveltejs/kit';
import { fieldErrors } from '$lib/schemas/auth';
import { questionFormInput, questionFormSchema } from '$lib/schemas/question';
import { kindFormValues } from '$lib/domain/question-kind-fields';
import { settingsFromJson } from '$lib/domain/question-kinds';
import { bankRefused, requireBank } from '$lib/server/contests/studio-guard';
import {
	findQuestion,
	listQuestionHistory,
	listTopics,
	saveQuestion,
	setQuestionStatus
} from '$lib/server/questions/question.service';
import { storeQuestionUploads } from '$lib/server/questions/question-media';
import { requireStaff } from '$lib/server/studio';
import type { OptionDef, QuestionType } from '$lib/domain/types';
import type { Actions, PageServerLoad } from './$types';

const NEW = 'moi';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { db } = locals.app;
	const { bank } = await requireBank(locals.app, locals.user, url, params.bankId);
	const topics = (await listTopics(db, bank.id)).map((t) => ({ id: t.id, name: t.name }));
	if (params.questionId === NEW) return { bank, topics, question: null, versions: [] };
	const question = await findQuestion(db, params.questionId);
	if (!question || question.bankId !== bank.id) error(404, 'not_found');
	return {
		bank,
		topics,
		question: {
			id: question.id,
			topicId: question.topicId,
			type: question.type as QuestionType,
			difficulty: question.difficulty as 'easy' | 'medium' | 'hard',
			status: question.status,
			version: question.version,
			text: question.text,
			options: (JSON.parse(question.options_json) as OptionDef[]).map((o) => ({
				text: o.text,
				correct: o.correct,
				image: o.image ?? null
			})),
			image: question.imageMediaId ? { media: question.imageMediaId, alt: question.imageAlt ?? '' } : null,
			audio: question.audioMediaId,
			explanation: question.explanation,
			legalReference: question.legalReference ?? '',
			tags: (JSON.parse(question.tags_json) as string[]).join(', '),
			...kindFormValues(settingsFromJson(question.settings_json))
		},
		versions: await listQuestionHistory(locals.app, question.id)
	};
};

export const actions: Actions = {
	save: async ({ locals, params, request, url }) => {
		const actor = requireStaff(locals.user, url);
		const form = await request.formData();
		const uploadErrors = await storeQuestionUploads(locals.app, form);
		const input = questionFormInput(form);
		const parsed = questionFormSchema.safeParse(input);
		if (!parsed.success || Object.keys(uploadErrors).length) {
			const errors = { ...(parsed.success ? {} : fieldErrors(parsed.error)), ...uploadErrors };
			return fail(400, { values: input, errors, duplicates: [] });
		}
		const questionId = params.questionId === NEW ? null : params.questionId;
		const result = await saveQuestion(locals.app, actor, params.bankId, questionId, parsed.data, {
			allowDuplicate: form.get('allowDuplicate') === 'on'
		});
		if (!result.ok && result.reason === 'duplicate') {
			return fail(409, {
				values: input,
				errors: { text: 'error.duplicate_question' } as Record<string, string>,
				duplicates: result.duplicates
			});
		}
		if (!result.ok && result.reason === 'blueprint_short') {
			return fail(409, {
				values: input,
				errors: { type: 'error.blueprint_short' } as Record<string, string>,
				duplicates: [],
				shortfall: result.shortfall
			});
		}
		if (!result.ok) bankRefused(result.reason);
		redirect(
			303,
			`/studio/ngan-hang/${params.bankId}/cau-hoi/${result.questionId}?luu=${result.changed ? 'moi' : 'khong-doi'}`
		);
	},
	retire: async ({ locals, params, url }) => {
		const actor = requireStaff(locals.user, url);
		const result = await setQuestionStatus(locals.app, actor, params.bankId, params.questionId, 'retired');
		if (!result.ok && result.reason === 'blueprint_short') return fail(409, { shortfall: result.shortfall });
		if (!result.ok) bankRefused(result.reason);
		return { statusChanged: 'retired' };
	},
	restore: async ({ locals, params, url }) => {
		const actor = requireStaff(locals.user, url);
		const result = await setQuestionStatus(locals.app, actor, params.bankId, params.questionId, 'active');
		if (!result.ok && result.reason !== 'blueprint_short') bankRefused(result.reason);
		return { statusChanged: 'active' };
	}
};
