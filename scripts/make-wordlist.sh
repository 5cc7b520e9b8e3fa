#!/usr/bin/env bash
# Derives the English word list the schema linker uses to tell words from abbreviations ("weight" vs "wt",
# "brainwt") from Debian's wamerican package (SCOWL):
#   Sources/TableTalkRules/Resources/lexicon/english-words.txt            the words, one per line
#   Sources/TableTalkRules/Resources/lexicon/english-words-copyright.txt  the list's copyright and permission notice
# Kept: entries written in lowercase in the source (so no names or acronyms), ASCII letters only, 2 to 15 letters,
# no possessives; deduplicated and sorted bytewise (the order EnglishWords' prefix search relies on).
# Usage: apt-get install -y wamerican && scripts/make-wordlist.sh [word-file]
set -euo pipefail
cd "$(dirname "$0")/.."
src="${1:-/usr/share/dict/american-english}"
notice=/usr/share/doc/wamerican/copyright
dir=Sources/TableTalkRules/Resources/lexicon
if [[ ! -r "$src" ]]; then
    echo "make-wordlist: $src not found (apt-get install -y wamerican)" >&2
    exit 1
fi
version="$(dpkg-query -W -f='${Version}' wamerican 2>/dev/null || echo unknown)"
{
    echo "# English words for abbreviation linking, derived from Debian's wamerican $version by scripts/make-wordlist.sh"
    echo "# (lowercase entries only, ASCII letters, 2-15 letters, no possessives, sorted; notice: english-words-copyright.txt)."
    LC_ALL=C grep -E '^[a-z]{2,15}$' "$src" | LC_ALL=C sort -u
} > "$dir/english-words.txt"
if [[ -r "$notice" ]]; then cp "$notice" "$dir/english-words-copyright.txt"; fi
echo "make-wordlist: $(grep -vc '^#' "$dir/english-words.txt") words -> $dir/english-words.txt"
