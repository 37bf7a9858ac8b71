/* i18n.c - language choice and message lookup (GNU gettext underneath).
 *
 * gettext itself picks a catalogue from LANGUAGE only when LC_MESSAGES is
 * not the "C" locale, and many machines (containers, lab servers) have no
 * zh_CN locale installed.  So in Chinese mode LANGUAGE is set to zh_CN and,
 * if LC_MESSAGES is plain C, it is moved to C.UTF-8 (always present with
 * glibc); messages are always delivered in UTF-8.  English mode does not
 * call gettext at all.
 *
 * Not here: which glossary or lesson text is shown (i18n_pick helps). */
#include <config.h>

#include "util/i18n.h"
#include "util/fileio.h"

#include <errno.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#if ENABLE_NLS
#include <libintl.h>
#endif

static nn_lang cur = LANG_EN;
static int bound;

int
i18n_parse(const char *name)
{
	static const char *const zh[] = {"zh", "zh_CN", "zh_CN.UTF-8", "zh-CN", "zh_cn", "cn", "chinese", "中文", NULL};
	static const char *const en[] = {"en", "english", "C", "POSIX", "en_US", "en_GB", NULL};
	if (!name)
		return -1;
	for (int i = 0; zh[i]; i++)
		if (strcmp(name, zh[i]) == 0)
			return LANG_ZH;
	for (int i = 0; en[i]; i++)
		if (strcmp(name, en[i]) == 0)
			return LANG_EN;
	return -1;
}

static nn_lang
from_environment(void)
{
	static const char *const vars[] = {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG", NULL};
	for (int i = 0; vars[i]; i++) {
		const char *v = getenv(vars[i]);
		if (!v || !v[0])
			continue;
		/* LANGUAGE is honoured by gettext only outside the C locale */
		if (i == 0) {
			const char *m = setlocale(LC_MESSAGES, NULL);
			if (!m || strcmp(m, "C") == 0 || strcmp(m, "POSIX") == 0)
				continue;
		}
		return strncmp(v, "zh", 2) == 0 ? LANG_ZH : LANG_EN;
	}
	return LANG_EN;
}

static void
bind_catalogue(void)
{
#if ENABLE_NLS
	if (bound)
		return;
	bound = 1;
	const char *dir = getenv("NNLAB_LOCALEDIR");
	if (!dir || !dir[0])
		dir = nn_run_from_build_tree() ? NNLAB_ABS_BUILDDIR "/locale" : LOCALEDIR;
	bindtextdomain(PACKAGE, dir);
	bind_textdomain_codeset(PACKAGE, "UTF-8");
#endif
}

void
i18n_set(nn_lang lang)
{
	cur = lang;
#if ENABLE_NLS
	if (lang == LANG_ZH) {
		bind_catalogue();
		setenv("LANGUAGE", "zh_CN", 1);
		const char *m = setlocale(LC_MESSAGES, NULL);
		if (!m || strcmp(m, "C") == 0 || strcmp(m, "POSIX") == 0)
			setlocale(LC_MESSAGES, "C.UTF-8");
	}
#endif
}

void
i18n_init(const char *forced)
{
	int l = forced ? i18n_parse(forced) : -1;
	i18n_set(l >= 0 ? (nn_lang)l : from_environment());
}

nn_lang
i18n_lang(void)
{
	return cur;
}

const char *
i18n_name(nn_lang lang)
{
	return lang == LANG_ZH ? "zh" : "en";
}

const char *
i18n_text(const char *msgid)
{
#if ENABLE_NLS
	if (cur == LANG_ZH && msgid && msgid[0])
		return dgettext(PACKAGE, msgid);
#endif
	return msgid;
}

int
i18n_catalogue_ok(void)
{
#if ENABLE_NLS
	/* a found catalogue translates "" to its header entry */
	if (cur != LANG_ZH)
		return 0;
	bind_catalogue();
	static const char header[] = ""; /* (a variable: xgettext leaves it alone) */
	const char *h = dgettext(PACKAGE, header);
	return h && h[0];
#else
	return 0;
#endif
}

const char *
i18n_pick(const char *en, const char *zh)
{
	return cur == LANG_ZH && zh && zh[0] ? zh : en;
}

const char *
nn_strerror(int e)
{
	if (cur != LANG_ZH)
		return strerror(e);
	/* glibc's English texts, as msgids */
	static const struct {
		int e;
		const char *text;
	} known[] = {
		{ENOENT, N_("No such file or directory")},
		{EACCES, N_("Permission denied")},
		{EPERM, N_("Operation not permitted")},
		{ENOSPC, N_("No space left on device")},
		{EROFS, N_("Read-only file system")},
		{ENOTDIR, N_("Not a directory")},
		{EISDIR, N_("Is a directory")},
		{EEXIST, N_("File exists")},
		{ENAMETOOLONG, N_("File name too long")},
		{ELOOP, N_("Too many levels of symbolic links")},
		{EMFILE, N_("Too many open files")},
		{EFBIG, N_("File too large")},
		{EIO, N_("Input/output error")},
		{EDQUOT, N_("Disk quota exceeded")},
		{EBUSY, N_("Device or resource busy")},
		{ETXTBSY, N_("Text file busy")},
		{ENOEXEC, N_("Exec format error")},
		{ENOMEM, N_("Cannot allocate memory")},
		{EPIPE, N_("Broken pipe")},
		{EINVAL, N_("Invalid argument")},
	};
	for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
		if (known[i].e == e)
			return i18n_text(known[i].text);
	const char *d = strerrordesc_np(e);
	return d ? d : "unknown error";
}
