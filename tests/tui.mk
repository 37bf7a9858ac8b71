# tests/tui.mk - tests of the pictures and the workspace: the chart and
# heatmap renderers, gnuplot scripts and processes, the workspace in tmux.

# the text renderers of charts and heatmaps
check_PROGRAMS += tests/unit/test-chart
tests_unit_test_chart_LDADD = $(NNLAB_TEST_LIBS)
TESTS += tests/unit/test-chart

# gnuplot scripts: quoting, targets, inline data
check_PROGRAMS += tests/unit/test-plot
tests_unit_test_plot_LDADD = $(NNLAB_TEST_LIBS)
TESTS += tests/unit/test-plot

# shell tests: gnuplot for real and faked, the workspace under tmux
# (dist_check_SCRIPTS are all in TESTS: see tests/local.mk)
dist_check_SCRIPTS += tests/plot-gnuplot.sh tests/tui-tmux.sh
