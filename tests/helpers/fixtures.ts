import type { QuestionDraft } from '../../src/lib/domain/questions';
import { saveAnswer, startAttempt, submitAttempt } from '../../src/lib/server/attempts/attempt.service';
import { hashPassword } from '../../src/lib/server/auth/password';
import type { AppContext } from '../../src/lib/server/context';
import {
	insertContest,
	insertQuestionBank,
	insertUnitTree,
	type QuestionSpec,
	type RoundSpec
} from '../../src/lib/server/demo/builders';
import { newId } from '../../src/lib/server/ids';
import { createBank, type Actor } from '../../src/lib/server/questions/question.service';
import { insertRegistration, insertUser } from '../../src/lib/server/users/user.repository';

// A small contest for tests: two topics, eight questions of every type, two units, two groups.

export const MINUTE = 60_000;

export const fixtureQuestions: QuestionSpec[] = [
	...[1, 2, 3].map((n) => ({
		topic: 'a',
		type: 'single' as const,
		difficulty: 'easy' as const,
		text: `Câu hỏi một đáp án số ${n}?`,
		options: [
			{ text: `Đáp án đúng ${n}`, correct: true },
			{ text: 'Sai một', correct: false },
			{ text: 'Sai hai', correct: false },
			{ text: 'Sai ba', correct: false }
		],
		explanation: 'Giải thích.',
		legalReference: null,
		tags: []
	})),
	...[1, 2].map((n) => ({
		topic: 'b',
		type: 'multiple' as const,
		difficulty: 'medium' as const,
		text: `Câu hỏi nhiều đáp án số ${n}? (chọn nhiều đáp án)`,
		options: [
			{ text: 'Đúng một', correct: true },
			{ text: 'Đúng hai', correct: true },
			{ text: 'Sai một', correct: false },
			{ text: 'Sai hai', correct: false }
		],
		explanation: 'Giải thích.',
		legalReference: null,
		tags: []
	})),
	...[1, 2, 3].map((n) => ({
		topic: 'b',
		type: 'true_false' as const,
		difficulty: 'easy' as const,
		text: `Nhận định đúng hay sai số ${n}?`,
		options: [
			{ text: 'Đúng', correct: n % 2 === 1 },
			{ text: 'Sai', correct: n % 2 === 0 }
		],
		explanation: 'Giải thích.',
		legalReference: null,
		tags: []
	}))
];

export interface FixtureOptions {
	/** ms since epoch */
	opensAt: number;
	/** ms since epoch */
	closesAt: number;
	timeLimitMs?: number;
	maxAttempts?: number;
	graceMs?: number;
	slug?: string;
	visibility?: RoundSpec['visibility'];
	/** another bank's topics and questions than fixtureQuestions' (with `blueprint`) */
	bank?: { topics: { code: string; name: string }[]; questions: QuestionSpec[] };
	blueprint?: RoundSpec['blueprint'];
}

export interface Fixture {
	contestId: string;
	roundId: string;
	slug: string;
	groupIds: string[];
	unitIds: string[];
}

export async function createFixtureContest(ctx: AppContext, options: FixtureOptions): Promise<Fixture> {
	const now = ctx.clock.now();
	const slug = options.slug ?? `thu-nghiem-${newId().slice(0, 6)}`;
	const units = await insertUnitTree(
		ctx.db,
		[
			{ code: `${slug}-root`, name: 'Tỉnh Thử Nghiệm', parentCode: null, kind: 'province', headcount: 100 },
			{ code: `${slug}-hk`, name: 'Phường Hà Khánh', parentCode: `${slug}-root`, kind: 'ward', headcount: 50 },
			{ code: `${slug}-ph`, name: 'Xã Phong Hải', parentCode: `${slug}-root`, kind: 'commune', headcount: 40 }
		],
		now
	);
	const bank = await insertQuestionBank(
		ctx.db,
		{
			name: 'Ngân hàng thử nghiệm',
			...(options.bank ?? {
				topics: [
					{ code: 'a', name: 'Chủ đề A' },
					{ code: 'b', name: 'Chủ đề B' }
				],
				questions: fixtureQuestions
			})
		},
		now
	);
	const contest = await insertContest(
		ctx.db,
		{
			slug,
			title: 'Cuộc thi thử nghiệm',
			summary: 'Dùng cho kiểm thử.',
			rulesMarkdown: '## Thể lệ\n\nLàm bài trong thời gian quy định.',
			consentText: 'Tôi đồng ý.',
			groups: [
				{ code: 'ccvc', name: 'Cán bộ, công chức, viên chức' },
				{ code: 'nguoi-dan', name: 'Người dân' }
			],
			rounds: [
				{
					name: 'Tuần thi thứ 1',
					opensAt: options.opensAt,
					closesAt: options.closesAt,
					timeLimitMs: options.timeLimitMs ?? 10 * MINUTE,
					maxAttempts: options.maxAttempts ?? 2,
					graceMs: options.graceMs ?? 5000,
					predictionQuestion: 'Bao nhiêu người trả lời đúng tất cả?',
					visibility: options.visibility,
					blueprint: options.blueprint ?? [
						{ topic: 'a', difficulty: 'easy', count: 2 },
						{ topic: 'b', difficulty: 'medium', count: 1 },
						{ topic: 'b', difficulty: 'easy', count: 2 }
					]
				}
			]
		},
		bank,
		now
	);
	return {
		contestId: contest.contestId,
		roundId: contest.roundIds[0],
		slug,
		groupIds: [...contest.groupIds.values()],
		unitIds: [units.get(`${slug}-hk`)!, units.get(`${slug}-ph`)!]
	};
}

let passwordHash: Promise<string> | null = null;

/** A registered contestant of the fixture contest; password 'matkhau123'. */
export async function createContestant(
	ctx: AppContext,
	fixture: Fixture,
	options: { phone: string; fullName?: string; unit?: 0 | 1; group?: 0 | 1 }
): Promise<string> {
	passwordHash ??= hashPassword('matkhau123');
	const userId = newId();
	const now = ctx.clock.now();
	await insertUser(ctx.db, {
		id: userId,
		phone: options.phone,
		full_name: options.fullName ?? `Thí sinh ${options.phone.slice(-3)}`,
		birth_date: '1990-01-01',
		email: 'thisinh@example.vn',
		password_hash: await passwordHash,
		role: 'contestant',
		created_at: now
	});
	await insertRegistration(ctx.db, {
		id: newId(),
		contest_id: fixture.contestId,
		user_id: userId,
		unit_id: fixture.unitIds[options.unit ?? 0],
		group_id: fixture.groupIds[options.group ?? 0],
		consented_at: now,
		created_at: now
	});
	return userId;
}

/**
 * Starts and submits an attempt whose answers, duration and so score depend on `salt`, so a
 * batch of contestants ranks in a varied, repeatable order. Returns the attempt id.
 */
export async function finishVariedAttempt(
	ctx: AppContext & { clock: { advance(ms: number): void } },
	roundId: string,
	userId: string,
	salt: number,
	prediction: number | null
): Promise<string> {
	const started = await startAttempt(ctx, userId, roundId);
	if (!started.ok) throw new Error(started.reason);
	const items = await ctx.db
		.selectFrom('attempt_item')
		.select(['position', 'option_ids_json'])
		.where('attempt_id', '=', started.attemptId)
		.execute();
	for (const item of items) {
		const ids = JSON.parse(item.option_ids_json) as string[];
		const pick = ids[(salt * 5 + item.position * 3) % ids.length];
		await saveAnswer(ctx, started.attemptId, userId, { position: item.position, optionIds: [pick], rev: 1 });
	}
	ctx.clock.advance(1000 + ((salt * 7919) % 90_000));
	await submitAttempt(ctx, started.attemptId, userId, prediction);
	return started.attemptId;
}

/** A true-or-false style single-answer question for the editor ("Đúng" right), in the given topic. */
export function yesNoDraft(topicId: string, text: string, tags: string[] = []): QuestionDraft {
	return {
		topicId,
		type: 'single',
		difficulty: 'easy',
		text,
		options: [
			{ text: 'Đúng', correct: true },
			{ text: 'Sai', correct: false }
		],
		explanation: '',
		legalReference: null,
		tags
	};
}

/** A new, empty question bank of the given name, made by `actor`; its id. */
export async function createTestBank(ctx: AppContext, actor: Actor, name: string): Promise<string> {
	const created = await createBank(ctx, actor, name);
	if (!created.ok) throw new Error(`bank not created: ${created.reason}`);
	return created.bankId;
}
