import type { authVi } from './auth.vi';

export const authEn: Record<keyof typeof authVi, string> = {
	'error.form_unreadable':
		'The server could not read the submitted form (the data is damaged or not in the expected format). Please reload the page and send it again.'
};
