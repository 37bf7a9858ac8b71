# tests/untrusted.mk: untrusted input (issue 9) and the soak runs.
#
# tests/untrusted.sh feeds nnlab hostile names, headers, tokens, lessons
# and huge files and checks the bytes it prints; `make soak` (not part of
# `make check`: it takes more than ten minutes) runs tests/soak/: ten
# million training steps with the resident memory sampled, and ten minutes
# of the workspace training while the window is resized every second.
dist_check_SCRIPTS += tests/untrusted.sh
EXTRA_DIST += tests/soak/soak-train.sh tests/soak/soak-tui.sh

soak: all
	@rc=0; \
	NNLAB=$(abs_top_builddir)/nnlab $(SHELL) $(srcdir)/tests/soak/soak-train.sh || rc=1; \
	NNLAB=$(abs_top_builddir)/nnlab $(SHELL) $(srcdir)/tests/soak/soak-tui.sh || rc=1; \
	exit $$rc
.PHONY: soak

# the training history stays bounded however long a session trains
check_PROGRAMS += tests/core/test-trainhist
tests_core_test_trainhist_LDADD = libnncore.a -lm
TESTS += tests/core/test-trainhist
