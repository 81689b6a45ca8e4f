/**
 * Tracks the offset between this device's clock and the server's, keeping the sample with the
 * shortest round trip (the least uncertain). now() is the server's time as best known here.
 */
export interface ServerClock {
	now(): number;
	sample(serverNow: number, sentAt: number, receivedAt: number): void;
}

export function createServerClock(initialServerNow: number, localNow: number = Date.now()): ServerClock {
	let offset = initialServerNow - localNow;
	let bestRtt = Number.POSITIVE_INFINITY;
	return {
		now: () => Date.now() + offset,
		sample(serverNow, sentAt, receivedAt) {
			const rtt = receivedAt - sentAt;
			if (rtt < 0 || rtt >= bestRtt) return;
			bestRtt = rtt;
			offset = serverNow - (sentAt + rtt / 2);
		}
	};
}
