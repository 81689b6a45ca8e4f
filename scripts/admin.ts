// `npm run admin -- create`: creates an admin account on DATABASE_URL (migrating it first), the
// way into a deployment that runs with DEMO_DATA=off. Asks for what it is not given:
//   --phone <phone>   or ADMIN_PHONE
//   --name <name>     or ADMIN_NAME
//   password          ADMIN_PASSWORD, or asked (hidden on a terminal; one line per value when
//                     stdin is a pipe). Never a flag: flags show in `ps` and in shell history.
// Exit status: 0 created, 1 refused (invalid value, phone already has an account), 2 usage.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { FileMigrationProvider } from 'kysely';
import { translate, translateReason, type MessageKey } from '../src/lib/i18n';
import { adminSchema } from '../src/lib/schemas/auth';
import { systemClock } from '../src/lib/server/clock';
import { readConfig } from '../src/lib/server/config';
import { createDatabase } from '../src/lib/server/db/database';
import { migrateToLatest } from '../src/lib/server/db/migrator';
import { createAdmin } from '../src/lib/server/users/user.service';

const USAGE =
	'Usage: npm run admin -- create [--phone <phone>] [--name <full name>]   (password: ADMIN_PASSWORD or asked)\n';

/** Both languages: the operator may read either. */
function bilingual(key: MessageKey | string, params?: Record<string, string | number>): string {
	return `${translateReason('vi', key, params)}\n${translateReason('en', key, params)}`;
}

const FIELD_LABELS: Record<string, MessageKey> = {
	phone: 'register.phone',
	fullName: 'register.full_name',
	password: 'register.password'
};

function fail(message: string, status: number): never {
	process.stderr.write(`${message}\n`);
	process.exit(status);
}

let args: ReturnType<
	typeof parseArgs<{ options: { phone: { type: 'string' }; name: { type: 'string' } }; allowPositionals: true }>
>;
try {
	args = parseArgs({ options: { phone: { type: 'string' }, name: { type: 'string' } }, allowPositionals: true });
} catch (error) {
	fail(`${(error as Error).message}\n${USAGE}`, 2);
}
if (args.positionals.length !== 1 || args.positionals[0] !== 'create') fail(USAGE, 2);

// Prompts and hidden input: on a terminal, readline echoes what is typed unless muted; from a
// pipe, lines are taken in order (the async iterator keeps lines that arrive before the prompt).
const interactive = Boolean(process.stdin.isTTY);
let muted = false;
const echo = new Writable({
	write(chunk: Buffer, _encoding, done) {
		if (!muted) process.stdout.write(chunk);
		done();
	}
});
const rl = createInterface({ input: process.stdin, output: echo, terminal: interactive });
const lines = rl[Symbol.asyncIterator]();

async function ask(prompt: string, hidden = false): Promise<string> {
	process.stdout.write(prompt);
	muted = hidden && interactive;
	const next = await lines.next();
	muted = false;
	// a terminal shows the typed line; a hidden answer or a piped one needs its line ended
	if (hidden || !interactive) process.stdout.write('\n');
	return next.done ? '' : next.value;
}

const env = process.env;
const phone = args.values.phone ?? env.ADMIN_PHONE ?? (await ask('Số điện thoại / Phone: '));
const fullName = args.values.name ?? env.ADMIN_NAME ?? (await ask('Họ và tên / Full name: '));
let password = env.ADMIN_PASSWORD;
if (password === undefined) {
	password = await ask('Mật khẩu / Password: ', true);
	if (interactive && (await ask('Nhập lại mật khẩu / Password again: ', true)) !== password) {
		rl.close();
		fail(bilingual('error.password_mismatch'), 1);
	}
}
rl.close();

const parsed = adminSchema.safeParse({ phone, fullName, password });
if (!parsed.success) {
	const problems = parsed.error.issues.map((issue) => {
		const field = String(issue.path[0] ?? '');
		const label = FIELD_LABELS[field];
		const where = label ? `${translate('vi', label)} / ${translate('en', label)}: ` : '';
		return `${where}${translateReason('vi', issue.message)} / ${translateReason('en', issue.message)}`;
	});
	fail(problems.join('\n'), 1);
}

const config = readConfig();
const db = createDatabase(config.DATABASE_URL, {
	synchronous: config.SQLITE_SYNCHRONOUS,
	poolSize: config.DATABASE_POOL_SIZE
});
try {
	await migrateToLatest(
		db,
		new FileMigrationProvider({ fs, path, migrationFolder: path.resolve(import.meta.dirname, '../migrations') })
	);
	const result = await createAdmin(db, parsed.data, systemClock.now());
	if (!result.ok) {
		process.exitCode = 1;
		process.stderr.write(`${bilingual('admin_cli.phone_taken', { phone: parsed.data.phone })}\n`);
	} else {
		process.stdout.write(
			`${bilingual('admin_cli.created', { phone: parsed.data.phone, name: parsed.data.fullName })}\n`
		);
	}
} finally {
	await db.destroy();
}
