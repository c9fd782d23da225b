// The readers that lived here now have a file each; runners.ts still imports them from this path.
export { packageScripts } from "./npm.js";
export { mise } from "./mise.js";
export { dvcYaml } from "./dvc.js";
