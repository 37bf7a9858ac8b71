/* tokenize.c - split command lines into words (see tokenize.h). */
#include <config.h>

#include "cmd/tokenize.h"
#include "core/alloc.h"
#include "util/strbuf.h"
#include "util/utf8.h"
#include "util/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int
is_ident_start(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static int
is_ident(char c)
{
	return is_ident_start(c) || (c >= '0' && c <= '9') || c == '-';
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* column of byte offset off: characters, not bytes, counted from 1 */
static int
column_of(const char *line, size_t off)
{
	int col = 1;
	size_t i = 0, len;
	while (i < off) {
		utf8_decode(line + i, off - i, &len);
		i += len;
		col++;
	}
	return col;
}

static void
cmd_push(tok_line *l, tok_cmd *c, const char *line, size_t start, size_t end)
{
	while (start < end && (line[start] == ' ' || line[start] == '\t'))
		start++;
	while (end > start && (line[end - 1] == ' ' || line[end - 1] == '\t'))
		end--;
	if (c->n == 0) {
		free(c->w);
		c->w = NULL;
		return;
	}
	c->src = xstrndup(line + start, end - start);
	l->cmd = xreallocarray(l->cmd, (size_t)l->n + 1, sizeof *l->cmd);
	l->cmd[l->n++] = *c;
	c->w = NULL;
	c->n = 0;
	c->src = NULL;
}

int
tok_split(const char *line, tok_line *out, char *err, size_t errlen)
{
	out->cmd = NULL;
	out->n = 0;
	size_t n = strlen(line);
	if (n > NN_LINE_MAX) {
		snprintf(err, errlen, _("the line is too long (%zu bytes; the limit is %d); split it into several commands"),
		         n, NN_LINE_MAX);
		return -1;
	}
	size_t bad = utf8_invalid_at(line, n);
	if (bad != (size_t)-1) {
		snprintf(err, errlen, _("the line is not valid UTF-8 (byte 0x%02X at column %d); retype it"),
		         (unsigned char)line[bad], column_of(line, bad));
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)line[i];
		if ((c < 0x20 && c != '\t') || c == 0x7F) {
			snprintf(err, errlen, _("control character 0x%02X at column %d; remove it and retype the line"),
			         c, column_of(line, i));
			return -1;
		}
	}

	tok_cmd cur = {0};
	size_t cmd_start = 0;
	size_t i = 0;
	strbuf word;
	sb_init(&word);
	for (;;) {
		while (i < n && (line[i] == ' ' || line[i] == '\t'))
			i++;
		if (i >= n || line[i] == '#') {
			cmd_push(out, &cur, line, cmd_start, i);
			break;
		}
		if (line[i] == ';') {
			cmd_push(out, &cur, line, cmd_start, i);
			i++;
			cmd_start = i;
			continue;
		}
		/* one word */
		size_t wstart = i;
		int quoted = 0;
		long eq = -1;   /* offset in word of a key '=' */
		int key_ok = is_ident_start(line[i]);
		sb_clear(&word);
		while (i < n && line[i] != ' ' && line[i] != '\t' && line[i] != ';') {
			char c = line[i];
			if (c == '"') {
				size_t qstart = i++;
				quoted = 1;
				key_ok = key_ok && eq >= 0;
				for (;;) {
					if (i >= n) {
						snprintf(err, errlen,
						         _("unterminated string starting at column %d; close it with a double quote"),
						         column_of(line, qstart));
						goto fail;
					}
					c = line[i];
					if (c == '"') {
						i++;
						break;
					}
					if (c == '\\') {
						char e = i + 1 < n ? line[i + 1] : '\0';
						switch (e) {
						case '"': sb_putc(&word, '"'); i += 2; continue;
						case '\\': sb_putc(&word, '\\'); i += 2; continue;
						case 'n': sb_putc(&word, '\n'); i += 2; continue;
						case 't': sb_putc(&word, '\t'); i += 2; continue;
						case 'u': {
							int cp = 0, ok = i + 5 < n;
							for (int k = 0; ok && k < 4; k++) {
								int h = hexval(line[i + 2 + (size_t)k]);
								if (h < 0)
									ok = 0;
								else
									cp = cp * 16 + h;
							}
							if (!ok || cp < 0x20 || (cp >= 0x7F && cp < 0xA0) ||
							    (cp >= 0xD800 && cp <= 0xDFFF)) {
								snprintf(err, errlen,
								         _("bad \\u escape at column %d; write \\u and four hex digits of a printable character"),
								         column_of(line, i));
								goto fail;
							}
							char enc[4];
							sb_add(&word, enc, utf8_encode(cp, enc));
							i += 6;
							continue;
						}
						default:
							snprintf(err, errlen,
							         _("unknown escape '\\%s' at column %d; use \\\\ for a backslash, \\\" for a quote"),
							         e ? (char[2]){e, 0} : "", column_of(line, i));
							goto fail;
						}
					}
					sb_putc(&word, c);
					i++;
				}
				continue;
			}
			if (c == '\'') {
				size_t qstart = i++;
				quoted = 1;
				key_ok = key_ok && eq >= 0;
				const char *close = memchr(line + i, '\'', n - i);
				if (!close) {
					snprintf(err, errlen,
					         _("unterminated string starting at column %d; close it with a single quote"),
					         column_of(line, qstart));
					goto fail;
				}
				sb_add(&word, line + i, (size_t)(close - (line + i)));
				i = (size_t)(close - line) + 1;
				continue;
			}
			if (c == '=' && eq < 0 && key_ok && !quoted)
				eq = (long)word.len;
			else if (eq < 0 && !is_ident(c))
				key_ok = 0;
			sb_putc(&word, c);
			i++;
		}
		tok t = {0};
		t.text = xstrdup(word.s);
		t.quoted = quoted;
		t.col = column_of(line, wstart);
		if (key_ok && eq > 0) {
			t.key = xstrndup(word.s, (size_t)eq);
			t.val = xstrdup(word.s + eq + 1);
		}
		cur.w = xreallocarray(cur.w, (size_t)cur.n + 1, sizeof *cur.w);
		cur.w[cur.n++] = t;
	}
	sb_free(&word);
	return 0;
fail:
	sb_free(&word);
	for (int k = 0; k < cur.n; k++) {
		free(cur.w[k].text);
		free(cur.w[k].key);
		free(cur.w[k].val);
	}
	free(cur.w);
	tok_line_free(out);
	return -1;
}

void
tok_line_free(tok_line *l)
{
	for (int c = 0; c < l->n; c++) {
		for (int k = 0; k < l->cmd[c].n; k++) {
			free(l->cmd[c].w[k].text);
			free(l->cmd[c].w[k].key);
			free(l->cmd[c].w[k].val);
		}
		free(l->cmd[c].w);
		free(l->cmd[c].src);
	}
	free(l->cmd);
	l->cmd = NULL;
	l->n = 0;
}

char *
tok_quote(const char *word)
{
	int plain = word[0] != '\0' && word[0] != '#';
	for (const char *p = word; *p && plain; p++)
		if (*p == ' ' || *p == '\t' || *p == ';' || *p == '"' || *p == '\'' ||
		    *p == '\\' || *p == '=' || (unsigned char)*p < 0x20)
			plain = 0;
	if (plain)
		return xstrdup(word);
	strbuf b;
	sb_init(&b);
	sb_putc(&b, '"');
	for (const char *p = word; *p; p++) {
		if (*p == '"' || *p == '\\')
			sb_putc(&b, '\\');
		if (*p == '\n')
			sb_puts(&b, "\\n");
		else if (*p == '\t')
			sb_puts(&b, "\\t");
		else
			sb_putc(&b, *p);
	}
	sb_putc(&b, '"');
	return sb_steal(&b);
}
