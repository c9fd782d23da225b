// Types for test/corpus.mjs, so that test/corpus.test.ts type-checks under strict TypeScript.
export type Label = "none" | "manual" | "automated";
export interface Entry {
  label: Label;
  why?: string;
}
export type Labels = Record<string, Record<string, Entry>>;
export interface RepoResult {
  repo: string;
  suggested: number;
  suggestedCorrectly: number;
  labelled: number;
  found: number;
  automated: number;
  automatedFound: number;
  statusRight: number;
  falsePositives: string[];
  falseNegatives: string[];
  wrongStatus: string[];
  truncated: boolean;
}
export interface Totals {
  precision: number;
  recall: number;
  automatedAccuracy: number;
  statusAccuracy: number;
}
export interface Evaluation {
  results: RepoResult[];
  totals: Totals;
}
export interface DetectReport {
  truncated?: boolean;
  limits?: string[];
  tests: { id: string; suggestion?: { status: string }; signals?: { what: string; file?: string }[] }[];
}

export const ROOT: string;
export const CORPUS: string;
export const REPOS_DIR: string;
export const LABELS_FILE: string;
export const CLI: string;
export const LABELS: readonly Label[];
export const LARGE_NOTEBOOK: { repo: string; path: string; bytes: number };
export function loadLabels(file?: string): Labels;
export function corpusRepos(dir?: string): string[];
export function prepareCorpus(dir?: string): { repos: string; cleanup: () => void };
export function padNotebook(text: string, bytes: number): string;
export function detect(repoDir: string, cli?: string): DetectReport;
export function compare(repo: string, labels: Record<string, Entry>, report: DetectReport): RepoResult;
export function totals(results: RepoResult[]): Totals;
export function evaluate(options?: { cli?: string; labelsFile?: string; reposDir?: string }): Evaluation;
export function formatEvaluation(evaluation: Evaluation): string;
