import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startAttempt } from '../../src/lib/server/attempts/attempt.service';
import type { SessionUser } from '../../src/lib/server/auth/session';
import { writeLaggingWorkbook } from '../../src/lib/server/registrations/participation-export';
import { getUnitParticipation } from '../../src/lib/server/registrations/participation.service';
import { writeRegistrationsWorkbook } from '../../src/lib/server/registrations/registration-export';
import {
	listRegistrationChunk,
	type RegistrationCursor
} from '../../src/lib/server/registrations/registration.repository';
import {
	changeRegistrationPlacement,
	getContestant,
	getRegistrationsPage,
	REGISTRATIONS_PER_PAGE
} from '../../src/lib/server/registrations/registration.service';
import { createContestant, createFixtureContest, finishVariedAttempt, MINUTE, type Fixture } from '../helpers/fixtures';
import { createTestContext, insertAdminSession, type TestContext } from '../helpers/test-context';

// The studio's people pages (issue 15) on a real database, both passes: registrations searched by
// name, phone, unit and group with or without diacritics, filtered by unit (sub-units included)
// and group, paged; a contestant's page; an audited change of unit or group; the registrations
// workbook (audited) and participation by unit with its lagging units' workbook.

let ctx: TestContext;
let fixture: Fixture;
let organizer: SessionUser;

const list = (q: string, extra: { unitId?: string; groupId?: string; page?: number } = {}) =>
	getRegistrationsPage(ctx, fixture.contestId, {
		q,
		unitId: extra.unitId ?? null,
		groupId: extra.groupId ?? null,
		page: extra.page ?? 1
	}).then((p) => p!);

const names = async (q: string, extra?: { unitId?: string; groupId?: string }) =>
	(await list(q, extra)).rows.map((r) => r.fullName).sort();

async function workbookFrom(write: (out: PassThrough) => Promise<unknown>): Promise<ExcelJS.Workbook> {
	const out = new PassThrough();
	const chunks: Buffer[] = [];
	out.on('data', (c: Buffer) => chunks.push(c));
	const ended = new Promise((resolve) => out.on('end', resolve));
	await write(out);
	await ended;
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
	return workbook;
}

beforeEach(async () => {
	ctx = await createTestContext();
	const t0 = ctx.clock.now();
	fixture = await createFixtureContest(ctx, { opensAt: t0 - MINUTE, closesAt: t0 + 600 * MINUTE, maxAttempts: 2 });
	organizer = await insertAdminSession(ctx, '0900000111');
	await createContestant(ctx, fixture, { phone: '0912000001', fullName: 'Nguyễn Đức Hùng', unit: 0, group: 0 });
	await createContestant(ctx, fixture, { phone: '0912000002', fullName: 'Trần Thị Bình', unit: 1, group: 1 });
	await createContestant(ctx, fixture, { phone: '0987654321', fullName: 'Lê Văn Đức', unit: 1, group: 0 });
});

afterEach(async () => {
	await ctx.dispose();
});

describe('registrations search', () => {
	it('finds a name typed with or without diacritics, in any case', async () => {
		expect(await names('Đức')).toEqual(['Lê Văn Đức', 'Nguyễn Đức Hùng']);
		expect(await names('duc')).toEqual(['Lê Văn Đức', 'Nguyễn Đức Hùng']);
		expect(await names('NGUYEN DUC')).toEqual(['Nguyễn Đức Hùng']);
		expect(await names('thị bình')).toEqual(['Trần Thị Bình']);
		expect(await names('khong co ai')).toEqual([]);
	});

	it('finds a phone by its digits, a unit and a group by name', async () => {
		expect(await names('0987 654')).toEqual(['Lê Văn Đức']);
		// two digits are too few for a phone: searched as text, they find nobody
		expect(await names('09')).toEqual([]);
		expect(await names('phong hai')).toEqual(['Lê Văn Đức', 'Trần Thị Bình']);
		expect(await names('Người dân')).toEqual(['Trần Thị Bình']);
		expect(await names('nguoi dan')).toEqual(['Trần Thị Bình']);
	});

	it('treats LIKE wildcards in the query as text', async () => {
		expect(await names('%')).toEqual([]);
		expect(await names('_')).toEqual([]);
	});

	it('filters by unit (with its sub-units) and by group', async () => {
		const root = (await ctx.db.selectFrom('unit').select('id').where('parent_id', 'is', null).execute()).map(
			(u) => u.id
		);
		expect(await names('', { unitId: fixture.unitIds[1] })).toEqual(['Lê Văn Đức', 'Trần Thị Bình']);
		expect((await names('', { unitId: root[0] })).length).toBe(3);
		expect(await names('', { groupId: fixture.groupIds[0] })).toEqual(['Lê Văn Đức', 'Nguyễn Đức Hùng']);
		expect(await names('duc', { unitId: fixture.unitIds[1] })).toEqual(['Lê Văn Đức']);
	});

	it('pages on the server without overlap and masks phones in the list', async () => {
		for (let i = 0; i < REGISTRATIONS_PER_PAGE + 5; i++) {
			await createContestant(ctx, fixture, { phone: `0913${String(i).padStart(6, '0')}`, fullName: `Phạm Văn ${i}` });
		}
		const first = await list('pham');
		const second = await list('pham', { page: 2 });
		expect(first.total).toBe(REGISTRATIONS_PER_PAGE + 5);
		expect(first.pages).toBe(2);
		expect(first.rows).toHaveLength(REGISTRATIONS_PER_PAGE);
		expect(second.rows).toHaveLength(5);
		const ids = new Set([...first.rows, ...second.rows].map((r) => r.userId));
		expect(ids.size).toBe(REGISTRATIONS_PER_PAGE + 5);
		expect(first.rows[0].phoneHint).toMatch(/^091\*{4}\d{3}$/);
		expect(JSON.stringify(first)).not.toContain('0913000000');
	});
});

describe('registrations order', () => {
	it("lists and exports by name in Vietnamese order, Đ among the D's, in the same order", async () => {
		for (const [i, fullName] of ['Vũ Văn Bảo', 'Đinh Văn An', 'Ngô Thị Lan', 'Đỗ Văn Dũng', 'Đặng Thị Cúc'].entries()) {
			await createContestant(ctx, fixture, { phone: `091400000${i}`, fullName });
		}
		const expected = [
			'Đặng Thị Cúc',
			'Đinh Văn An',
			'Đỗ Văn Dũng',
			'Lê Văn Đức',
			'Ngô Thị Lan',
			'Nguyễn Đức Hùng',
			'Trần Thị Bình',
			'Vũ Văn Bảo'
		];
		expect((await list('')).rows.map((r) => r.fullName)).toEqual(expected);

		const workbook = await workbookFrom((out) => writeRegistrationsWorkbook(ctx, organizer, fixture.contestId, out));
		const sheet = workbook.getWorksheet('Thí sinh')!;
		expect(expected.map((_, i) => sheet.getRow(i + 2).getCell(1).value)).toEqual(expected);

		// the export's keyset chunks pick up where the last one ended, in the same order
		const chunked: string[] = [];
		for (let after: RegistrationCursor | null = null; ;) {
			const chunk = await listRegistrationChunk(ctx.db, fixture.contestId, after, 3);
			chunked.push(...chunk.map((r) => r.fullName));
			if (chunk.length < 3) break;
			const last = chunk[chunk.length - 1];
			after = { sortKey: last.sortKey, fullName: last.fullName, id: last.id };
		}
		expect(chunked).toEqual(expected);
	});
});

describe('a contestant', () => {
	it('opens with attempts and results, and moves unit and group with a reason on the audit log', async () => {
		const [hung] = (await list('hung')).rows;
		const attemptId = await finishVariedAttempt(ctx, fixture.roundId, hung.userId, 3, 10);
		const page = (await getContestant(ctx, fixture.contestId, hung.userId))!;
		expect(page.registration.phone).toBe('0912000001');
		expect(page.attempts.map((a) => a.id)).toEqual([attemptId]);
		expect(page.attempts[0].unitName).toBe('Phường Hà Khánh');

		const refused = await changeRegistrationPlacement(ctx, organizer, fixture.contestId, hung.userId, {
			unitId: fixture.unitIds[0],
			groupId: fixture.groupIds[0],
			reason: 'Không đổi'
		});
		expect(refused).toEqual({ ok: false, reason: 'registration_unchanged' });
		const foreign = await changeRegistrationPlacement(ctx, organizer, fixture.contestId, hung.userId, {
			unitId: 'no-such-unit',
			groupId: fixture.groupIds[0],
			reason: 'Sai đơn vị'
		});
		expect(foreign).toEqual({ ok: false, reason: 'registration_unit' });

		const moved = await changeRegistrationPlacement(ctx, organizer, fixture.contestId, hung.userId, {
			unitId: fixture.unitIds[1],
			groupId: fixture.groupIds[1],
			reason: 'Thí sinh đăng ký nhầm đơn vị'
		});
		expect(moved).toEqual({ ok: true });
		const after = (await getContestant(ctx, fixture.contestId, hung.userId))!;
		expect(after.registration.unitName).toBe('Xã Phong Hải');
		expect(after.registration.groupName).toBe('Người dân');
		// the attempt taken before keeps the unit it was taken under
		expect(after.attempts[0].unitName).toBe('Phường Hà Khánh');
		const audit = await ctx.db
			.selectFrom('audit_log')
			.select(['actor_id', 'summary', 'detail_json'])
			.where('action', '=', 'registration.change')
			.execute();
		expect(audit).toHaveLength(1);
		expect(audit[0].actor_id).toBe(organizer.id);
		expect(audit[0].summary).toContain('Thí sinh đăng ký nhầm đơn vị');
		expect(JSON.parse(audit[0].detail_json).to).toEqual({ unitId: fixture.unitIds[1], groupId: fixture.groupIds[1] });
	});
});

describe('exports', () => {
	it('writes every registration with typed columns and audits who, when and how many', async () => {
		const workbook = await workbookFrom((out) => writeRegistrationsWorkbook(ctx, organizer, fixture.contestId, out));
		const sheet = workbook.getWorksheet('Thí sinh')!;
		const header = (sheet.getRow(1).values as unknown[]).slice(1);
		expect(header).toEqual([
			'Họ và tên',
			'Số điện thoại',
			'Email',
			'Ngày sinh',
			'Đơn vị',
			'Đơn vị cấp trên',
			'Đối tượng',
			'Đăng ký lúc',
			'Số lượt thi'
		]);
		expect(sheet.rowCount).toBe(4);
		const rows = [2, 3, 4].map((n) => sheet.getRow(n));
		const binh = rows.find((r) => r.getCell(1).value === 'Trần Thị Bình')!;
		expect(binh.getCell(2).value).toBe('0912000002');
		expect(binh.getCell(4).value).toBeInstanceOf(Date);
		expect(binh.getCell(5).value).toBe('Xã Phong Hải');
		expect(binh.getCell(6).value).toBe('Tỉnh Thử Nghiệm');
		expect(binh.getCell(8).value).toBeInstanceOf(Date);
		expect(binh.getCell(9).value).toBe(0);
		const audit = await ctx.db
			.selectFrom('audit_log')
			.select(['actor_id', 'at', 'detail_json'])
			.where('action', '=', 'registrations.export')
			.execute();
		expect(audit).toHaveLength(1);
		expect(audit[0].actor_id).toBe(organizer.id);
		expect(Number(audit[0].at)).toBe(ctx.clock.now());
		expect(JSON.parse(audit[0].detail_json)).toMatchObject({ rows: 3, format: 'xlsx' });
	});

	it('lists participation by unit with sub-units rolled up, lagging first, and exports the lagging units', async () => {
		const [hung] = (await list('hung')).rows;
		const [binh] = (await list('binh')).rows;
		expect((await startAttempt(ctx, hung.userId, fixture.roundId)).ok).toBe(true);
		await finishVariedAttempt(ctx, fixture.roundId, binh.userId, 1, 5);
		const page = (await getUnitParticipation(ctx, fixture.contestId, { roundId: fixture.roundId, level: 'top' }))!;
		const byName = new Map(page.rows.map((r) => [r.name, r]));
		// the province's row is its whole tree: 100 + 50 + 40 staff, 2 of 3 registered took part
		expect(byName.get('Tỉnh Thử Nghiệm')).toMatchObject({ headcount: 190, registered: 3, participants: 2 });
		expect(byName.get('Phường Hà Khánh')).toMatchObject({ headcount: 50, registered: 1, participants: 1 });
		expect(byName.get('Xã Phong Hải')).toMatchObject({ headcount: 40, registered: 2, participants: 1, missing: 39 });
		// 2/190, then 1/50, then 1/40
		expect(page.rows.map((r) => r.name)).toEqual(['Tỉnh Thử Nghiệm', 'Phường Hà Khánh', 'Xã Phong Hải']);

		const workbook = await workbookFrom((out) => writeLaggingWorkbook(page, out));
		const sheet = workbook.getWorksheet('Đơn vị chưa tham gia')!;
		expect(sheet.getRow(2).getCell(2).value).toBe('Tỉnh Thử Nghiệm');
		expect(sheet.getRow(3).getCell(2).value).toBe('Phường Hà Khánh');
		expect(sheet.getRow(3).getCell(3).value).toBe('Tỉnh Thử Nghiệm');
		expect(sheet.getRow(3).getCell(7).value).toBeCloseTo(1 / 50);
		expect(sheet.getRow(3).getCell(8).value).toBe(49);
		expect(sheet.rowCount).toBe(4);
	});

	it('counts an attempt under the unit it was taken for, even after the contestant moves unit', async () => {
		const [hung] = (await list('hung')).rows;
		await finishVariedAttempt(ctx, fixture.roundId, hung.userId, 3, 10);
		const moved = await changeRegistrationPlacement(ctx, organizer, fixture.contestId, hung.userId, {
			unitId: fixture.unitIds[1],
			groupId: fixture.groupIds[0],
			reason: 'Chuyển công tác'
		});
		expect(moved).toEqual({ ok: true });
		const counts = async (roundId: string | null) => {
			const page = (await getUnitParticipation(ctx, fixture.contestId, { roundId, level: 'all' }))!;
			return Object.fromEntries(
				page.rows
					.filter((r) => r.name !== 'Tỉnh Thử Nghiệm')
					.map((r) => [r.name, { registered: r.registered, participants: r.participants }])
			);
		};
		// registered by the current unit; took part by the unit on the attempt, as the results say
		const before = {
			'Phường Hà Khánh': { registered: 0, participants: 1 },
			'Xã Phong Hải': { registered: 3, participants: 0 }
		};
		expect(await counts(fixture.roundId)).toEqual(before);
		expect(await counts(null)).toEqual(before);

		// a second attempt taken under the new unit: he counts once, for the unit of his latest attempt
		await finishVariedAttempt(ctx, fixture.roundId, hung.userId, 4, 10);
		const after = {
			'Phường Hà Khánh': { registered: 0, participants: 0 },
			'Xã Phong Hải': { registered: 3, participants: 1 }
		};
		expect(await counts(fixture.roundId)).toEqual(after);
		expect(await counts(null)).toEqual(after);
	});
});
