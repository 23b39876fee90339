#!/bin/sh
# bench/native.sh: time the Go core natively, in wasm (Node) and PyTorch
# (one thread) on the configurations of rnn/bench_test.go, configuration by
# configuration so that each comparison shares the machine's state, and
# print one Markdown table with the ratios.
#
#   sh bench/native.sh                      # all configurations, cells RNN LSTM GRU
#   CONFIGS=notebook sh bench/native.sh     # just one
#   NOWASM=1 sh bench/native.sh             # skip the wasm build (needs node)
#
# Needs go, /usr/bin/python3 with torch (Debian's python3-torch) and, for
# wasm, node. The wasm numbers are V8's optimised code (node --no-liftoff),
# what a browser runs once training has been going for a step or two.
set -eu
cd "$(dirname "$0")/.."
CONFIGS=${CONFIGS:-notebook classroom large}
CELLS=${CELLS:-RNN LSTM GRU}
# Every step is timed alone (-benchtime 1x) and repeated; the table takes the
# best of each, as it takes PyTorch's fastest step: on a shared machine the
# least disturbed sample is the one that compares.
COUNT_notebook=${COUNT_notebook:-300}
COUNT_classroom=${COUNT_classroom:-8}
COUNT_large=${COUNT_large:-3}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

go test -c -o "$out/rnn.test" ./rnn
wasm=
if [ -z "${NOWASM:-}" ] && command -v node >/dev/null; then
	GOOS=js GOARCH=wasm go test -c -o "$out/rnn.wasm" ./rnn
	wasm="node --stack-size=8192 --no-liftoff $(go env GOROOT)/lib/wasm/wasm_exec_node.js $out/rnn.wasm"
fi
touch "$out/native.txt" "$out/wasm.txt" "$out/torch.jsonl"
for cfg in $CONFIGS; do
	for cell in $CELLS; do
		echo "bench: $cfg $cell" >&2
		bench="^BenchmarkStep/$cfg/$cell\$"
		count=$(eval echo "\${COUNT_$cfg:-3}")
		(cd rnn && GOMAXPROCS=1 "$out/rnn.test" -test.run '^$' -test.bench "$bench" -test.benchtime 1x -test.count "$count") >>"$out/native.txt"
		if [ -n "$wasm" ]; then
			(cd rnn && $wasm -test.run '^$' -test.bench "$bench" -test.benchtime 1x -test.count "$count") >>"$out/wasm.txt"
		fi
		/usr/bin/python3 bench/pytorch_bench.py -json -configs "$cfg" -cells "$cell" >>"$out/torch.jsonl"
	done
done
echo "Machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); $(go version | cut -d' ' -f3-4); node $(node --version 2>/dev/null || echo -); $(/usr/bin/python3 -c 'import torch; print("torch", torch.__version__)')"
echo
/usr/bin/python3 bench/table.py "$out/native.txt" "$out/wasm.txt" "$out/torch.jsonl"
