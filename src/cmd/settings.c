/* settings.c - the settings table (see settings.h). */
#include <config.h>

#include "cmd/settings.h"
#include "cmd/cmd.h"
#include "cmd/plotsrc.h"
#include "out/out.h"
#include "util/i18n.h"
#include "util/text.h"

#include <stdio.h>
#include <string.h>

static int
set_color(session *s, const char *v)
{
	static const char *const names[] = {"auto", "always", "never"};
	for (int i = 0; i < 3; i++)
		if (strcmp(v, names[i]) == 0) {
			s->color = (enum color_mode)i;
			return 0;
		}
	return out_error("color '%s' is not known; choose auto, always or never", v);
}

static void
get_color(session *s, strbuf *o)
{
	static const char *const names[] = {"auto", "always", "never"};
	sb_puts(o, names[s->color]);
}

static int
set_width(session *s, const char *v)
{
	long w;
	const char *why;
	if (text_parse_long(v, &w, &why) < 0 || (w != 0 && (w < 40 || w > 400)))
		return out_error("width '%s' is not valid; give 0 (follow the terminal) or 40 to 400 columns", v);
	s->width = (int)w;
	out_set_width((int)w);
	return 0;
}

static void
get_width(session *s, strbuf *o)
{
	sb_printf(o, "%d", s->width);
}

static int
set_digits(session *s, const char *v)
{
	long d;
	const char *why;
	if (text_parse_long(v, &d, &why) < 0 || d < 2 || d > 9)
		return out_error("digits '%s' is not valid; give a whole number from 2 to 9", v);
	s->digits = (int)d;
	return 0;
}

static void
get_digits(session *s, strbuf *o)
{
	sb_printf(o, "%d", s->digits);
}

static int
set_bool(const char *name, int *field, const char *v)
{
	int b = parse_bool_word(v);
	if (b < 0)
		return out_error("%s '%s' is not on or off; write 'set %s on' or 'set %s off'", name, v, name, name);
	*field = b;
	return 0;
}

static int
set_echo(session *s, const char *v)
{
	return set_bool("echo", &s->echo, v);
}

static void
get_echo(session *s, strbuf *o)
{
	sb_puts(o, s->echo ? "on" : "off");
}

static int
set_keep_going(session *s, const char *v)
{
	return set_bool("keep-going", &s->keep_going, v);
}

static void
get_keep_going(session *s, strbuf *o)
{
	sb_puts(o, s->keep_going ? "on" : "off");
}

static int
set_lang(session *s, const char *v)
{
	(void)s;
	int l = i18n_parse(v);
	if (l < 0)
		return out_error("language '%s' is not known; choose en (English) or zh (中文)", v);
	i18n_set((nn_lang)l);
	if (l == LANG_ZH && !i18n_catalogue_ok())
		out_warn("the Chinese message catalogue (nnlab.mo) was not found; messages stay in English, "
		         "glossary entries and lessons are shown in Chinese");
	return 0;
}

static void
get_lang(session *s, strbuf *o)
{
	(void)s;
	sb_puts(o, i18n_name(i18n_lang()));
}

const setting settings_table[] = {
	{"color", "auto|always|never", N_("colour in line mode (NO_COLOR turns auto off)"), set_color, get_color},
	{"digits", "2..9", N_("significant digits shown in matrices and tables"), set_digits, get_digits},
	{"echo", "on|off", N_("print each command before its output"), set_echo, get_echo},
	{"keep-going", "on|off", N_("scripts continue after an error"), set_keep_going, get_keep_going},
	{"lang", "en|zh", N_("language of messages, glossary entries and lessons"), set_lang, get_lang},
	{"plotter", "text|gnuplot", N_("who draws 'plot': nnlab itself, or gnuplot"), plotter_set, plotter_get},
	{"width", "0|40..400", N_("output width in columns; 0 follows the terminal"), set_width, get_width},
	{0},
};

const setting *
setting_find(const char *name, int report)
{
	const char *names[64];
	int n = 0;
	for (const setting *st = settings_table; st->name; st++) {
		if (strcmp(st->name, name) == 0)
			return st;
		if (n < 64)
			names[n++] = st->name;
	}
	if (report) {
		char sug[200];
		cmd_suggest(name, names, n, sug, sizeof sug);
		if (sug[0])
			out_error("unknown setting '%s'; did you mean %s? type 'show settings' for the list", name, sug);
		else
			out_error("unknown setting '%s'; type 'show settings' for the list", name);
	}
	return NULL;
}
