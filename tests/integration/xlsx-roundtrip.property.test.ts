/**
 * Property-based round trip of the Excel codec: any valid question written by writeXlsx reads
 * back exactly through readXlsx, with the spreadsheet arbitrary of tests/helpers/question-arbitrary.ts.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ImportedQuestion } from '../../src/lib/domain/import/types';
import { readXlsx, writeXlsx } from '../../src/lib/server/questions/xlsx';
import { questionArb, TABLE } from '../helpers/question-arbitrary';

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
			fc.asyncProperty(fc.array(questionArb(TABLE), { minLength: 1, maxLength: 20 }), async (questions) => {
				expect(await readXlsx(await writeXlsx(questions))).toEqual({ ok: true, questions });
			}),
			{ numRuns: 25, examples: FOUND.map((questions) => [questions]) }
		);
	}, 30000);
});
