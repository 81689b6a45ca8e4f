import { checkUnitTree, type ImportedUnit, type UnitKind } from '../../domain/import/units';
import type { ImportIssue } from '../../domain/import/types';
import { foldVietnamese, toNfc } from '../../domain/text';
import { descendantIds, flattenUnitTree, type UnitOption } from '../../domain/units';
import { UNIT_KINDS } from '../../domain/import/units';
import { recordAudit } from '../audit/audit.repository';
import type { AppContext } from '../context';
import type { Db } from '../db/database';
import { isUniqueViolation } from '../db/errors';
import { lockName } from '../db/locks';
import type { UnitRow } from '../db/schema';
import { newId } from '../ids';
import { listContestUnits } from './contest-units';
import type { Actor } from '../questions/question.service';
import {
	countContestantsByUnit,
	deleteUnit,
	findUnit,
	findUnitByCode,
	insertUnits,
	listUnits,
	moveContestRoots,
	moveUnitReferences,
	reparentChildUnits,
	updateUnit,
	type MovedReferences
} from './unit.repository';

/** Every expected refusal; each has a message 'units.error.<reason>' in the catalogue. */
export const UNIT_FAILURES = [
	'unit_not_found',
	'unit_cycle',
	'code_taken',
	'merge_same_unit',
	'import_stale',
	'forbidden'
] as const;
export type UnitFailure = (typeof UNIT_FAILURES)[number];

type Refused<R extends UnitFailure> = { ok: false; reason: R };
type Done<T = unknown> = { ok: true } & T;

export interface NewUnit {
	code: string;
	name: string;
	parentId: string | null;
	kind: UnitKind;
	headcount: number;
}

const INSERT_BATCH = 500;

/**
 * Every contest shares the unit tree, so only admins change it: an organizer's rename or merge
 * would rewrite other contests' registrations and standings. (Unit managers for a subtree are
 * not built yet.)
 */
export function canEditUnits(actor: Actor | null): boolean {
	return actor?.role === 'admin';
}

export async function addUnit(
	ctx: AppContext,
	actor: Actor,
	unit: NewUnit
): Promise<Done<{ unitId: string }> | Refused<'code_taken' | 'unit_not_found' | 'forbidden'>> {
	if (!canEditUnits(actor)) return refuse('forbidden');
	const now = ctx.clock.now();
	try {
		return await writeUnits(ctx, async (trx) => {
			if (await findUnitByCode(trx, unit.code)) return refuse('code_taken');
			if (unit.parentId !== null && !(await findUnit(trx, unit.parentId))) return refuse('unit_not_found');
			const unitId = newId();
			const name = toNfc(unit.name);
			await insertUnits(trx, [
				{ ...unitRow(unit.code, name, unit.kind, unit.headcount, now), id: unitId, parent_id: unit.parentId }
			]);
			await audit(trx, actor, now, 'unit.create', unitId, `Thêm đơn vị "${name}" (${unit.code})`, unit);
			return { ok: true, unitId } as const;
		});
	} catch (error) {
		// the code is unique: a writer that does not take the tree's lock got there first
		if (isUniqueViolation(error)) return refuse('code_taken');
		throw error;
	}
}

export async function renameUnit(
	ctx: AppContext,
	actor: Actor,
	unitId: string,
	name: string
): Promise<Done | Refused<'unit_not_found' | 'forbidden'>> {
	if (!canEditUnits(actor)) return refuse('forbidden');
	const now = ctx.clock.now();
	const clean = toNfc(name);
	return writeUnits(ctx, async (trx) => {
		const unit = await findUnit(trx, unitId);
		if (!unit) return refuse('unit_not_found');
		await updateUnit(trx, unitId, { name: clean, name_folded: foldVietnamese(clean) });
		const summary = `Đổi tên đơn vị "${unit.name}" thành "${clean}" (${unit.code})`;
		await audit(trx, actor, now, 'unit.rename', unitId, summary, { from: unit.name, to: clean });
		return { ok: true } as const;
	});
}

/** Puts a unit (with everything below it) under another parent, or at the top when `parentId` is null. */
export async function moveUnit(
	ctx: AppContext,
	actor: Actor,
	unitId: string,
	parentId: string | null
): Promise<Done | Refused<'unit_not_found' | 'unit_cycle' | 'forbidden'>> {
	if (!canEditUnits(actor)) return refuse('forbidden');
	const now = ctx.clock.now();
	return writeUnits(ctx, async (trx) => {
		const units = await listUnits(trx);
		const unit = units.find((u) => u.id === unitId);
		const parent = parentId === null ? null : units.find((u) => u.id === parentId);
		if (!unit || parent === undefined) return refuse('unit_not_found');
		if (parent && descendantIds(treeNodes(units), unitId).has(parent.id)) return refuse('unit_cycle');
		await updateUnit(trx, unitId, { parent_id: parent?.id ?? null });
		const summary = parent
			? `Chuyển đơn vị "${unit.name}" (${unit.code}) về trực thuộc "${parent.name}" (${parent.code})`
			: `Chuyển đơn vị "${unit.name}" (${unit.code}) lên cấp cao nhất`;
		await audit(trx, actor, now, 'unit.move', unitId, summary, { from: unit.parent_id, to: parent?.id ?? null });
		return { ok: true } as const;
	});
}

export async function setHeadcount(
	ctx: AppContext,
	actor: Actor,
	unitId: string,
	headcount: number
): Promise<Done | Refused<'unit_not_found' | 'forbidden'>> {
	if (!canEditUnits(actor)) return refuse('forbidden');
	const now = ctx.clock.now();
	return writeUnits(ctx, async (trx) => {
		const unit = await findUnit(trx, unitId);
		if (!unit) return refuse('unit_not_found');
		await updateUnit(trx, unitId, { headcount });
		const summary = `Cập nhật số người của "${unit.name}" (${unit.code}): ${unit.headcount} → ${headcount}`;
		await audit(trx, actor, now, 'unit.headcount', unitId, summary, { from: unit.headcount, to: headcount });
		return { ok: true } as const;
	});
}

export interface MergeOutcome extends MovedReferences {
	/** child units moved under the target */
	children: number;
	sourceName: string;
	targetName: string;
}

/**
 * Folds `sourceId` into `targetId`, as when two communes merge: the source's registrations,
 * attempts and round results, its child units and its headcount go to the target; the source is
 * deleted. Refused into the source itself or anything below it (that would orphan a cycle).
 */
export async function mergeUnits(
	ctx: AppContext,
	actor: Actor,
	sourceId: string,
	targetId: string
): Promise<Done<MergeOutcome> | Refused<'unit_not_found' | 'unit_cycle' | 'merge_same_unit' | 'forbidden'>> {
	if (!canEditUnits(actor)) return refuse('forbidden');
	const now = ctx.clock.now();
	if (sourceId === targetId) return refuse('merge_same_unit');
	return writeUnits(ctx, async (trx) => {
		const units = await listUnits(trx);
		const source = units.find((u) => u.id === sourceId);
		const target = units.find((u) => u.id === targetId);
		if (!source || !target) return refuse('unit_not_found');
		if (descendantIds(treeNodes(units), source.id).has(target.id)) return refuse('unit_cycle');
		const moved = await moveUnitReferences(trx, source.id, target.id);
		const children = await reparentChildUnits(trx, source.id, target.id);
		await updateUnit(trx, target.id, { headcount: target.headcount + source.headcount });
		await moveContestRoots(trx, source.id, target.id);
		await deleteUnit(trx, source.id);
		const summary = `Gộp đơn vị "${source.name}" (${source.code}) vào "${target.name}" (${target.code})`;
		const detail = { source: { id: source.id, code: source.code, name: source.name }, ...moved, children };
		await audit(trx, actor, now, 'unit.merge', target.id, summary, detail);
		return { ok: true, ...moved, children, sourceName: source.name, targetName: target.name } as const;
	});
}

/**
 * Writes a checked import in one transaction: stored codes are updated (name, parent, and the
 * headcount and kind when the file gives them), new codes inserted parent-first. The tree checks
 * run again on the current data, since the tree may have changed since the dry run.
 */
export async function importUnits(
	ctx: AppContext,
	actor: Actor,
	units: readonly ImportedUnit[],
	source = ''
): Promise<
	| Done<{ created: number; updated: number }>
	| (Refused<'import_stale'> & { issues: ImportIssue[] })
	| Refused<'forbidden'>
> {
	if (!canEditUnits(actor)) return refuse('forbidden');
	const now = ctx.clock.now();
	return writeUnits(ctx, async (trx) => {
		const stored = await listUnits(trx);
		const issues = checkUnitTree(units, parentCodes(stored));
		if (issues.length > 0) return { ok: false, reason: 'import_stale', issues } as const;
		const ids = new Map(stored.map((u) => [u.code, u.id]));
		const fresh = units.filter((u) => !ids.has(u.code));
		const known = units.filter((u) => ids.has(u.code));
		for (const unit of fresh) ids.set(unit.code, newId());
		await insertParentFirst(trx, fresh, ids, now);
		for (const unit of known) await updateUnit(trx, ids.get(unit.code)!, importedPatch(unit, ids));
		const summary = `Nhập đơn vị${source ? ` từ ${source}` : ''}: ${fresh.length} mới, ${known.length} cập nhật`;
		const detail = { source, created: fresh.map((u) => u.code), updated: known.map((u) => u.code) };
		await audit(trx, actor, now, 'unit.import', '*', summary, detail);
		return { ok: true, created: fresh.length, updated: known.length } as const;
	});
}

/** New units in waves: each wave's parents are stored or were inserted by an earlier wave. */
async function insertParentFirst(
	db: Db,
	units: readonly ImportedUnit[],
	ids: ReadonlyMap<string, string>,
	now: number
): Promise<void> {
	const waiting = new Set(units.map((u) => u.code));
	let pending = [...units];
	while (pending.length > 0) {
		const ready = pending.filter((u) => u.parentCode === null || !waiting.has(u.parentCode));
		// checkUnitTree refused cycles and unknown parents, so every wave makes progress.
		if (ready.length === 0) throw new Error('Unit import has a cycle that the checks missed');
		const rows = ready.map((u) => ({
			...unitRow(u.code, u.name, u.kind ?? 'office', u.headcount ?? 0, now),
			id: ids.get(u.code)!,
			parent_id: u.parentCode === null ? null : ids.get(u.parentCode)!
		}));
		for (let i = 0; i < rows.length; i += INSERT_BATCH) await insertUnits(db, rows.slice(i, i + INSERT_BATCH));
		for (const u of ready) waiting.delete(u.code);
		pending = pending.filter((u) => waiting.has(u.code));
	}
}

function importedPatch(unit: ImportedUnit, ids: ReadonlyMap<string, string>) {
	const name = toNfc(unit.name);
	return {
		name,
		name_folded: foldVietnamese(name),
		parent_id: unit.parentCode === null ? null : ids.get(unit.parentCode)!,
		...(unit.kind === null ? {} : { kind: unit.kind }),
		...(unit.headcount === null ? {} : { headcount: unit.headcount })
	};
}

/** Stored code → its parent's code, the shape the import checks read. */
export function parentCodes(units: readonly UnitRow[]): Map<string, string | null> {
	const codeById = new Map(units.map((u) => [u.id, u.code]));
	return new Map(units.map((u) => [u.code, u.parent_id === null ? null : (codeById.get(u.parent_id) ?? null)]));
}

function unitRow(code: string, name: string, kind: UnitKind, headcount: number, now: number) {
	const clean = toNfc(name);
	return { code, name: clean, name_folded: foldVietnamese(clean), kind, headcount, created_at: now };
}

function treeNodes(units: readonly UnitRow[]) {
	return units.map((u) => ({ id: u.id, name: u.name, parentId: u.parent_id }));
}

/**
 * A change to the unit tree, in a transaction holding the tree's lock: checks such as "no
 * cycle" and "code free" read the tree, and another node's change between the check and the
 * write would slip past them (two moves at once could each pass and make a cycle).
 */
function writeUnits<T>(ctx: AppContext, work: (trx: Db) => Promise<T>): Promise<T> {
	return ctx.db.transaction().execute(async (trx) => {
		await lockName(trx, 'unit_tree');
		return work(trx);
	});
}

function refuse<R extends UnitFailure>(reason: R): Refused<R> {
	return { ok: false, reason };
}

function audit(
	db: Db,
	actor: Actor,
	now: number,
	action: string,
	entityId: string,
	summary: string,
	detail: unknown
): Promise<void> {
	return recordAudit(db, { actorId: actor.id, action, entity: 'unit', entityId, summary, detail }, now);
}

/** Every unit as a select's options: depth first, each under its parent. */
export async function listUnitOptions(ctx: AppContext): Promise<UnitOption[]> {
	const units = await listUnits(ctx.db);
	return flattenUnitTree(units.map((u) => ({ id: u.id, name: u.name, parentId: u.parent_id })));
}

/** The units a contest uses (its root unit's subtree, or all), as a select's options. */
export async function listContestUnitOptions(ctx: AppContext, contestId: string): Promise<UnitOption[]> {
	return flattenUnitTree(await listContestUnits(ctx.db, contestId));
}

/** The unit editor's rows: the tree in order, each with its registered contestants. */
export async function listUnitEditorRows(ctx: AppContext) {
	const [units, contestants] = await Promise.all([listUnits(ctx.db), countContestantsByUnit(ctx.db)]);
	const byId = new Map(units.map((u) => [u.id, u]));
	const tree = flattenUnitTree(units.map((u) => ({ id: u.id, name: u.name, parentId: u.parent_id })));
	return tree.map((option) => {
		const unit = byId.get(option.id)!;
		return {
			id: unit.id,
			code: unit.code,
			name: unit.name,
			kind: (UNIT_KINDS as readonly string[]).includes(unit.kind) ? (unit.kind as UnitKind) : null,
			headcount: unit.headcount,
			parentId: unit.parent_id,
			depth: option.depth,
			contestants: contestants.get(unit.id) ?? 0
		};
	});
}

/** Each stored unit's code with its parent's code: what an import is checked against. */
export async function storedUnitCodes(ctx: AppContext): Promise<Map<string, string | null>> {
	return parentCodes(await listUnits(ctx.db));
}
