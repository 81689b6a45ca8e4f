// Data for bench/results-close.ts: a province's unit tree, one contest with two groups and one
// round, and `contestants × attemptsPer` finished attempts, written straight through prepared
// better-sqlite3 statements in big transactions (the attempt services would take hours for a
// million attempts). round_result, each contestant's best attempt, is then one INSERT … SELECT
// with a window function. attempt_item rows are not written: closing, the result pages and the
// export never read them (only the per-question statistics do, and they are not measured here).
import type SQLite from 'better-sqlite3';
import { foldVietnamese } from '../src/lib/domain/text';
import { DEFAULT_CRITERIA, type PrizeCounts } from '../src/lib/domain/types';
import { newId } from '../src/lib/server/ids';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
export const MAX_SCORE = 20;
export const TIME_LIMIT_MS = 20 * MINUTE;
export const PRIZES: PrizeCounts = { first: 1, second: 2, third: 3, consolation: 10 };
export const COLLECTIVE = { by: 'participation_rate', count: 3, minRate: 0.5 } as const;

/** Deterministic uniform [0, 1): the same data on every run, so runs compare. */
export function mulberry32(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô'];
const MIDDLE = ['Văn', 'Thị', 'Đức', 'Minh', 'Thu', 'Ngọc', 'Quang', 'Thanh', 'Hữu', 'Xuân', 'Thùy', 'Bảo'];
const GIVEN = [
	'Hùng',
	'Lan',
	'Hương',
	'Dũng',
	'Tuấn',
	'Hà',
	'Linh',
	'Nam',
	'Phương',
	'Trang',
	'Hải',
	'Sơn',
	'Thảo',
	'Long',
	'Yến',
	'Khánh',
	'Bình',
	'Anh',
	'Hòa',
	'Quỳnh'
];
const DEPARTMENTS = [
	'Sở Nội vụ',
	'Sở Tư pháp',
	'Sở Tài chính',
	'Sở Xây dựng',
	'Sở Y tế',
	'Sở Giáo dục và Đào tạo',
	'Sở Công Thương',
	'Sở Nông nghiệp và Môi trường',
	'Sở Khoa học và Công nghệ',
	'Sở Văn hóa, Thể thao và Du lịch',
	'Văn phòng UBND tỉnh',
	'Thanh tra tỉnh',
	'Ban Quản lý Khu kinh tế',
	'Sở Dân tộc và Tôn giáo',
	'Sở Ngoại vụ'
];
const COMMUNES = [
	'Hạ Long',
	'Cẩm Phả',
	'Uông Bí',
	'Móng Cái',
	'Đông Triều',
	'Quảng Yên',
	'Vân Đồn',
	'Tiên Yên',
	'Đầm Hà',
	'Hải Hà',
	'Bình Liêu',
	'Ba Chẽ',
	'Cô Tô',
	'Hoành Bồ',
	'Quảng Hà'
];

export interface BenchData {
	contestId: string;
	roundId: string;
	groupIds: [string, string];
	organizerId: string;
	closesAt: number;
	graceMs: number;
	/** a unit with sub-units, the largest department by contestants */
	pageUnitId: string;
	units: number;
	perfectContestants: number;
}

/**
 * Writes everything on `raw` (the bench's SQLite file, already migrated). Contestants are spread
 * over the units with skewed weights; each unit's headcount is its contestants ÷ a participation
 * rate between 30 % and 100 %. Scores follow a per-contestant skill skewed high (as these contests
 * are: many perfect scores, hence the prediction question); durations 2–20 min; submits spread over
 * the week, denser towards its end; 85 % of attempts carry a prediction.
 */
export function generateResultsData(
	raw: SQLite.Database,
	opts: { contestants: number; attemptsPer: number; opensAt: number }
): BenchData {
	const rand = mulberry32(20_261_122);
	const { contestants, attemptsPer, opensAt } = opts;
	const closesAt = opensAt + 7 * DAY;
	const graceMs = 2 * MINUTE;
	const now = opensAt - DAY;

	// --- units: 1 province → 30 departments / communes → 269 offices ---------------------------
	interface Unit {
		id: string;
		code: string;
		name: string;
		parentId: string | null;
		kind: string;
		weight: number;
		contestants: number;
	}
	const units: Unit[] = [];
	const root: Unit = {
		id: newId(),
		code: 'QN',
		name: 'Tỉnh Quảng Ninh',
		parentId: null,
		kind: 'province',
		weight: 0.3,
		contestants: 0
	};
	units.push(root);
	const level2: Unit[] = [];
	for (let d = 0; d < 30; d++) {
		const isDepartment = d < DEPARTMENTS.length;
		const unit: Unit = {
			id: newId(),
			code: `QN-${String(d + 1).padStart(2, '0')}`,
			name: isDepartment ? DEPARTMENTS[d] : `UBND ${COMMUNES[d - DEPARTMENTS.length]}`,
			parentId: root.id,
			kind: isDepartment ? 'department' : 'commune',
			weight: 0.5 + 1.5 * rand(),
			contestants: 0
		};
		units.push(unit);
		level2.push(unit);
	}
	for (let o = 0; o < 269; o++) {
		const parent = level2[o % level2.length];
		const n = Math.floor(o / level2.length) + 1;
		units.push({
			id: newId(),
			code: `${parent.code}-${String(n).padStart(2, '0')}`,
			name: parent.kind === 'department' ? `Phòng ${n} – ${parent.name}` : `Tổ dân phố ${n} – ${parent.name}`,
			parentId: parent.id,
			kind: 'office',
			// skewed: a few large offices, many small ones
			weight: 0.2 + 4 * rand() ** 3,
			contestants: 0
		});
	}
	const cumulative: number[] = [];
	let total = 0;
	for (const u of units) cumulative.push((total += u.weight));
	const pickUnit = (): Unit => {
		const x = rand() * total;
		let lo = 0;
		let hi = cumulative.length - 1;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (cumulative[mid] <= x) lo = mid + 1;
			else hi = mid;
		}
		return units[lo];
	};
	const unitOf = new Uint16Array(contestants);
	const index = new Map(units.map((u, i) => [u, i]));
	for (let i = 0; i < contestants; i++) {
		const unit = pickUnit();
		unit.contestants++;
		unitOf[i] = index.get(unit)!;
	}
	const insertUnit = raw.prepare(
		'insert into unit (id, code, name, name_folded, parent_id, kind, headcount, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)'
	);
	raw.transaction(() => {
		for (const u of units) {
			const rate = 0.3 + 0.7 * rand();
			const headcount = u.contestants === 0 ? 20 : Math.ceil(u.contestants / rate);
			insertUnit.run(u.id, u.code, u.name, foldVietnamese(u.name), u.parentId, u.kind, headcount, now);
		}
	})();

	// --- contest, groups, round, an organizer ----------------------------------------------------
	const contestId = newId();
	const groupIds: [string, string] = [newId(), newId()];
	const roundId = newId();
	const organizerId = newId();
	raw.transaction(() => {
		raw
			.prepare(
				"insert into contest (id, slug, title, summary, rules_md, consent_text, status, created_at) values (?, 'bench', ?, '', '', '', 'published', ?)"
			)
			.run(contestId, 'Tìm hiểu cải cách hành chính (bench)', now);
		const group = raw.prepare(
			'insert into contest_group (id, contest_id, code, name, position) values (?, ?, ?, ?, ?)'
		);
		group.run(groupIds[0], contestId, 'CBCC', 'Cán bộ, công chức, viên chức', 1);
		group.run(groupIds[1], contestId, 'ND', 'Nhân dân', 2);
		raw
			.prepare(
				`insert into round (id, contest_id, ordinal, name, opens_at, closes_at, time_limit_ms, max_attempts, grace_ms,
				  prediction_question, prediction_kind, ranking_criteria_json, leaderboard_visibility, show_answers_after_close,
				  leaderboard_version, created_at, prize_counts_json, exclude_previous_winners, collective_prize_json)
				 values (?, ?, 1, 'Tuần 1', ?, ?, ?, ?, ?, 'Bao nhiêu người đạt điểm tuyệt đối?', 'perfect_scores', ?, 'live', 1,
				  0, ?, ?, 1, ?)`
			)
			.run(
				roundId,
				contestId,
				opensAt,
				closesAt,
				TIME_LIMIT_MS,
				attemptsPer,
				graceMs,
				JSON.stringify(DEFAULT_CRITERIA),
				now,
				JSON.stringify({ [groupIds[0]]: PRIZES, [groupIds[1]]: PRIZES }),
				JSON.stringify(COLLECTIVE)
			);
		raw
			.prepare(
				"insert into app_user (id, phone, full_name, birth_date, email, password_hash, role, created_at) values (?, '0900000002', 'Ban tổ chức', null, null, 'x', 'organizer', ?)"
			)
			.run(organizerId, now);
		raw
			.prepare(
				'insert into organizer_grant (id, user_id, contest_id, granted_by, created_at) values (?, ?, ?, null, ?)'
			)
			.run(newId(), organizerId, contestId, now);
	})();

	// --- contestants, registrations, attempts ----------------------------------------------------
	const insertUser = raw.prepare(
		"insert into app_user (id, phone, full_name, birth_date, email, password_hash, role, created_at) values (?, ?, ?, ?, null, 'x', 'contestant', ?)"
	);
	const insertRegistration = raw.prepare(
		'insert into registration (id, contest_id, user_id, unit_id, group_id, consented_at, created_at) values (?, ?, ?, ?, ?, ?, ?)'
	);
	const insertAttempt = raw.prepare(
		`insert into attempt (id, round_id, user_id, group_id, unit_id, ordinal, status, seed, started_at, deadline, submitted_at,
		  finished_at, finish_reason, score, max_score, correct_count, duration_ms, prediction, disqualified, is_preview)
		 values (?, ?, ?, ?, ?, ?, 'finished', 'bench', ?, ?, ?, ?, 'submitted', ?, ?, ?, ?, ?, 0, 0)`
	);
	// A guess of how many will score 20/20 (about 23 % of the contestants do): around a fifth, spread wide.
	const guessCentre = contestants * 0.2;
	const week = closesAt - opensAt - TIME_LIMIT_MS;
	const BATCH = 25_000;
	for (let from = 0; from < contestants; from += BATCH) {
		raw.transaction(() => {
			for (let i = from; i < Math.min(contestants, from + BATCH); i++) {
				const userId = newId();
				const unit = units[unitOf[i]];
				const groupId = rand() < 0.55 ? groupIds[0] : groupIds[1];
				const name = `${FAMILY[Math.floor(rand() * FAMILY.length)]} ${MIDDLE[Math.floor(rand() * MIDDLE.length)]} ${GIVEN[Math.floor(rand() * GIVEN.length)]}`;
				const birth = `${1960 + Math.floor(rand() * 45)}-0${1 + Math.floor(rand() * 9)}-1${Math.floor(rand() * 9)}`;
				insertUser.run(userId, `09${String(10_000_000 + i)}`, name, birth, now);
				insertRegistration.run(newId(), contestId, userId, unit.id, groupId, now, now);
				// skill in [0.45, 1), the max of two uniforms: skewed towards the top
				const skill = 0.45 + 0.55 * Math.max(rand(), rand());
				const times = Array.from(
					{ length: attemptsPer },
					() => opensAt + TIME_LIMIT_MS + Math.floor(week * Math.sqrt(rand()))
				);
				times.sort((a, b) => a - b);
				for (let a = 0; a < attemptsPer; a++) {
					let score = 0;
					for (let q = 0; q < MAX_SCORE; q++) if (rand() < skill) score++;
					const duration = 2 * MINUTE + Math.floor(rand() * 18 * MINUTE);
					const submittedAt = times[a];
					const startedAt = submittedAt - duration;
					const prediction =
						rand() < 0.85
							? Math.max(0, Math.round(guessCentre * Math.exp((rand() + rand() + rand() - 1.5) * 0.8)))
							: null;
					insertAttempt.run(
						newId(),
						roundId,
						userId,
						groupId,
						unit.id,
						a + 1,
						startedAt,
						startedAt + TIME_LIMIT_MS,
						submittedAt,
						submittedAt,
						score,
						MAX_SCORE,
						score,
						duration,
						prediction
					);
				}
			}
		})();
	}

	// --- round_result: each contestant's best attempt (score desc, duration, submit, id) ----------
	raw
		.prepare(
			`insert into round_result (round_id, user_id, group_id, unit_id, attempt_id, score, max_score, duration_ms, submitted_at, prediction)
			 select round_id, user_id, group_id, unit_id, id, score, max_score, duration_ms, submitted_at, prediction from (
			   select a.*, row_number() over (partition by user_id order by score desc, duration_ms, submitted_at, id) as n
			   from attempt a
			   where round_id = ? and status = 'finished' and disqualified = 0 and is_preview = 0
			 ) where n = 1`
		)
		.run(roundId);
	// No ANALYZE: the app never runs it, so the planner sees what it sees in production.
	raw.pragma('wal_checkpoint(TRUNCATE)');

	const perfect = raw
		.prepare('select count(*) as n from round_result where round_id = ? and score >= max_score')
		.get(roundId) as { n: number };
	const largest = level2.reduce((best, u) => {
		const size = (x: Unit) =>
			units.filter((o) => o.parentId === x.id).reduce((s, o) => s + o.contestants, x.contestants);
		return size(u) > size(best) ? u : best;
	});
	return {
		contestId,
		roundId,
		groupIds,
		organizerId,
		closesAt,
		graceMs,
		pageUnitId: largest.id,
		units: units.length,
		perfectContestants: perfect.n
	};
}
