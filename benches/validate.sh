#!/usr/bin/env bash
# Benchmark of `teikit validate` (not a test): whole-process times side by
# side with jing and xmllint --relaxng, schema loading time, and peak memory
# on generated large documents.
#
#   benches/validate.sh            # everything
#   RUNS=3 benches/validate.sh     # fewer runs for the slow tools
#
# Needs: cargo, hyperfine, jing, xmllint, /usr/bin/time (GNU time).
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS="${RUNS:-5}"
SAMPLES=../shared/tei-samples
SCHEMA=schemas/tei_all.rng
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

cargo build --release --quiet
TEIKIT="$PWD/target/release/teikit"

echo "== 1. validating against tei_all: teikit vs jing vs xmllint (whole process)"
for doc in castello-merged.xml simple-abel_leibmedicus_1699.TEI-P5.xml; do
    hyperfine --warmup 1 --runs "$RUNS" -i --export-markdown "$TMP/${doc}.md" \
        -n teikit "$TEIKIT validate --schema $SCHEMA $SAMPLES/$doc" \
        -n "teikit (embedded tei_all)" "$TEIKIT validate $SAMPLES/$doc" \
        -n jing "jing $SCHEMA $SAMPLES/$doc" \
        -n xmllint "xmllint --noout --relaxng $SCHEMA $SAMPLES/$doc"
    cat "$TMP/${doc}.md"
done

echo
echo "== 2. loading and compiling tei_all"
# --schema alone loads (parses, simplifies, checks) the schema; with an
# empty document it is also compiled into interned patterns.
cat > "$TMP/tiny.xml" <<'XML'
<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>T</title></titleStmt><publicationStmt><p>P</p></publicationStmt><sourceDesc><p>S</p></sourceDesc></fileDesc></teiHeader><text><body><p>x</p></body></text></TEI>
XML
hyperfine -N --warmup 2 --runs 20 \
    -n "load tei_all" "$TEIKIT validate --schema $SCHEMA" \
    -n "load + compile tei_all + tiny document" "$TEIKIT validate --schema $SCHEMA $TMP/tiny.xml"

echo
echo "== 3. peak memory on generated valid documents (should be flat)"
# A valid TEI document made of one div repeated until the file has the size.
generate() { # size_in_MB file
    local div='<div type="section" n="1"><head>Heading</head><p>Some text with <hi rend="italic">markup</hi>, a <persName>name</persName> and a <date when="1951-07-10">date</date>.</p><p xml:lang="en">Another paragraph <note place="foot">with a note</note>.</p></div>'
    local count=$(( $1 * 1024 * 1024 / (${#div} + 1) ))
    {
        echo '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>T</title></titleStmt><publicationStmt><p>P</p></publicationStmt><sourceDesc><p>S</p></sourceDesc></fileDesc></teiHeader><text><body>'
        # (yes dies of SIGPIPE when head has enough: not a failure)
        yes "$div" | head -n "$count" || true
        echo '</body></text></TEI>'
    } > "$2"
}
for mb in 20 200; do
    generate "$mb" "$TMP/big-$mb.xml"
    size=$(du -m "$TMP/big-$mb.xml" | cut -f1)
    /usr/bin/time -v "$TEIKIT" validate "$TMP/big-$mb.xml" 2> "$TMP/time-$mb.txt" || true
    rss=$(grep "Maximum resident" "$TMP/time-$mb.txt" | awk '{print $NF}')
    wall=$(grep "Elapsed (wall clock)" "$TMP/time-$mb.txt" | awk '{print $NF}')
    verdict=$(grep -E "file: " "$TMP/time-$mb.txt" || true)
    echo "${size} MB document: peak RSS ${rss} KB, wall ${wall}  (${verdict})"
    rm -f "$TMP/big-$mb.xml"
done
