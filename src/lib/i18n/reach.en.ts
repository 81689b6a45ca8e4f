import type { reachVi } from './reach.vi';

export const reachEn: Record<keyof typeof reachVi, string> = {
	'reach.inapp.download': 'The browser inside {app} cannot download files. Open this page in your phone’s browser.',
	'reach.inapp.open_chrome': 'Open in Chrome',
	'reach.inapp.steps_android':
		'If the button does not work: tap the three dots (…) at the top, then “Open in browser”.',
	'reach.inapp.steps_ios':
		'Tap the three dots (…) at the corner of the screen, then “Open in browser” (or “Open in Safari”).',
	'reach.inapp.link_label': 'This page’s link',
	'reach.inapp.copy': 'Copy link',
	'reach.inapp.copied': 'Copied. Paste the link into Chrome or Safari to open the page.',
	'reach.inapp.copy_failed': 'Could not copy. Press and hold the link to copy it.',
	'reach.remind': 'Remind me',
	'reach.remind_opening': 'Remind me when {round} opens ({time})',
	'reach.remind_hint': 'Downloads a calendar event: your phone reminds you an hour before.',
	'reach.pending_title': 'Rounds you have not taken',
	'reach.pending_none': 'No open or upcoming round that you have not taken.',
	'reach.pending_opens': 'Opens {time}',
	'reach.pending_closes': 'Open until {time}',
	'reach.enter': 'Take it',
	'reach.ics.opening_summary': '{round} opens: {contest}',
	'reach.ics.closing_summary': '{round} closes soon: {contest}',
	'reach.ics.opening_description': '{round} of {contest} opens at {opens} and closes at {closes}.',
	'reach.ics.closing_description': '{round} of {contest} closes at {closes}. You have not taken it yet.',
	'reach.ics.link': 'Take part: {url}'
};
