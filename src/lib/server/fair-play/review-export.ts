import ExcelJS from 'exceljs';
import type { Signal } from '../../domain/fair-play/types';
import { recordAudit } from '../audit/audit.repository';
import type { AppContext } from '../context';
import { loadReviewQueue } from './review.service';

// The flags and the decisions of a round as an Excel workbook for the jury's minutes. It names
// contestants (name and unit, no phone or email), so each download is on the audit log.

export const SIGNAL_LABELS: Record<Signal, string> = {
	too_fast: 'Làm bài quá nhanh',
	shared_device: 'Nhiều tài khoản trên một thiết bị',
	shared_address: 'Nhiều tài khoản đăng ký dồn dập từ một địa chỉ',
	copying: 'Đáp án giống nhau bất thường',
	focus_loss: 'Rời màn hình bài thi'
};

const DECISIONS = { cleared: 'Không vi phạm', disqualified: 'Loại' } as const;

const TIME = new Intl.DateTimeFormat('vi-VN', {
	timeZone: 'Asia/Ho_Chi_Minh',
	day: '2-digit',
	month: '2-digit',
	year: 'numeric',
	hour: '2-digit',
	minute: '2-digit'
});

export function describeEvidence(signal: Signal, detail: Record<string, unknown>): string {
	const d = detail as Record<string, number | null | undefined> & {
		partners?: {
			omega: number;
			pValue: number;
			matches: number;
			shared: number;
			expected: number;
			identicalWrong: number;
		}[];
	};
	switch (signal) {
		case 'too_fast':
			return `${((d.perQuestionMs ?? 0) / 1000).toFixed(1)} giây/câu (ngưỡng ${((d.floorMs ?? 0) / 1000).toFixed(1)} giây)`;
		case 'shared_device':
			return `${d.accounts} tài khoản cùng thiết bị`;
		case 'shared_address':
			return `${d.accounts} tài khoản đăng ký trong vài phút từ cùng địa chỉ`;
		case 'copying': {
			const p = d.partners?.[0];
			return p
				? `ω = ${p.omega}, trùng ${p.matches}/${p.shared} câu (kỳ vọng ${p.expected}), ${p.identicalWrong} câu sai giống nhau, p = ${p.pValue.toExponential(1)}`
				: '';
		}
		case 'focus_loss':
			return `Rời màn hình ${d.losses} lần, tổng ${Math.round((d.lostMs ?? 0) / 1000)} giây`;
	}
}

export async function exportReviewWorkbook(
	ctx: AppContext,
	actorId: string,
	round: { id: string; name: string }
): Promise<Buffer> {
	const { entries } = await loadReviewQueue(ctx, round.id, { signal: null, unitId: null });
	const workbook = new ExcelJS.Workbook();
	const sheet = workbook.addWorksheet('Rà soát gian lận');
	sheet.columns = [
		{ header: 'Họ và tên', key: 'name', width: 28 },
		{ header: 'Đơn vị', key: 'unit', width: 28 },
		{ header: 'Mã lượt thi', key: 'attempt', width: 24 },
		{ header: 'Điểm', key: 'score', width: 8 },
		{ header: 'Dấu hiệu', key: 'signal', width: 36 },
		{ header: 'Chỉ số', key: 'value', width: 10 },
		{ header: 'Bằng chứng', key: 'evidence', width: 60 },
		{ header: 'Quyết định', key: 'decision', width: 16 },
		{ header: 'Ghi chú / lý do', key: 'note', width: 40 },
		{ header: 'Người rà soát', key: 'reviewer', width: 24 },
		{ header: 'Thời điểm', key: 'at', width: 18 }
	];
	sheet.getRow(1).font = { bold: true };
	let rows = 0;
	for (const e of entries) {
		for (const s of e.signals) {
			sheet.addRow({
				name: e.fullName,
				unit: e.unitName,
				attempt: e.attemptId,
				score: e.score,
				signal: SIGNAL_LABELS[s.signal],
				value: s.score,
				evidence: describeEvidence(s.signal, s.detail),
				decision: e.review ? DECISIONS[e.review.decision] : 'Chưa rà soát',
				note: e.review?.note ?? '',
				reviewer: e.review?.reviewerName ?? '',
				at: e.review ? TIME.format(e.review.at) : ''
			});
			rows++;
		}
	}
	await recordAudit(
		ctx.db,
		{
			actorId,
			action: 'fair_play.export',
			entity: 'round',
			entityId: round.id,
			summary: `Xuất biên bản rà soát gian lận ${round.name} (${rows} dòng)`,
			detail: { rows }
		},
		ctx.clock.now()
	);
	return Buffer.from(await workbook.xlsx.writeBuffer());
}
