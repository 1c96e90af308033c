#!/usr/bin/env bash
# Converting 200 telegram files: teikit against pandoc, side by side in one
# hyperfine run (issue 2, section 8). Target: teikit takes at most 1/100 of
# pandoc's time.
#
# - The 200 files are the corpus transcriptions, copied round-robin with
#   their numbers changed (every digit run gets the copy's index added), so
#   no two files are the same.
# - teikit: one process for the whole directory, as a user would run it:
#   `teikit convert DIR -o OUT`, into an empty OUT each run (hyperfine
#   --prepare), so every run writes all 200 files (a rerun over unchanged
#   output would skip the writes and flatter teikit).
# - pandoc: one process per file (`pandoc -f commonmark -t tei -s`), as a
#   user converting a folder with a shell loop would; the loop itself costs
#   next to nothing against pandoc's start-up.
#
# Usage: benches/convert.sh [RUNS]   (from the project root; needs hyperfine, pandoc)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
cargo build --release --quiet
bin=$PWD/target/release/teikit
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/in" "$work/out" "$work/pandoc"
mapfile -t seeds < <(find corpus -name '*.txt' | sort)
for i in $(seq 1 200); do
  src=${seeds[$(( (i - 1) % ${#seeds[@]} ))]}
  perl -pe "s/(\d+)/\$1+$i/ge" "$src" > "$work/in/telegram-$(printf %03d "$i").txt"
done
echo "input: 200 files, $(cat "$work"/in/*.txt | wc -c) bytes"
hyperfine --warmup 1 --runs "$runs" --export-csv "$work/times.csv" \
  --prepare "rm -rf $work/out" \
  -n teikit "$bin convert $work/in -o $work/out" \
  -n pandoc "for f in $work/in/*.txt; do pandoc -f commonmark -t tei -s \"\$f\" -o $work/pandoc/\$(basename \"\$f\" .txt).xml; done"
# Columns: command,mean,stddev,median,user,system,min,max. The wall-time
# ratio is the target; the CPU-time ratio (user + system) is printed too, as
# it is less moved by other load on the machine. A missed target is
# printed, not an error: a busy CI machine must not fail the build.
awk -F, 'NR > 1 { mean[$1] = $2; cpu[$1] = $5 + $6 } END {
  printf "teikit %.4f s, pandoc %.4f s: teikit takes 1/%.0f of pandoc'"'"'s time (ratio %.5f; target <= 0.01)\n",
    mean["teikit"], mean["pandoc"], mean["pandoc"] / mean["teikit"], mean["teikit"] / mean["pandoc"]
  printf "CPU time (user+system): teikit %.4f s, pandoc %.4f s: 1/%.0f\n",
    cpu["teikit"], cpu["pandoc"], cpu["pandoc"] / cpu["teikit"]
  if (mean["teikit"] / mean["pandoc"] > 0.01) print "TARGET MISSED (wall time ratio above 1/100)"
}' "$work/times.csv"
