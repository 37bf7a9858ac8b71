#!/bin/sh
# i18n-lang.sh - choosing the language: --lang zh|en and a bad --lang,
# 'set lang', LANG=zh_CN.UTF-8 and LANGUAGE honoured, LC_ALL=C English; a
# missing catalogue (NNLAB_LOCALEDIR=/nonexistent) warns and keeps
# English; English output is byte-identical with and without a catalogue;
# Chinese errors keep "错误：" and the FILE:LINE prefix; help in Chinese
# wraps at the width in display columns, between characters.
. "${top_srcdir:-..}/tests/setup.sh"
cd "$TMPD"
unset LANGUAGE LC_MESSAGES LANG 2>/dev/null || true

# ---- --lang ---------------------------------------------------------------
out=$(nn --lang zh -c 'set digits x' 2>&1) && rc=0 || rc=$?
is "--lang zh: a failing command exits 1" "$rc" 1
contains "--lang zh: the error prefix is Chinese, after -c:LINE" "$out" "-c:1: 错误："
out=$(nn --lang en -c 'set digits x' 2>&1) || true
is "--lang en: the English message" "$out" "-c:1: error: digits 'x' is not valid; give a whole number from 2 to 9"
out=$(nn --lang fr -c 'seed' 2>&1) && rc=0 || rc=$?
is "--lang fr: exit status 2" "$rc" 2
is "--lang fr: what to give instead" "$out" "nnlab: --lang 'fr' is not known; give en (English) or zh (中文)"
out=$(nn --lang '' -c 'seed' 2>&1) && rc=0 || rc=$?
is "--lang '': exit status 2" "$rc" 2
out=$(nn --lang zh --lang en -c 'set digits x' 2>&1) || true
contains "the last --lang wins" "$out" "-c:1: error: digits"

# ---- set lang ---------------------------------------------------------------
printf 'set lang zh\nshow settings\nset digits x\nset lang en\nset digits x\nset lang klingon\n' >langs
out=$(nn --keep-going langs 2>&1) || true
contains "set lang zh: answered" "$out" "lang = zh"
contains "set lang zh: show settings has the value" "$out" "  lang        zh"
contains "set lang zh: the next error is Chinese, with FILE:LINE" "$out" "langs:3: 错误："
contains "set lang en: the next error is English" "$out" "langs:5: error: digits 'x' is not valid"
contains "set lang klingon: refused, the choices named" "$out" \
	"langs:6: error: language 'klingon' is not known; choose en (English) or zh (中文)"
printf 'set lang zh\nshow state\nset lang xx\nshow state\n' >badlang
out=$(nn --keep-going badlang 2>&1) || true
before=$(printf '%s\n' "$out" | awk '/^(seed|种子)/{k++} k==1 && !/rror|错误/')
after=$(printf '%s\n' "$out" | awk '/^(seed|种子)/{k++} k==2')
is "set lang xx: the state is unchanged (still Chinese)" "$after" "$before"
out=$(nn -c 'set lang 中文; show settings' 2>&1)
contains "set lang 中文 means Chinese" "$out" "  lang        zh"

# ---- the environment ----------------------------------------------------------------
envl() { env -u LC_ALL -u LANGUAGE -u LC_MESSAGES -u LANG "$@"; }
out=$(envl LANG=zh_CN.UTF-8 "$NNLAB" -c 'set digits x' 2>&1) || true
contains "LANG=zh_CN.UTF-8: Chinese" "$out" "错误："
out=$(envl LANG=zh_CN.UTF-8 "$NNLAB" -c 'show settings' 2>&1) || true
contains "LANG=zh_CN.UTF-8: lang is zh" "$out" "  lang        zh"
out=$(envl LC_MESSAGES=zh_CN.UTF-8 LANG=en_US.UTF-8 "$NNLAB" -c 'show settings' 2>&1) || true
contains "LC_MESSAGES=zh_CN before LANG=en_US: zh" "$out" "  lang        zh"
out=$(envl LC_ALL=C LANG=zh_CN.UTF-8 "$NNLAB" -c 'set digits x' 2>&1) || true
is "LC_ALL=C over LANG=zh_CN: English" "$out" "-c:1: error: digits 'x' is not valid; give a whole number from 2 to 9"
out=$(envl LC_ALL=C LANGUAGE=zh_CN "$NNLAB" -c 'set digits x' 2>&1) || true
is "LANGUAGE=zh_CN in the C locale is ignored (as gettext does): English" "$out" \
	"-c:1: error: digits 'x' is not valid; give a whole number from 2 to 9"
utf8=$(locale -a 2>/dev/null | grep -i -m1 -E '^c\.utf-?8$' || true)
if [ -n "$utf8" ]; then
	out=$(envl LANG="$utf8" LANGUAGE=zh_CN:en "$NNLAB" -c 'set digits x' 2>&1) || true
	contains "LANGUAGE=zh_CN:en with LANG=$utf8: Chinese" "$out" "错误："
	out=$(envl LANG="$utf8" LANGUAGE=en "$NNLAB" -c 'show settings' 2>&1) || true
	contains "LANGUAGE=en with LANG=$utf8: English" "$out" "  lang        en"
else
	ok "# SKIP LANGUAGE outside the C locale: no C.UTF-8 locale"
	ok "# SKIP LANGUAGE=en: no C.UTF-8 locale"
fi
out=$(envl LANG=zh_CN.UTF-8 "$NNLAB" --lang en -c 'show settings' 2>&1) || true
contains "--lang en wins over LANG=zh_CN" "$out" "  lang        en"

# ---- a missing catalogue ---------------------------------------------------------
out=$(NNLAB_LOCALEDIR=/nonexistent nn --lang zh -c 'set digits x' 2>&1) || true
contains "no catalogue, --lang zh: a warning says so" "$out" \
	"warning: the Chinese message catalogue (nnlab.mo) was not found; messages stay in English"
contains "no catalogue, --lang zh: messages in English" "$out" "-c:1: error: digits 'x' is not valid"
n=$(printf '%s\n' "$out" | grep -c 'catalogue' || true)
is "no catalogue: the warning once" "$n" 1
out=$(NNLAB_LOCALEDIR=/nonexistent nn -c 'set lang zh' 2>&1) || true
contains "no catalogue, set lang zh: the warning" "$out" "warning: the Chinese message catalogue (nnlab.mo) was not found"
contains "no catalogue, set lang zh: the language is still set" "$out" "lang = zh"

# ---- English is the same with and without a catalogue ---------------------------
printf 'help\nhelp set\nhelp keys\nshow settings\nseed 3\nseed\nset digits x\nbogus\ndata spiral n=30\nshow state\n' >en
nn --keep-going en >en.with 2>&1 || true
NNLAB_LOCALEDIR=/nonexistent nn --keep-going en >en.without 2>&1 || true
envl LANG=en_US.UTF-8 "$NNLAB" --keep-going en >en.lang 2>&1 || true
nn --lang en --keep-going en >en.forced 2>&1 || true
check "English: byte-identical without a catalogue" cmp -s en.with en.without
check "English: byte-identical with LANG=en_US.UTF-8" cmp -s en.with en.lang
check "English: byte-identical with --lang en" cmp -s en.with en.forced
check "English: no Chinese punctuation leaks in" sh -c '! grep -q "[，。；：（）]" en.with'

# ---- Chinese help, wrapped by display columns -------------------------------------------
# a catalogue made here, so the check does not depend on the shipped
# translations: the seed's long help as a paragraph of Chinese without
# spaces, the summary, and the error prefix
if command -v msgfmt >/dev/null 2>&1 && [ -n "$utf8" ]; then
	mkdir -p loc/zh_CN/LC_MESSAGES
	para="nnlab中一切随机的东西（数据集、初始权重、打乱顺序、丢弃和采样）都取自同一个随机数流，从种子开始计数。同一个种子之后的同样命令在任何机器上都输出同样的数字，全班可以一个数一个数地对照。"
	cat >zh.po <<EOP
msgid ""
msgstr "Content-Type: text/plain; charset=UTF-8\\n"

msgid "show or set the random seed"
msgstr "显示或设置随机种子"

msgid "Everything random in nnlab (datasets, initial weights, shuffling, dropout, sampling) draws from one stream, splitmix64 counted from the seed.  'seed N' restarts that stream, so the same commands after the same seed print the same numbers on every machine: a class can follow along number for number.  The stream is the one described in the bench workloads, so PyTorch and NumPy scripts can reproduce nnlab's data and weights exactly."
msgstr "$para"

msgid "error: "
msgstr "错误："
EOP
	msgfmt -o loc/zh_CN/LC_MESSAGES/nnlab.mo zh.po
	for w in 40 57 80; do
		NNLAB_LOCALEDIR=$TMPD/loc nn --lang zh -c "set width $w; help seed" >help.$w 2>&1 || true
		contains "help seed in Chinese at width $w: the summary with '。'" "$(cat help.$w)" "显示或设置随机种子。"
		widest=$(LC_ALL=$utf8 wc -L <help.$w)
		check "help seed at width $w: no line wider than $w columns (widest $widest)" test "$widest" -le "$w"
		check "help seed at width $w: valid UTF-8 (no character split)" sh -c "iconv -f UTF-8 -t UTF-8 help.$w >/dev/null"
		# the paragraph: lines between 'usage' and 'examples', joined back,
		# give the text unchanged; every line but its last is nearly full
		body=$(sed -n '/^nnlab中/,/^$/p' help.$w | sed '/^$/d')
		is "help seed at width $w: the lines join back into the paragraph" "$(printf '%s' "$body" | tr -d '\n')" "$para"
		short=$(printf '%s\n' "$body" | sed '$d' | while IFS= read -r l; do
			c=$(printf '%s\n' "$l" | LC_ALL=$utf8 wc -L)
			[ "$c" -ge $((w - 3)) ] || echo "$c: $l"
		done)
		is "help seed at width $w: broken between characters (full lines)" "$short" ""
		starts=$(printf '%s\n' "$body" | grep -c '^[，。、；：）]' || true)
		is "help seed at width $w: no line starts with a closing mark" "$starts" 0
	done
	printf 'seed 1\nset digits 1\n' >script.nn
	out=$(NNLAB_LOCALEDIR=$TMPD/loc nn --lang zh script.nn 2>&1) || true
	contains "a script's error in Chinese: FILE:LINE: 错误：" "$out" "script.nn:2: 错误："
else
	n=0
	while [ $n -lt 19 ]; do ok "# SKIP Chinese help wrapping: msgfmt or a C.UTF-8 locale is missing"; n=$((n + 1)); done
fi
done_testing
