#!/bin/sh
# bench/chromium.sh: rnn's benchmarks compiled to wasm and run in headless
# Chromium (what the product runs), printed as go test prints them.
#
#   sh bench/chromium.sh                          # BenchmarkStep for notebook and classroom
#   sh bench/chromium.sh -test.bench Dgemm        # any go test flags
#
# Needs go, python3 (a static file server on 127.0.0.1) and chromium.
set -eu
cd "$(dirname "$0")/.."
args=${*:--test.run ^$ -test.bench Step/(notebook|classroom)}
dir=$(mktemp -d)
cp bench/wasm/index.html "$(go env GOROOT)/lib/wasm/wasm_exec.js" "$dir/"
GOOS=js GOARCH=wasm go test -c -o "$dir/rnn.wasm" ./rnn
port=${PORT:-8766}
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$dir" >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$dir"' EXIT
sleep 1
query=$(printf '%s' "$args" | python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.stdin.read()))')
chromium --headless=new --no-sandbox --disable-gpu --enable-logging=stderr --v=0 \
	"http://127.0.0.1:$port/index.html?args=$query" >/dev/null 2>"$dir/log" &
browser=$!
trap 'kill $server $browser 2>/dev/null; rm -rf "$dir"' EXIT
# The page logs DONE when the test binary exits; the browser does not.
waited=0
until grep -q '"DONE"' "$dir/log"; do
	sleep 1
	waited=$((waited + 1))
	if [ "$waited" -ge "${TIMEOUT:-900}" ]; then
		echo "bench/chromium.sh: no DONE after ${TIMEOUT:-900} s" >&2
		exit 1
	fi
done
# Console lines are on stderr as: ...:INFO:CONSOLE:N] "text", source: ...
sed -n 's/.*:INFO:CONSOLE:[0-9]*\] "\(.*\)", source: .*/\1/p' "$dir/log" | grep -v '^DONE$' |
	while IFS= read -r line; do printf '%b\n' "$line"; done
echo "chromium: $(chromium --version 2>/dev/null)"
