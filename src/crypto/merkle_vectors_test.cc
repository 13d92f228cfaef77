// Runs the RFC 9162 proof vectors in tests/data/merkle (see its README.md) through the verifiers.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "crypto/encoding.h"
#include "crypto/merkle_verify.h"
#include "crypto/sha256.h"
#include "crypto/test_support.h"

namespace recount::crypto {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::vector<fs::path> JsonFiles(const fs::path& dir) {
  std::vector<fs::path> out;
  if (!fs::exists(dir)) return out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.is_regular_file() && e.path().extension() == ".json") out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

Result<MerkleHash> HashField(const json& j, const char* field) {
  ASSIGN_OR_RETURN(Bytes b, Base64Decode(j.at(field).get<std::string>()));
  return MerkleHashFromBytes(b, field);
}

Result<std::vector<MerkleHash>> ProofField(const json& j) {
  std::vector<MerkleHash> out;
  for (const auto& p : j.at("proof")) {
    ASSIGN_OR_RETURN(Bytes b, Base64Decode(p.get<std::string>()));
    ASSIGN_OR_RETURN(MerkleHash h, MerkleHashFromBytes(b, "proof"));
    out.push_back(h);
  }
  return out;
}

// Decodes and verifies one inclusion case; any decoding failure counts as a rejection, as it would
// for a verifier that receives these bytes.
Status RunInclusion(const json& j) {
  ASSIGN_OR_RETURN(MerkleHash leaf, HashField(j, "leafHash"));
  ASSIGN_OR_RETURN(MerkleHash root, HashField(j, "root"));
  ASSIGN_OR_RETURN(std::vector<MerkleHash> proof, ProofField(j));
  return VerifyMerkleInclusion(leaf, j.at("leafIdx").get<uint64_t>(),
                               j.at("treeSize").get<uint64_t>(), proof, root);
}

// Some consistency cases use short placeholder roots ("don't care 1") where only equality of the
// two roots matters (e.g. "sizes are equal (one) and proof is empty", which must be accepted).
// Our API only represents 32-byte hashes, so a placeholder is replaced by SHA-256(placeholder):
// this keeps equal placeholders equal and distinct ones distinct, and is never a real root.
Result<MerkleHash> RootField(const json& j, const char* field) {
  ASSIGN_OR_RETURN(Bytes b, Base64Decode(j.at(field).get<std::string>()));
  if (b.size() != kMerkleHashSize) return Sha256(b);
  return MerkleHashFromBytes(b, field);
}

Status RunConsistency(const json& j) {
  ASSIGN_OR_RETURN(MerkleHash root1, RootField(j, "root1"));
  ASSIGN_OR_RETURN(MerkleHash root2, RootField(j, "root2"));
  ASSIGN_OR_RETURN(std::vector<MerkleHash> proof, ProofField(j));
  return VerifyMerkleConsistency(j.at("size1").get<uint64_t>(), j.at("size2").get<uint64_t>(),
                                 proof, root1, root2);
}

void RunDir(const fs::path& dir, Status (*run)(const json&), int* accepted, int* rejected) {
  for (const fs::path& f : JsonFiles(dir)) {
    SCOPED_TRACE(f.string());
    const json j = json::parse(testing::ReadFileOrEmpty(f));
    const bool want_err = j.at("wantErr").get<bool>();
    const Status s = run(j);
    EXPECT_EQ(!s.ok(), want_err) << j.value("desc", "") << ": " << s.ToString();
    (s.ok() ? *accepted : *rejected) += 1;
  }
}

TEST(MerkleVectorsTest, InclusionProofs) {
  int accepted = 0, rejected = 0;
  RunDir(testing::SourceDir() / "tests/data/merkle/inclusion", RunInclusion, &accepted, &rejected);
  // Guard against silently running nothing (wrong path): the set has 5 trees of happy paths plus
  // single-entry cases and many rejections.
  EXPECT_GE(accepted, 5);
  EXPECT_GE(rejected, 50);
}

TEST(MerkleVectorsTest, ConsistencyProofs) {
  int accepted = 0, rejected = 0;
  RunDir(testing::SourceDir() / "tests/data/merkle/consistency", RunConsistency, &accepted,
         &rejected);
  EXPECT_GE(accepted, 5);
  EXPECT_GE(rejected, 50);
}

}  // namespace
}  // namespace recount::crypto
