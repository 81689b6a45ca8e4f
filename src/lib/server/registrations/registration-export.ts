import { recordAudit } from '../audit/audit.repository';
import type { Actor } from '../contests/contest-access';
import { findContestById } from '../contests/contest.repository';
import type { AppContext } from '../context';
import { downloadNames } from '../download';
import { PERSON_COLUMNS, type PersonExportFields } from '../results/export-columns';
import {
	addInfoSheet,
	addTableSheet,
	commitWorkbook,
	createWorkbook,
	DATE_TIME_FORMAT,
	excelWallTime,
	MAX_SHEET_ROWS,
	sheetName,
	wallClockText,
	type ExportOut,
	type TableColumn
} from '../results/export-format';
import { guarded, loadUnitDirectory, type ExportOutcome } from '../results/export.service';
import { countRegistrations, listRegistrationChunk, type RegistrationCursor } from './registration.repository';

// "Xuất danh sách thí sinh": every registration of a contest with the contestant's personal data,
// as one workbook in the list's order (by name), written as it is read (keyset chunks).
// Organizers only; each export is on the audit log with who, when and how many rows, like the
// results exports.

const CHUNK = 5000;

interface RegistrationExportRow extends PersonExportFields {
	/** ms since epoch */
	registeredAt: number;
	attempts: number;
}

export const REGISTRATION_COLUMNS: readonly TableColumn<RegistrationExportRow>[] = [
	...PERSON_COLUMNS,
	{
		header: 'Đăng ký lúc',
		width: 17,
		numFmt: DATE_TIME_FORMAT,
		value: (r) => excelWallTime(r.registeredAt),
		text: (r) => wallClockText(r.registeredAt)
	},
	{ header: 'Số lượt thi', width: 10, value: (r) => r.attempts }
];

/** The contest a registrations export is of, or null. */
export async function findRegistrationExport(ctx: AppContext, contestId: string) {
	const contest = await findContestById(ctx.db, contestId);
	return contest ? { id: contest.id, slug: contest.slug, title: contest.title } : null;
}

/** The downloaded file's names: "<slug>-thi-sinh.xlsx" and "Danh sách thí sinh - <contest>.xlsx". */
export function registrationFileNames(contest: { slug: string; title: string }) {
	return downloadNames(contest.slug, 'thi-sinh.xlsx', `Danh sách thí sinh - ${contest.title}`);
}

export async function writeRegistrationsWorkbook(
	ctx: AppContext,
	actor: Actor,
	contestId: string,
	out: ExportOut
): Promise<ExportOutcome> {
	const contest = await findContestById(ctx.db, contestId);
	if (!contest) return { ok: false, reason: 'round_not_found' };
	const now = ctx.clock.now();
	const count = await countRegistrations(ctx.db, contestId, { folded: '', digits: '', unitIds: null, groupId: null });
	await recordAudit(
		ctx.db,
		{
			actorId: actor.id,
			action: 'registrations.export',
			entity: 'contest',
			entityId: contestId,
			summary: `Xuất danh sách thí sinh có dữ liệu cá nhân (XLSX, ${count} dòng)`,
			detail: { format: 'xlsx', rows: count }
		},
		now
	);
	return guarded(async () => {
		const workbook = createWorkbook(out, { title: `Danh sách thí sinh ${contest.title}`, created: new Date(now) });
		const names = new Set<string>();
		const units = await loadUnitDirectory(ctx.db);
		const open = () => addTableSheet(workbook, sheetName('Thí sinh', names), REGISTRATION_COLUMNS, out);
		let sheet = open();
		let total = 0;
		for (let after: RegistrationCursor | null = null; ;) {
			const chunk = await listRegistrationChunk(ctx.db, contestId, after, CHUNK);
			for (const r of chunk) {
				if (sheet.rows >= MAX_SHEET_ROWS - 1) {
					sheet.commit();
					sheet = open();
				}
				sheet.add({
					fullName: r.fullName,
					phone: r.phone,
					email: r.email,
					birthDate: r.birthDate,
					unitName: units.name(r.unitId),
					unitPath: units.path(r.unitId),
					groupName: r.groupName,
					registeredAt: Number(r.registeredAt),
					attempts: Number(r.attempts ?? 0)
				});
			}
			total += chunk.length;
			await sheet.settle();
			if (chunk.length < CHUNK) break;
			const last = chunk[chunk.length - 1];
			after = { sortKey: last.sortKey, fullName: last.fullName, id: last.id };
		}
		sheet.commit();
		addInfoSheet(workbook, sheetName('Thông tin', names), [
			['Cuộc thi', contest.title],
			['Số thí sinh', total],
			['Xuất tệp lúc', excelWallTime(now), DATE_TIME_FORMAT],
			['Múi giờ', 'Giờ Việt Nam (UTC+7)'],
			['Lưu ý', 'Tệp có dữ liệu cá nhân của thí sinh: chỉ dùng cho công tác tổ chức cuộc thi, không công bố.']
		]);
		await commitWorkbook(workbook, out);
		return total;
	});
}
