# tests/tui.mk
