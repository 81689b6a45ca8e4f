import { compareVietnamese } from './text';
import { flattenUnitTree } from './units';
import { rollUpUnits, type StandingUnit } from './unit-standings';

// Participation by unit while rounds run (issue 15): each unit's headcount against the
// contestants registered and those who took part so far, every figure over the unit's subtree
// (the unit and all units below it), lagging units first.

export interface ParticipationRow {
	id: string;
	name: string;
	/** the ancestors' names, root first */
	path: string[];
	depth: number;
	headcount: number;
	registered: number;
	participants: number;
	/** participants ÷ headcount, 0–1 (may pass 1); null without a headcount */
	rate: number | null;
	/** headcount − participants, never below 0 */
	missing: number;
}

/** 'top': the root and the units right under it; 'all': every unit of the tree. */
export type ParticipationLevel = 'top' | 'all';

function tallies(counts: ReadonlyMap<string, number>) {
	return new Map([...counts].map(([id, n]) => [id, { participants: n, scoreFractionSum: 0 }]));
}

/**
 * Rows for the participation table, lagging first: by rate ascending (units without a headcount
 * last), then by the most people missing, then by name.
 */
export function unitParticipation(
	units: readonly StandingUnit[],
	registered: ReadonlyMap<string, number>,
	participants: ReadonlyMap<string, number>,
	level: ParticipationLevel
): ParticipationRow[] {
	const byRegistered = rollUpUnits(units, tallies(registered));
	const byParticipants = rollUpUnits(units, tallies(participants));
	const flat = flattenUnitTree(units);
	const rows = flat
		.filter((u) => level === 'all' || u.depth <= 1)
		.map((u): ParticipationRow => {
			const rolled = byParticipants.get(u.id)!;
			return {
				id: u.id,
				name: u.name,
				path: u.path,
				depth: u.depth,
				headcount: rolled.headcount,
				registered: byRegistered.get(u.id)!.participants,
				participants: rolled.participants,
				rate: rolled.headcount > 0 ? rolled.participants / rolled.headcount : null,
				missing: Math.max(0, rolled.headcount - rolled.participants)
			};
		});
	return rows.sort(
		(a, b) =>
			(a.rate === null ? 1 : 0) - (b.rate === null ? 1 : 0) ||
			(a.rate ?? 0) - (b.rate ?? 0) ||
			b.missing - a.missing ||
			compareVietnamese(a.name, b.name)
	);
}

/** The units still short of their headcount: what "Danh sách đơn vị chưa tham gia" lists. */
export function laggingUnits(rows: readonly ParticipationRow[]): ParticipationRow[] {
	return rows.filter((r) => r.headcount > 0 && r.participants < r.headcount);
}
