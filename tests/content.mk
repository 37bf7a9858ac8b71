# tests/content.mk
