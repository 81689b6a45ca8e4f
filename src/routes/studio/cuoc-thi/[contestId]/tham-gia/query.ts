import type { ParticipationQuery } from '$lib/server/registrations/participation.service';

/** The page's and the export's query string: ?dot=<round id>&cap=tat-ca. */
export function participationQuery(url: URL): ParticipationQuery {
	return {
		roundId: url.searchParams.get('dot') || null,
		level: url.searchParams.get('cap') === 'tat-ca' ? 'all' : 'top'
	};
}
