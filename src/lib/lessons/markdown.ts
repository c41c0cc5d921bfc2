import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

const marked = new Marked({ gfm: true, breaks: false });

/**
 * Lessons are trusted files, but a school may paste text from anywhere: the rendered HTML keeps
 * ordinary formatting only, with no scripts, event handlers, styles or non-web links.
 */
const SANITIZE: sanitizeHtml.IOptions = {
	allowedTags: [
		'p', 'br', 'strong', 'em', 'b', 'i', 'u', 's', 'del', 'code', 'pre', 'blockquote',
		'ul', 'ol', 'li', 'a', 'h3', 'h4', 'h5', 'h6', 'hr',
		'table', 'thead', 'tbody', 'tr', 'th', 'td', 'abbr', 'sup', 'sub', 'mark',
		// Task lists (`- [ ] item`) make printable checklists; their boxes become plain marks.
		'input',
		'span'
	],
	allowedAttributes: {
		a: ['href', 'title', 'rel'],
		abbr: ['title'],
		th: ['align'],
		td: ['align'],
		ol: ['start'],
		span: ['class', 'aria-hidden']
	},
	allowedSchemes: ['http', 'https', 'mailto', 'tel'],
	allowProtocolRelative: false,
	disallowedTagsMode: 'discard',
	transformTags: {
		// Links leave the lesson in a new context and tell the other site nothing about the class.
		a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer' }),
		input: (_tag, attribs) => ({
			tagName: 'span',
			attribs: { class: 'task-box', 'aria-hidden': 'true' },
			text: 'checked' in attribs ? '☑' : '☐'
		}),
		span: (_tag, attribs): sanitizeHtml.Tag => ({
			tagName: 'span',
			attribs: attribs.class === 'task-box' ? { class: 'task-box', 'aria-hidden': 'true' } : {}
		})
	}
};

export function sanitize(html: string): string {
	return sanitizeHtml(html, SANITIZE);
}

export function renderMarkdown(markdown: string): string {
	return sanitize(marked.parse(markdown, { async: false }));
}

/** Plain text of a Markdown snippet: what a phone shows or an export writes. */
export function markdownToText(markdown: string): string {
	const html = marked.parse(markdown, { async: false });
	// The source's line breaks inside a paragraph are not the text's: only blocks and hard breaks are.
	const blocks = html.replace(/\n/g, ' ').replace(/<br\s*\/?>|<\/(p|li|h\d|blockquote)>/g, '\n');
	const text = sanitizeHtml(blocks, {
		allowedTags: [],
		allowedAttributes: {}
	});
	return decodeEntities(text)
		.split('\n')
		.map((line) => line.replace(/\s+/g, ' ').trim())
		.filter(Boolean)
		.join('\n');
}

function decodeEntities(text: string): string {
	return text
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&#39;|&#x27;/g, "'")
		.replace(/&nbsp;/g, ' ')
		.replace(/&amp;/g, '&');
}
