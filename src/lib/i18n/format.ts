import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';

export { countdownParts } from './clock';
export { formatNumber } from './number';

export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** dd/MM/yyyy HH:mm in Vietnam's time zone, whatever the viewer's device says. */
export function formatDateTime(ms: number): string {
	return format(new TZDate(ms, TIME_ZONE), 'dd/MM/yyyy HH:mm');
}

export function formatDate(ms: number): string {
	return format(new TZDate(ms, TIME_ZONE), 'dd/MM/yyyy');
}

/** yyyy-MM-dd of an instant in Vietnam (for date inputs and date-only comparisons). */
export function formatIsoDate(ms: number): string {
	return format(new TZDate(ms, TIME_ZONE), 'yyyy-MM-dd');
}
