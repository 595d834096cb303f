// Builds the front-end libraries koop serves into koop/web/static/vendor/.
// Run after `npm ci`: `npm run build`. The output is committed, so the installed
// koop package serves it with no network and no npm at run time.
//   koop-graph.js  sigma + graphology + Louvain, one IIFE (global `koopGraphLib`)
//   fa2-worker.js  ForceAtlas2 in a web worker of its own
// axe-core is copied to tests/web/vendor/ (the accessibility test injects it; the
// package never serves it).
import { build } from "esbuild";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "koop", "web", "static", "vendor");
const testVendor = join(here, "..", "tests", "web", "vendor");
mkdirSync(out, { recursive: true });
mkdirSync(testVendor, { recursive: true });

const BUNDLED = ["sigma", "graphology", "graphology-layout-forceatlas2",
  "graphology-communities-louvain"];
const version = (pkg) =>
  JSON.parse(readFileSync(join(here, "node_modules", pkg, "package.json"), "utf8")).version;

const common = { bundle: true, minify: true, format: "iife", target: "es2020",
  legalComments: "eof", logLevel: "info" };
await build({ ...common, entryPoints: [join(here, "src", "graphlib.mjs")],
  globalName: "koopGraphLib", outfile: join(out, "koop-graph.js") });
await build({ ...common, entryPoints: [join(here, "src", "fa2-worker.mjs")],
  outfile: join(out, "fa2-worker.js") });

const licences = BUNDLED.map((pkg) => {
  const root = join(here, "node_modules", pkg);
  const file = ["LICENSE.txt", "LICENSE", "LICENSE.md"].map((f) => join(root, f))
    .find((f) => { try { readFileSync(f); return true; } catch { return false; } });
  return `== ${pkg}@${version(pkg)} ==\n` + (file ? readFileSync(file, "utf8") : "MIT (see package.json)\n");
});
writeFileSync(join(out, "koop-graph.LICENSE.txt"), licences.join("\n"));

copyFileSync(join(here, "node_modules", "axe-core", "axe.min.js"), join(testVendor, "axe.min.js"));
copyFileSync(join(here, "node_modules", "axe-core", "LICENSE"), join(testVendor, "axe.LICENSE.txt"));

const versions = Object.fromEntries(BUNDLED.map((pkg) => [pkg, version(pkg)]));
writeFileSync(join(out, "VERSIONS.json"), JSON.stringify(versions, null, 2) + "\n");
writeFileSync(join(testVendor, "VERSIONS.json"),
  JSON.stringify({ "axe-core": version("axe-core") }, null, 2) + "\n");
console.log(versions);
