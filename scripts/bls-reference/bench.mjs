// The reference of shared/docs/targets.md: Node + @chainsafe/blst 2.2.0, deposit-sized signatures
// verified from bytes (decompress, group checks, verify), one at a time and as one batch of 1,024.
// Printed in the same units as DepositCpuTimeBenchmark so scripts/bench-bls.sh can compare them.
import { SecretKey, PublicKey, Signature, verify, verifyMultipleAggregateSignatures } from "@chainsafe/blst";
import { randomBytes } from "node:crypto";
const N = 1024;
const items = [];
for (let i = 0; i < N; i++) {
  const sk = SecretKey.fromKeygen(randomBytes(32));
  const msg = randomBytes(32);
  items.push({ pk: sk.toPublicKey().toBytes(), msg, sig: sk.sign(msg).toBytes() });
}
function cpu() { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; }
function single() {
  let ok = 0;
  for (const it of items) {
    const pk = PublicKey.fromBytes(it.pk, true);
    const sig = Signature.fromBytes(it.sig, true, true);
    if (verify(it.msg, pk, sig)) ok++;
  }
  if (ok !== N) throw new Error("bad");
}
function batch() {
  const sets = items.map(it => ({ msg: it.msg, pk: PublicKey.fromBytes(it.pk, true), sig: Signature.fromBytes(it.sig, false, true) }));
  if (!verifyMultipleAggregateSignatures(sets, false, true)) throw new Error("bad batch");
}
const rounds = Number(process.argv[2] ?? 3);
single(); batch();
for (let r = 0; r < rounds; r++) {
  for (const [name, f] of [["node single from bytes", single], ["node batch 1024 from bytes", batch]]) {
    const w0 = process.hrtime.bigint(), c0 = cpu();
    f();
    const wall = Number(process.hrtime.bigint() - w0) / 1e9, c = cpu() - c0;
    console.log(`${name.padEnd(30)} ${(N / c).toFixed(0)} per core-second of process CPU, ${(N / wall).toFixed(0)} per second wall`);
  }
}
