// Minifies the snippet into the ingest service's static resources (OUT_DIR, which the Maven
// build sets to target/classes/static), with a gzip and a Brotli copy for browsers that accept them.
import { buildSync } from 'esbuild';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const outDir = process.env.OUT_DIR ?? 'dist';
mkdirSync(outDir, { recursive: true });
buildSync({ entryPoints: ['t.js'], outfile: `${outDir}/t.js`, minify: true, target: 'es2017', legalComments: 'none' });
const minified = readFileSync(`${outDir}/t.js`);
writeFileSync(`${outDir}/t.js.gz`, gzipSync(minified, { level: 9 }));
writeFileSync(`${outDir}/t.js.br`, brotliCompressSync(minified, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
console.log(`t.js: ${minified.length} bytes, ${gzipSync(minified, { level: 9 }).length} gzipped`);
