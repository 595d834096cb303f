// Copies the front-end libraries koop serves into koop/web/static/vendor/.
// Run after `npm ci`: `npm run build`. The copies are committed, so the
// installed koop package serves them with no network and no npm at run time.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "koop", "web", "static", "vendor");
mkdirSync(out, { recursive: true });

const ASSETS = [
  // [package, file in the package, name in vendor/]
  ["cytoscape", "dist/cytoscape.min.js", "cytoscape.min.js"],
  ["cytoscape", "LICENSE", "cytoscape.LICENSE.txt"],
];

const versions = {};
for (const [pkg, file, name] of ASSETS) {
  const root = join(here, "node_modules", pkg);
  copyFileSync(join(root, file), join(out, name));
  versions[pkg] = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).version;
  console.log(`vendor/${name} <- ${pkg}@${versions[pkg]}/${file}`);
}
writeFileSync(join(out, "VERSIONS.json"), JSON.stringify(versions, null, 2) + "\n");
