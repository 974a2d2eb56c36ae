#!/usr/bin/env bash
# Folds what a long fuzzing run found into a target's corpus in the repository, minimised
# (docs/fuzzing.md): crash-* inputs stay; of the rest (seeds, the corpus so far and the run's
# .cifuzz-corpus) libFuzzer's merge keeps only inputs that add coverage, seeds under their names.
# Usage, from the repository root: testing/fuzz/minimise.sh MODULE CLASS METHOD
#   e.g. testing/fuzz/minimise.sh protocol-imap org.maillab.imap.codec.FramerFuzzTest framerThenCommandParser
set -euo pipefail
module=$1 class=$2 method=$3
simple=${class##*.}
package_dir=$(echo "${class%.*}" | tr . /)
inputs="$module/src/test/resources/$package_dir/${simple}Inputs/$method"
found="$module/.cifuzz-corpus/$class/$method"
[ -d "$inputs" ] || { echo "no corpus folder $inputs" >&2; exit 1; }

cpfile="$(pwd)/$module/target/fuzz-classpath.txt"
if [ -z "${MINIMISE_NO_BUILD:-}" ] || [ ! -f "$cpfile" ]; then  # set it to reuse the last build
    mvn -B -q -o -pl "$module" -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
        -Dmdep.outputFile="$cpfile" >/dev/null
fi
merged=$(mktemp -d) pool=$(mktemp -d)
trap 'rm -rf "$merged" "$pool"' EXIT
find "$inputs" -maxdepth 1 -type f -name 'crash-*' -exec cp {} "$merged/" \;
find "$inputs" -maxdepth 1 -type f ! -name 'crash-*' -exec cp {} "$pool/" \;
# libFuzzer names what it keeps by the SHA-1 of its content: remember which seed had which.
seeds=$(cd "$inputs" && for f in seed-*; do [ -f "$f" ] && echo "$(sha1sum < "$f" | cut -c1-40) $f"; done || true)
[ -d "$found" ] && find "$found" -maxdepth 1 -type f -exec cp {} "$pool/" \;

log=$(cd "$module" && java -cp "target/test-classes:target/classes:$(cat "$cpfile")" \
    com.code_intelligence.jazzer.Jazzer --target_class="$class" --target_method="$method" \
    -merge=1 "$merged" "$pool" 2>&1 | grep -E '^MERGE-OUTER' || true)
echo "$log"
# Leave the corpus as it was unless the merge finished.
grep -q 'MERGE-OUTER: successful' <<< "$log" || { echo "the merge failed; nothing changed" >&2; exit 1; }

find "$inputs" -maxdepth 1 -type f -delete
cp "$merged"/* "$inputs/"
while read -r sha name; do
    [ -n "$sha" ] && [ -f "$inputs/$sha" ] && mv "$inputs/$sha" "$inputs/$name"
done <<< "$seeds"
echo "$inputs: $(ls "$inputs" | wc -l) inputs, $(du -sb "$inputs" | cut -f1) bytes"
