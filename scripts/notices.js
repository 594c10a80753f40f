// What the bundles hold, for people and for tools: THIRD_PARTY_NOTICES (each bundled package,
// its version, licence and licence text) and sbom.cdx.json (CycloneDX), both from esbuild's
// metafile, so they list exactly the packages whose code ships inside dist/*.cjs.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The package folder (relative to the project) of a bundled input, if it is a package's file. */
function packageDir(input) {
  const at = input.lastIndexOf('node_modules/');
  if (at === -1) return undefined;
  const rest = input.slice(at + 'node_modules/'.length).split('/');
  const name = rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  return `${input.slice(0, at)}node_modules/${name}`;
}

function licenceText(dir) {
  const file = readdirSync(dir).find((name) => /^(licen[cs]e|copying)(\.|$)/i.test(name));
  return file ? readFileSync(join(dir, file), 'utf8').trim() : undefined;
}

export function writeNotices(root, inputs) {
  const dirs = [...new Set(inputs.map(packageDir).filter(Boolean))];
  const packages = dirs
    .map((dir) => {
      const manifest = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'));
      const license = typeof manifest.license === 'string' ? manifest.license : 'see licence text';
      return { name: manifest.name, version: manifest.version, license, text: licenceText(join(root, dir)) };
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const unique = packages.filter(
    (pkg, index) =>
      index === 0 || pkg.name !== packages[index - 1].name || pkg.version !== packages[index - 1].version,
  );
  const own = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const notices = [
    `${own.name} ${own.version} bundles the following packages in dist/*.cjs.`,
    '',
    ...unique.flatMap((pkg) => [
      '-'.repeat(72),
      `${pkg.name}@${pkg.version} (${pkg.license})`,
      '',
      pkg.text ?? `No licence file is included in the package; its package.json says ${pkg.license}.`,
      '',
    ]),
  ];
  writeFileSync(join(root, 'THIRD_PARTY_NOTICES'), `${notices.join('\n')}\n`);
  const purl = (pkg) => `pkg:npm/${pkg.name.replace('@', '%40')}@${pkg.version}`;
  const sbom = {
    bomFormat: 'CycloneDX',
    specVersion: '1.5',
    version: 1,
    metadata: {
      component: { type: 'application', name: own.name, version: own.version, purl: purl(own) },
    },
    components: unique.map((pkg) => ({
      type: 'library',
      name: pkg.name,
      version: pkg.version,
      purl: purl(pkg),
      licenses: [{ expression: pkg.license }],
      properties: [{ name: 'salesloft-hooks:bundled', value: 'true' }],
    })),
  };
  writeFileSync(join(root, 'sbom.cdx.json'), `${JSON.stringify(sbom, null, 2)}\n`);
  return unique;
}
