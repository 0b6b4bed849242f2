#!/usr/bin/env bash
# Mutation testing of the domain rules (src/rules/) and the forms (src/forms/) with cargo-mutants:
# a mutant no test catches is a change to the code that no test would notice.
# One build per mutant, so it takes a long while and is not part of CI: run it before finishing
# a change to a rule or a form, and compare what it missed with tests/mutants-accepted.md.
#
#   tools/mutants.sh rules                       # src/rules/*.rs against the rules' unit tests
#   tools/mutants.sh forms                       # src/forms/*.rs against tests/forms.rs + unit tests
#   tools/mutants.sh rules -f src/rules/iin.rs   # one file; other cargo-mutants options pass on
#
# Needs `cargo install cargo-mutants` (27.x). Results: target/mutants/<area>/mutants.out/
# (missed.txt, caught.txt, unviable.txt, timeout.txt, log/ with each mutant's build and tests).
set -euo pipefail
cd "$(dirname "$0")/.."
area=${1:?"usage: tools/mutants.sh rules|forms [cargo-mutants options]"}
shift
case "$area" in
    # Only the library's unit tests are built and run for a mutated rule, the rules' own tests.
    rules) files=(-f 'src/rules/*.rs') targets=(--cargo-arg=--lib) filter=(rules::) timeout=60 ;;
    # A mutated form: the library's unit tests (periods, scope…) and tests/forms.rs.
    forms) files=(-f 'src/forms/*.rs') targets=(--cargo-arg=--lib --cargo-arg=--test=forms) filter=() timeout=180 ;;
    *) echo "unknown area: $area (rules or forms)" >&2; exit 2 ;;
esac
# A -f given on the command line replaces the area's files.
for a in "$@"; do
    if [ "$a" = -f ] || [ "$a" = --file ]; then files=(); fi
done
exec cargo mutants --package estu --jobs 1 --timeout "$timeout" "${targets[@]}" \
    --output "target/mutants/$area" "${files[@]}" "$@" -- --no-fail-fast "${filter[@]}"
