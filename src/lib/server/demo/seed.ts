import { TZDate } from '@date-fns/tz';
import { addWeeks, startOfWeek } from 'date-fns';
import { createRng } from '../../domain/random';
import type { OptionDef } from '../../domain/types';
import { saveAnswer, startAttempt, submitAttempt } from '../attempts/attempt.service';
import { hashPassword } from '../auth/password';
import type { AppContext } from '../context';
import type { Db } from '../db/database';
import { lockName } from '../db/locks';
import { newId } from '../ids';
import { createGame } from '../live-games/game.service';
import { insertRegistration, insertUser } from '../users/user.repository';
import { insertContest, insertQuestionBank, insertUnitTree, type RoundSpec } from './builders';
import { demoContest, demoContestants, demoQuestions, demoTopics, demoUnits } from './demo-content';

export const TIME_ZONE = 'Asia/Ho_Chi_Minh';
const MINUTE = 60_000;

export const demoAccounts = {
	admin: { phone: '0900000001', password: 'quantri2026', fullName: 'Quản trị hệ thống' },
	organizer: { phone: '0900000002', password: 'bantochuc2026', fullName: 'Ban Tổ chức cuộc thi' },
	contestantPassword: 'thisinh2026'
};

/** Monday 00:00 in Vietnam of the week containing `now`, shifted by `weeks`. */
export function weekStart(now: number, weeks: number): number {
	const monday = startOfWeek(new TZDate(now, TIME_ZONE), { weekStartsOn: 1 });
	return addWeeks(monday, weeks).getTime();
}

const blueprint: RoundSpec['blueprint'] = [
	...demoTopics.flatMap((t) => [
		{ topic: t.code, difficulty: 'easy' as const, count: 2 },
		{ topic: t.code, difficulty: 'medium' as const, count: 1 }
	]),
	{ topic: 'tthc', difficulty: 'hard', count: 1 },
	{ topic: 'chinh-phu-so', difficulty: 'hard', count: 1 }
];

export function demoRounds(now: number): RoundSpec[] {
	return [-1, 0, 1].map((offset, i) => ({
		name: `Tuần thi thứ ${i + 1}`,
		opensAt: weekStart(now, offset),
		closesAt: weekStart(now, offset + 1),
		timeLimitMs: 15 * MINUTE,
		maxAttempts: 2,
		graceMs: 5000,
		predictionQuestion: demoContest.predictionQuestion,
		blueprint,
		// As the demo rules promise for each group.
		prizesPerGroup: { first: 1, second: 2, third: 3, consolation: 5 }
	}));
}

/** Loads the demo contest into an empty database; returns false when data is already there. */
export async function seedDemo(ctx: AppContext): Promise<boolean> {
	if (await hasContest(ctx.db)) return false;
	const now = ctx.clock.now();
	// argon2 first, outside the lock: it is the slow part
	const [adminHash, organizerHash, contestantHash] = await Promise.all([
		hashPassword(demoAccounts.admin.password),
		hashPassword(demoAccounts.organizer.password),
		hashPassword(demoAccounts.contestantPassword)
	]);
	// Several nodes start at once on an empty database: one seeds, the others find its contest.
	// The check and the data go in one transaction under a lock (PostgreSQL's advisory lock; on
	// SQLite the transaction holds the one connection).
	const seeded = await ctx.db.transaction().execute(async (trx) => {
		await lockName(trx, 'demo_seed');
		if (await hasContest(trx)) return null;
		const unitIds = await insertUnitTree(trx, demoUnits, now);
		const bank = await insertQuestionBank(
			trx,
			{ name: 'Ngân hàng câu hỏi cải cách hành chính', topics: demoTopics, questions: demoQuestions },
			now
		);
		const contest = await insertContest(trx, { ...demoContest, rounds: demoRounds(now) }, bank, now);
		// The contest is the province's: its pages and dashboards start at Quảng Ninh's own units,
		// whatever other provinces the unit tree holds (another contest's).
		await trx
			.updateTable('contest')
			.set({ root_unit_id: unitIds.get('QN')! })
			.where('id', '=', contest.contestId)
			.execute();
		const staff = [
			{ ...demoAccounts.admin, role: 'admin' as const, hash: adminHash },
			{ ...demoAccounts.organizer, role: 'organizer' as const, hash: organizerHash }
		];
		let organizerId = '';
		for (const s of staff) {
			const staffId = newId();
			if (s.role === 'organizer') organizerId = staffId;
			await insertUser(trx, {
				id: staffId,
				phone: s.phone,
				full_name: s.fullName,
				birth_date: null,
				email: null,
				password_hash: s.hash,
				role: s.role,
				created_at: now
			});
			// The demo organizer organizes every contest: a global grant.
			if (s.role === 'organizer') {
				await trx
					.insertInto('organizer_grant')
					.values({ id: newId(), user_id: staffId, contest_id: null, granted_by: null, created_at: now })
					.execute();
			}
		}
		const userIds: string[] = [];
		for (const person of demoContestants) {
			const userId = newId();
			userIds.push(userId);
			await insertUser(trx, {
				id: userId,
				phone: person.phone,
				full_name: person.fullName,
				birth_date: person.birthDate,
				email: null,
				password_hash: contestantHash,
				role: 'contestant',
				created_at: now
			});
			await insertRegistration(trx, {
				id: newId(),
				contest_id: contest.contestId,
				user_id: userId,
				unit_id: unitIds.get(person.unitCode)!,
				group_id: contest.groupIds.get(person.groupCode)!,
				consented_at: now,
				created_at: now
			});
		}
		return { bankId: bank.bankId, contest, userIds, organizerId };
	});
	if (!seeded) return false;
	// Through the services, each in its own transactions, by the node that seeded only.
	await simulateAttempts(ctx, seeded.contest.roundIds, seeded.userIds, now);
	// A live game waiting in its lobby, hosted by the demo organizer, to try the stage view.
	await createGame(ctx, { id: seeded.organizerId, role: 'organizer' }, seeded.contest.contestId, {
		title: 'Rung chuông vàng: cải cách hành chính',
		scoring: 'speed',
		streakBonus: true,
		joinMode: 'both',
		lateJoin: true,
		screenOnly: false,
		timeLimitSeconds: 20,
		source: { kind: 'random', bankId: seeded.bankId, topicId: null, count: 8 }
	});
	return true;
}

async function hasContest(db: Db): Promise<boolean> {
	return (await db.selectFrom('contest').select('id').limit(1).executeTakeFirst()) !== undefined;
}

/**
 * Finished attempts so the leaderboards are not empty, taken through the real services on a
 * clock moved back in time. Deterministic: the same people score the same on every machine.
 */
async function simulateAttempts(ctx: AppContext, roundIds: string[], userIds: string[], now: number): Promise<void> {
	const rng = createRng('cuocthi-demo');
	const [pastRound, openRound] = roundIds;
	const rounds = await ctx.db
		.selectFrom('round')
		.select(['id', 'opens_at'])
		.where('id', 'in', [pastRound, openRound])
		.execute();
	let t = 0;
	const clock = { now: () => t };
	const sim: AppContext = { ...ctx, clock };
	for (const round of rounds) {
		// Leave the newest hour alone so every simulated attempt is over before now.
		const span = Math.min(now - MINUTE * 60, round.opens_at + 6 * 24 * 60 * MINUTE) - round.opens_at;
		if (span <= 0) continue;
		for (const [i, userId] of userIds.entries()) {
			if (round.id === openRound && i % 4 === 3) continue;
			const skill = 0.55 + rng() * 0.45;
			t = round.opens_at + Math.floor(rng() * span);
			const started = await startAttempt(sim, userId, round.id);
			if (!started.ok) continue;
			const items = await ctx.db
				.selectFrom('attempt_item')
				.innerJoin('question_version', 'question_version.id', 'attempt_item.question_version_id')
				.select([
					'attempt_item.position',
					'attempt_item.option_ids_json',
					'attempt_item.option_keys_json',
					'question_version.options_json'
				])
				.where('attempt_id', '=', started.attemptId)
				.execute();
			for (const item of items) {
				t += 10_000 + Math.floor(rng() * 25_000);
				const ids = JSON.parse(item.option_ids_json) as string[];
				const keys = JSON.parse(item.option_keys_json) as string[];
				const options = JSON.parse(item.options_json) as OptionDef[];
				const correct = new Set(options.filter((o) => o.correct).map((o) => o.key));
				const chosen =
					rng() < skill
						? ids.filter((_, k) => correct.has(keys[k]))
						: [ids.find((_, k) => !correct.has(keys[k])) ?? ids[0]];
				await saveAnswer(sim, started.attemptId, userId, { position: item.position, optionIds: chosen, rev: 1 });
			}
			t += 5_000;
			await submitAttempt(sim, started.attemptId, userId, 3 + Math.floor(rng() * 8));
		}
	}
}
