#!/usr/bin/env bash
# Makes published-format fixtures from Chinese texts of ../shared/corpus:
# for each text, NAME.txt (the text as laid out: Markdown marks removed),
# NAME.fodt (A4 pages, a running header with the title, a "- N -" page
# number footer, CJK font WenQuanYi Zen Hei), and through LibreOffice
# headless NAME.pdf, NAME.docx and NAME.doc; in bad/, an encrypted PDF and an
# RTF file named .doc. The OFD fixtures are written by the Rust tests' own OFD
# writer from NAME.txt.
#
#   scripts/make-format-fixtures.sh OUTDIR [COUNT]
#
# Idempotent: does nothing when OUTDIR already holds a complete set made by
# this version of the script. Needs libreoffice-writer-nogui and
# fonts-wqy-zenhei (scripts/setup.sh installs them).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
corpus="$here/../../shared/corpus"
out="${1:?usage: make-format-fixtures.sh OUTDIR [COUNT]}"
count="${2:-20}"
command -v soffice >/dev/null || { echo "make-format-fixtures: soffice missing: apt-get install libreoffice-writer-nogui" >&2; exit 1; }
fc-list : family | grep -i "wenquanyi zen hei" >/dev/null || { echo "make-format-fixtures: font missing: apt-get install fonts-wqy-zenhei" >&2; exit 1; }
[ -d "$corpus" ] || { echo "make-format-fixtures: $corpus is missing" >&2; exit 1; }
mkdir -p "$out"
stamp="$(sha256sum "$0" | cut -c1-16)-$count"
exec 9>"$out/.lock"
flock 9
if [ -f "$out/.complete" ] && [ "$(cat "$out/.complete")" = "$stamp" ]; then
  exit 0
fi
rm -rf "$out"/*.txt "$out"/*.fodt "$out"/*.pdf "$out"/*.docx "$out"/*.doc "$out/bad" "$out/.complete"

xml_escape() { sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g'; }

# Texts of 1,500 to 12,000 characters (two to ten pages), spread over the corpus.
mapfile -t picked < <(find "$corpus" -name '*.md' -size +5k -size -36k | LC_ALL=C sort | awk -v n="$count" '
  { f[NR] = $0 } END { step = NR / n; for (i = 0; i < n; i++) print f[int(i * step) + 1] }')

i=0
for src in "${picked[@]}"; do
  i=$((i + 1))
  name=$(printf 'fx%02d' "$i")
  # The text as laid out: comments and Markdown heading marks removed, one paragraph a line.
  grep -v '^<!--' "$src" | sed -e 's/^#\{1,6\} *//' -e 's/[[:space:]]*$//' | grep -v '^$' > "$out/$name.txt"
  title=$(head -1 "$out/$name.txt" | xml_escape)
  {
    cat <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:font-face-decls>
  <style:font-face style:name="WenQuanYi Zen Hei" svg:font-family="'WenQuanYi Zen Hei'" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"/>
 </office:font-face-decls>
 <office:styles>
  <style:style style:name="Standard" style:family="paragraph">
   <style:paragraph-properties fo:margin-bottom="0.15cm" fo:text-indent="0.85cm" fo:line-height="130%"/>
   <style:text-properties style:font-name="WenQuanYi Zen Hei" style:font-name-asian="WenQuanYi Zen Hei" fo:font-size="12pt" style:font-size-asian="12pt"/>
  </style:style>
  <style:style style:name="Title" style:family="paragraph" style:parent-style-name="Standard">
   <style:paragraph-properties fo:text-align="center" fo:text-indent="0cm" fo:margin-bottom="0.4cm"/>
   <style:text-properties fo:font-size="16pt" style:font-size-asian="16pt"/>
  </style:style>
  <style:style style:name="Furniture" style:family="paragraph" style:parent-style-name="Standard">
   <style:paragraph-properties fo:text-align="center" fo:text-indent="0cm"/>
   <style:text-properties fo:font-size="9pt" style:font-size-asian="9pt"/>
  </style:style>
 </office:styles>
 <office:automatic-styles>
  <style:page-layout style:name="A4">
   <style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="1.5cm" fo:margin-bottom="1.5cm" fo:margin-left="2.5cm" fo:margin-right="2.5cm"/>
   <style:header-style><style:header-footer-properties fo:min-height="0.8cm" fo:margin-bottom="0.5cm"/></style:header-style>
   <style:footer-style><style:header-footer-properties fo:min-height="0.8cm" fo:margin-top="0.5cm"/></style:footer-style>
  </style:page-layout>
 </office:automatic-styles>
 <office:master-styles>
  <style:master-page style:name="Standard" style:page-layout-name="A4">
   <style:header><text:p text:style-name="Furniture">$title</text:p></style:header>
   <style:footer><text:p text:style-name="Furniture">- <text:page-number text:select-page="current">1</text:page-number> -</text:p></style:footer>
  </style:master-page>
 </office:master-styles>
 <office:body><office:text>
EOF
    first=1
    xml_escape < "$out/$name.txt" | while IFS= read -r line; do
      if [ $first = 1 ]; then
        printf '  <text:p text:style-name="Title">%s</text:p>\n' "$line"
        first=0
      else
        printf '  <text:p text:style-name="Standard">%s</text:p>\n' "$line"
      fi
    done
    printf ' </office:text></office:body>\n</office:document>\n'
  } > "$out/$name.fodt"
done

profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
convert() {
  soffice --headless --norestore --nologo --nolockcheck "-env:UserInstallation=file://$profile" \
    --convert-to "$1" --outdir "$out" "$out"/*.fodt >/dev/null 2>&1
}
convert pdf:writer_pdf_Export
convert "docx:MS Word 2007 XML"
convert "doc:MS Word 97"
# Files that must be refused or recognised: an encrypted PDF and an RTF
# file saved as .doc, as government sites serve them.
mkdir -p "$out/bad"
soffice --headless --norestore --nologo --nolockcheck "-env:UserInstallation=file://$profile" \
  --convert-to 'pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},"DocumentOpenPassword":{"type":"string","value":"secret"}}' \
  --outdir "$out/bad" "$out/fx01.fodt" >/dev/null 2>&1
mv "$out/bad/fx01.pdf" "$out/bad/encrypted.pdf"
soffice --headless --norestore --nologo --nolockcheck "-env:UserInstallation=file://$profile" \
  --convert-to rtf --outdir "$out/bad" "$out/fx02.fodt" >/dev/null 2>&1
mv "$out/bad/fx02.rtf" "$out/bad/rtf-saved-as.doc"
for f in "$out"/*.fodt; do
  for ext in pdf docx doc; do
    [ -s "${f%.fodt}.$ext" ] || { echo "make-format-fixtures: LibreOffice did not write ${f%.fodt}.$ext" >&2; exit 1; }
  done
done
echo "$stamp" > "$out/.complete"
