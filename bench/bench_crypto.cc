// Costs of the crypto building blocks (docs/security.md): unlocking a keyfile (Argon2id MODERATE),
// sealing a field, streaming an evidence file, Merkle roots and proofs over a LeafHashSource,
// signing and verifying checkpoints.
#include <benchmark/benchmark.h>

#include <sstream>
#include <string>

#include "crypto/checkpoint.h"
#include "crypto/data_key.h"
#include "crypto/evidence_stream.h"
#include "crypto/kdf.h"
#include "crypto/merkle_tree.h"
#include "crypto/signed_note.h"

namespace recount::crypto {
namespace {

void BM_Argon2idModerateUnlock(benchmark::State& state) {
  const KdfParams params = NewKdfParams(KdfStrength::kModerate).value();
  for (auto _ : state) {
    auto key = DeriveKeyFromPassphrase("a long passphrase of a field worker", params, 32);
    benchmark::DoNotOptimize(key.ok());
  }
}
BENCHMARK(BM_Argon2idModerateUnlock)->Unit(benchmark::kMillisecond)->Iterations(3);

void BM_SealField(benchmark::State& state) {
  SecretBytes key = std::move(NewDataKey()).value();
  const std::string value(static_cast<size_t>(state.range(0)), 'x');
  for (auto _ : state) {
    auto sealed =
        SealField(key, {"0123456789abcdef0123456789abcdef", "person.name", 7}, AsBytes(value));
    benchmark::DoNotOptimize(sealed.ok());
  }
  state.SetBytesProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_SealField)->Arg(32)->Arg(4096);

void BM_EncryptEvidence(benchmark::State& state) {
  SecretBytes key = std::move(NewDataKey()).value();
  const std::string file(8 << 20, 'e');
  for (auto _ : state) {
    std::istringstream in(file);
    std::ostringstream out;
    auto r = EncryptEvidence(key, "evidence-1", in, out);
    benchmark::DoNotOptimize(r.ok());
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(file.size()));
}
BENCHMARK(BM_EncryptEvidence)->Unit(benchmark::kMillisecond);

MemoryLeafHashes& Log(uint64_t n) {
  static MemoryLeafHashes* log = [] {
    auto* l = new MemoryLeafHashes();  // intentionally leaked: shared by the benchmarks below
    for (int i = 0; i < 1 << 20; ++i) l->Append(AsBytes("entry " + std::to_string(i)));
    return l;
  }();
  (void)n;
  return *log;
}

// The same leaves without the subtree cache: what a store gets if it only implements LeafHashAt.
class Uncached : public LeafHashSource {
 public:
  explicit Uncached(const MemoryLeafHashes& inner) : inner_(inner) {}
  uint64_t LeafCount() const override { return inner_.LeafCount(); }
  Result<MerkleHash> LeafHashAt(uint64_t i) const override { return inner_.LeafHashAt(i); }

 private:
  const MemoryLeafHashes& inner_;
};

void BM_MerkleRootCached(benchmark::State& state) {
  const uint64_t n = static_cast<uint64_t>(state.range(0));
  MemoryLeafHashes& log = Log(n);
  for (auto _ : state) benchmark::DoNotOptimize(MerkleRoot(log, n).ok());
}
BENCHMARK(BM_MerkleRootCached)->Arg(1000)->Arg(1000000)->Unit(benchmark::kMicrosecond);

void BM_InclusionProofCached(benchmark::State& state) {
  const uint64_t n = static_cast<uint64_t>(state.range(0));
  MemoryLeafHashes& log = Log(n);
  for (auto _ : state) benchmark::DoNotOptimize(MerkleInclusionProof(log, n / 3, n).ok());
}
BENCHMARK(BM_InclusionProofCached)->Arg(1000)->Arg(1000000)->Unit(benchmark::kMicrosecond);

void BM_InclusionProofUncached(benchmark::State& state) {
  const uint64_t n = static_cast<uint64_t>(state.range(0));
  Uncached log(Log(n));
  for (auto _ : state) benchmark::DoNotOptimize(MerkleInclusionProof(log, n / 3, n).ok());
}
BENCHMARK(BM_InclusionProofUncached)->Arg(1000)->Arg(1000000)->Unit(benchmark::kMicrosecond);

void BM_SignAndVerifyCheckpoint(benchmark::State& state) {
  NoteSigner log = std::move(NoteSigner::Generate("recount.example/log")).value();
  const Checkpoint cp{"recount.example/log", 123456, MerkleEmptyRoot(), {}};
  CheckpointPolicy policy{"recount.example/log", log.verifier(), {}, 0};
  for (auto _ : state) {
    auto note = SignCheckpoint(cp, log);
    benchmark::DoNotOptimize(OpenCheckpoint(*note, policy).ok());
  }
}
BENCHMARK(BM_SignAndVerifyCheckpoint);

}  // namespace
}  // namespace recount::crypto

BENCHMARK_MAIN();
