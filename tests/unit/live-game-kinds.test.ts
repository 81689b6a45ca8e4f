/**
 * The kinds beyond options in live games (src/lib/domain/live-game-kinds.ts): what an answer may
 * hold per kind, the share it earns and the points that gives, the order the items are shown in,
 * and what the screen shows of the answers (the word cloud, the most typed answers, the numbers).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_SPEED_POINTS, type ScoringRule } from '../../src/lib/domain/live-game';
import {
	answerKey,
	CLOUD_WORDS,
	histogram,
	judgeAnswer,
	kindStats,
	readStoredAnswer,
	scoreShare,
	shuffleAway,
	storedAnswer,
	wordCloud,
	type JudgedAnswer,
	type KindQuestion
} from '../../src/lib/domain/live-game-kinds';
import { TYPED_ANSWER_MAX } from '../../src/lib/domain/question-kinds';

const SPEED: ScoringRule = { preset: 'speed', streakBonus: true };
const ACCURACY: ScoringRule = { preset: 'accuracy', streakBonus: false };

/** Items shown C, A, D, B: the right order A B C D is shown indexes 1, 3, 0, 2. */
const ordering = (scoring: 'all' | 'pairs' = 'all'): KindQuestion => ({
	type: 'ordering',
	options: ['C', 'A', 'D', 'B'],
	correct: [],
	order: [1, 3, 0, 2],
	settings: { ordering: { scoring } }
});
const numeric: KindQuestion = {
	type: 'numeric',
	options: [],
	correct: [],
	settings: { numeric: { answer: 63, tolerance: 2, scoring: 'distance', spread: 10, unit: 'tỉnh' } }
};
const shortText: KindQuestion = {
	type: 'short_text',
	options: [],
	correct: [],
	accepted: ['Hà Nội', 'Thủ đô Hà Nội'],
	settings: { text: { ignoreCase: true, ignoreDiacritics: true } }
};
const cloud: KindQuestion = { type: 'word_cloud', options: [], correct: [] };
const poll: KindQuestion = { type: 'poll', options: ['Sáng', 'Chiều', 'Tối'], correct: [] };

function judged(q: KindQuestion, input: { choice?: readonly number[]; text?: string }): JudgedAnswer {
	const r = judgeAnswer(q, input);
	if (!r.ok) throw new Error(`refused: ${r.reason}`);
	return r.answer;
}

describe('answers per kind', () => {
	it('takes an ordering only as every shown item once, and grades it all-or-nothing or by pairs', () => {
		expect(judged(ordering(), { choice: [1, 3, 0, 2] }).share).toBe(1);
		expect(judged(ordering(), { choice: [1, 3, 2, 0] }).share).toBe(0);
		// A B D C keeps A→B only: one pair of three
		expect(judged(ordering('pairs'), { choice: [1, 3, 2, 0] }).share).toBeCloseTo(1 / 3);
		for (const choice of [
			[1, 3, 0],
			[1, 3, 0, 0],
			[1, 3, 0, 4],
			[0, 1, 2, 3, 3]
		]) {
			expect(judgeAnswer(ordering(), { choice })).toEqual({ ok: false, reason: 'invalid_order' });
		}
		expect(judgeAnswer(ordering(), { text: 'A B C D' })).toEqual({ ok: false, reason: 'invalid_order' });
	});

	it('keeps an ordering share within [0, 1] whatever the permutation (property)', () => {
		fc.assert(
			fc.property(
				fc
					.integer({ min: 2, max: 6 })
					.chain((n) => fc.tuple(fc.shuffledSubarray([...Array(n).keys()], { minLength: n }), fc.constant(n))),
				fc.constantFrom<'all' | 'pairs'>('all', 'pairs'),
				([perm, n], scoring) => {
					const q: KindQuestion = {
						type: 'ordering',
						options: Array.from({ length: n }, (_, i) => `item ${i}`),
						correct: [],
						order: [...Array(n).keys()],
						settings: { ordering: { scoring } }
					};
					const share = judged(q, { choice: perm }).share;
					expect(share).toBeGreaterThanOrEqual(0);
					expect(share).toBeLessThanOrEqual(1);
					expect(share === 1).toBe(perm.every((x, i) => x === i));
				}
			)
		);
	});

	it('reads a number as a Vietnamese phone types it and scores by distance', () => {
		expect(judged(numeric, { text: '63' })).toMatchObject({ value: 63, share: 1 });
		expect(judged(numeric, { text: '64,5' }).share).toBe(1);
		// 5 beyond the band of a spread of 10: half
		expect(judged(numeric, { text: '70' }).share).toBeCloseTo(0.5);
		expect(judged(numeric, { text: '1.000' })).toMatchObject({ value: 1000, share: 0 });
		expect(judgeAnswer(numeric, { text: 'sáu mươi ba' })).toEqual({ ok: false, reason: 'invalid_number' });
		expect(judgeAnswer(numeric, { choice: [0] })).toEqual({ ok: false, reason: 'invalid_text' });
	});

	it('compares typed answers folded as the question says, and refuses long, empty or control text', () => {
		expect(judged(shortText, { text: '  ha   noi. ' })).toMatchObject({ text: 'ha noi.', share: 1 });
		expect(judged(shortText, { text: 'HÀ NỘI' }).share).toBe(1);
		expect(judged(shortText, { text: 'Huế' }).share).toBe(0);
		expect(judgeAnswer(shortText, { text: '   ' })).toEqual({ ok: false, reason: 'invalid_text' });
		expect(judgeAnswer(shortText, { text: 'a'.repeat(TYPED_ANSWER_MAX + 1) })).toEqual({
			ok: false,
			reason: 'text_too_long'
		});
		expect(judged(shortText, { text: 'ệ'.repeat(TYPED_ANSWER_MAX) }).text).toHaveLength(TYPED_ANSWER_MAX);
		expect(judgeAnswer(shortText, { text: 'Hà\u0000Nội' })).toEqual({ ok: false, reason: 'text_unsafe' });
		expect(judgeAnswer(shortText, { text: 'Hà \u202eiộN' })).toEqual({ ok: false, reason: 'text_unsafe' });
		// NFD in, NFC kept
		expect(judged(shortText, { text: 'Hà Nội'.normalize('NFD') }).text).toBe('Hà Nội');
	});

	it('takes one poll option, never scored', () => {
		expect(judged(poll, { choice: [2] })).toMatchObject({ choice: [2], share: 0 });
		expect(judgeAnswer(poll, { choice: [0, 1] })).toEqual({ ok: false, reason: 'invalid_choice' });
		expect(judgeAnswer(poll, { choice: [3] })).toEqual({ ok: false, reason: 'invalid_choice' });
	});

	it('stores an answer as a list and reads it back judged the same', () => {
		for (const [q, input] of [
			[ordering('pairs'), { choice: [1, 3, 2, 0] }],
			[numeric, { text: '68' }],
			[shortText, { text: 'thu do ha noi' }],
			[cloud, { text: 'Minh bạch' }],
			[poll, { choice: [1] }]
		] as const) {
			const a = judged(q, input);
			expect(readStoredAnswer(q, storedAnswer(q, a))).toEqual(a);
		}
		expect(storedAnswer(shortText, judged(shortText, { text: 'Hà Nội' }))).toBe('["Hà Nội"]');
	});
});

describe('points from a share', () => {
	const input = { elapsedMs: 0, limitMs: 20_500, questionPoints: DEFAULT_SPEED_POINTS, streakBefore: 2 };

	it('gives the full share the usual points and streak, a partial share its part and no streak', () => {
		expect(scoreShare(SPEED, 'ordering', { ...input, share: 1 })).toEqual({ points: 1200, bonus: 200, streak: 3 });
		expect(scoreShare(SPEED, 'ordering', { ...input, share: 1 / 3 })).toEqual({ points: 333, bonus: 0, streak: 0 });
		// the share applies to the speed-scaled points: at the time limit, half of them
		expect(scoreShare(SPEED, 'numeric', { ...input, share: 0.5, elapsedMs: 20_500 }).points).toBe(250);
		expect(scoreShare(SPEED, 'numeric', { ...input, share: 0 })).toEqual({ points: 0, bonus: 0, streak: 0 });
		expect(scoreShare(ACCURACY, 'ordering', { ...input, share: 0.5 })).toEqual({ points: 0, bonus: 0, streak: 0 });
		expect(scoreShare(ACCURACY, 'short_text', { ...input, share: 1 })).toEqual({ points: 1, bonus: 0, streak: 3 });
	});

	it('scores a poll or a word cloud nothing and leaves the streak as it was', () => {
		expect(scoreShare(SPEED, 'poll', { ...input, share: 1 })).toEqual({ points: 0, bonus: 0, streak: 2 });
		expect(scoreShare(SPEED, 'word_cloud', { ...input, share: 0 })).toEqual({ points: 0, bonus: 0, streak: 2 });
	});

	it('never gives more than the full share nor less than nothing (property)', () => {
		fc.assert(
			fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 30_000 }), (share, ms) => {
				const got = scoreShare(SPEED, 'numeric', { ...input, share, elapsedMs: ms, limitMs: 30_000 });
				const full = scoreShare(SPEED, 'numeric', { ...input, share: 1, elapsedMs: ms, limitMs: 30_000 });
				expect(got.points).toBeGreaterThanOrEqual(0);
				expect(got.points).toBeLessThanOrEqual(full.points);
			})
		);
	});
});

describe('the order the items are shown in', () => {
	it('is never the right order, for any random source and 2 to 6 items (property)', () => {
		fc.assert(
			fc.property(fc.integer({ min: 2, max: 6 }), fc.array(fc.nat(), { minLength: 10, maxLength: 10 }), (n, draws) => {
				let k = 0;
				const items = [...Array(n).keys()];
				const shown = shuffleAway(items, (max) => draws[k++ % draws.length] % max);
				expect(shown).not.toEqual(items);
				expect([...shown].sort((a, b) => a - b)).toEqual(items);
			})
		);
		// a source that always leaves the items where they are still moves them
		expect(shuffleAway(['A', 'B'], (max) => max - 1)).toEqual(['B', 'A']);
		expect(shuffleAway(['A'], () => 0)).toEqual(['A']);
	});

	it('is the same for the same source', () => {
		const seeded = () => {
			let s = 7;
			return (max: number) => (s = (s * 48271) % 2147483647) % max;
		};
		expect(shuffleAway([1, 2, 3, 4, 5], seeded())).toEqual(shuffleAway([1, 2, 3, 4, 5], seeded()));
	});
});

describe('what the screen shows of the answers', () => {
	it('counts the words of the cloud folded, shows the spelling most typed, drops abusive ones, keeps the 50 most given', () => {
		const words = ['Minh bạch', 'minh bach', 'MINH BẠCH!', 'Hiệu quả', 'đm', 'Đ.M', 'vcl', 'hiệu quả', 'Nhanh'];
		const answers = words.map((text) => judged(cloud, { text }));
		expect(wordCloud(answers)).toEqual([
			{ word: 'Minh bạch', count: 3 },
			{ word: 'Hiệu quả', count: 2 },
			{ word: 'Nhanh', count: 1 }
		]);
		// the abusive word is still an answer taken, only kept off the cloud
		expect(answers.filter((a) => a.group === '')).toHaveLength(3);
		const many = Array.from({ length: 80 }, (_, i) => judged(cloud, { text: `từ ${i}` }));
		expect(wordCloud(many)).toHaveLength(CLOUD_WORDS);
	});

	it('counts the typed answers folded, shows the spelling most typed, and marks the accepted ones', () => {
		const answers = ['Hà Nội', 'ha noi', 'Huế', 'Hue', 'Huế', 'Đà Nẵng'].map((text) => judged(shortText, { text }));
		expect(kindStats(shortText, answers)).toEqual({
			typed: [
				{ word: 'Huế', count: 3, right: false },
				{ word: 'Hà Nội', count: 2, right: true },
				{ word: 'Đà Nẵng', count: 1, right: false }
			]
		});
	});

	it('counts who had the whole order right, and bins the numbers given', () => {
		const orders = [
			[1, 3, 0, 2],
			[1, 3, 2, 0],
			[1, 3, 0, 2]
		].map((choice) => judged(ordering('pairs'), { choice }));
		expect(kindStats(ordering('pairs'), orders)).toEqual({ allRight: 2 });
		const numbers = ['60', '63', '64', '80'].map((text) => judged(numeric, { text }));
		const stats = kindStats(numeric, numbers)!;
		expect(stats.withinBand).toBe(2);
		expect(stats.histogram!.reduce((n, b) => n + b.count, 0)).toBe(4);
		expect(histogram([5, 5, 5], { answer: 5, tolerance: 0 }).reduce((n, b) => n + b.count, 0)).toBe(3);
		expect(histogram([], { answer: 5, tolerance: 0 })).toEqual([]);
		// whole numbers get whole bars
		const bars = histogram([1, 10, 11, 63, 100], { answer: 63, tolerance: 2, min: 1, max: 100 });
		expect(bars.map((b) => [b.from, b.to])).toEqual(Array.from({ length: 10 }, (_, i) => [i * 10 + 1, i * 10 + 10]));
		expect(bars.map((b) => b.count)).toEqual([2, 1, 0, 0, 0, 0, 1, 0, 0, 1]);
		// fractions keep even bars over the range
		expect(histogram([0.5, 2.5], { answer: 1.5, tolerance: 0.5, min: 0, max: 3 }, 3).map((b) => b.count)).toEqual([
			1, 0, 1
		]);
	});

	it('gives the key of each kind, and none for the choice kinds, polls and clouds', () => {
		expect(answerKey(ordering())).toEqual({ order: [1, 3, 0, 2] });
		expect(answerKey(numeric)).toEqual({ numeric: { answer: 63, tolerance: 2, unit: 'tỉnh' } });
		expect(answerKey(shortText)).toEqual({ accepted: ['Hà Nội', 'Thủ đô Hà Nội'] });
		expect(answerKey(poll)).toBeNull();
		expect(answerKey(cloud)).toBeNull();
		expect(answerKey({ type: 'single', options: ['a', 'b'], correct: [1] })).toBeNull();
	});
});
