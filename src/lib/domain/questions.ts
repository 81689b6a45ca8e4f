import { foldVietnamese } from './text';
import type { ImageRef } from './media';
import type { Difficulty, OptionDef, QuestionType } from './types';
import { settingsToJson, type QuestionSettings } from './question-kinds';

type AuthoredOption = Pick<OptionDef, 'text' | 'correct' | 'image'>;

/** A question's authored content: what one version holds. */
export interface QuestionContent {
	text: string;
	options: readonly AuthoredOption[];
	explanation: string;
	legalReference: string | null;
	tags: readonly string[];
	/** the question's picture, if any */
	image?: ImageRef | null;
	/** the question's sound (a media id), if any */
	audio?: string | null;
	/** what the kind holds beyond its options (ordering's scoring, the number, text matching); null for choice kinds */
	settings?: QuestionSettings | null;
}

export interface QuestionDraft extends QuestionContent {
	topicId: string;
	type: QuestionType;
	difficulty: Difficulty;
}

/** Folded text searched by the studio: question, options, pictures' descriptions, explanation, reference, tags. */
export function questionSearchText(content: QuestionContent): string {
	return foldVietnamese(
		[
			content.text,
			content.image?.alt ?? '',
			...content.options.map((o) => `${o.text} ${o.image?.alt ?? ''}`),
			content.explanation,
			content.legalReference ?? '',
			...content.tags
		].join(' ')
	);
}

/** Tags stored as '|tag|other tag|' (folded), so "has tag X" is a plain LIKE '%|x|%'. */
export function tagsText(tags: readonly string[]): string {
	const folded = [...new Set(tags.map((t) => foldVietnamese(t)).filter(Boolean))];
	return folded.length ? `|${folded.join('|')}|` : '';
}

/** Options keyed A, B, C… in authored order. */
export function keyOptions(options: readonly AuthoredOption[]): OptionDef[] {
	return options.map((o, i) => ({
		key: String.fromCharCode(65 + i),
		text: o.text,
		correct: o.correct,
		...(o.image ? { image: { media: o.image.media, alt: o.image.alt } } : {})
	}));
}

const sameImage = (a: ImageRef | null | undefined, b: ImageRef | null | undefined): boolean =>
	(a?.media ?? '') === (b?.media ?? '') && (a?.alt ?? '') === (b?.alt ?? '');

/** True when two versions would show a contestant the same thing (then no new version is made). */
export function sameContent(a: QuestionContent, b: QuestionContent): boolean {
	return (
		a.text === b.text &&
		a.explanation === b.explanation &&
		(a.legalReference ?? '') === (b.legalReference ?? '') &&
		a.tags.join('\u0000') === b.tags.join('\u0000') &&
		sameImage(a.image, b.image) &&
		(a.audio ?? null) === (b.audio ?? null) &&
		settingsToJson(a.settings) === settingsToJson(b.settings) &&
		a.options.length === b.options.length &&
		a.options.every(
			(o, i) =>
				o.text === b.options[i].text && o.correct === b.options[i].correct && sameImage(o.image, b.options[i].image)
		)
	);
}

export function trigrams(text: string): Set<string> {
	const s = ` ${foldVietnamese(text).replace(/[^a-z0-9 ]/g, '')} `;
	const out = new Set<string>();
	for (let i = 0; i + 3 <= s.length; i++) out.add(s.slice(i, i + 3));
	return out;
}

/**
 * Similarity of two question texts in [0, 1]: the Dice coefficient of their character trigrams
 * after folding, so case, diacritics and punctuation do not hide a duplicate.
 */
export function textSimilarity(a: string, b: string): number {
	const x = trigrams(a);
	const y = trigrams(b);
	if (x.size === 0 || y.size === 0) return 0;
	let shared = 0;
	for (const t of x) if (y.has(t)) shared += 1;
	return (2 * shared) / (x.size + y.size);
}

/** From this similarity up, the studio warns that a question is likely a duplicate. */
export const DUPLICATE_THRESHOLD = 0.85;
