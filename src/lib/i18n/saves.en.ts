import type { savesVi } from './saves.vi';

export const savesEn: Record<keyof typeof savesVi, string> = {
	'error.body_too_large': 'The request is too large.',
	'error.cross_site': 'Requests from another site are refused.'
};
