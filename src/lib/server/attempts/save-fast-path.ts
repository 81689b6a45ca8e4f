import type { IncomingMessage, Server as HttpServer, ServerResponse } from 'node:http';
import { parse as parseCookie } from 'cookie';
import { isLocale, LOCALE_COOKIE, type Locale } from '../../i18n';
import { apiFailureReply, type ApiReply } from '../api';
import { SESSION_COOKIE, sessionUserId } from '../auth/session';
import type { AppContext } from '../context';
import { log } from '../logger';
import { isAllowedOrigin } from '../realtime/origin';
import { securityHeaders } from '../security-headers';
import { BodyTooLargeError, replyToSave } from './save-request';
import { replyToEvents } from './events-request';
import { replyToSubmit } from './submit-request';

// The answer save without SvelteKit's request pipeline. Every click on an answer is a save, and
// on a deadline night they are most of the traffic; SvelteKit's own handling (the Request object,
// the hooks, routing) cost about 0.6 ms of CPU a request, several times the save itself. This
// raw node:http handler answers exactly `POST /api/attempts/<id>/answers` and the submit,
// `POST /api/attempts/<id>/submit` (a deadline's other burst), and the page's fair-play reports
// `POST /api/attempts/<id>/events` (every few seconds from every open attempt page), same URLs and same JSON as the
// SvelteKit endpoints, which stay as the fallback; everything else passes on.
// What the hooks do for this request is done here: the locale cookie, the session (one
// precompiled lookup; renewal is left to the pages), the security headers; and what SvelteKit
// does: the origin check of a cross-site post, the body size limit, no stack trace in an error.

const ATTEMPT_URL = /^\/api\/attempts\/([^/?#]+)\/(answers|submit|events)(?:\?.*)?$/;

/** A save's body is under 1 kB (8 option ids at most), a submit's a few bytes; anything much bigger is neither. */
export const SAVE_BODY_LIMIT = 16 * 1024;

/** What the production entry sets (scripts/server.js) when it tells adapter-node the protocol itself. */
const OWN_PROTOCOL_HEADER = 'x-cuocthi-protocol';

export interface SaveFastPathOptions {
	/** the app's public origin (ORIGIN), as for Socket.IO; else the request's own host is the origin */
	origin?: string;
	bodyLimit?: number;
}

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * The protocol SvelteKit would see for a request (for HSTS), following adapter-node's rules:
 * ORIGIN's, else the proxy's PROTOCOL_HEADER, else (scripts/server.js's own header) the socket's.
 */
export function protocolOf(configuredOrigin: string | undefined): (req: IncomingMessage) => string {
	if (configuredOrigin) {
		const protocol = new URL(configuredOrigin).protocol;
		return () => protocol;
	}
	const header = process.env.PROTOCOL_HEADER?.toLowerCase();
	if (header && header !== OWN_PROTOCOL_HEADER) {
		return (req) => {
			const value = req.headers[header];
			return `${(Array.isArray(value) ? value[0] : value) ?? 'https'}:`;
		};
	}
	return (req) => ('encrypted' in req.socket && req.socket.encrypted ? 'https:' : 'http:');
}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
	return new Promise((resolve, reject) => {
		if (Number(req.headers['content-length'] ?? 0) > limit) return reject(new BodyTooLargeError());
		const chunks: Buffer[] = [];
		let size = 0;
		let done = false;
		const fail = (error: Error) => {
			if (done) return;
			done = true;
			req.removeAllListeners('data');
			reject(error);
		};
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > limit) fail(new BodyTooLargeError());
			else chunks.push(chunk);
		});
		req.on('end', () => {
			if (done) return;
			done = true;
			resolve(Buffer.concat(chunks, size).toString('utf8'));
		});
		req.on('error', fail);
		// (checked first: an Error captures a stack, too dear for every request that ends normally)
		req.on('close', () => {
			if (!done) fail(new Error('request closed before its end'));
		});
	});
}

/**
 * The fast path as a listener step: answers the save and returns true, or returns false for any
 * other request (the caller passes it on).
 */
export function createSaveFastPath(
	ctx: AppContext,
	options: SaveFastPathOptions = {}
): (req: IncomingMessage, res: ServerResponse) => boolean {
	const limit = options.bodyLimit ?? SAVE_BODY_LIMIT;
	const requestProtocol = protocolOf(options.origin);
	// adapter-node's HOST_HEADER (a proxy's x-forwarded-host) names the host SvelteKit takes as the origin's
	const hostHeader = process.env.HOST_HEADER?.toLowerCase() ?? 'host';
	const requestHost = (req: IncomingMessage): string | undefined => {
		const value = req.headers[hostHeader];
		return Array.isArray(value) ? value[0] : value;
	};
	const headersFor = {
		'http:': { 'content-type': 'application/json', ...securityHeaders('http:') },
		'https:': { 'content-type': 'application/json', ...securityHeaders('https:') }
	};

	const send = (req: IncomingMessage, res: ServerResponse, reply: ApiReply, close = false) => {
		const payload = JSON.stringify(reply.body);
		const protocol = requestProtocol(req);
		res.writeHead(reply.status, {
			...(protocol === 'https:' ? headersFor['https:'] : headersFor['http:']),
			'content-length': Buffer.byteLength(payload),
			...(close ? { connection: 'close' } : {})
		});
		res.end(payload);
	};

	const answer = async (req: IncomingMessage, res: ServerResponse, attemptId: string, action: string) => {
		let locale: Locale = 'vi';
		try {
			const cookies = req.headers.cookie ? parseCookie(req.headers.cookie) : {};
			const chosen = cookies[LOCALE_COOKIE];
			if (isLocale(chosen)) locale = chosen;
			// a browser always says where the page that posts comes from: only the app's own pages save
			if (!isAllowedOrigin(req.headers.origin, requestHost(req), options.origin)) {
				return send(req, res, apiFailureReply(locale, 'cross_site', ctx.clock.now()));
			}
			const token = cookies[SESSION_COOKIE];
			const userId = token ? await sessionUserId(ctx.db, token, ctx.clock.now()) : null;
			let oversize = false;
			const body = () =>
				readBody(req, limit).catch((error: unknown) => {
					oversize = error instanceof BodyTooLargeError;
					throw error;
				});
			const reply =
				action === 'submit'
					? await replyToSubmit(ctx, { attemptId, userId, locale, readBody: body })
					: action === 'events'
						? await replyToEvents(ctx, {
								attemptId,
								userId,
								locale,
								contentType: req.headers['content-type'],
								readBody: body
							})
						: await replyToSave(ctx, {
								attemptId,
								userId,
								locale,
								contentType: req.headers['content-type'],
								readBody: body
							});
			// the rest of an oversize body is not worth reading: answer, then close the connection
			send(req, res, reply, oversize);
		} catch (error) {
			log.error(`Unhandled error on POST ${req.url}`, error);
			if (res.headersSent) res.destroy();
			else send(req, res, apiFailureReply(locale, 'server_error', ctx.clock.now()), true);
		}
	};

	return (req, res) => {
		if (req.method !== 'POST' || !req.url) return false;
		const match = ATTEMPT_URL.exec(req.url);
		if (!match) return false;
		let attemptId: string;
		try {
			attemptId = decodeURIComponent(match[1]);
		} catch {
			return false; // SvelteKit answers a malformed URL
		}
		answer(req, res, attemptId, match[2]).catch((error: unknown) => {
			// only if answering the error failed too: never let it take the process down
			log.error(`Could not answer POST ${req.url}`, error);
			res.destroy();
		});
		return true;
	};
}

/**
 * Puts the fast path in front of the server's other request listeners (the SvelteKit handler,
 * Socket.IO's), the way Socket.IO itself attaches: every request goes to them unless it is a save
 * or a submit.
 */
export function installSaveFastPath(server: HttpServer, ctx: AppContext, options: SaveFastPathOptions = {}): void {
	const fastPath = createSaveFastPath(ctx, options);
	const others = server.listeners('request') as Listener[];
	server.removeAllListeners('request');
	server.on('request', (req: IncomingMessage, res: ServerResponse) => {
		if (fastPath(req, res)) return;
		for (const listener of others) listener.call(server, req, res);
	});
}
