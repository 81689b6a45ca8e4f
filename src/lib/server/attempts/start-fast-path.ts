import type { IncomingMessage, Server as HttpServer, ServerResponse } from 'node:http';
import { parse as parseCookie } from 'cookie';
import { SESSION_COOKIE, settledSessionUserId } from '../auth/session';
import type { AppContext } from '../context';
import { findPublishedRound } from '../contests/round-page.service';
import { clientSignals, DEVICE_COOKIE, isDeviceId, newDeviceId, requestAddress } from '../fair-play/client-signals';
import { deviceCookieHeader } from '../fair-play/device-cookie';
import { log } from '../logger';
import { isAllowedOrigin } from '../realtime/origin';
import { securityHeaders } from '../security-headers';
import { startAttempt } from './attempt.service';
import { protocolOf } from './save-fast-path';

// The round page's "Bắt đầu" (its form action `?/start`) without SvelteKit's request pipeline, for
// the one case that is most of a rush: a signed-in contestant whose start succeeds. It answers
// exactly as the form action does then — 303 to the attempt page — and hands every other request
// to SvelteKit untouched (its body unread), which answers it as before: no session or one due for
// renewal, another site's post, a script asking for JSON, an unknown contest or round, and every
// refusal of the start (round not open or closed, not registered, no attempts left, an attempt in
// progress elsewhere, no questions), whose message the round page renders. A refused start writes
// nothing (an overdue attempt finished on the way stays finished), so the form action, running it
// again, refuses it the same way.

const START_URL = /^\/cuoc-thi\/([^/?#]+)\/dot-thi\/([^/?#]+)\?\/start$/;

/** A start form's body is empty (one button); anything bigger goes to SvelteKit with its own limit. */
const START_BODY_LIMIT = 16 * 1024;

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

export interface StartFastPathOptions {
	/** the app's public origin (ORIGIN), as for Socket.IO; else the request's own host is the origin */
	origin?: string;
}

/** Whether the client wants the page (a browser's form post), not the action's JSON (a script). */
function wantsHtml(accept: string | undefined): boolean {
	return accept !== undefined && accept.includes('text/html') && !accept.includes('application/json');
}

/**
 * The fast path as a listener step: takes the request and returns true (then answers it or calls
 * `passOn` later), or returns false for any other request.
 */
export function createStartFastPath(
	ctx: AppContext,
	options: StartFastPathOptions = {}
): (req: IncomingMessage, res: ServerResponse, passOn: () => void) => boolean {
	const hostHeader = process.env.HOST_HEADER?.toLowerCase() ?? 'host';
	const requestProtocol = protocolOf(options.origin);
	const headersFor = { 'http:': securityHeaders('http:'), 'https:': securityHeaders('https:') };

	const start = async (req: IncomingMessage, res: ServerResponse, slug: string, ordinal: number) => {
		const cookies = req.headers.cookie ? parseCookie(req.headers.cookie) : {};
		const token = cookies[SESSION_COOKIE];
		if (!token) return false;
		const userId = await settledSessionUserId(ctx.db, token, ctx.clock.now());
		if (!userId) return false;
		const round = await findPublishedRound(ctx, slug, ordinal);
		if (!round) return false;
		// the device cookie as the hooks would set it (a browser without one gets it with the 303)
		const known = cookies[DEVICE_COOKIE];
		const deviceId = isDeviceId(known) ? known : newDeviceId();
		const client = await clientSignals(
			ctx.db,
			{ deviceId, address: requestAddress(req), userAgent: req.headers['user-agent'] },
			ctx.clock.now()
		);
		const result = await startAttempt(ctx, userId, round.id, round, client);
		if (!result.ok) return false;
		req.resume(); // the (empty) form body is not needed
		const protocol = requestProtocol(req);
		const headers = protocol === 'https:' ? headersFor['https:'] : headersFor['http:'];
		res.writeHead(303, {
			...headers,
			location: `/lam-bai/${result.attemptId}`,
			'content-length': 0,
			...(deviceId === known ? {} : { 'set-cookie': deviceCookieHeader(deviceId, protocol) })
		});
		res.end();
		return true;
	};

	return (req, res, passOn) => {
		if (req.method !== 'POST' || !req.url) return false;
		const match = START_URL.exec(req.url);
		if (!match) return false;
		// what SvelteKit would answer otherwise than a plain 303: leave it to SvelteKit
		if (!wantsHtml(req.headers.accept)) return false;
		if (Number(req.headers['content-length'] ?? 0) > START_BODY_LIMIT) return false;
		const host = req.headers[hostHeader];
		if (!isAllowedOrigin(req.headers.origin, Array.isArray(host) ? host[0] : host, options.origin)) return false;
		let slug: string;
		let ordinal: number;
		try {
			slug = decodeURIComponent(match[1]);
			ordinal = Number(decodeURIComponent(match[2]));
		} catch {
			return false;
		}
		start(req, res, slug, ordinal)
			.then((answered) => {
				if (!answered) passOn();
			})
			.catch((error: unknown) => {
				// the form action runs it again and answers as it does (its error page, in the log)
				log.error(`Start fast path failed on POST ${req.url}; handing it to the pages`, error);
				if (res.headersSent) res.destroy();
				else passOn();
			});
		return true;
	};
}

/** Puts the start's fast path in front of the server's other request listeners (as the save's). */
export function installStartFastPath(server: HttpServer, ctx: AppContext, options: StartFastPathOptions = {}): void {
	const fastPath = createStartFastPath(ctx, options);
	const others = server.listeners('request') as Listener[];
	server.removeAllListeners('request');
	server.on('request', (req: IncomingMessage, res: ServerResponse) => {
		const passOn = () => {
			for (const listener of others) listener.call(server, req, res);
		};
		if (!fastPath(req, res, passOn)) passOn();
	});
}
