#!/bin/sh
# i18n-gnuplot.sh - gnuplot pictures in Chinese: image files (PNG, SVG,
# PDF) get a font with Chinese glyphs, found at run time (fontconfig's
# fc-list :lang=zh, or NNLAB_CJK_FONT); with none, one note names the
# package to install (fonts-noto-cjk).  A fake gnuplot on NNLAB_GNUPLOT
# logs the scripts; a fake fc-list on PATH plays the installed fonts.
# English scripts keep the plain 'sans,10'.
. "${top_srcdir:-..}/tests/setup.sh"
cd "$TMPD"
unset NNLAB_CJK_FONT 2>/dev/null || true
mkdir fake bin
fake_gnuplot fake/gnuplot "dumb png pngcairo svg pdfcairo x11"
data='seed 1; data spiral n=20 classes=2'
# plot TARGET LOG [ENV...]: plot the data to TARGET in Chinese through the fake
plot() {
	target=$1 log=$2
	shift 2
	rm -f "$log"
	env GPLOG="$TMPD/$log" NNLAB_GNUPLOT="$TMPD/fake/gnuplot" "$@" "$NNLAB" --lang zh -c "$data; plot data to=$target" 2>&1 || true
}
term() { grep '^set terminal' "$1" | head -1; }

# ---- a font named by NNLAB_CJK_FONT ------------------------------------------------
out=$(plot x.png a.log NNLAB_CJK_FONT='Noto Sans CJK SC')
is "NNLAB_CJK_FONT, PNG: the font in the terminal" "$(term a.log)" \
	"set terminal pngcairo size 900,560 noenhanced font 'Noto Sans CJK SC,10'"
case $out in *fonts-noto-cjk*) not_ok "NNLAB_CJK_FONT: no note" ;; *) ok "NNLAB_CJK_FONT: no note" ;; esac
plot x.svg b.log NNLAB_CJK_FONT='Noto Sans CJK SC' >/dev/null
is "NNLAB_CJK_FONT, SVG: the font" "$(term b.log)" \
	"set terminal svg size 900,560 noenhanced font 'Noto Sans CJK SC,10' background '#ffffff'"
plot x.pdf c.log NNLAB_CJK_FONT='Noto Sans CJK SC' >/dev/null
is "NNLAB_CJK_FONT, PDF: the font" "$(term c.log)" \
	"set terminal pdfcairo size 6in,3.75in noenhanced font 'Noto Sans CJK SC,10'"
plot x.png q.log "NNLAB_CJK_FONT=it's" >/dev/null
is "NNLAB_CJK_FONT with a quote is refused (no font)" "$(term q.log)" \
	"set terminal pngcairo size 900,560 noenhanced font 'sans,10'"

# ---- no font: the note, once -----------------------------------------------------
out=$(env GPLOG="$TMPD/d.log" NNLAB_GNUPLOT="$TMPD/fake/gnuplot" NNLAB_CJK_FONT=none "$NNLAB" --lang zh \
	-c "$data; plot data to=x.png; plot data to=y.svg" 2>&1 || true)
contains "no font: the note names the package" "$out" "apt-get install fonts-noto-cjk"
n=$(printf '%s\n' "$out" | grep -c 'fonts-noto-cjk' || true)
is "no font: the note once per session" "$n" 1
is "no font: the plain font" "$(term d.log)" "set terminal pngcairo size 900,560 noenhanced font 'sans,10'"

# ---- found by fontconfig (a fake fc-list) -------------------------------------------
known=0
for f in /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc \
	/usr/share/fonts/truetype/wqy/wqy-microhei.ttc /usr/share/fonts/truetype/arphic/uming.ttc \
	/usr/share/fonts/truetype/arphic/ukai.ttc; do
	[ ! -e "$f" ] || known=1
done
printf '#!/bin/sh\necho "$*" >>%s/fc.args\nprintf "%%s\\n" "Droid Sans Fallback" "WenQuanYi Zen Hei,文泉驿正黑,文泉驛正黑"\n' "$TMPD" >bin/fc-list
chmod +x bin/fc-list
plot x.png e.log PATH="$TMPD/bin:$PATH" >/dev/null
is "fc-list: asked for the fonts that cover Chinese" "$(head -1 fc.args)" ":lang=zh family"
is "fc-list: the best known family is chosen, its first name" "$(term e.log)" \
	"set terminal pngcairo size 900,560 noenhanced font 'WenQuanYi Zen Hei,10'"
printf '#!/bin/sh\nexit 0\n' >bin/fc-list
out=$(plot x.png f.log PATH="$TMPD/bin:$PATH")
if [ "$known" = 0 ]; then
	contains "fc-list lists none (and no known font file): the note" "$out" "fonts-noto-cjk"
	is "fc-list lists none: the plain font" "$(term f.log)" "set terminal pngcairo size 900,560 noenhanced font 'sans,10'"
else
	ok "# SKIP fc-list lists none: a known CJK font file is installed here"
	ok "# SKIP fc-list lists none: plain font"
fi

# ---- the dumb terminal and English ----------------------------------------------------
out=$(plot dumb g.log NNLAB_CJK_FONT=none)
case $out in *fonts-noto-cjk*) not_ok "to=dumb in Chinese: no note (text needs no font)" ;; *) ok "to=dumb in Chinese: no note (text needs no font)" ;; esac
rm -f h.log
out=$(env GPLOG="$TMPD/h.log" NNLAB_GNUPLOT="$TMPD/fake/gnuplot" NNLAB_CJK_FONT='Noto Sans CJK SC' "$NNLAB" \
	-c "$data; plot data to=x.png" 2>&1 || true)
is "English: the plain font even with a CJK font" "$(term h.log)" "set terminal pngcairo size 900,560 noenhanced font 'sans,10'"
case $out in *fonts-noto-cjk*) not_ok "English: no note" ;; *) ok "English: no note" ;; esac

# ---- the real gnuplot with a real font, when both are here -----------------------------------
font=$(fc-list :lang=zh family 2>/dev/null | head -1 | cut -d, -f1)
if command -v gnuplot >/dev/null 2>&1 && gnuplot -e 'set terminal pngcairo' >/dev/null 2>&1 && [ -n "$font" ]; then
	out=$(nn --lang zh -c "$data; plot data to=zh.png" 2>&1) && rc=0 || rc=$?
	is "real gnuplot, font '$font': the PNG is written" "$rc" 0
	check "real gnuplot: zh.png is a PNG" sh -c "od -An -c -N4 zh.png | tr -d ' \n' | grep -q PNG"
else
	ok "# SKIP real gnuplot in Chinese: gnuplot with pngcairo or a CJK font is missing"
	ok "# SKIP real gnuplot: PNG signature"
fi
done_testing
