// Compiles the reference contracts with the pinned npm solc (standard-JSON, Prague EVM) and writes
// one <Contract>.json (abi, bytecode, deployedBytecode) per contract.
// Usage: node contracts/compile.mjs [outputDir]   (default: src/main/resources/contracts)
// The Java test ReferenceContractsCompileTest runs this into a temporary directory and fails when the
// committed artifacts differ, so the resources can never drift from the sources.
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const solc = require('solc');

const here = dirname(fileURLToPath(import.meta.url));
const outDir = resolve(process.argv[2] ?? join(here, '..', 'src', 'main', 'resources', 'contracts'));
const CONTRACTS = ['DepositContractCTN', 'VaultFactory', 'WithdrawalVault', 'TreasuryRouter'];
const EXPECTED_SOLC = '0.8.37';

if (!solc.version().startsWith(EXPECTED_SOLC + '+')) {
  console.error(`solc ${solc.version()} found, ${EXPECTED_SOLC} required (npm ci)`);
  process.exit(2);
}

const sources = {};
for (const name of CONTRACTS) {
  sources[`${name}.sol`] = { content: readFileSync(join(here, `${name}.sol`), 'utf8') };
}
const input = {
  language: 'Solidity',
  sources,
  settings: {
    evmVersion: 'prague',
    optimizer: { enabled: true, runs: 200 },
    // No IPFS/swarm hash of the metadata in the bytecode: keeps artifacts stable across checkouts.
    metadata: { bytecodeHash: 'none' },
    outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'] } },
  },
};

const output = JSON.parse(solc.compile(JSON.stringify(input)));
const errors = (output.errors ?? []).filter((e) => e.severity === 'error');
for (const e of output.errors ?? []) console.error(e.formattedMessage);
if (errors.length > 0) process.exit(1);

mkdirSync(outDir, { recursive: true });
for (const name of CONTRACTS) {
  const c = output.contracts[`${name}.sol`][name];
  const artifact = {
    contractName: name,
    compiler: `solc ${solc.version()}`,
    evmVersion: 'prague',
    abi: c.abi,
    bytecode: '0x' + c.evm.bytecode.object,
    deployedBytecode: '0x' + c.evm.deployedBytecode.object,
  };
  writeFileSync(join(outDir, `${name}.json`), JSON.stringify(artifact, null, 2) + '\n');
}
console.log(`compiled ${CONTRACTS.length} contracts into ${outDir}`);
