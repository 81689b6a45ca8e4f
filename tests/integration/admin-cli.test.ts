import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyPasswordHash } from '../../src/lib/server/auth/password';
import { createDatabase } from '../../src/lib/server/db/database';

// `npm run admin -- create`, run as the operator runs it: a child process on a fresh SQLite
// file, answers on stdin or in the environment and flags.

const root = path.resolve(import.meta.dirname, '../..');
let dir: string;
let file: string;

beforeEach(() => {
	dir = mkdtempSync(path.join(tmpdir(), 'cuocthi-admin-'));
	file = path.join(dir, 'app.sqlite');
});

afterEach(() => {
	rmSync(dir, { recursive: true, force: true });
});

interface Run {
	status: number | null;
	stdout: string;
	stderr: string;
}

function runAdmin(args: string[], options: { stdin?: string; env?: Record<string, string> } = {}): Promise<Run> {
	return new Promise((resolve, reject) => {
		const env: Record<string, string | undefined> = { ...process.env, DATABASE_URL: file, ...options.env };
		for (const name of ['ADMIN_PHONE', 'ADMIN_NAME', 'ADMIN_PASSWORD']) {
			if (!options.env || !(name in options.env)) delete env[name];
		}
		const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/admin.ts', ...args], { cwd: root, env });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		child.on('error', reject);
		child.on('close', (status) => resolve({ status, stdout, stderr }));
		child.stdin.end(options.stdin ?? '');
	});
}

async function storedUsers() {
	const db = createDatabase(file);
	try {
		return await db.selectFrom('app_user').selectAll().execute();
	} finally {
		await db.destroy();
	}
}

// Each test starts Node with tsx and hashes a password with argon2: seconds on a loaded machine.
describe('npm run admin -- create', { timeout: 60_000 }, () => {
	it('asks for phone, name and password on stdin and creates an admin on DATABASE_URL', async () => {
		const run = await runAdmin(['create'], { stdin: '090 111 2233\n  Lê   Văn Quản \nmat-khau-rieng-2026\n' });
		expect(run.stderr).toBe('');
		expect(run.status).toBe(0);
		expect(run.stdout).toContain('Đã tạo tài khoản quản trị 0901112233 (Lê Văn Quản).');
		const [user] = await storedUsers();
		expect(user).toMatchObject({ phone: '0901112233', full_name: 'Lê Văn Quản', role: 'admin' });
		expect(await verifyPasswordHash(user.password_hash, 'mat-khau-rieng-2026')).toBe(true);
		// and nothing of the demo: the database holds this one account
		expect(await storedUsers()).toHaveLength(1);
	});

	it('takes the values from flags and the environment, and refuses a phone that has an account', async () => {
		const env = { ADMIN_PASSWORD: 'mat-khau-rieng-2026' };
		const first = await runAdmin(['create', '--phone', '0901112233', '--name', 'Lê Văn Quản'], { env });
		expect(first.status).toBe(0);
		const again = await runAdmin(['create'], {
			env: { ...env, ADMIN_PHONE: '+84 901 112 233', ADMIN_NAME: 'Người Khác', ADMIN_PASSWORD: 'khac-hoan-toan-1' }
		});
		expect(again.status).toBe(1);
		expect(again.stderr).toContain('Số điện thoại 0901112233 đã có tài khoản; không tạo thêm.');
		const users = await storedUsers();
		expect(users.map((u) => u.full_name)).toEqual(['Lê Văn Quản']);
		expect(await verifyPasswordHash(users[0].password_hash, 'mat-khau-rieng-2026')).toBe(true);
	});

	it('refuses invalid values field by field, in Vietnamese and English, and writes nothing', async () => {
		const run = await runAdmin(['create'], { stdin: '12345\nLê\u202EQuản\nngan\n' });
		expect(run.status).toBe(1);
		expect(run.stderr).toContain('Số điện thoại / Phone number: Số điện thoại không hợp lệ');
		expect(run.stderr).toContain('Họ và tên / Full name: Ô này có ký tự điều khiển');
		expect(run.stderr).toContain(
			'Mật khẩu / Password: Mật khẩu cần ít nhất 8 ký tự. / The password must be at least 8'
		);
		expect(existsSync(file)).toBe(false);
	});

	it('shows its usage for anything but create', async () => {
		const run = await runAdmin(['delete']);
		expect(run.status).toBe(2);
		expect(run.stderr).toContain('Usage: npm run admin -- create');
	});
});
