// A small leveled logger: one line per event on stdout/stderr, so `npm start` output stays readable.
type Level = 'debug' | 'info' | 'warn' | 'error';
const order: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };
let threshold: Level = (process.env.LOG_LEVEL as Level | undefined) ?? 'info';

export function setLogLevel(level: Level): void {
	threshold = level;
}

function write(level: Level, message: string, detail?: unknown): void {
	if (order[level] < order[threshold]) return;
	const suffix =
		detail === undefined
			? ''
			: ' ' + (detail instanceof Error ? (detail.stack ?? detail.message) : JSON.stringify(detail));
	const line = `${new Date().toISOString()} ${level.toUpperCase()} ${message}${suffix}\n`;
	(level === 'error' || level === 'warn' ? process.stderr : process.stdout).write(line);
}

export const log = {
	debug: (m: string, d?: unknown) => write('debug', m, d),
	info: (m: string, d?: unknown) => write('info', m, d),
	warn: (m: string, d?: unknown) => write('warn', m, d),
	error: (m: string, d?: unknown) => write('error', m, d),
	/** Plain lines for the operator (the demo accounts banner). */
	plain: (m: string) => void process.stdout.write(m + '\n')
};
