/* i18n.h - the language nnlab speaks: English or Chinese (简体中文).
 *
 * Every user-facing message goes through _() (or N_() where the string
 * sits in a static table and is translated when shown).  The catalogue is
 * GNU gettext's (po/zh_CN.po, domain "nnlab"); English is the source
 * language, so in English mode _() returns its argument untouched and the
 * English output never depends on an installed catalogue.
 *
 * Not here: choosing the language of glossary entries and lessons (those
 * files carry both languages; the glossary and lesson code ask
 * i18n_lang()).  Numbers are never localised (LC_NUMERIC stays "C"). */
#ifndef NNLAB_I18N_H
#define NNLAB_I18N_H

typedef enum { LANG_EN = 0, LANG_ZH = 1 } nn_lang;

/* i18n_init: bind the catalogue and choose the language: `forced` ("zh",
 * "en", or NULL for the environment: the first of LANGUAGE, LC_ALL,
 * LC_MESSAGES, LANG that is set decides, "zh..." meaning Chinese).
 * Call after setlocale(LC_ALL, ""). */
void i18n_init(const char *forced);
/* i18n_parse: "zh", "zh_CN", "cn", "中文", "chinese" -> LANG_ZH; "en",
 * "english", "C" -> LANG_EN; anything else -1. */
int i18n_parse(const char *name);
/* i18n_set: switch language now (the `set lang` setting). */
void i18n_set(nn_lang lang);
nn_lang i18n_lang(void);
/* i18n_name: "en" or "zh". */
const char *i18n_name(nn_lang lang);
/* i18n_catalogue_ok: 1 when Chinese was asked for and the catalogue was
 * found (a message translates), 0 when it is missing. */
int i18n_catalogue_ok(void);
/* i18n_text: the translation of msgid in the current language. */
const char *i18n_text(const char *msgid) __attribute__((format_arg(1)));
/* i18n_pick: en or zh by the current language (for text that carries both,
 * like glossary entries; zh NULL or empty falls back to en). */
const char *i18n_pick(const char *en, const char *zh);

/* nn_strerror: strerror(e), except that in Chinese mode the common
 * errors come from nnlab's own catalogue (the C library's translations
 * may be missing, or in another character set) and the rest in English,
 * so the same error reads the same on every machine. */
const char *nn_strerror(int e);

#define _(s) i18n_text(s)
#define N_(s) s

#endif
