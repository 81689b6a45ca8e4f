/**
 * Per-room leading+trailing throttle: the first change goes out at once, later ones within the
 * interval collapse into one send of the latest value. However many attempts finish, a room gets
 * at most one packet per interval.
 */
export interface RoomThrottle<T> {
	push(room: string, value: T): void;
	stop(): void;
}

export function createRoomThrottle<T>(intervalMs: number, send: (room: string, value: T) => void): RoomThrottle<T> {
	const rooms = new Map<string, { timer: ReturnType<typeof setTimeout>; pending: T | null }>();
	const open = (room: string): void => {
		const timer = setTimeout(() => {
			const state = rooms.get(room);
			rooms.delete(room);
			if (state?.pending != null) {
				send(room, state.pending);
				open(room);
			}
		}, intervalMs);
		timer.unref?.();
		rooms.set(room, { timer, pending: null });
	};
	return {
		push(room, value) {
			const state = rooms.get(room);
			if (state) {
				state.pending = value;
				return;
			}
			send(room, value);
			open(room);
		},
		stop() {
			for (const state of rooms.values()) clearTimeout(state.timer);
			rooms.clear();
		}
	};
}
