#!/bin/sh
':' /*
# The head of dist/mltest.cjs, which is both a POSIX shell script and JavaScript: the shell runs
# this part, and JavaScript reads it as a comment (build.mjs puts launch.cts after it).
#
# Run as a command (`mltest`, or `npx mltest`), it starts Node from mltest's start-up snapshot,
# dist/mltest.blob: the CLI with its modules loaded and warmed up, written by the build. A snapshot
# only loads in the Node binary that wrote it, with the same V8 flags, so it is used only when
# `node` on the PATH is that binary, unchanged (the file dist/mltest.blob.node names it and bears
# its modification time), dist/ is where the snapshot was made (it holds that folder's paths), and
# NODE_OPTIONS is empty. Otherwise, or with MLTEST_NO_SNAPSHOT set, Node runs this file as
# JavaScript, which loads the same CLI from V8's code cache: slower to start, same behaviour.
# Only shell built-ins run here, but for one readlink when started through a symbolic link.
set -f
self=$0
if [ -L "$self" ]; then self=$(readlink -f "$self" 2>/dev/null) || self=$0; fi
dist=${self%/*}
[ "$dist" = "$self" ] && dist=.
node=
path_ifs=$IFS
IFS=:
for dir in $PATH; do
  if [ -f "${dir:-.}/node" ] && [ -x "${dir:-.}/node" ]; then node=${dir:-.}/node; break; fi
done
IFS=$path_ifs
[ -n "$node" ] || { echo "mltest: node is not on the PATH" >&2; exit 127; }
stamp=$dist/mltest.blob.node
if [ -z "$NODE_OPTIONS" ] && [ -z "$MLTEST_NO_SNAPSHOT" ] && [ -f "$dist/mltest.blob" ] && [ -r "$stamp" ] && { read -r built && read -r made_in; } <"$stamp" &&
  [ "$node" -ef "$built" ] && [ "$dist" -ef "$made_in" ] && [ ! "$node" -nt "$stamp" ] && [ ! "$node" -ot "$stamp" ]; then
  # The V8 flags must be the build's (build.mjs, SNAPSHOT_FLAGS): see there for why.
  exec "$node" --no-rehash-snapshot --snapshot-blob "$dist/mltest.blob" "$self" "$@"
fi
exec "$node" "$self" "$@"
# */;
