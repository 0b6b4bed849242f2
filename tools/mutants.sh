#!/usr/bin/env bash
# Mutation testing of the domain rules (core/src/rules/) and the forms (core/src/forms/) with
# cargo-mutants:
# a mutant no test catches is a change to the code that no test would notice.
# One build per mutant, so it takes a long while and is not part of CI: run it before finishing
# a change to a rule or a form, and compare what it missed with tests/mutants-accepted.md.
#
#   tools/mutants.sh rules                           # core/src/rules/*.rs, the rules' unit tests
#   tools/mutants.sh forms                           # core/src/forms/*.rs, core/tests/forms.rs
#   tools/mutants.sh rules -f core/src/rules/iin.rs  # one file; other options pass on
#   tools/mutants.sh forms --in-place -f core/src/forms/f2.rs
#
# `--in-place` mutates this tree's own sources and reuses its target/ (already built): no copy
# of the tree and no first build from scratch per run. Use it only in a worktree of its own
# (nothing else may build or edit there meanwhile); it restores each file after its mutant.
#
# Needs `cargo install cargo-mutants` (27.x). Results: target/mutants/<area>/mutants.out/
# (missed.txt, caught.txt, unviable.txt, timeout.txt, log/ with each mutant's build and tests).
set -euo pipefail
cd "$(dirname "$0")/.."
area=${1:?"usage: tools/mutants.sh rules|forms [cargo-mutants options]"}
shift
case "$area" in
    # A mutated rule: the core library's unit tests of the rules, the rules' own tests.
    rules) files=(-f 'core/src/rules/*.rs') tests=(--cargo-arg=--lib) filter=(rules::) timeout=60 ;;
    # A mutated form: the forms computed from records the tests create (core/tests/forms.rs, in
    # the core so that a mutant rebuilds only the core and that test, not the program).
    forms) files=(-f 'core/src/forms/*.rs') tests=(--cargo-arg=--test=forms) filter=() timeout=180 ;;
    *) echo "unknown area: $area (rules or forms)" >&2; exit 2 ;;
esac
# A -f given on the command line replaces the area's files. One mutant at a time: `--jobs 1`,
# which cargo-mutants refuses beside `--in-place` (in place is one at a time already).
jobs=(--jobs 1)
for a in "$@"; do
    if [ "$a" = -f ] || [ "$a" = --file ]; then files=(); fi
    if [ "$a" = --in-place ]; then jobs=(); fi
done
mkdir -p target/mutants
exec cargo mutants --package estu-core "${jobs[@]}" --timeout "$timeout" "${tests[@]}" \
    --output "target/mutants/$area" "${files[@]}" "$@" -- --no-fail-fast "${filter[@]}"
