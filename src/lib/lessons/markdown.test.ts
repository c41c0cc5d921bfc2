import { describe, expect, it } from 'vitest';
import { markdownToText, renderMarkdown } from './markdown';

describe('renderMarkdown sanitises even trusted lessons', () => {
	it('keeps ordinary formatting, tables and links', () => {
		const html = renderMarkdown('**Bold** and [a link](https://helpwanted.nl)\n\n| a | b |\n| - | - |\n| 1 | 2 |');
		expect(html).toContain('<strong>Bold</strong>');
		expect(html).toContain('<a href="https://helpwanted.nl" rel="noopener noreferrer">a link</a>');
		expect(html).toContain('<table>');
	});

	it('drops script elements and their content', () => {
		const html = renderMarkdown('Hi <script>alert(1)</script> there');
		expect(html).not.toMatch(/script|alert/);
	});

	it('drops event-handler attributes and style', () => {
		const html = renderMarkdown('<p onclick="steal()" style="color:red">x</p><img src="x" onerror="steal()">');
		expect(html).not.toMatch(/onclick|onerror|steal|style|<img/);
		expect(html).toContain('x');
	});

	it('drops javascript:, data: and vbscript: links but keeps the text', () => {
		const html = renderMarkdown('[one](javascript:alert(1)) [two](JaVaScRiPt:alert(2)) <a href="data:text/html,x">three</a> <a href="vbscript:x">four</a>');
		expect(html).not.toMatch(/javascript|data:|vbscript|href/i);
		expect(html).toMatch(/one.*two.*three.*four/);
	});

	it('drops iframes, forms and embedded objects', () => {
		const html = renderMarkdown('<iframe src="https://x"></iframe><form action="/x"><input name="a"></form><object data="x"></object>');
		expect(html).not.toMatch(/iframe|form|object|name="a"/);
	});

	it('turns task-list items into printable boxes without form controls', () => {
		const html = renderMarkdown('- [ ] Call the parents\n- [x] Inform the team');
		expect(html).toContain('<span class="task-box" aria-hidden="true">☐</span> Call the parents');
		expect(html).toContain('<span class="task-box" aria-hidden="true">☑</span> Inform the team');
		expect(html).not.toContain('<input');
	});
});

describe('markdownToText', () => {
	it('gives plain text with entities decoded and one line per paragraph or item', () => {
		expect(markdownToText('Hello **world** & <b>you</b>\n\n- one\n- two')).toBe('Hello world & you\none\ntwo');
	});

	it('reflows the source’s line breaks inside a paragraph and keeps hard breaks', () => {
		expect(markdownToText('Sem wil het filmpje\nin de groepsapp zetten.\n\nWat doet Sem?')).toBe('Sem wil het filmpje in de groepsapp zetten.\nWat doet Sem?');
		expect(markdownToText('Eerst dit.  \nDan dat.')).toBe('Eerst dit.\nDan dat.');
	});
});
