/** The studio's question form per kind (issue 16): what it keeps and what it refuses, and where. */
import { describe, expect, it } from 'vitest';
import { kindFormValues } from '../../src/lib/domain/question-kind-fields';
import { questionFormInput, questionFormSchema } from '../../src/lib/schemas/question';

function form(fields: Record<string, string>): FormData {
	const data = new FormData();
	data.set('topicId', 'topic-1');
	data.set('difficulty', 'medium');
	data.set('text', 'Một câu hỏi đủ dài?');
	for (const [name, value] of Object.entries(fields)) data.set(name, value);
	return data;
}

function parse(fields: Record<string, string>) {
	return questionFormSchema.safeParse(questionFormInput(form(fields)));
}

function errorsOf(fields: Record<string, string>): Record<string, string> {
	const parsed = parse(fields);
	if (parsed.success) return {};
	return Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message]));
}

describe('questionFormSchema per kind', () => {
	it('keeps an ordering question’s items in order, without flags, with its scoring', () => {
		const parsed = parse({
			type: 'ordering',
			'option-0': 'Nộp hồ sơ',
			'option-1': 'Tiếp nhận',
			'option-2': 'Trả kết quả',
			'correct-1': 'on',
			orderingScoring: 'pairs'
		});
		expect(parsed.success).toBe(true);
		if (!parsed.success) return;
		expect(parsed.data.options.map((o) => [o.text, o.correct])).toEqual([
			['Nộp hồ sơ', false],
			['Tiếp nhận', false],
			['Trả kết quả', false]
		]);
		expect(parsed.data.settings).toEqual({ ordering: { scoring: 'pairs' } });
		expect('orderingScoring' in parsed.data).toBe(false);
	});

	it('refuses an ordering of fewer than 3 or more than 6 items, on the options', () => {
		expect(errorsOf({ type: 'ordering', 'option-0': 'A', 'option-1': 'B' })).toEqual({
			options: 'error.ordering_items'
		});
		const seven = Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`option-${i}`, `Mục ${i}`]));
		expect(errorsOf({ type: 'ordering', ...seven })).toEqual({ options: 'error.ordering_items' });
	});

	it('reads a numeric answer as Vietnamese writes it, with bounds and unit', () => {
		const parsed = parse({
			type: 'numeric',
			'option-0': 'left over from another kind',
			numericAnswer: '1.234,5',
			numericTolerance: '0,5',
			numericScoring: 'distance',
			numericSpread: '100',
			numericMin: '0',
			numericMax: '5.000',
			numericStep: '0,5',
			numericUnit: 'km'
		});
		expect(parsed.success).toBe(true);
		if (!parsed.success) return;
		expect(parsed.data.options).toEqual([]);
		expect(parsed.data.settings).toEqual({
			numeric: {
				answer: 1234.5,
				tolerance: 0.5,
				scoring: 'distance',
				spread: 100,
				min: 0,
				max: 5000,
				step: 0.5,
				unit: 'km'
			}
		});
	});

	it('says which numeric box is wrong', () => {
		expect(errorsOf({ type: 'numeric', numericAnswer: 'mười' })).toEqual({ numericAnswer: 'error.numeric_answer' });
		expect(errorsOf({ type: 'numeric', numericAnswer: '5', numericTolerance: '-1' })).toEqual({
			numericTolerance: 'error.numeric_tolerance'
		});
		expect(errorsOf({ type: 'numeric', numericAnswer: '5', numericScoring: 'distance' })).toEqual({
			numericSpread: 'error.numeric_spread'
		});
		expect(errorsOf({ type: 'numeric', numericAnswer: '50', numericMin: '0', numericMax: '10' })).toEqual({
			numericMin: 'error.numeric_range'
		});
		expect(errorsOf({ type: 'numeric', numericAnswer: '5', numericStep: '0' })).toEqual({
			numericStep: 'error.numeric_step'
		});
		expect(errorsOf({ type: 'numeric', numericAnswer: '5', numericUnit: 'x'.repeat(21) })).toEqual({
			numericUnit: 'error.numeric_unit_long'
		});
	});

	it('keeps a short answer’s accepted answers (up to 10) and its matching', () => {
		const ten = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`option-${i}`, `Đáp án ${i}`]));
		const parsed = parse({ type: 'short_text', ...ten, ignoreDiacritics: 'on' });
		expect(parsed.success).toBe(true);
		if (!parsed.success) return;
		expect(parsed.data.options).toHaveLength(10);
		expect(parsed.data.options.every((o) => o.correct)).toBe(true);
		expect(parsed.data.settings).toEqual({ text: { ignoreCase: false, ignoreDiacritics: true } });
		expect(errorsOf({ type: 'short_text' })).toEqual({ options: 'error.short_text_answers' });
		expect(errorsOf({ type: 'short_text', 'option-0': 'x'.repeat(81) })).toEqual({
			options: 'error.short_text_answers'
		});
	});

	it('takes a poll of 2–8 options without a right one, and a word cloud without options', () => {
		const poll = parse({ type: 'poll', 'option-0': 'Có', 'option-1': 'Không' });
		expect(poll.success).toBe(true);
		if (poll.success) expect(poll.data.options.some((o) => o.correct)).toBe(false);
		expect(errorsOf({ type: 'poll', 'option-0': 'Có' })).toEqual({ options: 'error.poll_options' });
		const cloud = parse({ type: 'word_cloud', 'option-0': 'ignored' });
		expect(cloud.success).toBe(true);
		if (cloud.success) expect([cloud.data.options, cloud.data.settings]).toEqual([[], null]);
	});

	it('keeps choice kinds as before, with no settings', () => {
		const parsed = parse({ type: 'single', 'option-0': 'A', 'option-1': 'B', 'correct-0': 'on' });
		expect(parsed.success).toBe(true);
		if (parsed.success) expect(parsed.data.settings).toBeNull();
		expect(errorsOf({ type: 'single', 'option-0': 'A', 'option-1': 'B' })).toEqual({ options: 'error.one_correct' });
	});

	it('shows stored settings back in the editor’s boxes, as they were typed', () => {
		const values = kindFormValues({
			numeric: { answer: 1234.5, tolerance: 0.5, scoring: 'tolerance', min: 0, unit: 'km' }
		});
		expect([values.numericAnswer, values.numericTolerance, values.numericMin, values.numericMax]).toEqual([
			'1.234,5',
			'0,5',
			'0',
			''
		]);
		const again = parse({
			type: 'numeric',
			numericAnswer: values.numericAnswer,
			numericTolerance: values.numericTolerance
		});
		expect(again.success && again.data.settings?.numeric?.answer).toBe(1234.5);
	});
});
