// Sealed narratives: round trip, wrong key, moved to another record, damaged and truncated text,
// legacy plain text, empty narratives, the locked reader, and opening with the data key alone.
#include "app/record_seal.h"

#include <gtest/gtest.h>

namespace recount::app {
namespace {

constexpr std::string_view kText =
    "그녀는 연길 근처에서 팔렸다. Sold near Yanji in 2004; the broker was Pak.";

std::unique_ptr<RecordSealer> Sealer(const crypto::SecretBytes& key) {
  auto s = RecordSealer::FromMasterKey(key);
  EXPECT_TRUE(s.ok()) << s.status().ToString();
  return std::move(*s);
}

TEST(RecordSealTest, RoundTripWithoutPlaintext) {
  auto key = crypto::SecretBytes::Random(32);
  auto sealer = Sealer(*key);
  auto sealed = sealer->SealNarrative("ngo-a", "A-001", kText);
  ASSERT_TRUE(sealed.ok()) << sealed.status().ToString();
  EXPECT_TRUE(IsSealedNarrative(*sealed));
  EXPECT_EQ(sealed->rfind(kSealedNarrativePrefix, 0), 0u);
  for (const char* plain : {"Yanji", "연길", "broker", "Pak"}) {
    EXPECT_EQ(sealed->find(plain), std::string::npos) << plain;
  }
  // Printable ASCII only: valid text for any database text column.
  for (char c : *sealed) EXPECT_TRUE(c > 0x20 && c < 0x7f) << static_cast<int>(c);
  auto opened = sealer->OpenNarrative("ngo-a", "A-001", *sealed);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  EXPECT_EQ(*opened, kText);
  // A fresh data key and nonces every time.
  auto again = sealer->SealNarrative("ngo-a", "A-001", kText);
  EXPECT_NE(*again, *sealed);
  // Another sealer holding the same master key opens it.
  EXPECT_EQ(*Sealer(*key)->OpenNarrative("ngo-a", "A-001", *again), kText);
}

TEST(RecordSealTest, WrongKeyOrRecordFails) {
  auto key = crypto::SecretBytes::Random(32);
  auto other = crypto::SecretBytes::Random(32);
  auto sealed = Sealer(*key)->SealNarrative("ngo-a", "A-001", kText);
  ASSERT_TRUE(sealed.ok());
  auto wrong_key = Sealer(*other)->OpenNarrative("ngo-a", "A-001", *sealed);
  EXPECT_EQ(wrong_key.status().code(), StatusCode::kDataLoss);
  auto sealer = Sealer(*key);
  // Moved to another record, of the same or another source; the separator keeps
  // ("ngo-a", "A-001") and ("ngo-a\x1f" "A", "-001")-like splits apart.
  for (auto [src, ext] : std::vector<std::pair<std::string, std::string>>{
           {"ngo-a", "A-002"}, {"ngo-b", "A-001"}, {"ngo-aA", "-001"}, {"ngo-", "aA-001"}}) {
    auto moved = sealer->OpenNarrative(src, ext, *sealed);
    EXPECT_EQ(moved.status().code(), StatusCode::kDataLoss) << src << ":" << ext;
    EXPECT_NE(moved.status().message().find(src + ":" + ext), std::string::npos)
        << moved.status().message();
  }
}

TEST(RecordSealTest, DamagedOrTruncatedFails) {
  auto key = crypto::SecretBytes::Random(32);
  auto sealer = Sealer(*key);
  const std::string sealed = *sealer->SealNarrative("ngo-a", "A-001", kText);
  // Every truncation, at every length (base64 that still decodes, or not), fails cleanly.
  for (size_t n = kSealedNarrativePrefix.size(); n < sealed.size(); ++n) {
    auto r = sealer->OpenNarrative("ngo-a", "A-001", sealed.substr(0, n));
    EXPECT_EQ(r.status().code(), StatusCode::kDataLoss) << n;
  }
  // Every character changed to another base64 character.
  for (size_t i = kSealedNarrativePrefix.size(); i < sealed.size(); ++i) {
    std::string bad = sealed;
    bad[i] = bad[i] == 'A' ? 'B' : 'A';
    auto r = sealer->OpenNarrative("ngo-a", "A-001", bad);
    EXPECT_FALSE(r.ok()) << i;
    if (!r.ok()) {
      EXPECT_EQ(r.status().code(), StatusCode::kDataLoss) << i;
    }
  }
  auto extra = sealer->OpenNarrative("ngo-a", "A-001", sealed + "AAAA");
  EXPECT_EQ(extra.status().code(), StatusCode::kDataLoss);
}

TEST(RecordSealTest, LegacyPlainAndEmpty) {
  auto key = crypto::SecretBytes::Random(32);
  auto sealer = Sealer(*key);
  auto empty = sealer->SealNarrative("ngo-a", "A-001", "");
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(*empty, "");
  EXPECT_EQ(*sealer->OpenNarrative("ngo-a", "A-001", ""), "");
  EXPECT_EQ(*sealer->OpenNarrative("ngo-a", "A-001", "Sold near Yanji."), "Sold near Yanji.");
  EXPECT_FALSE(IsSealedNarrative("Sold near Yanji."));
  EXPECT_FALSE(IsSealedNarrative("recount-sealed:"));
  EXPECT_TRUE(IsSealedNarrative("recount-sealed:1:"));
  // A prefix without a valid envelope is damage, not plain text.
  EXPECT_EQ(sealer->OpenNarrative("ngo-a", "A-001", "recount-sealed:1:").status().code(),
            StatusCode::kDataLoss);
  EXPECT_EQ(sealer->SealNarrative("", "A-001", "x").status().code(), StatusCode::kInvalidArgument);
}

TEST(RecordSealTest, ReaderLockedAndUnlocked) {
  auto key = crypto::SecretBytes::Random(32);
  model::Record r;
  r.id = 7;
  r.source = "ngo-a";
  r.external_id = "A-001";
  r.narrative = *Sealer(*key)->SealNarrative(r.source, r.external_id, kText);

  NarrativeReader locked = NarrativeReader::Locked();
  EXPECT_TRUE(locked.locked());
  auto none = locked.Read(r);
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
  model::Record copy = r;
  EXPECT_FALSE(*locked.OpenInPlace(&copy));
  EXPECT_EQ(copy.narrative, r.narrative);
  model::Record legacy = r;
  legacy.narrative = "plain";
  EXPECT_EQ(**locked.Read(legacy), "plain");

  NarrativeReader reader = NarrativeReader::Unlocked(Sealer(*key));
  EXPECT_FALSE(reader.locked());
  EXPECT_EQ(**reader.Read(r), kText);
  EXPECT_TRUE(*reader.OpenInPlace(&copy));
  EXPECT_EQ(copy.narrative, kText);
  model::Record moved = r;
  moved.external_id = "A-002";
  auto bad = reader.Read(moved);
  EXPECT_EQ(bad.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(bad.status().message().find("record 7"), std::string::npos);
}

TEST(RecordSealTest, DataKeyOpensOnlyThisNarrative) {
  auto key = crypto::SecretBytes::Random(32);
  auto sealer = Sealer(*key);
  const std::string a = *sealer->SealNarrative("ngo-a", "A-001", kText);
  const std::string b = *sealer->SealNarrative("ngo-a", "A-002", "other");
  auto data_key = sealer->NarrativeDataKey("ngo-a", "A-001", a);
  ASSERT_TRUE(data_key.ok()) << data_key.status().ToString();
  EXPECT_EQ(*OpenNarrativeWithDataKey(*data_key, "ngo-a", "A-001", a), kText);
  EXPECT_EQ(OpenNarrativeWithDataKey(*data_key, "ngo-a", "A-002", b).status().code(),
            StatusCode::kDataLoss);
  EXPECT_EQ(OpenNarrativeWithDataKey(*data_key, "ngo-a", "A-002", a).status().code(),
            StatusCode::kDataLoss);
  EXPECT_EQ(sealer->NarrativeDataKey("ngo-a", "A-001", "plain").status().code(),
            StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace recount::app
