// CPU used by a service this bench did not start (PostgreSQL, Redis), from /proc: every live
// process of that command name, plus, for each of them, the children it has reaped (cutime and
// cstime), so that a PostgreSQL backend that exited during the run still counts through the
// postmaster. Other users of the same server count too: run on a quiet machine.
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ; 100 on every Linux we run). */
const TICKS_PER_SECOND = 100;

/** CPU ms used so far by the processes named `command` (as in /proc/<pid>/comm) and their reaped children. */
export function serviceCpuMs(command: string): number {
	let ticks = 0;
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		let stat: string;
		try {
			stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
		} catch {
			continue; // gone meanwhile
		}
		const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
		if (name !== command) continue;
		// fields after the command name: state is [0]; utime [11], stime [12], cutime [13], cstime [14]
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
	}
	return (ticks * 1000) / TICKS_PER_SECOND;
}
