# man/: nnlab(1), and the file formats in section 5.
dist_man_MANS += man/nnlab.1 man/nnlab-lesson.5 man/nnlab-glossary.5 man/nnlab-formats.5
# the Chinese pages (man/zh_CN/): automake's man_MANS cannot install into
# a language directory, so they are data of their own man directories
zhman1dir = $(mandir)/zh_CN/man1
dist_zhman1_DATA = man/zh_CN/nnlab.1
zhman5dir = $(mandir)/zh_CN/man5
dist_zhman5_DATA = man/zh_CN/nnlab-lesson.5 man/zh_CN/nnlab-glossary.5 man/zh_CN/nnlab-formats.5
