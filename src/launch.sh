#!/bin/sh
':' /*
# The head of dist/mltest.cjs, which is both a POSIX shell script and JavaScript: the shell runs
# this part, and JavaScript reads it as a comment (build.mjs puts launch.cts after it).
#
# Run as a command (`mltest`, or `npx mltest`), it starts Node from mltest's start-up snapshot,
# dist/mltest.blob: the CLI with its modules loaded and warmed up, written by the build. A snapshot
# only loads in the Node binary that wrote it, with the same V8 flags, so it is used only when
# `node` on the PATH is that binary (same inode and size, recorded in dist/mltest.blob.node) and
# NODE_OPTIONS is empty. Otherwise, or with MLTEST_NO_SNAPSHOT set, Node runs this file as
# JavaScript, which loads the same CLI from V8's code cache: slower to start, same behaviour.
self=$0
if [ -L "$self" ]; then self=$(readlink -f "$self" 2>/dev/null) || self=$0; fi
dist=${self%/*}
node=$(command -v node) || { echo "mltest: node is not on the PATH" >&2; exit 127; }
if [ -z "$NODE_OPTIONS" ] && [ -z "$MLTEST_NO_SNAPSHOT" ] && [ -f "$dist/mltest.blob" ] && read -r built <"$dist/mltest.blob.node"; then
  read -r inode mode links owner group size rest <<EOF
$(LC_ALL=C ls -lLn -i "$node" 2>/dev/null)
EOF
  if [ "$inode $mode $links $owner $group $size" = "$built" ]; then
    exec "$node" --snapshot-blob "$dist/mltest.blob" "$self" "$@"
  fi
fi
exec "$node" "$self" "$@"
# */
