import type { SeasonRefusal } from '$lib/server/contests/season.service';

/** A season refusal as a form's errors: a refused round's problems, or one message for the form. */
export function seasonFailure(refusal: SeasonRefusal) {
	if (refusal.reason === 'round_refused') {
		return { errors: {} as Record<string, string>, problems: refusal.problems, refusedRound: refusal.round };
	}
	const field = refusal.reason === 'slug_taken' ? 'slug' : 'form';
	return { errors: { [field]: `error.season_${refusal.reason}` } as Record<string, string>, problems: [] };
}
