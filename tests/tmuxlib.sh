# tmuxlib.sh - helpers for the tests that drive nnlab on a real terminal
# under tmux (sourced after tests/setup.sh).  The caller names the tmux
# server's socket in $sock (a fresh one per session keeps a server that is
# shutting down from taking the next session with it) and calls its
# session "nn".  Waits are stretched NNLAB_TIME_FACTOR times (tscale), so
# the same tests run under valgrind.
#
#   T ARGS...          tmux on the test's own server, no user config
#   cap                the screen as text ($cap_opts: more capture-pane
#                      options, such as -N to keep trailing spaces)
#   wait_for TEXT [S]  until the screen shows TEXT, at most S (5) seconds
#   keys KEYS...       type into the session
#   cursor             the cursor's column
#   has NAME TEXT [S]  a test: the screen shows TEXT (within S (5) seconds:
#                      a slow run may draw the panes after the prompt)
#   lacks NAME TEXT    a test: the screen does not show TEXT
T() { tmux -L "$sock" -f /dev/null "$@"; }
cap() { T capture-pane -p ${cap_opts:-} -t nn; }
wait_for() {
	_n=0
	_lim=$(($(tscale "${2:-5}") * 20))
	while [ $_n -lt $_lim ]; do
		case $(cap) in *"$1"*) return 0 ;; esac
		sleep 0.05
		_n=$((_n + 1))
	done
	return 1
}
keys() { T send-keys -t nn "$@"; }
cursor() { T display -p -t nn '#{cursor_x}'; }
has() { if wait_for "$2" "${3:-5}"; then ok "$1"; else not_ok "$1"; cap | sed 's/^/# /'; fi; }
lacks() { case $(cap) in *"$2"*) not_ok "$1"; cap | sed 's/^/# /' ;; *) ok "$1" ;; esac; }
