#!/bin/sh
# seq-bad.sh - bad input to attn, vocab, embed and rnn: each line is
# refused with the message asserted here and exit status 1, and `show
# state` prints the same before and after - the seed's stream, the
# sentence, the vocabulary, the vectors and the RNN all untouched.
# The texts come from $TMPD: empty, blank, binary, Latin-1, too large,
# too short, too few words.
. "${top_srcdir:-..}/tests/setup.sh"
cd "$TMPD"
: >empty.txt
printf '  \n\n\t\n' >blank.txt
printf 'some text\0with a NUL\n' >binary.bin
printf 'caf\351 cr\350me\n' >latin1.txt
awk 'BEGIN { s = "word "; while (length(s) < 9000000) s = s s; print s }' >huge.txt
printf 'hello world\n' >short.txt
printf 'hello ~ {world}\n' >odd.txt
printf 'alpha beta gamma delta\n' >fewwords.txt
mkdir adir

SETUP='seed 5
attn "the cat sat on the mat" d=4
vocab build networks size=50
embed train networks epochs=1 dim=4
rnn new hidden=8 seq=8
rnn train networks steps=2'

# the state lines: "key: ..." from each "seed: " line on
states() {
	awk '/^seed: / { n++; on = 1 } on && /^[a-z][a-z ]*: / { print n ": " $0; next } { on = 0 }'
}

# check_bad CMD MESSAGE [SETUP]: CMD fails with MESSAGE, changes nothing
check_bad() {
	setup=${3-$SETUP}
	printf '%s\nshow state\n%s\nshow state\n' "$setup" "$1" >script
	lines=$(printf '%s\n' "$setup" | wc -l)
	out=$(nn --keep-going script 2>&1) && rc=0 || rc=$?
	if [ "$rc" -eq 1 ]; then ok "'$1': exit status 1"; else not_ok "'$1': exit status $rc (want 1)"; diag "$out"; fi
	contains "'$1': message" "$out" "script:$((lines + 2)): error: $2"
	before=$(printf '%s\n' "$out" | states | sed -n 's/^1: //p')
	after=$(printf '%s\n' "$out" | states | sed -n 's/^2: //p')
	# a set-up leaves state for the bad line to keep intact
	if [ -n "$setup" ]; then
		case $before in
		*"vocab: "* | *"attn: "*) ;;
		*) not_ok "'$1': the set-up left no state"; diag "$out" ;;
		esac
	fi
	is "'$1': state unchanged" "$after" "$before"
}

# ---- attn
check_bad 'attn' "'attn' needs a sentence"
check_bad 'attn "the cat" d=10 heads=4' "d=10 is not divisible by heads=4: each head gets d/heads columns; choose d as a multiple of 4 (e.g. d=12)"
check_bad 'attn one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty twentyone twentytwo twentythree twentyfour twentyfive' "the sentence has 25 tokens; attn shows at most 24"
check_bad 'attn "the cat" d=1' "d= '1' is out of range; use a value from 2 to 64"
check_bad 'attn "the cat" heads=9' "heads= '9' is out of range; use a value from 1 to 8"
check_bad 'attn "the cat" size=3' "'attn' takes no option 'size='"
check_bad 'attn "   "' "the sentence has no tokens" ''
check_bad 'attn step' "no sentence yet; start with e.g. attn" ''
check_bad 'attn weights' "no sentence yet" ''
check_bad 'attn explain' "no sentence yet" ''
check_bad 'attn export' "'attn export' needs"
check_bad 'attn export adir' "cannot write 'adir': Is a directory; the earlier file, if any, is unchanged; choose another file name"
check_bad 'attn export no/such/dir/a.json' "cannot write 'no/such/dir/a.json': No such file or directory; choose another file name"
check_bad 'attn train task=sort' "task='sort' is not known"
check_bad 'attn train len=1' "len= '1' is out of range"
check_bad 'attn train symbols=27' "symbols= '27' is out of range"
check_bad 'attn train lr=2' "lr= '2' is out of range"
# ---- vocab
check_bad 'vocab encode the cat' "no vocabulary yet; build one with 'vocab build FILE'" ''
check_bad 'vocab extend cat' "no vocabulary yet" ''
check_bad 'vocab build' "'vocab build' needs"
check_bad 'vocab build nosuch' "no file 'nosuch', and nnlab ships no text of that name; give a file, or one of: history, language, networks, training, zh-networks, glossary"
check_bad 'vocab build empty.txt' "'empty.txt' is empty; give a file with some text in it"
check_bad 'vocab build blank.txt' "'blank.txt' is empty (only blank space); give a file with some text in it"
check_bad 'vocab build binary.bin' "'binary.bin' looks like a binary file (a NUL byte at offset 9), not text; give a UTF-8 text file"
check_bad 'vocab build latin1.txt' "'latin1.txt' is not UTF-8 text (byte 0xE9 at offset 3); convert it first"
check_bad 'vocab build huge.txt' "'huge.txt' is too large"
check_bad 'vocab build adir' "'adir' is a directory, not a file"
check_bad 'vocab build networks+' "'networks+' has an empty part"
check_bad 'vocab build networks size=1' "size= '1' is out of range"
check_bad 'vocab encode "   "' "the text has no tokens" 'vocab build networks'
check_bad 'vocab extend "two words"' "'two words' is several tokens, not one token; add the words of it one by one"
check_bad 'vocab extend cat " "' "' ' is blank, not one token"
# ---- embed
check_bad 'embed near network' "no word vectors yet; train some with 'embed train FILE'" ''
check_bad 'embed near zzzz' "'zzzz' is not in the vocabulary of the vectors"
check_bad 'embed sim network zzzz' "'zzzz' is not in the vocabulary of the vectors"
check_bad 'embed near netwrk' "'netwrk' is not in the vocabulary of the vectors (165 words seen at least 2 times in 'networks'); did you mean 'network'?"
check_bad 'embed train fewwords.txt' "'fewwords.txt' has only 0 words seen at least 2 times; give a longer text or a lower min="
check_bad 'embed train binary.bin' "'binary.bin' looks like a binary file"
check_bad 'embed train networks dim=1' "dim= '1' is out of range"
check_bad 'embed plot network' "a projection needs at least 2 words"
check_bad 'embed plot network zzzz' "'zzzz' is not in the vocabulary of the vectors"
# ---- rnn
check_bad 'rnn sample' "no trained RNN yet; train one first" ''
check_bad 'rnn ppl networks' "no trained RNN yet" ''
check_bad 'rnn train short.txt' "'short.txt' has 12 characters; 16 streams of 32 steps need at least 528; give a longer text" ''
check_bad 'rnn train short.txt batch=2' "'short.txt' has 12 characters; 2 streams of 8 steps need at least 18"
check_bad 'rnn train zh-networks' "'zh-networks' has 1238 characters the model never saw ("
check_bad 'rnn train empty.txt' "'empty.txt' is empty"
check_bad 'rnn train latin1.txt' "'latin1.txt' is not UTF-8 text (byte 0xE9 at offset 3)"
check_bad 'rnn train huge.txt' "'huge.txt' is too large (10485761 bytes; the limit is 8388608); train on a smaller text"
check_bad 'rnn ppl zh-networks' "'zh-networks' has 1238 characters the model never saw ("
check_bad 'rnn ppl odd.txt' "'odd.txt' has 3 characters the model never saw (~ { }); its probability is 0, so the perplexity would be infinite"
check_bad 'rnn sample prime="über"' "prime='über' has 1 character the model never saw (ü)"
check_bad 'rnn sample temp=0' "temp= '0' is out of range"
check_bad 'rnn sample top_k=0' "top_k= '0' is out of range"
check_bad 'rnn new hidden=1' "hidden= '1' is out of range"
check_bad 'rnn new seq=0' "seq= '0' is out of range"
check_bad 'rnn memory short.txt' "'short.txt' has 12 characters; 16 streams of 32 steps need at least 528"
check_bad 'rnn memory binary.bin' "'binary.bin' looks like a binary file"
check_bad 'rnn train networks lr=0' "lr= '0' is out of range"
done_testing
