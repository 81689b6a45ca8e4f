import { recordAudit } from '../audit/audit.repository';
import { isScored, isTypedType, type QuestionType } from '../../domain/question-kinds';
import type { AppContext } from '../context';
import { canManageContest, type Actor } from '../contests/contest-access';
import { findContestById } from '../contests/contest.repository';
import type { ContestRow } from '../db/schema';
import {
	addInfoSheet,
	addTableSheet,
	commitWorkbook,
	createWorkbook,
	DATE_TIME_FORMAT,
	excelWallTime,
	ExportAbortedError,
	type ExportOut,
	type TableColumn
} from '../results/export-format';
import { findGame, listGameAnswers, listGameQuestions, type GameRow } from './game.repository';
import { gameResults, type GameResultPlayer, type GameResultUnit } from './game.service';
import { gameTeamResults, TEAM_COLUMNS, teamModeText } from './teams-export';

// A played live game as a workbook for its organizers: the ranking, every player's answer to every
// question, the unit standings and what the game was. Players appear by name and unit (no phone,
// email or birth date), and by the identifier the host asked for at the door if any (an employee
// number); each download is on the audit log like the other exports.

export const GAME_XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const SECONDS = '0.00';
const MEAN = '0.0';

export type GameExportOutcome = { ok: true; rows: number } | { ok: false; reason: GameExportFailure | 'aborted' };
export type GameExportFailure = 'game_not_found' | 'forbidden';

export interface GameExportTarget {
	game: GameRow;
	contest: ContestRow;
}

/** The game to export once the actor manages its contest; with `contestId`, another contest's game is not found. */
export async function findGameExportTarget(
	ctx: AppContext,
	actor: Actor,
	gameId: string,
	contestId?: string
): Promise<{ ok: true; target: GameExportTarget } | { ok: false; reason: GameExportFailure }> {
	const { db } = ctx;
	const game = await findGame(db, gameId);
	if (!game || (contestId !== undefined && game.contest_id !== contestId)) {
		return { ok: false, reason: 'game_not_found' };
	}
	const contest = await findContestById(db, game.contest_id);
	if (!contest) return { ok: false, reason: 'game_not_found' };
	if (!(await canManageContest(db, actor, contest.id))) return { ok: false, reason: 'forbidden' };
	return { ok: true, target: { game, contest } };
}

/** "tro-choi-482913-ket-qua.xlsx" */
export function gameExportFileName(game: Pick<GameRow, 'pin'>): string {
	return `tro-choi-${game.pin.replace(/\D/g, '')}-ket-qua.xlsx`;
}

const RANKING_COLUMNS: TableColumn<GameResultPlayer>[] = [
	{ header: 'Hạng', width: 8, value: (p) => p.rank },
	{ header: 'Người chơi', width: 30, value: (p) => p.name },
	{ header: 'Tham gia bằng', width: 16, value: (p) => (p.signedIn ? 'Tài khoản' : 'Biệt danh') },
	{ header: 'Đơn vị', width: 36, value: (p) => p.unitName },
	{ header: 'Điểm', width: 10, value: (p) => p.score },
	{ header: 'Số câu đúng', width: 12, value: (p) => p.correctCount },
	{
		header: 'Thời gian trả lời đúng (giây)',
		width: 18,
		numFmt: SECONDS,
		value: (p) => p.correctTimeMs / 1000
	}
];

interface DetailRow {
	player: GameResultPlayer;
	position: number;
	text: string;
	/** option letters, "A, C"; an ordering's items in the player's order; typed text; '' when unanswered */
	answer: string;
	answered: boolean;
	correct: boolean;
	/** a poll or word cloud: never right or wrong */
	unscored: boolean;
	/** seconds, server-measured; null when unanswered */
	seconds: number | null;
	points: number;
	voided: boolean;
}

const DETAIL_COLUMNS: TableColumn<DetailRow>[] = [
	{ header: 'Người chơi', width: 30, value: (r) => r.player.name },
	{ header: 'Đơn vị', width: 30, value: (r) => r.player.unitName },
	{ header: 'Câu số', width: 8, value: (r) => r.position + 1 },
	{ header: 'Nội dung câu hỏi', width: 60, value: (r) => r.text },
	{ header: 'Đáp án đã chọn', width: 24, value: (r) => r.answer || null },
	{
		header: 'Đúng',
		width: 10,
		value: (r) =>
			!r.answered ? null : r.unscored ? 'Không tính điểm' : r.correct ? 'Có' : r.points > 0 ? 'Một phần' : 'Không'
	},
	{ header: 'Thời gian (giây)', width: 14, numFmt: SECONDS, value: (r) => r.seconds },
	{ header: 'Điểm', width: 10, value: (r) => r.points },
	{ header: 'Ghi chú', width: 28, value: (r) => (r.voided ? 'Câu bị bỏ qua, không tính điểm' : null) }
];

const UNIT_COLUMNS: TableColumn<GameResultUnit>[] = [
	{ header: 'Hạng', width: 8, value: (u) => u.rank },
	{ header: 'Đơn vị', width: 40, value: (u) => u.name },
	{ header: 'Số người chơi', width: 14, value: (u) => u.players },
	{ header: 'Điểm trung bình', width: 16, numFmt: MEAN, value: (u) => u.meanScore },
	{ header: 'Tổng điểm', width: 12, value: (u) => u.totalScore }
];

/** Option indexes as the letters shown beside them: [0, 2] → "A, C". */
export function optionLetters(choice: readonly number[]): string {
	return choice.map((i) => String.fromCharCode(65 + i)).join(', ');
}

/**
 * A stored answer as the workbook writes it: the letters of the options chosen (a poll's with
 * their text), an ordering's items in the player's order ("Tiếp nhận → Thẩm định → …"), or the
 * typed text as typed.
 */
export function answerText(q: { type: string; options_json: string }, choiceJson: string): string {
	const stored = JSON.parse(choiceJson) as unknown[];
	if (isTypedType(q.type as QuestionType)) return typeof stored[0] === 'string' ? stored[0] : '';
	const choice = stored.filter((c): c is number => typeof c === 'number');
	const options = JSON.parse(q.options_json) as { text: string }[];
	if (q.type === 'ordering') return choice.map((i) => options[i]?.text ?? '?').join(' → ');
	if (q.type === 'poll') return choice.map((i) => `${optionLetters([i])}. ${options[i]?.text ?? ''}`).join('; ');
	return optionLetters(choice);
}

function scoringText(game: GameRow): string {
	if (game.scoring === 'accuracy') return 'Chính xác: 1 điểm cho mỗi câu trả lời đúng';
	return `Tốc độ: câu đúng được từ một nửa đến toàn bộ điểm của câu, trả lời càng nhanh càng nhiều điểm; câu sắp xếp theo cặp hoặc số tính theo khoảng cách được phần điểm tương ứng${
		game.streak_bonus ? '; có thưởng chuỗi câu đúng liên tiếp' : ''
	}`;
}

async function auditGameExport(ctx: AppContext, actor: Actor, target: GameExportTarget, players: number) {
	await recordAudit(
		ctx.db,
		{
			actorId: actor.id,
			action: 'live_game.export',
			entity: 'live_game',
			entityId: target.game.id,
			summary: `Xuất kết quả trò chơi trực tiếp "${target.game.title}" (mã PIN ${target.game.pin}, ${players} người chơi)`,
			detail: { format: 'xlsx', players, contestId: target.contest.id }
		},
		ctx.clock.now()
	);
}

/**
 * The results of a game as a workbook: "Xếp hạng", "Chi tiết" (a row per player and question
 * asked, unanswered ones included), "Đơn vị", "Thông tin". Audited before the first byte.
 */
export async function writeGameWorkbook(
	ctx: AppContext,
	actor: Actor,
	gameId: string,
	out: ExportOut,
	contestId?: string
): Promise<GameExportOutcome> {
	const found = await findGameExportTarget(ctx, actor, gameId, contestId);
	if (!found.ok) return found;
	const { game, contest } = found.target;
	const [results, questions, answers] = await Promise.all([
		gameResults(ctx, gameId),
		listGameQuestions(ctx.db, gameId),
		listGameAnswers(ctx.db, gameId)
	]);
	await auditGameExport(ctx, actor, found.target, results.players.length);
	try {
		const now = ctx.clock.now();
		const workbook = createWorkbook(out, { title: `Kết quả ${game.title}`, created: new Date(now) });
		// the identifier the door asked for, under the host's label, after the player's name
		const idHeader = game.identifier_label ?? (results.players.some((p) => p.identifier) ? 'Mã định danh' : null);
		const columns = idHeader
			? [
					...RANKING_COLUMNS.slice(0, 2),
					{ header: idHeader, width: 18, value: (p: GameResultPlayer) => p.identifier },
					...RANKING_COLUMNS.slice(2)
				]
			: RANKING_COLUMNS;
		const ranking = addTableSheet(workbook, 'Xếp hạng', columns, out);
		for (const p of results.players) ranking.add(p);
		ranking.commit();

		// only the questions the game reached: one ended early never asked the rest
		const asked = questions.filter((q) => q.position <= game.question_index);
		const byPlayer = new Map<string, Map<number, (typeof answers)[number]>>();
		for (const a of answers) {
			const mine = byPlayer.get(a.player_id) ?? new Map<number, (typeof answers)[number]>();
			mine.set(a.position, a);
			byPlayer.set(a.player_id, mine);
		}
		const detail = addTableSheet(workbook, 'Chi tiết', DETAIL_COLUMNS, out);
		let settled = 0;
		for (const player of results.players) {
			for (const q of asked) {
				const a = byPlayer.get(player.id)?.get(q.position);
				detail.add({
					player,
					position: q.position,
					text: q.text,
					answer: a ? answerText(q, a.choice_json) : '',
					answered: a !== undefined,
					correct: a?.correct === 1,
					unscored: !isScored(q.type as QuestionType),
					seconds: a ? a.elapsed_ms / 1000 : null,
					points: a?.points ?? 0,
					voided: q.voided === 1
				});
			}
			if (detail.rows - settled >= 500) {
				settled = detail.rows;
				await detail.settle();
			}
		}
		detail.commit();

		const units = addTableSheet(workbook, 'Đơn vị', UNIT_COLUMNS, out);
		for (const u of results.units) units.add(u);
		units.commit();

		// team games: the teams as ranked at the end, the stage's apart from the hall's
		if (game.team_mode !== 'off') {
			const teams = addTableSheet(workbook, 'Đội', TEAM_COLUMNS, out);
			for (const row of await gameTeamResults(ctx.db, game)) teams.add(row);
			teams.commit();
		}

		const when = (ms: number | null) => (ms === null ? null : excelWallTime(ms));
		addInfoSheet(workbook, 'Thông tin', [
			['Trò chơi', game.title],
			['Cuộc thi', contest.title],
			['Mã PIN', game.pin],
			['Cách tính điểm', scoringText(game)],
			...(teamModeText(game) ? [['Chia đội', teamModeText(game)] as [string, string]] : []),
			['Số câu hỏi', questions.length],
			['Số câu đã chiếu', asked.length],
			['Số người chơi', results.players.length],
			['Tạo lúc', when(game.created_at), DATE_TIME_FORMAT],
			['Bắt đầu', when(game.started_at), DATE_TIME_FORMAT],
			['Kết thúc', when(game.ended_at), DATE_TIME_FORMAT],
			['Xuất tệp lúc', excelWallTime(now), DATE_TIME_FORMAT],
			['Múi giờ', 'Giờ Việt Nam (UTC+7)'],
			['Ghi chú', 'Thời gian trả lời do máy chủ đo, tính từ lúc câu hỏi được gửi đi.']
		]);
		await commitWorkbook(workbook, out);
		return { ok: true, rows: results.players.length };
	} catch (error) {
		if (error instanceof ExportAbortedError) return { ok: false, reason: 'aborted' };
		throw error;
	}
}
