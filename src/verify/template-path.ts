// Template repositories (cookiecutter, copier, and project generators of every kind) hold the
// files of the projects they make: `{{cookiecutter.project_slug}}/.github/workflows/ci.yml`,
// `src/train.py.jinja`, `ci.yml.tmpl`. mltest reads each as the file it stands for: below the
// template root (the first folder whose name holds a `{{…}}` placeholder), without the template
// extension. Template syntax that breaks a file's own format (a `{% if %}` line in YAML) makes it
// unreadable, and it is then reported as such, never guessed at.

const TEMPLATE_EXTENSIONS = [".tmpl", ".tpl", ".template", ".j2", ".jinja", ".jinja2"];

/** The path a project made from the template would have. */
export function templatedPath(rel: string): string {
  if (!rel.includes("{{") && !TEMPLATE_EXTENSIONS.some((ext) => rel.endsWith(ext))) return rel;
  const parts = rel.split("/");
  const root = rootIndex(parts);
  const below = root < 0 ? parts : parts.slice(root + 1);
  const name = below[below.length - 1] ?? "";
  const extension = TEMPLATE_EXTENSIONS.find((ext) => name.endsWith(ext) && name.length > ext.length);
  if (extension) below[below.length - 1] = name.slice(0, -extension.length);
  return below.join("/");
}

/** The template root a file lies below (`{{cookiecutter.project_slug}}`), or "" for none: commands in its CI files run there. */
export function templateRoot(rel: string): string {
  if (!rel.includes("{{")) return "";
  const parts = rel.split("/");
  const root = rootIndex(parts);
  return root < 0 ? "" : parts.slice(0, root + 1).join("/");
}

/** The first folder whose name holds a `{{…}}` placeholder. */
function rootIndex(parts: string[]): number {
  return parts.findIndex((part, i) => i < parts.length - 1 && part.includes("{{") && part.includes("}}"));
}
