// Vietnamese messages of the studio's unit editor (kept apart so the area can grow on its own).
export const unitsVi = {
	'units.title': 'Đơn vị'
} as const;
