#!/usr/bin/env bash
# Folds what a long fuzzing run found into a target's corpus in the repository, minimised
# (docs/fuzzing.md): the seed-* and crash-* inputs stay as they are; of the rest (the corpus so far
# and the run's .cifuzz-corpus) libFuzzer's merge keeps only inputs that add coverage.
# Usage, from the repository root: testing/fuzz/minimise.sh MODULE CLASS METHOD
#   e.g. testing/fuzz/minimise.sh protocol-imap org.maillab.imap.codec.FramerFuzzTest framerThenCommandParser
set -euo pipefail
module=$1 class=$2 method=$3
simple=${class##*.}
package_dir=$(echo "${class%.*}" | tr . /)
inputs="$module/src/test/resources/$package_dir/${simple}Inputs/$method"
found="$module/.cifuzz-corpus/$class/$method"
[ -d "$inputs" ] || { echo "no corpus folder $inputs" >&2; exit 1; }

cpfile=$(mktemp)
mvn -B -q -o -pl "$module" -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$cpfile" >/dev/null
merged=$(mktemp -d) pool=$(mktemp -d)
trap 'rm -rf "$merged" "$pool" "$cpfile"' EXIT
find "$inputs" -maxdepth 1 -type f \( -name 'seed-*' -o -name 'crash-*' \) -exec cp {} "$merged/" \;
find "$inputs" -maxdepth 1 -type f ! -name 'seed-*' ! -name 'crash-*' -exec cp {} "$pool/" \;
[ -d "$found" ] && find "$found" -maxdepth 1 -type f -exec cp {} "$pool/" \;

(cd "$module" && java -cp "target/test-classes:target/classes:$(cat "$cpfile")" com.code_intelligence.jazzer.Jazzer \
    --target_class="$class" --target_method="$method" -merge=1 "$merged" "$pool") 2>&1 | grep -E '^MERGE-OUTER' || true

find "$inputs" -maxdepth 1 -type f -delete
cp "$merged"/* "$inputs/"
echo "$inputs: $(ls "$inputs" | wc -l) inputs, $(du -sb "$inputs" | cut -f1) bytes"
