/**
 * Property-based round trip of the Excel codec: any valid question written by writeXlsx reads
 * back exactly through readXlsx. The arbitrary is the spreadsheet one of
 * tests/unit/import-roundtrip.property.test.ts (copied: a test file cannot import another's);
 * keep the two in step.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ImportedQuestion } from '../../src/lib/domain/import/types';
import { cleanText } from '../../src/lib/domain/import/validate';
import { readXlsx, writeXlsx } from '../../src/lib/server/questions/xlsx';

/** Cells hold any string: CRLF and CR too, in every field, the topic included. */
const BREAKS = ['\n', '\r\n', '\r'];

const LETTERS = ['a', 'ă', 'â', 'đ', 'ê', 'ô', 'ơ', 'ư', 'Đ', 'Ư', 'ế', 'ộ', 'ữ', 'Q', 'x', 'T', '1', '0'];
/** Decomposed (NFD) spellings: the arbitrary stores them NFC, as cleanText does. */
const DECOMPOSED = ['e\u0301', 'o\u0302\u0303', 'u\u031b\u0300'];
const MARKS = [' ', '  ', '\t', '"', "'", ',', ';', ':', '.', '?', '{', '}', '=', '~', '#', '\\', '/', '%', '-'];
const MORE_MARKS = ['>', '[', ']', '$', '_', '*', '&', '<'];
/** Pieces the formats give a meaning to, so that the property meets them often ('_x0041_': OOXML's escape). */
const TRAPS = ['//', '->', '%50%', '%-100%', '[html]', '[Plain]', '::', '####', '\\n', '_x0041_', '_x000D_', 'TRUE'];

const BASE_UNITS = [...LETTERS, ...DECOMPOSED, ...MARKS, ...MORE_MARKS, ...TRAPS];

/** NFC, trimmed, non-empty text of at most `max` units. */
function textArb(max = 24): fc.Arbitrary<string> {
	const unit = fc.oneof(
		{ weight: 8, arbitrary: fc.constantFrom(...BASE_UNITS) },
		{ weight: 1, arbitrary: fc.constantFrom(...BREAKS, ' ') }
	);
	return fc
		.string({ unit, minLength: 1, maxLength: max })
		.map(cleanText)
		.filter((s) => s !== '');
}

/** '' or a text. */
function optionalArb(): fc.Arbitrary<string> {
	return fc.oneof({ weight: 1, arbitrary: fc.constant('') }, { weight: 3, arbitrary: textArb() });
}

/** Two options the validator calls duplicates share this key. */
function optionKey(text: string): string {
	return text.toLowerCase().replace(/\s+/g, ' ');
}

/** A question every importer of the spreadsheet layout accepts as is. */
function questionArb(): fc.Arbitrary<ImportedQuestion> {
	const tag = textArb(10)
		.map((t) => cleanText(t.replace(/[,;]/g, ' ')))
		.filter((t) => t !== '');
	const common = {
		topic: optionalArb(),
		text: textArb(40),
		difficulty: fc.constantFrom('easy' as const, 'medium' as const, 'hard' as const),
		explanation: optionalArb(),
		legalReference: optionalArb(),
		// splitTags drops repeated tags, so a valid list has none.
		tags: fc.uniqueArray(tag, { maxLength: 3 })
	};
	const texts = fc.uniqueArray(textArb(), { minLength: 2, maxLength: 8, selector: optionKey });
	const single = fc.record({
		...common,
		type: fc.constant('single' as const),
		options: texts.chain((ts) =>
			fc.nat({ max: ts.length - 1 }).map((right) => ts.map((text, i) => ({ text, correct: i === right })))
		)
	});
	const multiple = fc.record({
		...common,
		type: fc.constant('multiple' as const),
		options: texts.chain((ts) =>
			fc
				.shuffledSubarray([...ts.keys()], { minLength: 2 })
				.map((right) => ts.map((text, i) => ({ text, correct: right.includes(i) })))
		)
	});
	const trueFalse = fc.record({
		...common,
		type: fc.constant('true_false' as const),
		options: fc.boolean().map((truth) => [
			{ text: 'Đúng', correct: truth },
			{ text: 'Sai', correct: !truth }
		])
	});
	return fc.oneof(single, multiple, trueFalse);
}

/** A single-choice question whose text is `text`. */
function withText(text: string): ImportedQuestion {
	return {
		topic: '',
		type: 'single',
		text,
		options: [
			{ text: 'a', correct: true },
			{ text: 'b', correct: false }
		],
		difficulty: 'medium',
		explanation: '',
		legalReference: '',
		tags: []
	};
}

describe('writeXlsx / readXlsx (property)', () => {
	/** Counterexamples the property found once; checked on every run. */
	const FOUND: ImportedQuestion[][] = [
		// A CR came back as LF (XML end-of-line handling); a literal '_x0041_' came back as 'A'.
		[withText('a\rb')],
		[withText('a\r\nb')],
		[withText('_x0041_')],
		[withText('_x000D_')]
	];

	it('reads back every valid question exactly', async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(questionArb(), { minLength: 1, maxLength: 20 }), async (questions) => {
				expect(await readXlsx(await writeXlsx(questions))).toEqual({ ok: true, questions });
			}),
			{ numRuns: 25, examples: FOUND.map((questions) => [questions]) }
		);
	}, 30000);
});
