#!/usr/bin/env bash
# Loading RELAX NG schemas: parse + include resolution + simplification (§4)
# + restrictions (§7) in teikit::relaxng::schema::load, and the same plus
# the validator's compile step, for tei_all.rng (1.1 MB, 23k lines) and the
# CMIF customisation. Then whole-process times with hyperfine: teikit's
# schema check (`teikit validate --schema FILE`, no documents) against
# jing and xmllint doing the same (jing and xmllint parse and compile the
# schema; given no document, xmllint still needs one, so it gets an empty
# TEI document).
#
# Usage: benches/schema-load.sh [RUNS]   (from the project root)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20}
cargo build --release --quiet --example schema_load --bin teikit
bin=target/release/examples/schema_load
tei=schemas/tei_all.rng
cmi=../shared/schemas/cmi-customization.rng

echo "== in-process, mean of $runs runs (wall clock)"
LOAD_ONLY=1 "$bin" "$tei" "$runs"
"$bin" "$tei" "$runs"
# The shared form (schema::load_shared, Validator::from_shared), which
# `teikit validate` uses.
SHARED=1 LOAD_ONLY=1 "$bin" "$tei" "$runs"
SHARED=1 "$bin" "$tei" "$runs"
"$bin" "" "$runs"   # the embedded copy
"$bin" "$cmi" "$runs"

echo "== CPU time of $runs loads in one process (perf stat task-clock, if available)"
if command -v perf >/dev/null; then
  LOAD_ONLY=1 perf stat -e task-clock "$bin" "$tei" "$runs" 2>&1 | grep -E "task-clock" || true
fi

echo "== instructions (callgrind; the machine may be loaded, counts are stable)"
if command -v valgrind >/dev/null; then
  for mode in "LOAD_ONLY=1" "X=1" "SHARED=1 LOAD_ONLY=1" "SHARED=1"; do
    printf '%-22s' "$mode:"
    env $mode valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" "$tei" 1 2>&1 \
      | grep -oE "refs: +[0-9,]+" || true
  done
fi

echo "== whole process: checking the schema alone"
if command -v hyperfine >/dev/null; then
  doc=$(mktemp --suffix=.xml)
  echo '<TEI xmlns="http://www.tei-c.org/ns/1.0"/>' > "$doc"
  cmds=("target/release/teikit validate --schema $tei")
  # Loading and compiling, with a tiny document to validate.
  small=../shared/tei-samples/simple-testsimple2.xml
  [ -f "$small" ] && hyperfine --warmup 2 --runs 10 -N "target/release/teikit validate $small"
  command -v jing >/dev/null && cmds+=("jing $tei")
  command -v xmllint >/dev/null && cmds+=("xmllint --noout --relaxng $tei $doc || true")
  hyperfine --warmup 2 --runs 10 -N "${cmds[0]}" 2>/dev/null || hyperfine --warmup 2 --runs 10 "${cmds[0]}"
  if [ "${#cmds[@]}" -gt 1 ]; then
    hyperfine --warmup 1 --runs 5 "${cmds[@]:1}"
  fi
  rm -f "$doc"
fi
