// Preloaded into mltest's process by the hostile-repository tests (`node --require`): counts the
// bytes mltest reads from files and notes its peak memory, and writes both to $MLTEST_MEASURE
// when the process exits. It changes nothing mltest does; it only watches.
const fs = require("node:fs");

let bytesRead = 0;
const { readSync, readFileSync, writeFileSync } = fs;
fs.readSync = function (...args) {
  const n = readSync.apply(this, args);
  bytesRead += n;
  return n;
};
fs.readFileSync = function (...args) {
  const data = readFileSync.apply(this, args);
  bytesRead += data.length;
  return data;
};
process.on("exit", () => {
  if (!process.env.MLTEST_MEASURE) return;
  writeFileSync(process.env.MLTEST_MEASURE, JSON.stringify({ bytesRead, peakMB: Math.round(process.resourceUsage().maxRSS / 1024) }));
});
