#!/usr/bin/env bash
# Run every fuzz target for SECONDS seconds each (default 180) on one core, on stable Rust:
# cargo-fuzz without a sanitizer (`-s none`; ASan needs nightly). Crashes land in artifacts/TARGET/.
#   cargo install cargo-fuzz && bash fuzz/run.sh 300
set -euo pipefail
cd "$(dirname "$0")"
secs=${1:-180}
targets=${TARGETS:-"extract_citations parse_citation parse_report differential"}
cargo fuzz build -O -s none
for t in $targets; do
    mkdir -p "corpus/$t" "artifacts/$t"
    len=4096
    [ "$t" = parse_report ] && len=16384
    echo "== $t for ${secs}s"
    cargo fuzz run -O -s none "$t" "corpus/$t" -- \
        -dict=vanban.dict -max_total_time="$secs" -max_len="$len" -timeout=10 \
        -rss_limit_mb=2048 -print_final_stats=1 2>&1 | grep -E "^(#[0-9]+ +DONE|Done|stat::|==|SUMMARY|.*panicked|.*Test unit written)" || true
done
