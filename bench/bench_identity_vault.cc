// Cost of sealing and opening one identity in the vault (identity_vault.h): what sealing adds to
// each imported record and what opening adds to each record read by link, search or show --names.
//
//   build/bench/bench_identity_vault
#include <benchmark/benchmark.h>

#include "app/identity_vault.h"
#include "crypto/secret_bytes.h"

namespace {

recount::model::Identity SampleIdentity() {
  recount::model::Identity id;
  id.full_name = "김금순";
  id.surname = "김";
  id.given_name = "금순";
  id.name_variants = {"Kim Kum Sun", "Kim Keum-soon"};
  id.interviewer = "Interviewer 7";
  return id;
}

void BM_SealIdentity(benchmark::State& state) {
  auto key = recount::crypto::SecretBytes::Random(32);
  auto vault = recount::app::IdentityVault::FromVaultKey(*key);
  const recount::model::Identity id = SampleIdentity();
  for (auto _ : state) {
    auto sealed = (*vault)->Seal(id);
    benchmark::DoNotOptimize(sealed);
  }
}
BENCHMARK(BM_SealIdentity);

void BM_OpenIdentity(benchmark::State& state) {
  auto key = recount::crypto::SecretBytes::Random(32);
  auto vault = recount::app::IdentityVault::FromVaultKey(*key);
  auto sealed = (*vault)->Seal(SampleIdentity());
  for (auto _ : state) {
    auto opened = (*vault)->Open(sealed->first, sealed->second);
    benchmark::DoNotOptimize(opened);
  }
}
BENCHMARK(BM_OpenIdentity);

}  // namespace

BENCHMARK_MAIN();
