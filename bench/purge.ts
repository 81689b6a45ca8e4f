// The retention purge of a big contest (issue 14, "Personal data"): PURGE_N contestants (20,000)
// registered, each with a session, a finished attempt with its device, address and user agent,
// 5 recorded events, one in ten with a fair-play flag, and an audit entry naming them (name and
// phone), among as many audit entries that name nobody. Written straight into a SQLite file
// (not timed), then `purgeContest` runs as the studio runs it. The baseline in the same run: the
// per-person steps the purge took before (one anonymizing UPDATE, one session DELETE and one
// LIKE scan of the whole audit log a person), timed on BASELINE_K people inside a transaction
// that is rolled back, extrapolated to PURGE_N.
// Run: npx tsx bench/purge.ts   (PURGE_N=20000 BASELINE_K=100)
import SQLite from 'better-sqlite3';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { purgeContest } from '../src/lib/server/privacy/purge.service';
import { newId } from '../src/lib/server/ids';
import { createFixtureContest, MINUTE } from '../tests/helpers/fixtures';
import { createBenchContext, line } from './support';

const N = Number(process.env.PURGE_N ?? 20_000);
const K = Number(process.env.BASELINE_K ?? 100);
const DAY = 86_400_000;

const opensAt = Date.UTC(2026, 0, 5, 1, 0, 0);
const ctx = await createBenchContext(opensAt - MINUTE);
const fixture = await createFixtureContest(ctx, { opensAt, closesAt: opensAt + 7 * DAY });
const people = seed(ctx.file, fixture);
line('contestants / audit entries (not timed)', `${N} / ${2 * N}`);
line('load average (1 min) before', loadavg()[0].toFixed(1));

// retention over: the contest's default days after its last close
ctx.clock.set(opensAt + 7 * DAY + 400 * DAY);

// baseline: the former per-person steps on K people, rolled back
const t0 = performance.now();
await ctx.db
	.transaction()
	.execute(async (trx) => {
		for (const p of people.slice(0, K)) {
			await trx
				.updateTable('app_user')
				.set({ phone: `xoa:${p.id}`, email: null, birth_date: null, full_name: 'x', password_hash: '!' })
				.where('id', '=', p.id)
				.execute();
			await trx.deleteFrom('session').where('user_id', '=', p.id).execute();
			const needles = [p.phone, p.name];
			await trx
				.selectFrom('audit_log')
				.select(['id', 'summary', 'detail_json'])
				.where((eb) =>
					eb.or(needles.flatMap((n) => [eb('summary', 'like', `%${n}%`), eb('detail_json', 'like', `%${n}%`)]))
				)
				.execute();
		}
		throw new Error('rollback');
	})
	.catch(() => undefined);
const perPerson = (performance.now() - t0) / K;
line(`baseline: former per-person steps, ${K} people`, `${perPerson.toFixed(2)} ms a person`);
line(`baseline extrapolated to ${N}`, `${((perPerson * N) / 1000).toFixed(1)} s`);

const t1 = performance.now();
const result = await purgeContest(ctx, fixture.contestId, null);
const elapsed = performance.now() - t1;
if (!result.ok) throw new Error(result.reason);
line('purge (one transaction)', `${(elapsed / 1000).toFixed(2)} s`);
line('ratio baseline / purge', `${((perPerson * N) / elapsed).toFixed(0)}×`);
line('accounts anonymized', String(result.summary.accountsAnonymized));
line('rows touched', JSON.stringify(result.summary.attemptsTouched));
line('load average (1 min) after', loadavg()[0].toFixed(1));

// nothing of the people is left: their phones and names in no account and no audit entry
const raw = new SQLite(ctx.file, { readonly: true });
const leftUsers = raw
	.prepare(`select count(*) n from app_user where role = 'contestant' and anonymized_at is null`)
	.get() as { n: number };
const leftAudit = raw
	.prepare(`select count(*) n from audit_log where summary like '%Thí sinh Số%' or summary like '%(0977%'`)
	.get() as { n: number };
const leftSamples = raw
	.prepare(`select summary from audit_log where summary like '%Thí sinh Số%' or summary like '%(0977%' limit 3`)
	.all() as { summary: string }[];
raw.close();
for (const s of leftSamples) line('  still naming', s.summary);
line('accounts not anonymized / audit entries still naming them', `${leftUsers.n} / ${leftAudit.n}`);
await ctx.db.destroy();

function seed(file: string, f: { contestId: string; roundId: string; groupIds: string[]; unitIds: string[] }) {
	const raw = new SQLite(file);
	raw.pragma('journal_mode = WAL');
	raw.pragma('synchronous = OFF');
	const user = raw.prepare(
		`insert into app_user (id, phone, full_name, birth_date, email, password_hash, role, created_at, device_id, ip_hash, user_agent)
		 values (?, ?, ?, '2000-01-01', ?, 'x', 'contestant', ?, ?, ?, 'UA')`
	);
	const registration = raw.prepare(
		`insert into registration (id, contest_id, user_id, unit_id, group_id, consented_at, created_at) values (?, ?, ?, ?, ?, ?, ?)`
	);
	const session = raw.prepare(`insert into session (id, user_id, expires_at, created_at) values (?, ?, ?, ?)`);
	const attempt = raw.prepare(
		`insert into attempt (id, round_id, user_id, group_id, unit_id, ordinal, status, seed, started_at, deadline,
		 submitted_at, finished_at, finish_reason, score, max_score, correct_count, duration_ms, prediction, disqualified,
		 device_id, ip_hash, user_agent)
		 values (?, ?, ?, ?, ?, 1, 'finished', 's', ?, ?, ?, ?, 'submitted', 5, 10, 5, 60000, null, 0, ?, ?, 'UA')`
	);
	const event = raw.prepare(
		`insert into attempt_event (attempt_id, kind, position, value_json, at) values (?, ?, ?, null, ?)`
	);
	const flag = raw.prepare(
		`insert into attempt_flag (round_id, attempt_id, signal, score, detail_json, computed_at) values (?, ?, 'too_fast', 1, '{}', ?)`
	);
	const audit = raw.prepare(
		`insert into audit_log (id, at, actor_id, action, entity, entity_id, summary, detail_json) values (?, ?, null, ?, ?, ?, ?, ?)`
	);
	raw.transaction(() => {
		for (let i = 0; i < N; i++) {
			const id = newId();
			const phone = `0977${String(i).padStart(6, '0')}`;
			const name = `Thí sinh Số ${i} Bench`;
			const at = opensAt + i * 1000;
			user.run(id, phone, name, `ts${i}@example.vn`, at, `dev-${i}`, `ip-${i % 5000}`);
			registration.run(newId(), f.contestId, id, f.unitIds[i % f.unitIds.length], f.groupIds[i % 2], at, at);
			session.run(newId(), id, at + 30 * DAY, at);
			const attemptId = newId();
			attempt.run(
				attemptId,
				f.roundId,
				id,
				f.groupIds[i % 2],
				f.unitIds[i % f.unitIds.length],
				at,
				at + 30 * MINUTE,
				at + 60_000,
				at + 60_000,
				`dev-${i}`,
				`ip-${i % 5000}`
			);
			for (let e = 0; e < 5; e++) event.run(attemptId, e === 0 ? 'shown' : 'answer', e, at + e * 1000);
			if (i % 10 === 0) flag.run(f.roundId, attemptId, at);
			audit.run(
				newId(),
				at,
				'registration.approve',
				'registration',
				id,
				`Duyệt đăng ký của ${name} (${phone})`,
				JSON.stringify({ phone })
			);
			audit.run(newId(), at, 'round.update', 'round', f.roundId, `Sửa đợt thi lần ${i}`, '{}');
		}
	})();
	raw.close();
	return collect(file);
}

function collect(file: string) {
	const raw = new SQLite(file, { readonly: true });
	const rows = raw
		.prepare(`select id, phone, full_name as name from app_user where role = 'contestant' order by created_at`)
		.all() as { id: string; phone: string; name: string }[];
	raw.close();
	return rows;
}
