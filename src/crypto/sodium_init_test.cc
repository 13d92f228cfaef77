#include "crypto/sodium_init.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "crypto/data_key.h"
#include "crypto/random_id.h"

namespace recount::crypto {
namespace {

TEST(SodiumInitTest, IdempotentAndSafeFromManyThreads) {
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&failures] {
      for (int i = 0; i < 50; ++i) {
        if (!EnsureCryptoInitialized().ok()) ++failures;
        auto key = NewDataKey();
        auto id = NewRandomId();
        if (!key.ok() || !id.ok()) {
          ++failures;
          continue;
        }
        const FieldBinding b{*id, "f", 1};
        auto sealed = SealField(*key, b, AsBytes("value"));
        auto opened = sealed.ok() ? OpenField(*key, b, *sealed) : sealed;
        if (!opened.ok() || AsString(*opened) != "value") ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_TRUE(EnsureCryptoInitialized().ok());
}

}  // namespace
}  // namespace recount::crypto
