/**
 * An online round's answers for every kind that a round draws (issue 16): what a save may store,
 * and whether a stored answer is right. Every stored answer is a list of strings
 * (`attempt_item.answer_json`): the per-attempt option ids chosen (choice kinds), every option id
 * in the contestant's order (ordering), or the one typed string (numeric, short_text).
 *
 * A round counts right answers ("số câu đúng"), so grading here is right or wrong
 * (`isAnswerRight`); partial points by pairs or distance are for live games only.
 */
import {
	formatNumberVi,
	isAnswerRight,
	isTypedType,
	settingsFromJson,
	TYPED_ANSWER_MAX,
	type QuestionSettings
} from './question-kinds';
import type { OptionDef, QuestionType } from './types';

export type SavedAnswerCheck =
	{ ok: true; answer: string[] } | { ok: false; reason: 'invalid_answer' | 'order_invalid' | 'typed_answer_invalid' };

/** Control characters (C0, DEL, C1) and the line and paragraph separators: nothing a typed answer needs. */
const CONTROL = /[\p{Cc}\u2028\u2029]/u;

/**
 * A typed answer as stored: NFC, spaces at the ends trimmed; null when it is too long or holds
 * control characters.
 */
export function cleanTypedAnswer(text: string): string | null {
	const clean = text.normalize('NFC').trim();
	if (clean.length > TYPED_ANSWER_MAX || CONTROL.test(clean)) return null;
	return clean;
}

/**
 * Checks a save against the item as drawn (`optionIds`: the per-attempt ids in the order shown)
 * and returns the answer to store. An empty answer clears the item, whatever its kind.
 */
export function checkSavedAnswer(
	type: QuestionType,
	optionIds: readonly string[],
	given: readonly string[]
): SavedAnswerCheck {
	if (given.length === 0) return { ok: true, answer: [] };
	if (type === 'poll' || type === 'word_cloud') return { ok: false, reason: 'invalid_answer' };
	if (isTypedType(type)) {
		if (given.length !== 1) return { ok: false, reason: 'typed_answer_invalid' };
		const text = cleanTypedAnswer(given[0]);
		if (text === null) return { ok: false, reason: 'typed_answer_invalid' };
		return { ok: true, answer: text === '' ? [] : [text] };
	}
	if (type === 'ordering') {
		const seen = new Set(given);
		const valid = new Set(optionIds);
		const permutation =
			given.length === optionIds.length && seen.size === given.length && given.every((id) => valid.has(id));
		return permutation ? { ok: true, answer: [...given] } : { ok: false, reason: 'order_invalid' };
	}
	const valid = new Set(optionIds);
	const chosen = [...new Set(given)];
	if (!chosen.every((id) => valid.has(id))) return { ok: false, reason: 'invalid_answer' };
	if (type !== 'multiple' && chosen.length > 1) return { ok: false, reason: 'invalid_answer' };
	return { ok: true, answer: chosen };
}

/** An attempt item as stored, with its question version: enough to grade it. */
export interface StoredAttemptItem {
	type: string;
	options_json: string;
	settings_json: string | null;
	option_keys_json: string;
	option_ids_json: string;
	answer_json: string | null;
}

/**
 * The stored answer in the question's own terms: option keys for choice kinds and ordering (in the
 * contestant's order), the typed string as it is for typed kinds.
 */
export function storedAnswer(item: StoredAttemptItem): string[] {
	const given = item.answer_json ? (JSON.parse(item.answer_json) as string[]) : [];
	if (isTypedType(item.type as QuestionType)) return given;
	const keys = JSON.parse(item.option_keys_json) as string[];
	const keyById = new Map((JSON.parse(item.option_ids_json) as string[]).map((id, i) => [id, keys[i]]));
	return given.map((id) => keyById.get(id) ?? '');
}

/** Whether the stored answer is right, as a round counts it. */
export function isStoredAnswerRight(item: StoredAttemptItem): boolean {
	return isAnswerRight(
		{
			type: item.type as QuestionType,
			options: JSON.parse(item.options_json) as OptionDef[],
			settings: settingsFromJson(item.settings_json)
		},
		storedAnswer(item)
	);
}

/**
 * The key as a page writes it out once it may be shown: the right options' texts (choice kinds),
 * the items in the right order (ordering), the number with its tolerance and unit (numeric), the
 * accepted answers (short_text); nothing for the unscored kinds.
 */
export function keyLines(
	type: QuestionType,
	options: readonly OptionDef[],
	settings: QuestionSettings | null
): string[] {
	switch (type) {
		case 'ordering':
		case 'short_text':
			return options.map((o) => o.text);
		case 'numeric': {
			const n = settings?.numeric;
			if (!n) return [];
			const tolerance = n.tolerance ? ` ± ${formatNumberVi(Math.abs(n.tolerance))}` : '';
			return [`${formatNumberVi(n.answer)}${tolerance}${n.unit ? ` ${n.unit}` : ''}`];
		}
		case 'poll':
		case 'word_cloud':
			return [];
		default:
			return options.filter((o) => o.correct).map((o) => o.text);
	}
}

/** The stored answer as a page writes it out: options' texts (in the contestant's order), or what was typed. */
export function answerLines(item: StoredAttemptItem): string[] {
	const given = storedAnswer(item);
	if (isTypedType(item.type as QuestionType)) return given;
	const byKey = new Map((JSON.parse(item.options_json) as OptionDef[]).map((o) => [o.key, o.text]));
	return given.map((key) => byKey.get(key) ?? '');
}
