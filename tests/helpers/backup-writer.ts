// A second process writing answers to a SQLite file through the app's own code, for the backup
// test: saves answers round after round with rising revisions and prints each acknowledged save
// ("<attemptId> <position> <rev>") once saveAnswer has returned ok — the moment the app would
// tell the browser "saved". Runs until killed.
import { readFileSync } from 'node:fs';
import { saveAnswer } from '../../src/lib/server/attempts/attempt.service';
import { systemClock } from '../../src/lib/server/clock';
import { createDatabase } from '../../src/lib/server/db/database';
import { createAppEvents } from '../../src/lib/server/events';

interface Plan {
	attemptId: string;
	userId: string;
	items: { position: number; ids: string[] }[];
}

const [file, planFile] = process.argv.slice(2);
const plan = JSON.parse(readFileSync(planFile, 'utf8')) as Plan[];
const ctx = { db: createDatabase(file), clock: systemClock, events: createAppEvents() };

for (let rev = 1; ; rev++) {
	for (const attempt of plan) {
		for (const item of attempt.items) {
			const optionIds = [item.ids[rev % item.ids.length]];
			const saved = await saveAnswer(ctx, attempt.attemptId, attempt.userId, {
				position: item.position,
				optionIds,
				rev
			});
			if (!saved.ok) {
				process.stderr.write(`save refused: ${saved.reason}\n`);
				process.exit(1);
			}
			process.stdout.write(`${attempt.attemptId} ${item.position} ${rev}\n`);
			// the driver is synchronous: let the event loop run so the acknowledgement reaches the pipe
			await new Promise((resolve) => setImmediate(resolve));
		}
	}
}
