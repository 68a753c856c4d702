#!/usr/bin/env bash
# Import speed of the published formats, in pages per second, against
# poppler's pdftotext reading the same PDFs in the same run. The documents
# are the 20 fixtures of scripts/make-format-fixtures.sh (the same texts in
# every format); DOCX and DOC have no fixed pages, so their rate counts the
# pages of the same documents as PDF.
#
#   bench/formats.sh                # release build
#   PROFILE=debug bench/formats.sh  # the dev build
set -euo pipefail
# shellcheck source=bench/common.sh
source "$(dirname "$0")/common.sh"
command -v pdftotext >/dev/null || { echo "pdftotext (poppler-utils) is needed as the reference" >&2; exit 1; }
# The OFD test writes its files beside the fixtures it makes.
cargo test -q -p policyscope-extract --test formats ofd_fixtures_match_their_source_with_pages >/dev/null
fx=target/tmp/format-fixtures
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
now() { date +%s.%N; }
secs() { echo "$2 - $1" | bc -l; }

pdf_pages=0
for f in "$fx"/fx*.pdf; do
  pdf_pages=$((pdf_pages + $(pdfinfo "$f" | awk '/^Pages:/ { print $2 }')))
done
t0=$(now); for f in "$fx"/fx*.pdf; do pdftotext -enc UTF-8 "$f" - >/dev/null; done; t1=$(now)
ref=$(secs "$t0" "$t1")
t0=$(now); for f in "$fx"/fx*.pdf; do pdftotext -bbox-layout -enc UTF-8 "$f" - >/dev/null; done; t1=$(now)
bbox=$(secs "$t0" "$t1")
printf 'documents: 20 (profile %s); PDF pages: %s\n' "$profile" "$pdf_pages"
printf 'pdftotext (plain):        %6.2f s  %7.1f pages/s  (the reference)\n' "$ref" "$(echo "$pdf_pages / $ref" | bc -l)"
printf 'pdftotext -bbox-layout:   %6.2f s  %7.1f pages/s  (what the PDF reader runs)\n' "$bbox" "$(echo "$pdf_pages / $bbox" | bc -l)"
printf '%-5s %6s %9s %10s  %s\n' format pages seconds pages/s "time per page vs pdftotext"
for ext in pdf docx doc ofd; do
  mkdir -p "$work/$ext"
  cp "$fx"/fx*."$ext" "$work/$ext/"
  pages=$pdf_pages
  if [ "$ext" = ofd ]; then
    pages=$(for f in "$work/ofd"/*.ofd; do unzip -l "$f" | grep -c 'Content.xml'; done | paste -sd+ | bc)
  fi
  t0=$(now); "$ps" --quiet --project "$work/p-$ext" import --init "$work/$ext" >/dev/null 2>&1; t1=$(now)
  took=$(secs "$t0" "$t1")
  printf '%-5s %6s %9.2f %10.1f  %6.1f x\n' "$ext" "$pages" "$took" \
    "$(echo "$pages / $took" | bc -l)" "$(echo "($took / $pages) / ($ref / $pdf_pages)" | bc -l)"
done
