import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collectivePrizeTier } from '../../src/lib/domain/prizes';
import { durationText, translate } from '../../src/lib/i18n';
import { renderAnnouncement } from '../../src/lib/server/results/announcement.pdf';
import type { Actor } from '../../src/lib/server/contests/contest-access';
import { writeCertificateBook } from '../../src/lib/server/results/certificate-book.service';
import { renderCertificate } from '../../src/lib/server/results/certificate.pdf';
import { closeRound } from '../../src/lib/server/results/close.service';
import type { ExportOutcome } from '../../src/lib/server/results/export.service';
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

describe('every winner’s certificate in one PDF', () => {
	/** An admin of the platform, who may manage every contest. */
	async function adminActor(): Promise<Actor> {
		const id = await createContestant(ctx, fixture, { phone: '0900000009', fullName: 'Quản trị' });
		await ctx.db.updateTable('app_user').set({ role: 'admin' }).where('id', '=', id).execute();
		await ctx.db.deleteFrom('registration').where('user_id', '=', id).execute();
		return { id, role: 'admin' };
	}

	async function writeBook(actor: Actor): Promise<{ outcome: ExportOutcome; bytes: Buffer }> {
		const chunks: Buffer[] = [];
		// a slow reader with a small buffer, as a download on a slow line
		const out = new Writable({
			highWaterMark: 8 * 1024,
			write(chunk: Buffer, _encoding, callback) {
				chunks.push(Buffer.from(chunk));
				setImmediate(callback);
			}
		});
		const outcome = await writeCertificateBook(ctx, actor, fixture.roundId, out);
		return { outcome, bytes: Buffer.concat(chunks) };
	}

	it('has a page per winner, each naming its winner and prize, and the download is audited', async () => {
		await populate();
		const admin = await adminActor();
		expect((await writeBook(admin)).outcome).toEqual({ ok: false, reason: 'round_not_closed' });
		await closeAfterEnd();

		const { outcome, bytes } = await writeBook(admin);
		const winners = await listWinners(ctx.db, fixture.roundId);
		expect(winners.length).toBeGreaterThan(1);
		expect(outcome).toEqual({ ok: true, rows: winners.length });
		const pdf = await readPdf(bytes);
		expect(pdf.pages).toHaveLength(winners.length);
		expect(pdf.size[0]).toBeGreaterThan(pdf.size[1]);
		for (const [i, w] of winners.entries()) {
			expect(pdf.pages[i]).toContain('GIẤY CHỨNG NHẬN');
			expect(pdf.pages[i]).toContain(w.fullName);
			expect(pdf.pages[i]).toContain(`Đã đạt ${PRIZE_WORDS[w.prize]}`);
		}
		expect(pdf.text).not.toMatch(PERSONAL);

		const audit = await ctx.db
			.selectFrom('audit_log')
			.select(['actor_id', 'entity_id', 'detail_json'])
			.where('action', '=', 'results.certificates')
			.execute();
		expect(audit).toHaveLength(1);
		expect(audit[0]).toMatchObject({ actor_id: admin.id, entity_id: fixture.roundId });
		expect(JSON.parse(audit[0].detail_json)).toMatchObject({ certificates: winners.length });
	});

	it('says so on its one page when the round has no individual prize', async () => {
		await ctx.db.updateTable('round').set({ prize_counts_json: '{}' }).execute();
		await populate();
		await closeAfterEnd();
		const { outcome, bytes } = await writeBook(await adminActor());
		expect(outcome).toEqual({ ok: true, rows: 0 });
		const pdf = await readPdf(bytes);
		expect(pdf.pages).toHaveLength(1);
		expect(pdf.text).toContain('Đợt thi này không có giải cá nhân nào.');
	});
});

describe('the notice’s heading, durations and signature', () => {
	it('prints the round’s superior body, number and signer, and durations in words', async () => {
		await populate();
		await ctx.db
			.updateTable('round')
			.set({
				notice_superior: 'UBND tỉnh Thử Nghiệm',
				notice_number: '12/TB-BTC',
				notice_signer_title: 'Phó Trưởng ban',
				notice_signer_name: 'Nguyễn Thị Ký'
			})
			.execute();
		await closeAfterEnd();
		const notice = await readPdf((await renderAnnouncement(ctx, fixture.roundId))!);
		// the superior body above the organizer, the organizer named after the contest (not "CUỘC THI CUỘC THI")
		expect(notice.pages[0]).toMatch(/^UBND TỈNH THỬ NGHIỆM BAN TỔ CHỨC CUỘC THI THỬ NGHIỆM/);
		expect(notice.text).toContain('Số: 12/TB-BTC');
		expect(notice.text).not.toContain('/TB-BTC Số');
		// the page number (from the second page) is drawn last
		expect(notice.text).toMatch(/TM\. BAN TỔ CHỨC PHÓ TRƯỞNG BAN Nguyễn Thị Ký( \d+)?$/);
		for (const w of await listWinners(ctx.db, fixture.roundId)) {
			expect(notice.text).toContain(`${w.score}/${w.maxScore} ${durationText(w.durationMs, 'vi')}`);
		}
		expect(notice.text).toMatch(/\d+ giây/);

		const winner = (await listWinners(ctx.db, fixture.roundId))[0];
		const users = await ctx.db.selectFrom('app_user').select('id').where('full_name', '=', winner.fullName).execute();
		const certificate = await readPdf((await renderCertificate(ctx, fixture.roundId, users[0].id))!);
		expect(certificate.text).toContain('BAN TỔ CHỨC CUỘC THI THỬ NGHIỆM');
		expect(certificate.text).toMatch(/TM\. BAN TỔ CHỨC PHÓ TRƯỞNG BAN Nguyễn Thị Ký$/);
	});

	it('leaves the number to fill by hand and signs as the head of the committee by default', async () => {
		await populate();
		await closeAfterEnd();
		const notice = await readPdf((await renderAnnouncement(ctx, fixture.roundId))!);
		expect(notice.pages[0]).toMatch(/^BAN TỔ CHỨC CUỘC THI THỬ NGHIỆM/);
		expect(notice.text).toMatch(/Số: \/TB-BTC/);
		expect(notice.text).toMatch(/TM\. BAN TỔ CHỨC TRƯỞNG BAN( \d+)?$/);
	});

	it('names collective prizes as the studio and the winners page do', async () => {
		await populate();
		await closeAfterEnd();
		const notice = await readPdf((await renderAnnouncement(ctx, fixture.roundId))!);
		const collective = (await listUnitResults(ctx.db, fixture.roundId, true)).filter((u) => u.prize !== null);
		for (const unit of collective) {
			expect(notice.text).toContain(
				`${unit.name} ${translate('vi', `results.prize.${collectivePrizeTier(unit.prize!)}`)}`
			);
		}
	});
});
