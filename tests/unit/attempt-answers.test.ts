import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	answerLines,
	checkSavedAnswer,
	isStoredAnswerRight,
	keyLines,
	type StoredAttemptItem
} from '../../src/lib/domain/attempt-answers';
import { arrangeOptions } from '../../src/lib/domain/draw';
import { createRng } from '../../src/lib/domain/random';

const IDS = ['id-a', 'id-b', 'id-c', 'id-d'];

describe('checkSavedAnswer', () => {
	it('takes any permutation of an ordering item and refuses anything else as order_invalid', () => {
		fc.assert(
			fc.property(fc.shuffledSubarray(IDS, { minLength: 4 }), (order) => {
				expect(checkSavedAnswer('ordering', IDS, order)).toEqual({ ok: true, answer: order });
			})
		);
		expect(checkSavedAnswer('ordering', IDS, ['id-a', 'id-b', 'id-c'])).toEqual({ ok: false, reason: 'order_invalid' });
		expect(checkSavedAnswer('ordering', IDS, ['id-a', 'id-a', 'id-c', 'id-d'])).toEqual({
			ok: false,
			reason: 'order_invalid'
		});
		expect(checkSavedAnswer('ordering', IDS, ['id-a', 'id-b', 'id-c', 'id-x'])).toEqual({
			ok: false,
			reason: 'order_invalid'
		});
	});

	it('stores a typed answer NFC and trimmed, and refuses one too long or with control characters', () => {
		expect(checkSavedAnswer('short_text', [], ['  Ha\u0300 Nô\u0323i '])).toEqual({ ok: true, answer: ['Hà Nội'] });
		expect(checkSavedAnswer('numeric', [], ['12,5'])).toEqual({ ok: true, answer: ['12,5'] });
		expect(checkSavedAnswer('short_text', [], ['x'.repeat(80)]).ok).toBe(true);
		expect(checkSavedAnswer('short_text', [], ['x'.repeat(81)])).toEqual({ ok: false, reason: 'typed_answer_invalid' });
		expect(checkSavedAnswer('short_text', [], ['Hà\u0000Nội'])).toEqual({ ok: false, reason: 'typed_answer_invalid' });
		expect(checkSavedAnswer('numeric', [], ['1\n2'])).toEqual({ ok: false, reason: 'typed_answer_invalid' });
		expect(checkSavedAnswer('numeric', [], ['1', '2'])).toEqual({ ok: false, reason: 'typed_answer_invalid' });
		// a blank clears the answer
		expect(checkSavedAnswer('short_text', [], ['   '])).toEqual({ ok: true, answer: [] });
	});

	it('keeps the choice kinds as before', () => {
		expect(checkSavedAnswer('single', IDS, ['id-b'])).toEqual({ ok: true, answer: ['id-b'] });
		expect(checkSavedAnswer('single', IDS, ['id-b', 'id-c'])).toEqual({ ok: false, reason: 'invalid_answer' });
		expect(checkSavedAnswer('multiple', IDS, ['id-b', 'id-c', 'id-b'])).toEqual({ ok: true, answer: ['id-b', 'id-c'] });
		expect(checkSavedAnswer('multiple', IDS, ['nope'])).toEqual({ ok: false, reason: 'invalid_answer' });
		expect(checkSavedAnswer('poll', IDS, ['id-a'])).toEqual({ ok: false, reason: 'invalid_answer' });
	});
});

function item(partial: Partial<StoredAttemptItem> & Pick<StoredAttemptItem, 'type'>): StoredAttemptItem {
	return {
		options_json: '[]',
		settings_json: null,
		option_keys_json: '[]',
		option_ids_json: '[]',
		answer_json: null,
		...partial
	};
}

describe('isStoredAnswerRight', () => {
	const ordering = (answer: string[]) =>
		item({
			type: 'ordering',
			options_json: JSON.stringify(['A', 'B', 'C'].map((key) => ({ key, text: `Bước ${key}`, correct: false }))),
			settings_json: JSON.stringify({ ordering: { scoring: 'pairs' } }),
			// shown C, A, B with ids x, y, z
			option_keys_json: JSON.stringify(['C', 'A', 'B']),
			option_ids_json: JSON.stringify(['x', 'y', 'z']),
			answer_json: JSON.stringify(answer)
		});

	it('maps an ordering answer from the attempt ids back to keys, right only in the whole order', () => {
		expect(isStoredAnswerRight(ordering(['y', 'z', 'x']))).toBe(true);
		expect(isStoredAnswerRight(ordering(['y', 'x', 'z']))).toBe(false);
		expect(isStoredAnswerRight(ordering([]))).toBe(false);
		expect(answerLines(ordering(['y', 'z', 'x']))).toEqual(['Bước A', 'Bước B', 'Bước C']);
	});

	it('grades typed answers from the stored text', () => {
		const numeric = item({
			type: 'numeric',
			settings_json: JSON.stringify({ numeric: { answer: 63, tolerance: 0, scoring: 'tolerance' } }),
			answer_json: JSON.stringify(['63'])
		});
		expect(isStoredAnswerRight(numeric)).toBe(true);
		expect(isStoredAnswerRight({ ...numeric, answer_json: '["62"]' })).toBe(false);
		const text = item({
			type: 'short_text',
			options_json: JSON.stringify([{ key: 'A', text: 'Quốc hội', correct: true }]),
			settings_json: JSON.stringify({ text: { ignoreCase: true, ignoreDiacritics: true } }),
			option_keys_json: '["A"]',
			option_ids_json: '["q"]',
			answer_json: JSON.stringify(['quoc hoi'])
		});
		expect(isStoredAnswerRight(text)).toBe(true);
		// an option id is not an answer to a typed question
		expect(isStoredAnswerRight({ ...text, answer_json: '["q"]' })).toBe(false);
	});
});

describe('keyLines', () => {
	it('writes each kind’s key out', () => {
		const options = [
			{ key: 'A', text: 'Một', correct: true },
			{ key: 'B', text: 'Hai', correct: false }
		];
		expect(keyLines('single', options, null)).toEqual(['Một']);
		expect(keyLines('ordering', options, null)).toEqual(['Một', 'Hai']);
		expect(keyLines('short_text', options, null)).toEqual(['Một', 'Hai']);
		expect(
			keyLines('numeric', [], { numeric: { answer: 1234.5, tolerance: 0.5, scoring: 'tolerance', unit: 'km' } })
		).toEqual(['1.234,5 ± 0,5 km']);
		expect(keyLines('poll', options, null)).toEqual([]);
	});
});

describe('arrangeOptions for an ordering', () => {
	it('never shows the items in the right order, and shows each item once', () => {
		fc.assert(
			fc.property(fc.string({ minLength: 1, maxLength: 12 }), fc.integer({ min: 2, max: 6 }), (seed, n) => {
				const keys = 'ABCDEF'.slice(0, n).split('');
				const [item] = arrangeOptions(createRng(seed), [
					{ questionId: 'q', versionId: 'v', optionKeys: keys, avoidAuthoredOrder: true }
				]);
				expect(item.optionKeys).not.toEqual(keys);
				expect([...item.optionKeys].sort()).toEqual(keys);
			})
		);
	});
});
