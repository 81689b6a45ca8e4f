import { marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

// Organizers write rules in Markdown; what reaches the page is sanitized HTML with a short list
// of tags, so a pasted <script> or onclick never runs.
const allowed: sanitizeHtml.IOptions = {
	allowedTags: [
		'h2',
		'h3',
		'h4',
		'p',
		'ul',
		'ol',
		'li',
		'strong',
		'em',
		'a',
		'blockquote',
		'br',
		'hr',
		'table',
		'thead',
		'tbody',
		'tr',
		'th',
		'td',
		'code'
	],
	allowedAttributes: { a: ['href', 'title'] },
	allowedSchemes: ['http', 'https', 'mailto', 'tel'],
	transformTags: {
		a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer' }),
		h1: 'h2'
	}
};

export function renderMarkdown(markdown: string): string {
	return sanitizeHtml(marked.parse(markdown, { async: false }), allowed);
}
