import { z } from 'zod';
import {
	ORDERING_ITEMS,
	parseTypedNumber,
	POLL_OPTIONS,
	SHORT_TEXT_ANSWERS,
	TYPED_ANSWER_MAX,
	type QuestionSettings
} from '../domain/question-kinds';
import { toNfc } from '../domain/text';
import type { QuestionType } from '../domain/types';
import { longText, nameText } from './text';

const difficulty = z.enum(['easy', 'medium', 'hard']);
const type = z.enum(['single', 'multiple', 'true_false', 'ordering', 'numeric', 'short_text', 'poll', 'word_cloud']);

/** The kind's own fields as the editor posts them (each kind reads only its own). */
const kindFields = z.object({
	orderingScoring: z.enum(['all', 'pairs']).catch('all'),
	numericAnswer: z.string().max(40).catch(''),
	numericTolerance: z.string().max(40).catch(''),
	numericScoring: z.enum(['tolerance', 'distance']).catch('tolerance'),
	numericSpread: z.string().max(40).catch(''),
	numericMin: z.string().max(40).catch(''),
	numericMax: z.string().max(40).catch(''),
	numericStep: z.string().max(40).catch(''),
	numericUnit: nameText({ max: 20, message: 'error.numeric_unit_long' }),
	ignoreCase: z.boolean(),
	ignoreDiacritics: z.boolean()
});
type KindFields = z.infer<typeof kindFields>;

/** The bank page's filters, read from the query string; anything unknown is dropped. */
export const bankQuerySchema = z.object({
	q: z.string().max(200).catch(''),
	topic: z.string().max(64).optional().catch(undefined),
	difficulty: difficulty.optional().catch(undefined),
	type: type.optional().catch(undefined),
	tag: z.string().max(100).optional().catch(undefined),
	status: z.enum(['active', 'retired']).optional().catch(undefined),
	page: z.coerce.number().int().min(1).max(100_000).catch(1)
});

const text = (max: number, message: string) => longText({ max, message });

/** A picture already stored (its content hash) and the alt text the organizer wrote for it. */
const imageRef = z.object({
	media: z.string().regex(/^[0-9a-f]{64}$/),
	alt: text(300, 'error.image_alt_long')
});

/**
 * The question editor's form. Options arrive as option-0 … option-7 with correct-N checkboxes;
 * empty option rows are dropped before the checks.
 */
export const questionFormSchema = z
	.object({
		topicId: z.string().min(1, 'error.topic_required'),
		type,
		difficulty,
		text: text(2000, 'error.question_text_long').pipe(z.string().min(5, 'error.question_text_required')),
		options: z.array(
			z.object({ text: text(500, 'error.option_long'), correct: z.boolean(), image: imageRef.nullish() })
		),
		explanation: text(4000, 'error.explanation_long'),
		legalReference: text(300, 'error.legal_reference_long'),
		tags: nameText({ max: 300, message: 'error.tags_long' }),
		image: imageRef.nullish(),
		audio: z
			.string()
			.regex(/^[0-9a-f]{64}$/)
			.nullish(),
		...kindFields.shape
	})
	.transform((form) => ({
		...withoutKindFields(form),
		image: form.image ?? null,
		audio: form.audio ?? null,
		options: kindOptions(form.type, form.options),
		settings: kindSettings(form.type, form),
		legalReference: form.legalReference === '' ? null : form.legalReference,
		tags: [
			...new Set(
				form.tags
					.split(/[,;]/)
					.map((t) => toNfc(t.trim()))
					.filter(Boolean)
			)
		]
	}))
	.superRefine((v, ctx) => {
		if (v.type === 'numeric') checkNumeric(v.settings, ctx);
	})
	.superRefine((v, ctx) => {
		const correct = v.options.filter((o) => o.correct).length;
		const issue = (message: string): void => void ctx.addIssue({ code: 'custom', path: ['options'], message });
		// A picture without words leaves a reader of the screen, or a slow phone, with nothing.
		if (v.image && v.image.alt === '') {
			ctx.addIssue({ code: 'custom', path: ['imageAlt'], message: 'error.image_alt_required' });
		}
		if (v.type === 'numeric' || v.type === 'word_cloud') return;
		const distinct =
			new Set(v.options.map((o) => `${o.text.toLowerCase()}|${o.image?.media ?? ''}`)).size === v.options.length;
		if (v.options.some((o) => o.image && o.image.alt === '')) issue('error.option_image_alt_required');
		else if (v.type === 'ordering') {
			const n = v.options.length;
			if (n < ORDERING_ITEMS.min || n > ORDERING_ITEMS.max || !distinct) issue('error.ordering_items');
		} else if (v.type === 'short_text') {
			const n = v.options.length;
			if (n < SHORT_TEXT_ANSWERS.min || n > SHORT_TEXT_ANSWERS.max || !distinct) issue('error.short_text_answers');
			else if (v.options.some((o) => o.text.length > TYPED_ANSWER_MAX)) issue('error.short_text_answers');
		} else if (v.type === 'poll') {
			if (v.options.length < POLL_OPTIONS.min || v.options.length > POLL_OPTIONS.max) issue('error.poll_options');
			else if (!distinct) issue('error.options_same');
		} else if (v.options.length < 2) issue('error.options_too_few');
		else if (v.options.length > 8) issue('error.options_too_many');
		else if (
			new Set(v.options.map((o) => `${o.text.toLowerCase()}|${o.image?.media ?? ''}`)).size !== v.options.length
		) {
			issue('error.options_same');
		} else if (v.type === 'true_false' && v.options.length !== 2) issue('error.true_false_two');
		else if (v.type !== 'multiple' && correct !== 1) issue('error.one_correct');
		else if (v.type === 'multiple' && correct < 2) issue('error.many_correct');
	});

export type QuestionForm = z.infer<typeof questionFormSchema>;

type FormOption = { text: string; correct: boolean; image?: { media: string; alt: string } | null };

/**
 * The options a kind keeps: an option is its text, its picture, or both (one with neither is an
 * empty row). Ordering's items carry no flag (their order is the key); short_text's rows are the
 * accepted answers (all right, no pictures); numeric and word_cloud have none.
 */
function kindOptions(type: QuestionType, options: readonly FormOption[]) {
	if (type === 'numeric' || type === 'word_cloud') return [];
	return options
		.filter((o) => o.text !== '' || (o.image && type !== 'short_text'))
		.map((o) => {
			const correct = type === 'short_text' ? true : type === 'ordering' || type === 'poll' ? false : o.correct;
			return { text: o.text, correct, ...(o.image && type !== 'short_text' ? { image: o.image } : {}) };
		});
}

type NumericField =
	'numericAnswer' | 'numericTolerance' | 'numericSpread' | 'numericMin' | 'numericMax' | 'numericStep';

/** A number the organizer typed ("12,5", "1.000"); undefined when empty, NaN when unreadable (refused below). */
function typedNumber(raw: string): number | undefined {
	const text = raw.trim();
	if (text === '') return undefined;
	return parseTypedNumber(text) ?? Number.NaN;
}

/** The form's fields without the kind's own (which become `settings`). */
function withoutKindFields<T extends KindFields>(form: T): Omit<T, keyof KindFields> {
	const out: Record<string, unknown> = { ...form };
	for (const key of Object.keys(kindFields.shape)) delete out[key];
	return out as Omit<T, keyof KindFields>;
}

/** The settings the kind holds (null for choice kinds and polls). */
function kindSettings(t: QuestionType, kind: KindFields): QuestionSettings | null {
	switch (t) {
		case 'ordering':
			return { ordering: { scoring: kind.orderingScoring } };
		case 'short_text':
			return { text: { ignoreCase: kind.ignoreCase, ignoreDiacritics: kind.ignoreDiacritics } };
		case 'numeric': {
			const num = (f: NumericField) => typedNumber(kind[f]);
			const numeric: NonNullable<QuestionSettings['numeric']> = {
				answer: num('numericAnswer') ?? Number.NaN,
				tolerance: num('numericTolerance') ?? 0,
				scoring: kind.numericScoring
			};
			const spread = num('numericSpread');
			if (kind.numericScoring === 'distance' && spread !== undefined) numeric.spread = spread;
			const min = num('numericMin');
			const max = num('numericMax');
			const step = num('numericStep');
			if (min !== undefined) numeric.min = min;
			if (max !== undefined) numeric.max = max;
			if (step !== undefined) numeric.step = step;
			if (kind.numericUnit) numeric.unit = kind.numericUnit;
			return { numeric };
		}
		default:
			return null;
	}
}

/** The numeric kind's checks, each on the box it concerns (NaN: typed but not a number). */
function checkNumeric(settings: QuestionSettings | null, ctx: z.RefinementCtx): void {
	const n = settings?.numeric;
	if (!n) return;
	const at = (path: NumericField, message: string): void =>
		void ctx.addIssue({ code: 'custom', path: [path], message });
	const bad = (x: number | undefined): boolean => x !== undefined && !Number.isFinite(x);
	if (!Number.isFinite(n.answer)) at('numericAnswer', 'error.numeric_answer');
	if (bad(n.tolerance) || n.tolerance < 0) at('numericTolerance', 'error.numeric_tolerance');
	if (bad(n.min)) at('numericMin', 'error.numeric_min');
	if (bad(n.max)) at('numericMax', 'error.numeric_max');
	if (bad(n.step) || (n.step !== undefined && n.step <= 0)) at('numericStep', 'error.numeric_step');
	if (n.scoring === 'distance' && (bad(n.spread) || !n.spread || n.spread <= 0)) {
		at('numericSpread', 'error.numeric_spread');
	}
	if ([n.answer, n.min, n.max].some(bad)) return;
	const outside = (n.min !== undefined && n.answer < n.min) || (n.max !== undefined && n.answer > n.max);
	const crossed = n.min !== undefined && n.max !== undefined && n.min >= n.max;
	if (outside || crossed) at('numericMin', 'error.numeric_range');
}

/** A picture's fields as the form posts them: the stored file (kept, unless removed) and its alt text. */
function imageInput(form: FormData, media: string, alt: string, remove: string) {
	const id = String(form.get(media) ?? '');
	return id && form.get(remove) !== 'on' ? { media: id, alt: String(form.get(alt) ?? '') } : null;
}

/**
 * Reads the editor's FormData into the shape the schema checks. Pictures and sound arrive as
 * stored files' ids (imageMedia, option-image-media-N, audioMedia): the route stores any uploaded
 * file first and writes its id there.
 */
export function questionFormInput(form: FormData): Record<string, unknown> {
	const options = Array.from({ length: SHORT_TEXT_ANSWERS.max }, (_, i) => ({
		text: String(form.get(`option-${i}`) ?? ''),
		correct: form.get(`correct-${i}`) === 'on',
		image: imageInput(form, `option-image-media-${i}`, `option-image-alt-${i}`, `option-image-remove-${i}`)
	}));
	return {
		topicId: String(form.get('topicId') ?? ''),
		type: String(form.get('type') ?? ''),
		difficulty: String(form.get('difficulty') ?? ''),
		text: String(form.get('text') ?? ''),
		options,
		explanation: String(form.get('explanation') ?? ''),
		legalReference: String(form.get('legalReference') ?? ''),
		tags: String(form.get('tags') ?? ''),
		image: imageInput(form, 'imageMedia', 'imageAlt', 'removeImage'),
		audio: form.get('removeAudio') === 'on' ? null : String(form.get('audioMedia') ?? '') || null,
		orderingScoring: String(form.get('orderingScoring') ?? 'all'),
		numericAnswer: String(form.get('numericAnswer') ?? ''),
		numericTolerance: String(form.get('numericTolerance') ?? ''),
		numericScoring: String(form.get('numericScoring') ?? 'tolerance'),
		numericSpread: String(form.get('numericSpread') ?? ''),
		numericMin: String(form.get('numericMin') ?? ''),
		numericMax: String(form.get('numericMax') ?? ''),
		numericStep: String(form.get('numericStep') ?? ''),
		numericUnit: String(form.get('numericUnit') ?? ''),
		ignoreCase: form.get('ignoreCase') === 'on',
		ignoreDiacritics: form.get('ignoreDiacritics') === 'on'
	};
}
