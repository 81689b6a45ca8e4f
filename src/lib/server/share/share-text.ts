import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { translate, type MessageKey } from '../../i18n';
import { TIME_ZONE } from '../../i18n/format';

// The words of link previews (Open Graph tags and share images). Always Vietnamese, whatever the
// sharer reads the site in: a preview is seen by the people of a Zalo group, not by the sharer.

export const vi = (key: MessageKey, params?: Record<string, string | number>): string => translate('vi', key, params);

const DAY = 86_400_000;

/**
 * An instant as a notice writes it: "08:00 Thứ hai, 07/12/2026", in Vietnam's time zone. A
 * deadline at midnight is the end of the day before ("24:00 Chủ nhật, 13/12/2026"), as contests
 * announce it, never "00:00 Thứ hai" of a day nobody takes part in.
 */
export function formatMoment(ms: number, asDeadline: boolean): string {
	const local = new TZDate(ms, TIME_ZONE);
	const midnight = local.getHours() === 0 && local.getMinutes() === 0;
	const day = asDeadline && midnight ? new TZDate(ms - DAY / 2, TIME_ZONE) : local;
	return vi('share.at', {
		time: asDeadline && midnight ? '24:00' : format(local, 'HH:mm'),
		weekday: vi(`share.weekday.${day.getDay()}` as MessageKey),
		date: format(day, 'dd/MM/yyyy')
	});
}

/** A round's window as of `now` (ms): "Đang mở đến 24:00 Chủ nhật, 13/12/2026", "Mở lúc …", "Đã kết thúc lúc …". */
export function roundWindowText(round: { opensAt: number; closesAt: number }, now: number): string {
	if (now < round.opensAt) return vi('share.window_upcoming', { at: formatMoment(round.opensAt, false) });
	if (now < round.closesAt) return vi('share.window_open', { at: formatMoment(round.closesAt, true) });
	return vi('share.window_closed', { at: formatMoment(round.closesAt, true) });
}

/** Text cut at a word to at most `max` characters, with an ellipsis when cut (for descriptions). */
export function clip(text: string, max: number): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	if (flat.length <= max) return flat;
	const cut = flat.slice(0, max - 1);
	const space = cut.lastIndexOf(' ');
	return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
