#include "app/identity_codec.h"

#include <sys/random.h>

#include <nlohmann/json.hpp>

namespace recount::app {

std::string EncodeIdentity(const model::Identity& id) {
  nlohmann::json j = nlohmann::json::object();
  if (!id.full_name.empty()) j["full_name"] = id.full_name;
  if (!id.surname.empty()) j["surname"] = id.surname;
  if (!id.given_name.empty()) j["given_name"] = id.given_name;
  if (!id.name_variants.empty()) j["name_variants"] = id.name_variants;
  if (!id.interviewer.empty()) j["interviewer"] = id.interviewer;
  return j.dump();
}

Result<model::Identity> DecodeIdentity(std::string_view blob) {
  model::Identity id;
  if (blob.empty()) return id;
  nlohmann::json j = nlohmann::json::parse(blob, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) {
    return DataLoss("an identity record is damaged (not the expected encoding)");
  }
  auto str = [&](const char* key) -> std::string {
    auto it = j.find(key);
    return (it != j.end() && it->is_string()) ? it->get<std::string>() : std::string();
  };
  id.full_name = str("full_name");
  id.surname = str("surname");
  id.given_name = str("given_name");
  id.interviewer = str("interviewer");
  if (auto it = j.find("name_variants"); it != j.end() && it->is_array()) {
    for (const auto& v : *it) {
      if (v.is_string()) id.name_variants.push_back(v.get<std::string>());
    }
  }
  return id;
}

std::string NewIdentityId() {
  unsigned char bytes[16];
  size_t got = 0;
  while (got < sizeof bytes) {
    ssize_t n = getrandom(bytes + got, sizeof bytes - got, 0);
    if (n > 0) got += static_cast<size_t>(n);
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char b : bytes) {
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 15]);
  }
  return out;
}

}  // namespace recount::app
