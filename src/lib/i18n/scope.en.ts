import type { scopeVi } from './scope.vi';

export const scopeEn: Record<keyof typeof scopeVi, string> = {
	'scope.bank_contest': 'Belongs to contest',
	'scope.bank_contest_hint': "This contest's organizers can use the bank; other contests' organizers cannot see it.",
	'scope.bank_contest_none': 'No contest (only admins and organizers of every contest see it)',
	'scope.bank_contests': 'Contests using this bank',
	'scope.bank_contests_none': 'It belongs to no contest yet.',
	'scope.share_contest': 'Let another contest use this bank',
	'scope.share': 'Share',
	'scope.shared': 'The contest can now use the bank.',
	'scope.units_read_only': 'The unit tree is shared by every contest, so only admins may edit it. You can view it.',
	'scope.units_summary_read_only': '{n} units.',
	'scope.root_unit': 'Units taking part',
	'scope.root_unit_hint':
		'Contestants can choose only this unit and the units under it; unit standings include only those units.',
	'scope.root_unit_all': 'The whole unit tree',
	'error.contest_required': 'Choose the contest this bank belongs to.',
	'error.round.bank_forbidden': 'The chosen question bank does not belong to any of your contests; choose another.',
	'error.bank_forbidden': 'This question bank does not belong to any of your contests.',
	'error.root_unit_unknown': 'The unit chosen as the scope no longer exists; please choose again.',
	'error.unit_outside_contest': "The chosen unit is outside this contest's units; please choose one from the list.",
	'units.error.forbidden': 'Only admins may edit the shared unit tree.'
};
