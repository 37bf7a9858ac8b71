# tests/seq.mk
