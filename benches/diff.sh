#!/usr/bin/env bash
# Benchmark of `teikit diff` (issue 4, section 5).
#
# Generates a transcription of about SIZE_MB megabytes (the corpus telegrams,
# repeated and numbered) and its TEI (blocks as <p>, line breaks as <lb/>,
# names as <persName>, elisions as <gap>, indented), with a few words edited
# in the TEI. Then, side by side in one hyperfine run:
#   - teikit diff ORIGINAL.txt EDITED.xml   (the whole job: XML parse, text
#     layer, tokens, Myers, report)
#   - GNU diff ORIGINAL.txt LAYER.txt       (on the two plain texts, LAYER
#     being `teikit text EDITED.xml`)
# and prints the ratio (target: at most 3), then the peak memory of
# teikit diff from /usr/bin/time -v (target: under 10x the input).
#
# Usage: benches/diff.sh [SIZE_MB]      (default 5)
#        BENCH_DIR=/tmp/b benches/diff.sh   (keeps the generated files there)
# Needs: hyperfine, GNU diff, /usr/bin/time (Debian package `time`), awk.
set -euo pipefail
cd "$(dirname "$0")/.."

size_mb=${1:-5}
cargo build --release --quiet
bin=$PWD/target/release/teikit
if [ -n "${BENCH_DIR:-}" ]; then
  # keep the generated files for a look afterwards
  work=$BENCH_DIR
  mkdir -p "$work"
else
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi

# --- the transcription -------------------------------------------------------
target=$((size_mb * 1024 * 1024))
copy=0
: >"$work/original.txt"
while [ "$(stat -c %s "$work/original.txt")" -lt "$target" ]; do
  for f in corpus/*.txt; do
    copy=$((copy + 1))
    printf 'Copy %d of %s\n\n' "$copy" "$(basename "$f" .txt)" >>"$work/original.txt"
    cat "$f" >>"$work/original.txt"
    printf '\n\n' >>"$work/original.txt"
  done
done

# --- its TEI, with a word changed in every 400th block ---------------------
awk '
BEGIN {
  RS = ""; FS = "\n"
  print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
  print "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\">"
  print "  <teiHeader><fileDesc><titleStmt><title>Benchmark</title></titleStmt><publicationStmt><p>generated</p></publicationStmt><sourceDesc><p>benches/diff.sh</p></sourceDesc></fileDesc></teiHeader>"
  print "  <text>\n    <body>"
}
{
  out = ""
  for (i = 1; i <= NF; i++) {
    line = $i
    gsub(/&/, "\\&amp;", line); gsub(/</, "\\&lt;", line); gsub(/>/, "\\&gt;", line)
    gsub(/\[\.\.\.\.\]/, "<gap reason=\"editorial\" rend=\"[....]\"/>", line)
    gsub(/\[\.\.\.\]/, "<gap reason=\"editorial\"/>", line)
    gsub(/[A-Z][A-Z][A-Z][A-Z]+/, "<persName>&</persName>", line)
    if (NR % 400 == 0) sub(/ the /, " a ", line)
    out = out (i > 1 ? "<lb/>\n        " : "") line
  }
  print "      <p>" out "</p>"
}
END { print "    </body>\n  </text>\n</TEI>" }
' "$work/original.txt" >"$work/edited.xml"

"$bin" text "$work/edited.xml" >"$work/layer.txt"

orig_bytes=$(stat -c %s "$work/original.txt")
xml_bytes=$(stat -c %s "$work/edited.xml")
changes=$("$bin" diff --format json "$work/original.txt" "$work/edited.xml" | grep -c '"kind"' || true)
echo "original: $orig_bytes bytes; TEI: $xml_bytes bytes; changes found: $changes"

# --- time, side by side --------------------------------------------------------
[ -n "${SKIP_TIMING:-}" ] && exit 0
hyperfine -N --warmup 3 --runs 20 -i --export-json "$work/times.json" \
  -n "teikit diff" "$bin diff $work/original.txt $work/edited.xml" \
  -n "GNU diff" "diff $work/original.txt $work/layer.txt"

# mean, user and system seconds of each command, in the order given
field() { grep -o "\"$1\": *[0-9.e+-]*" "$work/times.json" | awk -F': *' '{print $2}' | sed -n "$2p"; }
awk -v t="$(field mean 1)" -v g="$(field mean 2)" \
    -v tu="$(field user 1)" -v ts="$(field system 1)" -v gu="$(field user 2)" -v gs="$(field system 2)" 'BEGIN {
  r = t / g
  printf "time: teikit diff %.1f ms, GNU diff %.1f ms, ratio %.2fx (target <= 3x): %s\n",
    t * 1000, g * 1000, r, (r <= 3 ? "OK" : "OVER")
  # CPU time (user + system) is less sensitive to other load on the machine
  printf "cpu:  teikit diff %.1f ms, GNU diff %.1f ms, ratio %.2fx\n",
    (tu + ts) * 1000, (gu + gs) * 1000, (tu + ts) / (gu + gs)
}'

# --- peak memory ---------------------------------------------------------------
/usr/bin/time -v "$bin" diff "$work/original.txt" "$work/edited.xml" >/dev/null 2>"$work/time.txt" || true
peak_kb=$(awk -F': *' '/Maximum resident set size/ {print $2}' "$work/time.txt")
awk -v kb="$peak_kb" -v o="$orig_bytes" -v x="$xml_bytes" 'BEGIN {
  peak = kb * 1024
  printf "memory: peak RSS %.1f MB = %.1fx the transcription, %.1fx both inputs (target < 10x): %s\n",
    peak / 1e6, peak / o, peak / (o + x), (peak < 10 * o ? "OK" : "OVER")
}'
