import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OPTION_ID_LENGTH } from '../../src/lib/domain/draw';
import { getAttemptView, saveAnswer, submitAttempt } from '../../src/lib/server/attempts/attempt.service';
import { getPreviewReview } from '../../src/lib/server/attempts/preview.service';
import { getAttemptResult, getRoundProgress } from '../../src/lib/server/attempts/result.service';
import type { SessionUser } from '../../src/lib/server/auth/session';
import { startPreviewAttempt } from '../../src/lib/server/contests/contest-admin.service';
import { load as loadResultPage } from '../../src/routes/ket-qua/[id]/+page.server';
import { createContestant, createFixtureContest, MINUTE, type Fixture } from '../helpers/fixtures';
import { createTestContext, type TestContext } from '../helpers/test-context';
import { answerItems, answerKey, startFresh } from './support';
import { createHash } from 'node:crypto';
import { getMedia } from '../../src/lib/server/media/media.service';
import { attachPictures } from '../helpers/media';

// DESIGN.md §3: answer keys never reach the browser while a round is open.

let ctx: TestContext;
let fixture: Fixture;
let T0: number;

beforeEach(async () => {
	ctx = await createTestContext();
	T0 = ctx.clock.now();
	fixture = await createFixtureContest(ctx, { opensAt: T0 - 60 * MINUTE, closesAt: T0 + 7 * 24 * 60 * MINUTE });
});

afterEach(async () => {
	await ctx.dispose();
});

const AUTHOR_KEYS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'];

/** What must never appear in anything sent to a contestant while the round is open. */
function expectNoKey(payload: string): void {
	expect(payload.toLowerCase()).not.toContain('correct');
	expect(payload).not.toContain('is_correct');
	expect(payload).not.toContain('"key"');
	expect(payload).not.toContain('Giải thích.');
	expect(payload).not.toContain('explanation');
	expect(payload).not.toContain('options_json');
	expect(payload).not.toContain('option_keys');
}

describe('the attempt payload', () => {
	it('carries questions and opaque options but no key, correctness or explanation', async () => {
		const userId = await createContestant(ctx, fixture, { phone: '0913000001' });
		const attemptId = await startFresh(ctx, userId, fixture.roundId);
		const view = await getAttemptView(ctx, attemptId, userId);
		const payload = JSON.stringify(view);

		expectNoKey(payload);
		const options = view!.items.flatMap((i) => i.options);
		expect(options.length).toBeGreaterThan(0);
		for (const option of options) {
			expect(Object.keys(option).sort()).toEqual(['id', 'text']);
			expect(AUTHOR_KEYS).not.toContain(option.id);
			expect(option.id).toHaveLength(OPTION_ID_LENGTH);
		}
		for (const item of view!.items) {
			expect(Object.keys(item).sort()).toEqual(['chosen', 'options', 'position', 'rev', 'text', 'type']);
		}
		// The seed would let a client rebuild the draw; it stays on the server too.
		const seed = (
			await ctx.db.selectFrom('attempt').select('seed').where('id', '=', attemptId).executeTakeFirstOrThrow()
		).seed;
		expect(payload).not.toContain(seed);
	});

	it('still carries no key after answers are saved', async () => {
		const userId = await createContestant(ctx, fixture, { phone: '0913000002' });
		const attemptId = await startFresh(ctx, userId, fixture.roundId);
		await answerItems(ctx, attemptId, userId, 3);
		const view = await getAttemptView(ctx, attemptId, userId);
		expectNoKey(JSON.stringify(view));
		expect(view!.items.every((i) => i.chosen.length > 0)).toBe(true);
	});

	it('names options with ids that differ between two attempts at the same question', async () => {
		const alice = await createContestant(ctx, fixture, { phone: '0913000003' });
		const binh = await createContestant(ctx, fixture, { phone: '0913000004' });
		const first = await answerKey(ctx, await startFresh(ctx, alice, fixture.roundId));
		const second = await answerKey(ctx, await startFresh(ctx, binh, fixture.roundId));

		// Both draw 2 of the same 3 single-choice questions, so at least one question is shared.
		const shared = first.filter((a) => second.some((b) => b.questionVersionId === a.questionVersionId));
		expect(shared.length).toBeGreaterThan(0);
		for (const a of shared) {
			const b = second.find((x) => x.questionVersionId === a.questionVersionId)!;
			expect(a.ids.filter((id) => b.ids.includes(id))).toEqual([]);
		}
		const allFirst = new Set(first.flatMap((i) => i.ids));
		expect(second.flatMap((i) => i.ids).filter((id) => allFirst.has(id))).toEqual([]);
	});

	it('names options with ids that differ between two attempts of the same contestant', async () => {
		const userId = await createContestant(ctx, fixture, { phone: '0913000005' });
		const firstId = await startFresh(ctx, userId, fixture.roundId);
		const first = await answerKey(ctx, firstId);
		ctx.clock.advance(MINUTE);
		await submitAttempt(ctx, firstId, userId, null);
		const second = await answerKey(ctx, await startFresh(ctx, userId, fixture.roundId));
		const allFirst = new Set(first.flatMap((i) => i.ids));
		expect(second.flatMap((i) => i.ids).filter((id) => allFirst.has(id))).toEqual([]);
	});
});

describe('the result after submit, while the round is open', () => {
	it('shows score and duration but no key, per-question correctness or explanation', async () => {
		const userId = await createContestant(ctx, fixture, { phone: '0913000006' });
		const attemptId = await startFresh(ctx, userId, fixture.roundId);
		const items = await answerKey(ctx, attemptId);
		await answerItems(ctx, attemptId, userId, 2);
		ctx.clock.advance(2 * MINUTE);
		expect(await submitAttempt(ctx, attemptId, userId, 12)).toEqual({ ok: true });

		const result = await getAttemptResult(ctx, attemptId, userId);
		expect(result).not.toBeNull();
		expect(result!.attempt).toMatchObject({
			id: attemptId,
			status: 'finished',
			score: 2,
			maxScore: 5,
			durationMs: 2 * MINUTE
		});
		const payload = JSON.stringify(result);
		expectNoKey(payload);
		// Nothing per question: no option ids, no question texts.
		for (const item of items) {
			for (const id of item.ids) expect(payload).not.toContain(id);
		}
		expect(payload).not.toContain('Câu hỏi');
		expect(payload).not.toContain('Nhận định');

		expectNoKey(JSON.stringify(await getRoundProgress(ctx, fixture.roundId, userId)));
		// The finished attempt's view still reveals nothing while the round is open.
		expectNoKey(JSON.stringify(await getAttemptView(ctx, attemptId, userId)));
	});

	it('is not shown to another contestant', async () => {
		const owner = await createContestant(ctx, fixture, { phone: '0913000007' });
		const other = await createContestant(ctx, fixture, { phone: '0913000008' });
		const attemptId = await startFresh(ctx, owner, fixture.roundId);
		ctx.clock.advance(MINUTE);
		await saveAnswer(ctx, attemptId, owner, { position: 1, optionIds: [], rev: 1 });
		await submitAttempt(ctx, attemptId, owner, null);
		expect(await getAttemptResult(ctx, attemptId, other)).toBeNull();
	});
});

describe('the result page, while the round is open', () => {
	type Event = Parameters<typeof loadResultPage>[0];
	const load = async (user: SessionUser, attemptId: string) =>
		(await loadResultPage({
			locals: { app: ctx, user },
			params: { id: attemptId },
			url: new URL(`http://localhost/ket-qua/${attemptId}`),
			setHeaders: () => undefined
		} as unknown as Event)) as Record<string, unknown>;

	it('sends a contestant no key, correctness or explanation, and no review', async () => {
		const userId = await createContestant(ctx, fixture, { phone: '0913000009' });
		const attemptId = await startFresh(ctx, userId, fixture.roundId);
		await answerItems(ctx, attemptId, userId, 2);
		ctx.clock.advance(MINUTE);
		expect(await submitAttempt(ctx, attemptId, userId, 3)).toEqual({ ok: true });
		const user: SessionUser = { id: userId, role: 'contestant', fullName: 'Thí sinh', phone: '0913000009' };
		const data = await load(user, attemptId);
		expect(data.roundOpen).toBe(true);
		expect(data.review).toBeNull();
		// the live standing's "key" is its place in the ranking (score, time), not an answer key
		const { liveStanding, ...rest } = data as { liveStanding: { key: object } };
		expect(Object.keys(liveStanding.key).sort()).toEqual(['attemptId', 'durationMs', 'score', 'submittedAt']);
		const standing = Object.fromEntries(Object.entries(liveStanding).filter(([name]) => name !== 'key'));
		expectNoKey(JSON.stringify({ ...rest, liveStanding: standing }));
		// nor does the review service hand a contestant's own attempt out
		expect(await getPreviewReview(ctx, attemptId, user)).toBeNull();
	});

	it('shows the organizer’s own preview each question with its key and explanation, without rank or attempts', async () => {
		const organizerId = await createContestant(ctx, fixture, { phone: '0913000010' });
		await ctx.db.updateTable('app_user').set({ role: 'admin' }).where('id', '=', organizerId).execute();
		const organizer: SessionUser = { id: organizerId, role: 'admin', fullName: 'Ban tổ chức', phone: '0913000010' };
		const preview = await startPreviewAttempt(ctx, organizer, fixture.roundId, fixture.groupIds[0]);
		if (!preview.ok) throw new Error(preview.reason);
		const key = await answerKey(ctx, preview.attemptId);
		await answerItems(ctx, preview.attemptId, organizerId, 1);
		ctx.clock.advance(MINUTE);
		expect(await submitAttempt(ctx, preview.attemptId, organizerId, null)).toEqual({ ok: true });

		const data = await load(organizer, preview.attemptId);
		expect(data.isPreview).toBe(true);
		expect(data.liveStanding).toBeNull();
		expect((data.progress as { standing: unknown }).standing).toBeNull();
		const review = data.review as Awaited<ReturnType<typeof getPreviewReview>>;
		expect(review).toHaveLength(key.length);
		for (const item of review!) {
			expect(item.explanation).toBe('Giải thích.');
			expect(item.options.filter((o) => o.correct).length).toBeGreaterThan(0);
		}
		expect(review!.filter((i) => i.correct).length).toBe(1);
		expect(review![0].options.some((o) => o.chosen)).toBe(true);

		// the same preview seen by another organizer of the contest: not theirs, nothing
		const otherId = await createContestant(ctx, fixture, { phone: '0913000011' });
		await ctx.db.updateTable('app_user').set({ role: 'admin' }).where('id', '=', otherId).execute();
		expect(await getPreviewReview(ctx, preview.attemptId, { id: otherId, role: 'admin' })).toBeNull();
	});
});

describe('questions with pictures', () => {
	/** a served picture's URL: the hash of its bytes, nothing else */
	const PICTURE_URL = /^\/media\/([0-9a-f]{64})$/;

	it('name their pictures by content only: no option id, no key, no correctness in any URL', async () => {
		const owners = await attachPictures(ctx);
		const alice = await createContestant(ctx, fixture, { phone: '0913000011' });
		const binh = await createContestant(ctx, fixture, { phone: '0913000012' });
		const views = [];
		for (const userId of [alice, binh]) {
			const attemptId = await startFresh(ctx, userId, fixture.roundId);
			const view = (await getAttemptView(ctx, attemptId, userId))!;
			expectNoKey(JSON.stringify(view));
			views.push({ view, key: await answerKey(ctx, attemptId) });
		}
		for (const { view, key } of views) {
			for (const item of view.items) {
				expect(Object.keys(item).sort()).toEqual(['chosen', 'image', 'options', 'position', 'rev', 'text', 'type']);
				expect(item.image!.src).toMatch(PICTURE_URL);
				expect(owners.get(item.image!.src.slice(7))!.key).toBeNull();
				const versionId = key.find((k) => k.position === item.position)!.questionVersionId;
				for (const option of item.options) {
					expect(Object.keys(option).sort()).toEqual(['id', 'image', 'text']);
					const [, hash] = option.image!.src.match(PICTURE_URL)!;
					// the picture is its option's own, named by nothing but its bytes
					expect(owners.get(hash)!.versionId).toBe(versionId);
					expect(option.image!.src).not.toContain(option.id);
					expect(option.image!.alt).toBe('Hình minh họa phương án');
					const stored = (await getMedia(ctx.db, hash))!;
					expect(createHash('sha256').update(stored.bytes).digest('hex')).toBe(hash);
					expect(Object.keys(stored).sort()).toEqual(['bytes', 'height', 'kind', 'mime', 'width']);
				}
			}
		}
		// The same option shows the same picture in both attempts while its id differs: the URL
		// follows the content, the id the attempt, and neither says which option is right.
		const [first, second] = views;
		const shared = first.view.items.filter((a) =>
			second.key.some(
				(k) => k.questionVersionId === first.key.find((x) => x.position === a.position)!.questionVersionId
			)
		);
		expect(shared.length).toBeGreaterThan(0);
		for (const a of shared) {
			const versionId = first.key.find((x) => x.position === a.position)!.questionVersionId;
			const position = second.key.find((k) => k.questionVersionId === versionId)!.position;
			const b = second.view.items.find((i) => i.position === position)!;
			expect(new Set(b.options.map((o) => o.image!.src))).toEqual(new Set(a.options.map((o) => o.image!.src)));
			expect(b.options.map((o) => o.id).filter((id) => a.options.some((o) => o.id === id))).toEqual([]);
		}
	});

	it('show in the organizer’s preview review with their alt texts, each option with its own', async () => {
		const owners = await attachPictures(ctx);
		const organizerId = await createContestant(ctx, fixture, { phone: '0913000010' });
		await ctx.db.updateTable('app_user').set({ role: 'admin' }).where('id', '=', organizerId).execute();
		const organizer: SessionUser = { id: organizerId, role: 'admin', fullName: 'Ban tổ chức', phone: '0913000010' };
		const preview = await startPreviewAttempt(ctx, organizer, fixture.roundId, fixture.groupIds[0]);
		if (!preview.ok) throw new Error(preview.reason);
		const key = await answerKey(ctx, preview.attemptId);
		ctx.clock.advance(MINUTE);
		expect(await submitAttempt(ctx, preview.attemptId, organizerId, null)).toEqual({ ok: true });

		const review = (await getPreviewReview(ctx, preview.attemptId, organizer))!;
		expect(review).toHaveLength(key.length);
		for (const item of review) {
			const versionId = key.find((k) => k.position === item.position)!.questionVersionId;
			expect(item.image!.alt).toBe('Mẫu tờ khai');
			expect(owners.get(item.image!.src.match(PICTURE_URL)![1])).toEqual({ versionId, key: null, correct: null });
			for (const option of item.options) {
				expect(option.image!.alt).toBe('Hình minh họa phương án');
				const owner = owners.get(option.image!.src.match(PICTURE_URL)![1])!;
				// the option's own picture: same question, and the option the key marks right is the one shown right
				expect(owner.versionId).toBe(versionId);
				expect(owner.correct).toBe(option.correct);
			}
		}
	});
});
