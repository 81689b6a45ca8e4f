/**
 * The live view of a round, as the server broadcasts it and the browser keeps it: a snapshot
 * state, patches that carry only what changed, and the viewer's own standing kept current from
 * the log of leaderboard changes. Pure: shared by the server (diffing) and the browser (applying).
 */
import { compareByCriteria, liveCriteria, type RankEntry } from './ranking';
import type { RankCriterion } from './types';

export type LivePhase = 'upcoming' | 'open' | 'closed';

/**
 * One leaderboard row: nothing personal beyond the name and the unit. `id` is the contestant's key
 * in this round: it means nothing outside it (never the user's id).
 */
export interface LiveRow {
	id: string;
	name: string;
	unit: string;
	score: number;
	max: number;
	/** duration of the counted attempt, ms */
	ms: number;
}

export interface LiveGroup {
	id: string;
	name: string;
	/** contestants of this group with a result */
	total: number;
	/** the top rows in the live order; empty when scores are hidden */
	rows: LiveRow[];
}

export interface LiveUnit {
	id: string;
	name: string;
	/** distinct contestants with a result, over the unit and its sub-units */
	participants: number;
	/** headcount of the unit and its sub-units */
	headcount: number;
	/** mean best score in percent (0–100, one decimal), null when scores are hidden or nobody took part */
	meanPercent: number | null;
	/** the contest's root unit over its whole tree: a total, listed in participation, never ranked */
	total?: boolean;
}

export interface LiveCounters {
	/** contestants with a finished attempt */
	contestants: number;
	/** finished attempts (previews excluded) */
	attempts: number;
	inProgress: number;
	/** contestants whose best attempt is a perfect score; null when scores are hidden */
	perfect: number | null;
}

/** Finished attempts per minute over the last hour: organizers' dashboard only. */
export interface LiveActivity {
	/** start of the first minute, ms since epoch */
	from: number;
	perMinute: number[];
}

export interface LiveRoundState {
	/** the broadcaster's process id and packet sequence: patches apply only on top of the same pair */
	epoch: string;
	seq: number;
	roundId: string;
	contestId: string;
	roundName: string;
	ordinal: number;
	/** the round's leaderboard version: one per change of a best result */
	version: number;
	opensAt: number;
	closesAt: number;
	phase: LivePhase;
	/** the round is closed and the rows are its final ranking (prediction counted) */
	final: boolean;
	scoresVisible: boolean;
	/** the live ranking criteria (no prediction), for the viewer's own standing */
	criteria: RankCriterion[];
	counters: LiveCounters;
	groups: LiveGroup[];
	units: LiveUnit[];
	activity: LiveActivity | null;
}

export interface LivePatch {
	epoch: string;
	/** the sequence this patch applies on top of */
	base: number;
	seq: number;
	version: number;
	counters?: LiveCounters;
	/** changed groups only: the full order of row ids when it moved, and the rows that are new or changed */
	groups?: { id: string; total: number; order?: string[]; rows: LiveRow[] }[];
	/** changed units only */
	units?: LiveUnit[];
	activity?: LiveActivity | null;
}

/** A best result's place in the order, without who it is. */
export interface StandingKey {
	attemptId: string;
	score: number;
	durationMs: number;
	submittedAt: number;
}

/** One leaderboard version: a contestant's best result appeared (before = null) or changed. */
export interface StandingChange {
	version: number;
	groupId: string;
	unitId: string;
	before: StandingKey | null;
	after: StandingKey;
}

export type LivePacket = {
	room: string;
	/** server time when the packet was built, ms */
	now: number;
	/** the leaderboard changes this packet covers (empty when scores are hidden or too many to send) */
	changes: StandingChange[];
} & ({ type: 'snapshot'; state: LiveRoundState } | { type: 'patch'; patch: LivePatch });

const sameRow = (a: LiveRow, b: LiveRow): boolean =>
	a.name === b.name && a.unit === b.unit && a.score === b.score && a.max === b.max && a.ms === b.ms;

const sameUnit = (a: LiveUnit, b: LiveUnit): boolean =>
	a.name === b.name &&
	a.participants === b.participants &&
	a.headcount === b.headcount &&
	a.meanPercent === b.meanPercent;

const sameCounters = (a: LiveCounters, b: LiveCounters): boolean =>
	a.contestants === b.contestants &&
	a.attempts === b.attempts &&
	a.inProgress === b.inProgress &&
	a.perfect === b.perfect;

const sameActivity = (a: LiveActivity | null, b: LiveActivity | null): boolean =>
	a === b ||
	(a !== null &&
		b !== null &&
		a.from === b.from &&
		a.perMinute.length === b.perMinute.length &&
		a.perMinute.every((n, i) => n === b.perMinute[i]));

/**
 * What changed from `prev` to `next`, or null when the shape changed (another round, phase,
 * visibility, set of groups or units) and only a snapshot will do. `next.seq` must follow `prev.seq`.
 */
export function diffLiveState(prev: LiveRoundState, next: LiveRoundState): LivePatch | null {
	if (
		prev.epoch !== next.epoch ||
		prev.roundId !== next.roundId ||
		prev.phase !== next.phase ||
		prev.final !== next.final ||
		prev.scoresVisible !== next.scoresVisible ||
		prev.opensAt !== next.opensAt ||
		prev.closesAt !== next.closesAt ||
		prev.roundName !== next.roundName ||
		prev.criteria.join() !== next.criteria.join() ||
		prev.groups.map((g) => g.id + g.name).join() !== next.groups.map((g) => g.id + g.name).join() ||
		prev.units.map((u) => u.id).join() !== next.units.map((u) => u.id).join()
	) {
		return null;
	}
	const patch: LivePatch = { epoch: next.epoch, base: prev.seq, seq: next.seq, version: next.version };
	if (!sameCounters(prev.counters, next.counters)) patch.counters = next.counters;
	const groups: NonNullable<LivePatch['groups']> = [];
	next.groups.forEach((group, i) => {
		const before = new Map(prev.groups[i].rows.map((r) => [r.id, r]));
		const rows = group.rows.filter((r) => {
			const old = before.get(r.id);
			return !old || !sameRow(old, r);
		});
		const order = group.rows.map((r) => r.id);
		const sameOrder = order.length === before.size && order.every((id, j) => prev.groups[i].rows[j].id === id);
		if (!sameOrder) groups.push({ id: group.id, total: group.total, order, rows });
		else if (rows.length || group.total !== prev.groups[i].total) {
			groups.push({ id: group.id, total: group.total, rows });
		}
	});
	if (groups.length) patch.groups = groups;
	const units = next.units.filter((u, i) => !sameUnit(prev.units[i], u));
	if (units.length) patch.units = units;
	if (!sameActivity(prev.activity, next.activity)) patch.activity = next.activity;
	return patch;
}

/** `state` with `patch` applied, or null when the patch does not follow it (the viewer needs a snapshot). */
export function applyLivePatch(state: LiveRoundState, patch: LivePatch): LiveRoundState | null {
	if (patch.epoch !== state.epoch || patch.base !== state.seq) return null;
	let groups = state.groups;
	if (patch.groups) {
		const changed = new Map(patch.groups.map((g) => [g.id, g]));
		groups = [];
		for (const group of state.groups) {
			const change = changed.get(group.id);
			if (!change) {
				groups.push(group);
				continue;
			}
			const known = new Map(group.rows.map((r) => [r.id, r]));
			for (const row of change.rows) known.set(row.id, row);
			const rows: LiveRow[] = [];
			for (const id of change.order ?? group.rows.map((r) => r.id)) {
				const row = known.get(id);
				if (!row) return null;
				rows.push(row);
			}
			groups.push({ ...group, total: change.total, rows });
		}
	}
	let units = state.units;
	if (patch.units) {
		const changed = new Map(patch.units.map((u) => [u.id, u]));
		units = state.units.map((u) => changed.get(u.id) ?? u);
	}
	return {
		...state,
		seq: patch.seq,
		version: patch.version,
		counters: patch.counters ?? state.counters,
		groups,
		units,
		activity: patch.activity === undefined ? state.activity : patch.activity
	};
}

/** A contestant's own place, as of a leaderboard version. */
export interface ViewerStanding {
	version: number;
	groupId: string;
	unitId: string;
	key: StandingKey;
	rank: number;
	total: number;
	unitRank: number;
	unitTotal: number;
}

const asEntry = (key: StandingKey): RankEntry => ({ ...key, prediction: null });

/**
 * Moves the viewer's standing forward through the changes that directly follow its version: a
 * new result ahead of the viewer pushes them down one place, a result that overtakes them too.
 * Stops at a gap, and at the viewer's own change (their page reloads for that); the caller asks
 * the server for a fresh standing when the result is still behind the round's version.
 */
export function advanceStanding(
	standing: ViewerStanding,
	changes: readonly StandingChange[],
	criteria: readonly RankCriterion[]
): ViewerStanding {
	const compare = compareByCriteria(liveCriteria(criteria), null);
	const me = asEntry(standing.key);
	const byVersion = new Map(changes.map((c) => [c.version, c]));
	let next = standing;
	for (;;) {
		const change = byVersion.get(next.version + 1);
		if (!change || change.before?.attemptId === standing.key.attemptId) return next;
		if (change.after.attemptId === standing.key.attemptId) return next;
		const sameGroup = change.groupId === standing.groupId;
		const sameUnit = sameGroup && change.unitId === standing.unitId;
		const wasAhead = change.before !== null && compare(asEntry(change.before), me) < 0;
		const isAhead = compare(asEntry(change.after), me) < 0;
		const move = (isAhead ? 1 : 0) - (wasAhead ? 1 : 0);
		const added = change.before === null ? 1 : 0;
		next = {
			...next,
			version: change.version,
			rank: sameGroup ? next.rank + move : next.rank,
			total: sameGroup ? next.total + added : next.total,
			unitRank: sameUnit ? next.unitRank + move : next.unitRank,
			unitTotal: sameUnit ? next.unitTotal + added : next.unitTotal
		};
	}
}
