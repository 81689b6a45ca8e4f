import { z } from 'zod';
import { toNfc, unsafeCharacter, type TextKind } from '../domain/text';

// The one definition of "free text a person typed" for every schema: names of banks, topics,
// units, contests, groups, rounds, games, full names (nameText) and long texts such as rules and
// question text (longText). Stored NFC; control characters and bidi overrides are refused with
// `error.text_unsafe_name` / `error.text_unsafe_long`, shown beside the field they came in.

export const UNSAFE_TEXT_MESSAGE: Record<TextKind, string> = {
	name: 'error.text_unsafe_name',
	long: 'error.text_unsafe_long'
};

export interface TextRules {
	/** in characters, after trimming; 0 allows an empty value */
	min?: number;
	max: number;
	/** catalogue key for a value that is too long (and too short, unless `shortMessage` is given) */
	message: string;
	/** catalogue key for a value shorter than `min` (empty included) */
	shortMessage?: string;
}

function freeText(kind: TextKind, rules: TextRules) {
	const min = rules.min ?? 0;
	return z
		.string()
		.transform((raw, ctx) => {
			const value = raw.trim();
			if (unsafeCharacter(value, kind) !== null) {
				ctx.addIssue({ code: 'custom', message: UNSAFE_TEXT_MESSAGE[kind] });
				return z.NEVER;
			}
			// a name is one line: runs of spaces (including no-break spaces) become one space
			return toNfc(kind === 'name' ? value.replace(/\s+/g, ' ') : value);
		})
		.superRefine((value, ctx) => {
			if (value.length < min) ctx.addIssue({ code: 'custom', message: rules.shortMessage ?? rules.message });
			else if (value.length > rules.max) ctx.addIssue({ code: 'custom', message: rules.message });
		});
}

/** A one-line name: trimmed, spaces collapsed, NFC; no control character or bidi override. */
export function nameText(rules: TextRules) {
	return freeText('name', rules);
}

/** A long text (rules, question text): trimmed, NFC, line breaks and tabs kept; no other control character or bidi override. */
export function longText(rules: TextRules) {
	return freeText('long', rules);
}

/** A code people type (unit codes): one word, NFC; no control character or bidi override. */
export function codeText(rules: TextRules) {
	return nameText(rules).refine((s) => !/\s/.test(s), rules.message);
}
