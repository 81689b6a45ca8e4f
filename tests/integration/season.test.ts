import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseLocalDateTime } from '../../src/lib/schemas/contest';
import {
	duplicateContestSchema,
	seriesWeeksSchema,
	weeklyRoundsSchema,
	type WeeklyRoundsForm
} from '../../src/lib/schemas/season';
import { startAttempt } from '../../src/lib/server/attempts/attempt.service';
import { drawForAttempt } from '../../src/lib/server/attempts/draw.service';
import { canManageContest } from '../../src/lib/server/contests/contest-access';
import { saveRound } from '../../src/lib/server/contests/contest-admin.service';
import { answerLetters, renderQuestionPaper } from '../../src/lib/server/contests/question-paper.pdf';
import {
	createRoundSeries,
	createWeeklyRounds,
	duplicateContest,
	duplicateRound
} from '../../src/lib/server/contests/season.service';
import { storedRoundForm } from '../../src/lib/server/contests/round-copy';
import { grantOrganizer } from '../../src/lib/server/contests/grant.service';
import { getWeeklyRoundsPage } from '../../src/lib/server/contests/contest-studio.service';
import { createContestant, createFixtureContest, MINUTE, type Fixture } from '../helpers/fixtures';
import { attachPictures } from '../helpers/media';
import { imageDrawsPerPage, readPdf } from '../helpers/pdf';
import { createTestContext, insertStaff, type TestContext } from '../helpers/test-context';

// The organizer's season (issue 15): weekly rounds, a contest's and a round's copies, and the
// question paper of a round draw, on a real database (SQLite, and PostgreSQL on the second pass).

let ctx: TestContext;
let T0: number;
let fixture: Fixture;
let admin: { id: string; role: 'admin' };
const DAY = 24 * 60 * MINUTE;
const at = (local: string): number => parseLocalDateTime(local)!;
/** the template's results notice settings as a copy carries them: the number is each notice's own */
const NOTICE_COPIED = {
	notice_superior: 'UBND TỈNH QUẢNG NINH',
	notice_number: null,
	notice_signer_title: 'PHÓ TRƯỞNG BAN',
	notice_signer_name: 'Nguyễn Văn An'
};

async function roundsOf(contestId: string) {
	return ctx.db.selectFrom('round').selectAll().where('contest_id', '=', contestId).orderBy('ordinal').execute();
}

async function blueprintOf(roundId: string) {
	const rows = await ctx.db
		.selectFrom('blueprint_item')
		.select(['group_id', 'bank_id', 'topic_id', 'difficulty', 'count'])
		.where('round_id', '=', roundId)
		.execute();
	return rows.map((r) => `${r.group_id ?? '*'}|${r.bank_id}|${r.topic_id}|${r.difficulty}|${r.count}`).sort();
}

async function auditActions(): Promise<string[]> {
	return (await ctx.db.selectFrom('audit_log').select('action').execute()).map((r) => r.action);
}

function weekly(values: Record<string, string>): WeeklyRoundsForm {
	return weeklyRoundsSchema.parse({ templateRoundId: fixture.roundId, namePrefix: 'Tuần', ...values });
}

beforeEach(async () => {
	// Monday 16 November 2026, 10:00 in Vietnam
	ctx = await createTestContext();
	T0 = ctx.clock.now();
	fixture = await createFixtureContest(ctx, { opensAt: T0 - MINUTE, closesAt: T0 + DAY });
	admin = await insertStaff(ctx, '0900000111', 'admin');
	// the template round has prizes, a group's own blueprint line and a fair-play floor to carry over
	await ctx.db
		.updateTable('round')
		.set({
			prize_counts_json: JSON.stringify({ [fixture.groupIds[0]]: { first: 1, second: 2, third: 3, consolation: 4 } }),
			collective_prize_json: JSON.stringify({ by: 'participants', count: 2, minRate: 0.25 }),
			fast_floor_ms: 1500,
			leaderboard_visibility: 'after_close',
			...NOTICE_COPIED,
			notice_number: '12/TB-BTC'
		})
		.where('id', '=', fixture.roundId)
		.execute();
	const line = await ctx.db
		.selectFrom('blueprint_item')
		.selectAll()
		.where('round_id', '=', fixture.roundId)
		.where('difficulty', '=', 'medium')
		.executeTakeFirstOrThrow();
	await ctx.db.updateTable('blueprint_item').set({ group_id: fixture.groupIds[1] }).where('id', '=', line.id).execute();
});

afterEach(async () => {
	await ctx.dispose();
});

describe('weekly rounds', () => {
	it('creates N rounds from Monday 00:00 to Sunday 24:00, Vietnam time, with the template blueprint, prizes and settings', async () => {
		const result = await createWeeklyRounds(
			ctx,
			admin,
			fixture.contestId,
			weekly({ firstMonday: '2026-11-23', weeks: '4', firstNumber: '2' })
		);
		expect(result).toMatchObject({ ok: true });
		const [template, ...weeks] = await roundsOf(fixture.contestId);
		expect(weeks.map((r) => r.name)).toEqual(['Tuần 2', 'Tuần 3', 'Tuần 4', 'Tuần 5']);
		expect(weeks.map((r) => r.ordinal)).toEqual([2, 3, 4, 5]);
		// Monday 00:00 in Vietnam is Sunday 17:00 UTC
		expect(new Date(weeks[0].opens_at).toISOString()).toBe('2026-11-22T17:00:00.000Z');
		expect(new Date(weeks[0].closes_at).toISOString()).toBe('2026-11-29T17:00:00.000Z');
		expect(new Date(weeks[3].closes_at).toISOString()).toBe('2026-12-20T17:00:00.000Z');
		for (const [i, week] of weeks.entries()) {
			expect(week.opens_at).toBe(at('2026-11-23T00:00') + i * 7 * DAY);
			expect(week.closes_at - week.opens_at).toBe(7 * DAY);
			expect(await blueprintOf(week.id)).toEqual(await blueprintOf(template.id));
			expect(week).toMatchObject({
				time_limit_ms: template.time_limit_ms,
				max_attempts: template.max_attempts,
				grace_ms: template.grace_ms,
				prediction_question: template.prediction_question,
				ranking_criteria_json: template.ranking_criteria_json,
				leaderboard_visibility: 'after_close',
				prize_counts_json: template.prize_counts_json,
				fast_floor_ms: 1500,
				...NOTICE_COPIED
			});
			expect(JSON.parse(week.collective_prize_json)).toEqual({ by: 'participants', count: 2, minRate: 0.25 });
		}
		const actions = await auditActions();
		expect(actions.filter((a) => a === 'round.weekly_create')).toHaveLength(1);
		expect(actions.filter((a) => a === 'round.create')).toHaveLength(4);
	});

	it('suggests weeks after every round, named and numbered on from them, that can be created as suggested', async () => {
		// "Tuần thi thứ 1" closes Tuesday 17 November; a third week runs to Monday 30 November 00:00
		expect((await getWeeklyRoundsPage(ctx, fixture.contestId))!.values).toMatchObject({
			firstMonday: '2026-11-23',
			namePrefix: 'Tuần thi thứ',
			firstNumber: '2'
		});
		expect(
			await duplicateRound(ctx, admin, fixture.contestId, fixture.roundId, {
				name: 'Tuần thi thứ 3',
				opensAt: at('2026-11-23T00:00'),
				closesAt: at('2026-11-30T00:00')
			})
		).toMatchObject({ ok: true });
		const page = (await getWeeklyRoundsPage(ctx, fixture.contestId))!;
		expect(page.values).toMatchObject({ firstMonday: '2026-11-30', namePrefix: 'Tuần thi thứ', firstNumber: '4' });
		const result = await createWeeklyRounds(ctx, admin, fixture.contestId, weeklyRoundsSchema.parse(page.values));
		expect(result).toMatchObject({ ok: true });
		const names = (await roundsOf(fixture.contestId)).map((r) => r.name);
		expect(names.slice(2)).toEqual(['Tuần thi thứ 4', 'Tuần thi thứ 5', 'Tuần thi thứ 6', 'Tuần thi thứ 7']);

		// a last round named otherwise, ending mid-week: "Tuần", from the Monday after it
		expect(
			await duplicateRound(ctx, admin, fixture.contestId, fixture.roundId, {
				name: 'Vòng chung kết',
				opensAt: at('2026-12-28T08:00'),
				closesAt: at('2026-12-30T12:00')
			})
		).toMatchObject({ ok: true });
		expect((await getWeeklyRoundsPage(ctx, fixture.contestId))!.values).toMatchObject({
			firstMonday: '2027-01-04',
			namePrefix: 'Tuần',
			firstNumber: '8'
		});
	});

	it('writes nothing when one week cannot run, and says which', async () => {
		// an existing round in the third week
		const form = await storedRoundForm(ctx.db, (await roundsOf(fixture.contestId))[0]);
		const blocker = await saveRound(ctx, admin, fixture.contestId, null, {
			...form,
			name: 'Đợt giữa kỳ',
			opensAt: at('2026-12-09T00:00'),
			closesAt: at('2026-12-10T00:00')
		});
		expect(blocker.ok).toBe(true);
		const before = await auditActions();
		const result = await createWeeklyRounds(
			ctx,
			admin,
			fixture.contestId,
			weekly({ firstMonday: '2026-11-23', weeks: '5', firstNumber: '1' })
		);
		expect(result).toMatchObject({
			ok: false,
			reason: 'round_refused',
			round: 'Tuần 3',
			problems: [{ reason: 'windows_overlap', other: 'Đợt giữa kỳ' }]
		});
		expect((await roundsOf(fixture.contestId)).map((r) => r.name)).toEqual(['Tuần thi thứ 1', 'Đợt giữa kỳ']);
		expect(await auditActions()).toEqual(before);
	});

	it('refuses a first week that is over, and a template of another contest', async () => {
		expect(
			await createWeeklyRounds(
				ctx,
				admin,
				fixture.contestId,
				weekly({ firstMonday: '2026-11-02', weeks: '2', firstNumber: '1' })
			)
		).toEqual({ ok: false, reason: 'first_week_past' });
		const other = await createFixtureContest(ctx, { opensAt: T0 - MINUTE, closesAt: T0 + DAY });
		expect(
			await createWeeklyRounds(
				ctx,
				admin,
				other.contestId,
				weekly({ firstMonday: '2026-11-23', weeks: '2', firstNumber: '1' })
			)
		).toEqual({ ok: false, reason: 'round_unknown' });
		expect(await roundsOf(other.contestId)).toHaveLength(1);
	});

	it("creates the round editor's form as N consecutive weeks, all or nothing", async () => {
		const form = {
			...(await storedRoundForm(ctx.db, (await roundsOf(fixture.contestId))[0])),
			name: 'Tuần',
			opensAt: at('2026-11-23T08:00'),
			closesAt: at('2026-11-28T20:00')
		};
		const result = await createRoundSeries(ctx, admin, fixture.contestId, form, 3);
		expect(result).toMatchObject({ ok: true });
		const weeks = (await roundsOf(fixture.contestId)).slice(1);
		expect(weeks.map((r) => r.name)).toEqual(['Tuần 1', 'Tuần 2', 'Tuần 3']);
		expect(weeks.map((r) => r.opens_at)).toEqual([0, 1, 2].map((i) => at('2026-11-23T08:00') + i * 7 * DAY));
		expect(weeks.map((r) => r.closes_at - r.opens_at)).toEqual(
			Array(3).fill(at('2026-11-28T20:00') - at('2026-11-23T08:00'))
		);

		// a second series fits its first week but runs into "Tuần 1" in its second: nothing of it is written
		const again = await createRoundSeries(
			ctx,
			admin,
			fixture.contestId,
			{ ...form, name: 'Đợt', opensAt: at('2026-11-18T08:00'), closesAt: at('2026-11-21T08:00') },
			2
		);
		expect(again).toMatchObject({ ok: false, reason: 'round_refused', round: 'Đợt 2' });
		expect(await roundsOf(fixture.contestId)).toHaveLength(4);
		expect(seriesWeeksSchema.safeParse('').data).toBe(1);
		expect(seriesWeeksSchema.safeParse('53').success).toBe(false);
	});

	it('checks the form: a Monday that exists, 1 to 52 weeks', () => {
		const messages = (values: Record<string, string>) => {
			const parsed = weeklyRoundsSchema.safeParse({
				templateRoundId: 'r',
				namePrefix: 'Tuần',
				firstNumber: '1',
				...values
			});
			return parsed.success ? [] : parsed.error.issues.map((i) => `${String(i.path[0])}:${i.message}`);
		};
		expect(messages({ firstMonday: '2026-11-24', weeks: '4' })).toEqual(['firstMonday:error.season_first_monday']);
		expect(messages({ firstMonday: '2026-02-30', weeks: '4' })).toEqual(['firstMonday:error.season_first_monday']);
		expect(messages({ firstMonday: '2026-11-23', weeks: '0' })).toEqual(['weeks:error.season_weeks']);
		expect(messages({ firstMonday: '2026-11-23', weeks: '53' })).toEqual(['weeks:error.season_weeks']);
		expect(messages({ firstMonday: '2026-11-23', weeks: '2.5' })).toEqual(['weeks:error.season_weeks']);
		expect(messages({ firstMonday: '2026-11-23', weeks: '52' })).toEqual([]);
	});
});

describe('a round copy', () => {
	it('copies blueprint, prizes and settings into the same contest under a new name and window', async () => {
		const result = await duplicateRound(ctx, admin, fixture.contestId, fixture.roundId, {
			name: 'Tuần thi thứ 2',
			opensAt: at('2026-11-20T08:00'),
			closesAt: at('2026-11-27T08:00')
		});
		expect(result).toMatchObject({ ok: true });
		const [source, copy] = await roundsOf(fixture.contestId);
		expect(copy).toMatchObject({
			name: 'Tuần thi thứ 2',
			opens_at: at('2026-11-20T08:00'),
			prize_counts_json: source.prize_counts_json,
			fast_floor_ms: 1500,
			...NOTICE_COPIED
		});
		expect(await blueprintOf(copy.id)).toEqual(await blueprintOf(source.id));
		const audit = await ctx.db
			.selectFrom('audit_log')
			.select(['entity_id', 'summary'])
			.where('action', '=', 'round.duplicate')
			.execute();
		expect(audit).toEqual([
			{ entity_id: copy.id, summary: 'Nhân bản đợt thi "Tuần thi thứ 1" thành "Tuần thi thứ 2"' }
		]);
	});

	it('refuses a window over the source round, writing nothing', async () => {
		const result = await duplicateRound(ctx, admin, fixture.contestId, fixture.roundId, {
			name: 'Trùng giờ',
			opensAt: T0,
			closesAt: T0 + 2 * DAY
		});
		expect(result).toMatchObject({ ok: false, reason: 'round_refused', round: 'Trùng giờ' });
		expect(await roundsOf(fixture.contestId)).toHaveLength(1);
	});
});

describe('a contest copy', () => {
	it('copies texts, groups, settings and rounds moved by days, and none of the contestants or their attempts', async () => {
		const userId = await createContestant(ctx, fixture, { phone: '0912777001' });
		expect((await startAttempt(ctx, userId, fixture.roundId)).ok).toBe(true);
		await duplicateRound(ctx, admin, fixture.contestId, fixture.roundId, {
			name: 'Tuần thi thứ 2',
			opensAt: at('2026-11-23T00:00'),
			closesAt: at('2026-11-30T00:00')
		});
		const form = duplicateContestSchema.parse({
			title: 'Cuộc thi thử nghiệm năm 2027',
			slug: 'thu-nghiem-2027',
			startDate: '',
			shiftDays: '364'
		});
		const result = await duplicateContest(ctx, admin, fixture.contestId, form);
		expect(result).toMatchObject({ ok: true, days: 364 });
		if (!result.ok) return;

		const [source, copy] = await Promise.all(
			[fixture.contestId, result.contestId].map((id) =>
				ctx.db.selectFrom('contest').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
			)
		);
		expect(copy).toMatchObject({
			slug: 'thu-nghiem-2027',
			title: 'Cuộc thi thử nghiệm năm 2027',
			status: 'draft',
			summary: source.summary,
			rules_md: source.rules_md,
			consent_text: source.consent_text,
			registration_fields_json: source.registration_fields_json,
			retention_days: source.retention_days
		});
		const groups = async (id: string) =>
			ctx.db.selectFrom('contest_group').selectAll().where('contest_id', '=', id).orderBy('position').execute();
		const [sourceGroups, copyGroups] = [await groups(source.id), await groups(copy.id)];
		expect(copyGroups.map((g) => g.name)).toEqual(sourceGroups.map((g) => g.name));
		expect(copyGroups.map((g) => g.id)).not.toContain(sourceGroups[0].id);

		const [sourceRounds, copyRounds] = [await roundsOf(source.id), await roundsOf(copy.id)];
		expect(copyRounds.map((r) => r.name)).toEqual(['Tuần thi thứ 1', 'Tuần thi thứ 2']);
		for (const [i, round] of copyRounds.entries()) {
			expect(round.opens_at).toBe(sourceRounds[i].opens_at + 364 * DAY);
			expect(round.closes_at).toBe(sourceRounds[i].closes_at + 364 * DAY);
			expect(round).toMatchObject(NOTICE_COPIED);
		}
		// blueprint and prizes name the copy's own groups
		const rename = (line: string) =>
			line.replace(sourceGroups[1].id, copyGroups[1].id).replace(sourceGroups[0].id, copyGroups[0].id);
		expect(await blueprintOf(copyRounds[0].id)).toEqual((await blueprintOf(sourceRounds[0].id)).map(rename));
		expect(JSON.parse(copyRounds[0].prize_counts_json)).toEqual({
			[copyGroups[0].id]: { first: 1, second: 2, third: 3, consolation: 4 }
		});

		const count = async (table: 'registration' | 'attempt', column: 'contest_id' | 'round_id', ids: string[]) =>
			(await ctx.db.selectFrom(table).select('id').where(column, 'in', ids).execute()).length;
		expect(await count('registration', 'contest_id', [source.id])).toBe(1);
		expect(await count('registration', 'contest_id', [copy.id])).toBe(0);
		expect(
			await count(
				'attempt',
				'round_id',
				copyRounds.map((r) => r.id)
			)
		).toBe(0);
		const audit = await ctx.db
			.selectFrom('audit_log')
			.select(['entity_id', 'summary'])
			.where('action', '=', 'contest.duplicate')
			.execute();
		expect(audit).toEqual([
			{
				entity_id: copy.id,
				summary: 'Nhân bản cuộc thi "Cuộc thi thử nghiệm" thành "Cuộc thi thử nghiệm năm 2027"'
			}
		]);
	});

	it('moves the rounds to a new start date, keeping their time of day', async () => {
		const form = duplicateContestSchema.parse({
			title: 'Cuộc thi thử nghiệm đợt hai',
			slug: 'thu-nghiem-dot-hai',
			startDate: '2027-03-01',
			shiftDays: ''
		});
		const result = await duplicateContest(ctx, admin, fixture.contestId, form);
		expect(result).toMatchObject({ ok: true });
		if (!result.ok) return;
		const [source] = await roundsOf(fixture.contestId);
		const [copy] = await roundsOf(result.contestId);
		// the source opens 16/11/2026 at 09:59 Vietnam time
		expect(copy.opens_at).toBe(at('2027-03-01T09:59'));
		expect(copy.closes_at - copy.opens_at).toBe(source.closes_at - source.opens_at);
	});

	it('refuses a slug in use, writing nothing', async () => {
		const before = await ctx.db.selectFrom('contest').select('id').execute();
		const form = duplicateContestSchema.parse({
			title: 'Bản sao',
			slug: fixture.slug,
			startDate: '',
			shiftDays: '7'
		});
		expect(await duplicateContest(ctx, admin, fixture.contestId, form)).toEqual({ ok: false, reason: 'slug_taken' });
		expect(await ctx.db.selectFrom('contest').select('id').execute()).toHaveLength(before.length);
		expect(duplicateContestSchema.safeParse({ ...form, slug: 'thu', startDate: '2027-02-29' }).success).toBe(false);
	});

	it("grants an organizer of the source contest the copy, and nobody else's", async () => {
		const organizer = await insertStaff(ctx, '0900000222', 'organizer');
		expect(await grantOrganizer(ctx, admin, '0900000222', fixture.contestId)).toMatchObject({ ok: true });
		const form = duplicateContestSchema.parse({
			title: 'Bản sao của ban tổ chức',
			slug: 'ban-sao-btc',
			startDate: '',
			shiftDays: '30'
		});
		const result = await duplicateContest(ctx, organizer, fixture.contestId, form);
		expect(result).toMatchObject({ ok: true });
		if (!result.ok) return;
		expect(await canManageContest(ctx.db, organizer, result.contestId)).toBe(true);
		const other = await insertStaff(ctx, '0900000333', 'organizer');
		expect(await canManageContest(ctx.db, other, result.contestId)).toBe(false);
	});
});

/**
 * The key a reader of the printed questions works out from the fixture's texts: "Đáp án đúng n"
 * and "Đúng một/hai" are correct; a true/false statement number n is true when n is odd.
 */
function expectedKey(printed: string): string[] {
	const parts = printed.replace('— Hết —', '').split(/Câu (\d+)\. /);
	const key: string[] = [];
	for (let i = 1; i < parts.length; i += 2) {
		const [question, ...options] = parts[i + 1].split(/ (?=[A-D]\. )/);
		const statement = /Nhận định đúng hay sai số (\d)/.exec(question);
		const letters = options
			.map((o) => ({ letter: o[0], text: o.slice(3).trim() }))
			.filter(({ text }) =>
				statement
					? text === (Number(statement[1]) % 2 === 1 ? 'Đúng' : 'Sai')
					: text.startsWith('Đáp án đúng') || text.startsWith('Đúng')
			)
			.map((o) => o.letter);
		key.push(letters.join(', '));
	}
	return key;
}

describe('the question paper of a round draw', () => {
	it('prints the drawn questions with lettered options, the code, and the key alone on the last page', async () => {
		const target = {
			contestId: fixture.contestId,
			roundId: fixture.roundId,
			groupId: fixture.groupIds[1],
			seed: 'DEMO2026AB'
		};
		const paper = await renderQuestionPaper(ctx, admin, target);
		expect(paper.ok).toBe(true);
		if (!paper.ok) return;
		expect(paper.pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
		const pdf = await readPdf(paper.pdf);
		expect(pdf.size[0]).toBeCloseTo(595.28, 0);
		expect(pdf.size[1]).toBeCloseTo(841.89, 0);

		const questions = pdf.pages.slice(0, -1).join(' ');
		const key = pdf.pages.at(-1)!;
		expect(questions).toContain('Mã đề: DEMO2026AB');
		expect(questions).toContain('Đối tượng: Người dân');
		// the group's blueprint: 2 of topic a easy, 2 of b easy, and its own b medium
		for (let n = 1; n <= 5; n++) expect(questions).toContain(`Câu ${n}.`);
		expect(questions).not.toContain('Câu 6.');
		expect(questions).toMatch(/A\. .+ B\. .+ C\. .+ D\. /);
		expect(questions).not.toContain('ĐÁP ÁN');
		expect(key).toContain('ĐÁP ÁN — CHỈ DÀNH CHO BAN TỔ CHỨC');
		expect(key).toContain('Mã đề DEMO2026AB');

		// the same code prints the same paper, and its key is the questions' correct options
		const again = await renderQuestionPaper(ctx, admin, target);
		if (!again.ok) throw new Error(again.reason);
		expect((await readPdf(again.pdf)).pages).toEqual(pdf.pages);
		const other = await renderQuestionPaper(ctx, admin, { ...target, seed: 'KHAC123456' });
		if (!other.ok) throw new Error(other.reason);
		expect((await readPdf(other.pdf)).pages[0]).not.toEqual(pdf.pages[0]);

		const rows = [...key.matchAll(/(?:^|\s)([1-5]) ([A-D](?:, [A-D])*)(?=\s|$)/g)].map((m) => [m[1], m[2]]);
		expect(rows.map((r) => r[0])).toEqual(['1', '2', '3', '4', '5']);
		expect(rows.map((r) => r[1])).toEqual(expectedKey(questions));

		const audit = await ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'round.paper').execute();
		expect(audit).toHaveLength(3);
		expect(JSON.parse(audit[0].detail_json)).toMatchObject({ seed: expect.any(String), groupId: fixture.groupIds[1] });
	});

	it("prints each question's picture and its options' pictures, none on the key page", async () => {
		await attachPictures(ctx);
		const target = {
			contestId: fixture.contestId,
			roundId: fixture.roundId,
			groupId: fixture.groupIds[1],
			seed: 'HINH2026AB'
		};
		const drawn = await drawForAttempt(ctx.db, target.roundId, target.groupId, target.seed);
		if (!drawn) throw new Error('no draw');
		const paper = await renderQuestionPaper(ctx, admin, target);
		if (!paper.ok) throw new Error(paper.reason);
		const draws = await imageDrawsPerPage(paper.pdf);
		// one picture per question and one per option, all before the key, which has none
		const expected = drawn.reduce((n, item) => n + 1 + item.optionKeys.length, 0);
		expect(expected).toBeGreaterThan(drawn.length);
		expect(draws.slice(0, -1).reduce((a, b) => a + b, 0)).toBe(expected);
		expect(draws.at(-1)).toBe(0);
		const text = (await readPdf(paper.pdf)).pages;
		// the picture is printed, its description is not
		expect(text.join(' ')).not.toContain('Mẫu tờ khai');
		expect(text.join(' ')).not.toContain('[Hình');
		expect(text.at(-1)).toContain('ĐÁP ÁN — CHỈ DÀNH CHO BAN TỔ CHỨC');

		// a picture that cannot be read: its description is printed in its place
		const first = await ctx.db
			.selectFrom('question_version')
			.select('image_media_id')
			.where('id', '=', drawn[0].versionId)
			.executeTakeFirstOrThrow();
		await ctx.db
			.updateTable('media')
			.set({ bytes: Buffer.from('not a picture') })
			.where('id', '=', first.image_media_id!)
			.execute();
		const broken = await renderQuestionPaper(ctx, admin, target);
		if (!broken.ok) throw new Error(broken.reason);
		const brokenDraws = await imageDrawsPerPage(broken.pdf);
		expect(brokenDraws.slice(0, -1).reduce((a, b) => a + b, 0)).toBe(expected - 1);
		expect((await readPdf(broken.pdf)).pages.join(' ')).toContain('[Hình: Mẫu tờ khai]');
	});

	it('letters the correct options of a question as the key prints them', () => {
		const q = {
			position: 1,
			type: 'multiple',
			text: 'Chọn các ý đúng',
			options: [
				{ key: 'x', text: 'Một', correct: false },
				{ key: 'y', text: 'Hai', correct: true },
				{ key: 'z', text: 'Ba', correct: true }
			]
		};
		expect(answerLetters(q)).toBe('B, C');
	});

	it('refuses a group of another contest', async () => {
		const other = await createFixtureContest(ctx, { opensAt: T0 - MINUTE, closesAt: T0 + DAY });
		expect(
			await renderQuestionPaper(ctx, admin, {
				contestId: fixture.contestId,
				roundId: fixture.roundId,
				groupId: other.groupIds[0],
				seed: 'ABCD1234'
			})
		).toEqual({ ok: false, reason: 'not_found' });
		expect(await auditActions()).not.toContain('round.paper');
	});
});
