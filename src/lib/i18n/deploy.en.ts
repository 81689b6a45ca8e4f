import type { deployVi } from './deploy.vi';

export const deployEn: Record<keyof typeof deployVi, string> = {
	'error.text_unsafe_name':
		'This field holds a control character or a text-direction override (invisible). Please delete it and type it again.',
	'error.text_unsafe_long':
		'The text holds a control character or a text-direction override (invisible). Please delete and retype the part with the problem.',
	'game_play.refusal.nickname_unsafe':
		'The nickname holds a control character or a text-direction override. Please type it again.',
	'admin_cli.created': 'Admin account {phone} ({name}) created.',
	'admin_cli.phone_taken': 'Phone number {phone} already has an account; nothing was created.'
};
