import { z } from 'zod';
import { toNfc } from '../domain/text';
import { longText, nameText } from './text';

const difficulty = z.enum(['easy', 'medium', 'hard']);
const type = z.enum(['single', 'multiple', 'true_false']);

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
			.nullish()
	})
	.transform((v) => ({
		...v,
		image: v.image ?? null,
		audio: v.audio ?? null,
		// An option is its text, its picture, or both; one with neither is an empty row.
		options: v.options
			.filter((o) => o.text !== '' || o.image)
			.map((o) => ({ text: o.text, correct: o.correct, ...(o.image ? { image: o.image } : {}) })),
		legalReference: v.legalReference === '' ? null : v.legalReference,
		tags: [
			...new Set(
				v.tags
					.split(/[,;]/)
					.map((t) => toNfc(t.trim()))
					.filter(Boolean)
			)
		]
	}))
	.superRefine((v, ctx) => {
		const correct = v.options.filter((o) => o.correct).length;
		const issue = (message: string): void => void ctx.addIssue({ code: 'custom', path: ['options'], message });
		// A picture without words leaves a reader of the screen, or a slow phone, with nothing.
		if (v.image && v.image.alt === '') {
			ctx.addIssue({ code: 'custom', path: ['imageAlt'], message: 'error.image_alt_required' });
		}
		if (v.options.some((o) => o.image && o.image.alt === '')) issue('error.option_image_alt_required');
		else if (v.options.length < 2) issue('error.options_too_few');
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
	const options = Array.from({ length: 8 }, (_, i) => ({
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
		audio: form.get('removeAudio') === 'on' ? null : String(form.get('audioMedia') ?? '') || null
	};
}
