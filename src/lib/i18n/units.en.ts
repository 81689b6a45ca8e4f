import type { unitsVi } from './units.vi';

export const unitsEn: Record<keyof typeof unitsVi, string> = {
	'units.title': 'Units'
};
