import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderAnnouncement } from '../../src/lib/server/results/announcement.pdf';
import { renderCertificate } from '../../src/lib/server/results/certificate.pdf';
import { closeRound } from '../../src/lib/server/results/close.service';
import { listUnitResults, listWinners } from '../../src/lib/server/results/results.service';
import { createContestant, createFixtureContest, finishVariedAttempt, MINUTE, type Fixture } from '../helpers/fixtures';
import { readPdf } from '../helpers/pdf';
import { createTestContext, type TestContext } from '../helpers/test-context';

// The announcement and certificate PDFs of a closed round, read back with pdfjs: what they say,
// and what they must never say (phone, email, birth date).

const NAMES = [
	'Nguyễn Văn Hùng',
	'Trần Thị Thu Hà',
	'Lê Đức Anh',
	'Phạm Thị Hương',
	'Hoàng Minh Đức',
	'Vũ Thị Ngọc Ánh',
	'Đặng Quốc Bảo',
	'Bùi Thị Lan',
	'Đỗ Văn Nam',
	'Hồ Thị Thủy',
	'Ngô Quang Huy',
	'Dương Thị Yến'
];
const PRIZE_WORDS = { first: 'Giải Nhất', second: 'Giải Nhì', third: 'Giải Ba', consolation: 'Giải Khuyến khích' };
const PERSONAL = /0914\s?0000|thisinh@example\.vn|1990-01-01|01\/01\/1990/;

let ctx: TestContext;
let fixture: Fixture;

beforeEach(async () => {
	ctx = await createTestContext();
	const now = ctx.clock.now();
	fixture = await createFixtureContest(ctx, { opensAt: now - MINUTE, closesAt: now + 60 * MINUTE, maxAttempts: 1 });
	await ctx.db
		.updateTable('round')
		.set({
			prize_counts_json: JSON.stringify({ [fixture.groupIds[0]]: { first: 1, second: 1, third: 2, consolation: 2 } }),
			collective_prize_json: JSON.stringify({ by: 'participation_rate', count: 1, minRate: 0.01 })
		})
		.execute();
});

afterEach(async () => {
	await ctx.dispose();
});

/** A finished attempt whose answers (and so score) depend on `salt`. */
async function finish(userId: string, salt: number): Promise<void> {
	await finishVariedAttempt(ctx, fixture.roundId, userId, salt, salt);
}

async function populate(): Promise<Map<string, string>> {
	const users = new Map<string, string>();
	for (const [i, name] of NAMES.entries()) {
		const userId = await createContestant(ctx, fixture, {
			phone: `09140000${String(i).padStart(2, '0')}`,
			fullName: name,
			unit: i % 3 === 0 ? 1 : 0
		});
		users.set(name, userId);
		await finish(userId, i);
	}
	return users;
}

async function closeAfterEnd(): Promise<void> {
	const round = await ctx.db.selectFrom('round').select('closes_at').executeTakeFirstOrThrow();
	ctx.clock.set(round.closes_at + 10 * MINUTE);
	const closed = await closeRound(ctx, fixture.roundId, null);
	if (!closed.ok) throw new Error(closed.reason);
}

describe('the announcement PDF', () => {
	it('is null until the round is closed', async () => {
		await populate();
		expect(await renderAnnouncement(ctx, fixture.roundId)).toBeNull();
		expect(await renderAnnouncement(ctx, 'no-such-round')).toBeNull();
	});

	it('announces the contest, the round, every winner with unit and prize, and the collective winners', async () => {
		await populate();
		await closeAfterEnd();
		const bytes = await renderAnnouncement(ctx, fixture.roundId);
		expect(bytes).not.toBeNull();
		expect(bytes!.subarray(0, 5).toString('latin1')).toBe('%PDF-');
		const pdf = await readPdf(bytes!);

		expect(pdf.size[0]).toBeLessThan(pdf.size[1]);
		expect(pdf.info).toMatchObject({
			Title: 'Thông báo kết quả Tuần thi thứ 1 — Cuộc thi thử nghiệm',
			Author: 'CuộcThi'
		});
		const text = pdf.text;
		for (const heading of [
			'BAN TỔ CHỨC',
			'CUỘC THI THỬ NGHIỆM',
			'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
			'Độc lập - Tự do - Hạnh phúc',
			'THÔNG BÁO',
			'Kết quả Tuần thi thứ 1 — Cuộc thi thử nghiệm',
			'Bao nhiêu người trả lời đúng tất cả?',
			'I. GIẢI CÁ NHÂN',
			'1. Đối tượng: Cán bộ, công chức, viên chức',
			'2. Đối tượng: Người dân',
			'II. GIẢI TẬP THỂ',
			'TM. BAN TỔ CHỨC'
		]) {
			expect(text).toContain(heading);
		}
		// Closed on 2026-11-16 (test clock) at 10:00 + 70 min in Vietnam: an official date line.
		expect(text).toMatch(/Thử Nghiệm, ngày \d{2} tháng (0[12]|[3-9]|1[0-2]) năm 2026/);

		const winners = await listWinners(ctx.db, fixture.roundId);
		expect(winners).toHaveLength(6);
		for (const [i, w] of winners.entries()) {
			expect(text).toContain(`${i + 1} ${w.fullName} ${w.unitName} ${PRIZE_WORDS[w.prize]}`);
		}
		for (const name of NAMES.filter((n) => !winners.some((w) => w.fullName === n))) {
			expect(text).not.toContain(name);
		}
		const collective = (await listUnitResults(ctx.db, fixture.roundId, true)).filter((u) => u.prize !== null);
		expect(collective).toHaveLength(1);
		expect(text).toContain(`1 ${collective[0].name} Giải Nhất`);

		expect(text).not.toMatch(PERSONAL);
	});

	it('repeats the table header on every page of a long list of winners', async () => {
		const userIds: string[] = [];
		for (let i = 0; i < 130; i++) {
			userIds.push(
				await createContestant(ctx, fixture, {
					phone: `0915${String(i).padStart(6, '0')}`,
					fullName: `Người Đạt Giải ${String(i + 1).padStart(3, '0')}`,
					unit: (i % 2) as 0 | 1
				})
			);
		}
		// Best attempts as the attempt service would have kept them: distinct scores and times.
		await ctx.db
			.insertInto('round_result')
			.values(
				userIds.map((userId, i) => ({
					round_id: fixture.roundId,
					user_id: userId,
					group_id: fixture.groupIds[0],
					unit_id: fixture.unitIds[i % 2],
					attempt_id: `attempt-${i}`,
					score: 5,
					max_score: 5,
					duration_ms: 60_000 + i * 1000,
					submitted_at: ctx.clock.now() + i,
					prediction: null
				}))
			)
			.execute();
		await ctx.db
			.updateTable('round')
			.set({
				prize_counts_json: JSON.stringify({
					[fixture.groupIds[0]]: { first: 5, second: 10, third: 15, consolation: 90 }
				})
			})
			.execute();
		await closeAfterEnd();
		const pdf = await readPdf((await renderAnnouncement(ctx, fixture.roundId))!);

		expect(pdf.pages.length).toBeGreaterThanOrEqual(3);
		const tablePages = pdf.pages.filter((p) => p.includes('Người Đạt Giải'));
		expect(tablePages.length).toBeGreaterThanOrEqual(2);
		for (const page of tablePages) expect(page).toContain('STT Họ và tên Đơn vị Giải Điểm Thời gian');
		for (let i = 1; i <= 120; i++) expect(pdf.text).toContain(`Người Đạt Giải ${String(i).padStart(3, '0')}`);
		expect(pdf.text).not.toContain('Người Đạt Giải 121');
		// Official documents number their pages from the second one, at the top.
		expect(pdf.pages[1].endsWith(' 2')).toBe(true);
	});

	it('renders the same bytes twice', async () => {
		await populate();
		await closeAfterEnd();
		const a = await renderAnnouncement(ctx, fixture.roundId);
		const b = await renderAnnouncement(ctx, fixture.roundId);
		expect(a!.equals(b!)).toBe(true);
	});
});

describe('the certificate PDF', () => {
	it('certifies a winner’s name, unit, prize and round, and nobody else’s', async () => {
		const users = await populate();
		expect(await renderCertificate(ctx, fixture.roundId, users.get(NAMES[0])!)).toBeNull();
		await closeAfterEnd();

		const winners = await listWinners(ctx.db, fixture.roundId);
		for (const winner of [winners[0], winners[winners.length - 1]]) {
			const bytes = await renderCertificate(ctx, fixture.roundId, users.get(winner.fullName)!);
			expect(bytes).not.toBeNull();
			const pdf = await readPdf(bytes!);
			expect(pdf.pages).toHaveLength(1);
			expect(pdf.size[0]).toBeGreaterThan(pdf.size[1]);
			expect(pdf.info).toMatchObject({ Author: 'CuộcThi' });
			expect(String(pdf.info.Title)).toContain(winner.fullName);
			for (const part of [
				'GIẤY CHỨNG NHẬN',
				winner.fullName,
				`Đơn vị: ${winner.unitName}`,
				'Đối tượng: Cán bộ, công chức, viên chức',
				`Đã đạt ${PRIZE_WORDS[winner.prize]}`,
				'Tuần thi thứ 1 — Cuộc thi thử nghiệm',
				'TM. BAN TỔ CHỨC'
			]) {
				expect(pdf.text).toContain(part);
			}
			expect(pdf.text).not.toMatch(PERSONAL);
		}

		const loser = NAMES.find((n) => !winners.some((w) => w.fullName === n))!;
		expect(await renderCertificate(ctx, fixture.roundId, users.get(loser)!)).toBeNull();
		expect(await renderCertificate(ctx, fixture.roundId, 'nobody')).toBeNull();
	});
});
