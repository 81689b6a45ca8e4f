import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rowsToUnits, type ImportedUnit } from '../../src/lib/domain/import/units';
import { en } from '../../src/lib/i18n/en';
import { vi } from '../../src/lib/i18n/vi';
import { listAudit } from '../../src/lib/server/audit/audit.repository';
import { newId } from '../../src/lib/server/ids';
import type { Actor } from '../../src/lib/server/questions/question.service';
import { readUnitFile } from '../../src/lib/server/units/unit-import';
import { countContestantsByUnit, findUnit, listUnits } from '../../src/lib/server/units/unit.repository';
import {
	UNIT_FAILURES,
	addUnit,
	importUnits,
	mergeUnits,
	moveUnit,
	renameUnit,
	setHeadcount
} from '../../src/lib/server/units/unit.service';
import { insertUser } from '../../src/lib/server/users/user.repository';
import { createContestant, createFixtureContest, MINUTE, type Fixture } from '../helpers/fixtures';
import { createTestContext, type TestContext } from '../helpers/test-context';
import { refuseInserts } from '../helpers/refuse';
import { runAttempt } from './support';

let ctx: TestContext;
let fixture: Fixture;
let organizer: Actor;
/** The fixture's units: the province and its two children (ward Hà Khánh, commune Phong Hải). */
let rootId: string;
let wardId: string;
let communeId: string;

beforeEach(async () => {
	ctx = await createTestContext();
	const t0 = ctx.clock.now();
	fixture = await createFixtureContest(ctx, { opensAt: t0 - 60 * MINUTE, closesAt: t0 + 7 * 24 * 60 * MINUTE });
	[wardId, communeId] = fixture.unitIds;
	rootId = (await findUnit(ctx.db, wardId))!.parent_id!;
	organizer = await createActor();
});

afterEach(async () => {
	await ctx.dispose();
});

/** An app_user row, so audit_log.actor_id holds: an admin, the one who edits the shared tree. */
async function createActor(): Promise<Actor> {
	const id = newId();
	await insertUser(ctx.db, {
		id,
		phone: '0900000099',
		full_name: 'Quản trị viên',
		birth_date: null,
		email: null,
		password_hash: 'không dùng',
		role: 'admin',
		created_at: ctx.clock.now()
	});
	return { id, role: 'admin' };
}

async function unitIdOf(table: 'registration' | 'attempt' | 'round_result', userId: string): Promise<string> {
	const row = await ctx.db.selectFrom(table).select('unit_id').where('user_id', '=', userId).executeTakeFirstOrThrow();
	return row.unit_id;
}

async function auditActions(): Promise<string[]> {
	return (await listAudit(ctx.db)).map((e) => e.action);
}

/** The tree as code → [name, parent code, headcount, kind], for comparing before and after. */
async function treeSnapshot(): Promise<Record<string, [string, string | null, number, string]>> {
	const units = await listUnits(ctx.db);
	const codeById = new Map(units.map((u) => [u.id, u.code]));
	return Object.fromEntries(
		units.map((u) => [u.code, [u.name, u.parent_id ? codeById.get(u.parent_id)! : null, u.headcount, u.kind]])
	);
}

async function codeOf(unitId: string): Promise<string> {
	return (await findUnit(ctx.db, unitId))!.code;
}

function unit(line: number, code: string, name: string, parentCode: string | null, more: Partial<ImportedUnit> = {}) {
	return { line, code, name, parentCode, headcount: null, kind: null, ...more } satisfies ImportedUnit;
}

describe('merging units', () => {
	it('moves registrations, attempts, round results and child units to the target, then deletes the source', async () => {
		const child = await addUnit(ctx, organizer, {
			code: 'HK-VP',
			name: 'Văn phòng phường Hà Khánh',
			parentId: wardId,
			kind: 'office',
			headcount: 12
		});
		if (!child.ok) throw new Error(child.reason);
		const [wardCode, communeCode] = [await codeOf(wardId), await codeOf(communeId)];
		const userId = await createContestant(ctx, fixture, { phone: '0913100001', unit: 0 });
		await runAttempt(ctx, userId, fixture.roundId, { startAt: ctx.clock.now(), correct: 3, durationMs: 2 * MINUTE });
		expect(await unitIdOf('round_result', userId)).toBe(wardId);

		const merged = await mergeUnits(ctx, organizer, wardId, communeId);

		expect(merged).toEqual({
			ok: true,
			registrations: 1,
			attempts: 1,
			results: 1,
			children: 1,
			sourceName: 'Phường Hà Khánh',
			targetName: 'Xã Phong Hải'
		});
		expect(await unitIdOf('registration', userId)).toBe(communeId);
		expect(await unitIdOf('attempt', userId)).toBe(communeId);
		expect(await unitIdOf('round_result', userId)).toBe(communeId);
		expect((await findUnit(ctx.db, child.unitId))!.parent_id).toBe(communeId);
		expect(await findUnit(ctx.db, wardId)).toBeUndefined();
		expect((await findUnit(ctx.db, communeId))!.headcount).toBe(40 + 50);
		expect((await countContestantsByUnit(ctx.db)).get(communeId)).toBe(1);
		const entry = (await listAudit(ctx.db)).find((e) => e.action === 'unit.merge')!;
		expect(entry).toMatchObject({ entityId: communeId, actorName: 'Quản trị viên' });
		expect(entry.summary).toBe(`Gộp đơn vị "Phường Hà Khánh" (${wardCode}) vào "Xã Phong Hải" (${communeCode})`);
	});

	it('refuses to merge a unit into itself or into a unit below it, and changes nothing', async () => {
		await createContestant(ctx, fixture, { phone: '0913100002', unit: 0 });
		const before = await treeSnapshot();

		expect(await mergeUnits(ctx, organizer, rootId, wardId)).toEqual({ ok: false, reason: 'unit_cycle' });
		expect(await mergeUnits(ctx, organizer, wardId, wardId)).toEqual({ ok: false, reason: 'merge_same_unit' });
		expect(await mergeUnits(ctx, organizer, wardId, 'no-such-unit')).toEqual({ ok: false, reason: 'unit_not_found' });

		expect(await treeSnapshot()).toEqual(before);
		expect((await countContestantsByUnit(ctx.db)).get(wardId)).toBe(1);
		expect(await auditActions()).not.toContain('unit.merge');
	});
});

describe('editing units', () => {
	it('refuses a move under the unit itself or under one of its descendants', async () => {
		const before = await treeSnapshot();
		expect(await moveUnit(ctx, organizer, rootId, wardId)).toEqual({ ok: false, reason: 'unit_cycle' });
		expect(await moveUnit(ctx, organizer, wardId, wardId)).toEqual({ ok: false, reason: 'unit_cycle' });
		expect(await moveUnit(ctx, organizer, wardId, 'no-such-unit')).toEqual({ ok: false, reason: 'unit_not_found' });
		expect(await treeSnapshot()).toEqual(before);
		expect(await auditActions()).toEqual([]);
	});

	it('moves a unit under another parent or to the top, with an audit row each time', async () => {
		expect(await moveUnit(ctx, organizer, wardId, communeId)).toEqual({ ok: true });
		expect((await findUnit(ctx.db, wardId))!.parent_id).toBe(communeId);
		expect(await moveUnit(ctx, organizer, wardId, null)).toEqual({ ok: true });
		expect((await findUnit(ctx.db, wardId))!.parent_id).toBeNull();
		expect(await auditActions()).toEqual(['unit.move', 'unit.move']);
	});

	it('sets a headcount and records the change', async () => {
		expect(await setHeadcount(ctx, organizer, wardId, 75)).toEqual({ ok: true });
		expect((await findUnit(ctx.db, wardId))!.headcount).toBe(75);
		const [entry] = await listAudit(ctx.db);
		expect(entry).toMatchObject({ action: 'unit.headcount', entityId: wardId });
		expect(entry.summary).toContain('50 → 75');
		expect(await setHeadcount(ctx, organizer, 'no-such-unit', 1)).toEqual({ ok: false, reason: 'unit_not_found' });
	});

	it('renames a unit, keeping its search key in step, and refuses a code already used', async () => {
		expect(await renameUnit(ctx, organizer, wardId, 'Phường Hồng Gai')).toEqual({ ok: true });
		expect(await findUnit(ctx.db, wardId)).toMatchObject({ name: 'Phường Hồng Gai', name_folded: 'phuong hong gai' });
		const taken = await addUnit(ctx, organizer, {
			code: await codeOf(wardId),
			name: 'Trùng mã',
			parentId: null,
			kind: 'office',
			headcount: 0
		});
		expect(taken).toEqual({ ok: false, reason: 'code_taken' });
		expect(await auditActions()).toEqual(['unit.rename']);
	});

	it('has a message in both languages for every refusal', () => {
		for (const reason of UNIT_FAILURES) {
			expect(vi, reason).toHaveProperty([`units.error.${reason}`]);
			expect(en, reason).toHaveProperty([`units.error.${reason}`]);
		}
	});
});

describe('importing units', () => {
	it('updates stored codes and inserts new ones parent-first, whatever order the file lists them in', async () => {
		const rootCode = await codeOf(rootId);
		const wardCode = await codeOf(wardId);
		const result = await importUnits(
			ctx,
			organizer,
			[
				unit(2, 'HK-TO1', 'Tổ dân phố 1', 'HK-VP', { headcount: 30 }),
				unit(3, wardCode, 'Phường Hà Khánh (mới)', 'KHOI-PHUONG'),
				unit(4, 'HK-VP', 'Văn phòng phường', wardCode, { kind: 'office', headcount: 8 }),
				unit(5, 'KHOI-PHUONG', 'Khối phường', rootCode, { kind: 'department' })
			],
			'don-vi.xlsx'
		);

		expect(result).toEqual({ ok: true, created: 3, updated: 1 });
		const tree = await treeSnapshot();
		// The stored ward keeps its headcount and kind: the file left them empty.
		expect(tree[wardCode]).toEqual(['Phường Hà Khánh (mới)', 'KHOI-PHUONG', 50, 'ward']);
		expect(tree['KHOI-PHUONG']).toEqual(['Khối phường', rootCode, 0, 'department']);
		expect(tree['HK-VP']).toEqual(['Văn phòng phường', wardCode, 8, 'office']);
		expect(tree['HK-TO1']).toEqual(['Tổ dân phố 1', 'HK-VP', 30, 'office']);
		const [entry] = await listAudit(ctx.db);
		expect(entry).toMatchObject({ action: 'unit.import' });
		expect(entry.summary).toBe('Nhập đơn vị từ don-vi.xlsx: 3 mới, 1 cập nhật');
	});

	it('writes nothing when a row in the middle fails the checks against the current tree', async () => {
		const before = await treeSnapshot();
		const result = await importUnits(ctx, organizer, [
			unit(2, await codeOf(wardId), 'Đổi tên trước dòng lỗi', null, { headcount: 1 }),
			unit(3, 'MOI-1', 'Đơn vị mới 1', null),
			unit(4, 'MOI-2', 'Đơn vị mới 2', 'KHONG-CO'),
			unit(5, 'MOI-3', 'Đơn vị mới 3', 'MOI-1')
		]);

		expect(result).toEqual({
			ok: false,
			reason: 'import_stale',
			issues: [
				{
					line: 4,
					column: 'Mã đơn vị cấp trên',
					message: "Dòng 4, cột Mã đơn vị cấp trên: 'KHONG-CO' không có trong tệp và chưa có trong hệ thống"
				}
			]
		});
		expect(await treeSnapshot()).toEqual(before);
		expect(await auditActions()).toEqual([]);
	});

	it('refuses a file whose parents would make a cycle through stored units', async () => {
		const before = await treeSnapshot();
		const result = await importUnits(ctx, organizer, [unit(2, await codeOf(rootId), 'Tỉnh', await codeOf(wardId))]);
		expect(result.ok).toBe(false);
		expect(await treeSnapshot()).toEqual(before);
	});

	it('rolls back every earlier row when the database refuses one in the middle', async () => {
		const before = await treeSnapshot();
		// A stand-in for any failure while writing: the database refuses one code.
		await refuseInserts(ctx.db, {
			name: 'refuse_bad',
			table: 'unit',
			message: 'refused',
			when: "new.code = 'MOI-LOI'"
		});
		const rows = [
			unit(2, await codeOf(wardId), 'Đổi tên trước dòng lỗi', null, { headcount: 1 }),
			unit(3, 'MOI-1', 'Đơn vị mới 1', null),
			unit(4, 'MOI-LOI', 'Đơn vị lỗi', 'MOI-1'),
			unit(5, 'MOI-3', 'Đơn vị mới 3', 'MOI-1')
		];

		await expect(importUnits(ctx, organizer, rows)).rejects.toThrow('refused');
		expect(await treeSnapshot()).toEqual(before);
		expect(await auditActions()).toEqual([]);
	});
});

describe('reading unit files', () => {
	const header = ['Mã đơn vị', 'Tên đơn vị', 'Mã đơn vị cấp trên', 'Số người'];

	it('reads an Excel workbook, numbers and all, with Excel row numbers', async () => {
		const workbook = new ExcelJS.Workbook();
		const sheet = workbook.addWorksheet('Đơn vị');
		sheet.addRow(header);
		sheet.addRow(['QN', 'Tỉnh Quảng Ninh', '', 400]);
		sheet.addRow([]);
		sheet.addRow(['QN-SNV', { richText: [{ text: 'Sở ' }, { text: 'Nội vụ' }] }, 'QN', 180]);
		const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());

		const read = await readUnitFile(bytes);
		if (!read.ok) throw new Error(read.issue.message);
		const result = rowsToUnits(read.rows, new Set());
		expect(result.units.map((u) => [u.line, u.code, u.name, u.headcount])).toEqual([
			[2, 'QN', 'Tỉnh Quảng Ninh', 400],
			[4, 'QN-SNV', 'Sở Nội vụ', 180]
		]);
	});

	it('reads a UTF-8 CSV as Excel saves it in Vietnamese locales, and names a file it cannot read', async () => {
		const csv = `\uFEFF${header.join(';')}\r\nQN;Tỉnh Quảng Ninh;;400\r\n`;
		const read = await readUnitFile(new TextEncoder().encode(csv));
		expect(read.ok && rowsToUnits(read.rows, new Set()).units[0]).toMatchObject({ code: 'QN', headcount: 400 });

		expect(await readUnitFile(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00]))).toEqual({
			ok: false,
			issue: { line: 1, message: 'Không đọc được tệp Excel: tệp hỏng hoặc không phải định dạng .xlsx' }
		});
		expect(await readUnitFile(new Uint8Array([0xff, 0xfe, 0x41]))).toMatchObject({ ok: false });
	});
});
