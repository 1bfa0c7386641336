#!/usr/bin/env bash
# Fuzzes VigilMQTT's packet decoder with libFuzzer and AddressSanitizer.
#
#   scripts/fuzz-mqtt.sh [runs]     # default 1000000 inputs
#
# Builds Fuzz/ (its own package, so the root build never sees a main-less
# libFuzzer executable) in .build-fuzz/, then runs the harness on the seed
# corpus Fuzz/corpus/mqtt-decoder/. New interesting inputs go to
# .build-fuzz/corpus/ (not committed); a crash is written to
# .build-fuzz/artifacts/ and fails the script. Exit status 0 means no crash.
set -euo pipefail
cd "$(dirname "$0")/.."

runs="${1:-1000000}"
scratch="$PWD/.build-fuzz"
flags=(--package-path Fuzz --scratch-path "$scratch" -c release
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library)

swift build "${flags[@]}" --product MQTTDecoderFuzz
binary="$(swift build "${flags[@]}" --show-bin-path)/MQTTDecoderFuzz"

mkdir -p "$scratch/corpus" "$scratch/artifacts"
start=$(date +%s)
"$binary" "$scratch/corpus" Fuzz/corpus/mqtt-decoder \
  -dict=Fuzz/mqtt.dict \
  -runs="$runs" \
  -max_len=4096 \
  -timeout=10 \
  -rss_limit_mb=2048 \
  -artifact_prefix="$scratch/artifacts/" \
  -print_final_stats=1
echo "fuzz-mqtt: $runs runs in $(( $(date +%s) - start )) s, no crash"
