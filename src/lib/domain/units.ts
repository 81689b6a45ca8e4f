import { compareVietnamese, foldVietnamese } from './text';

export interface UnitNode {
	id: string;
	name: string;
	parentId: string | null;
}

export interface UnitOption {
	id: string;
	name: string;
	/** Names from the root down to this unit's parent, for telling apart units of the same name. */
	path: string[];
	depth: number;
	/** Diacritic-folded name and path, for search. */
	searchText: string;
}

/** Flattens the unit tree depth-first, siblings in Vietnamese alphabetical order. */
export function flattenUnitTree(units: readonly UnitNode[]): UnitOption[] {
	const children = new Map<string | null, UnitNode[]>();
	const ids = new Set(units.map((u) => u.id));
	for (const unit of units) {
		const parent = unit.parentId && ids.has(unit.parentId) ? unit.parentId : null;
		const list = children.get(parent) ?? [];
		list.push(unit);
		children.set(parent, list);
	}
	const out: UnitOption[] = [];
	const visit = (parentId: string | null, path: string[]): void => {
		const list = [...(children.get(parentId) ?? [])].sort((a, b) => compareVietnamese(a.name, b.name));
		for (const unit of list) {
			out.push({
				id: unit.id,
				name: unit.name,
				path,
				depth: path.length,
				searchText: foldVietnamese([unit.name, ...path].join(' '))
			});
			visit(unit.id, [...path, unit.name]);
		}
	};
	visit(null, []);
	return out;
}

/** Every word of the query must appear in the unit's folded name or path. */
export function searchUnits(options: readonly UnitOption[], query: string): UnitOption[] {
	const words = foldVietnamese(query).split(' ').filter(Boolean);
	if (words.length === 0) return [...options];
	return options.filter((o) => words.every((w) => o.searchText.includes(w)));
}

/** The ids of a unit and all units below it. */
export function descendantIds(units: readonly UnitNode[], rootId: string): Set<string> {
	const out = new Set([rootId]);
	let grew = true;
	while (grew) {
		grew = false;
		for (const u of units) {
			if (u.parentId && out.has(u.parentId) && !out.has(u.id)) {
				out.add(u.id);
				grew = true;
			}
		}
	}
	return out;
}

/**
 * The part of the tree a contest uses: `rootId` and every unit below it, with the root moved to
 * the top so pickers and standings start there. A null root, or one no longer in the tree, keeps
 * the whole tree (a contest never loses all its units to a stale setting).
 */
export function unitsInScope<T extends { id: string; parentId: string | null }>(
	units: readonly T[],
	rootId: string | null
): T[] {
	if (rootId === null || !units.some((u) => u.id === rootId)) return [...units];
	const inside = descendantIds(
		units.map((u) => ({ id: u.id, name: '', parentId: u.parentId })),
		rootId
	);
	return units.filter((u) => inside.has(u.id)).map((u) => (u.id === rootId ? { ...u, parentId: null } : u));
}
