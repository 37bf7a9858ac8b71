# tests/zhman.mk - the Chinese man pages (man/zh_CN/): each documents the
# command table's usage lines exactly and renders without groff warnings.
dist_check_SCRIPTS += tests/zhman.sh
