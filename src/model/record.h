// The domain, after HURIDOCS "who did what to whom" (docs/schema.md).
//
// A Record is one victim as recorded in one testimony of one source: the testimony's metadata,
// the victim's coded attributes, their identity details (kept apart, sealed in the identity vault
// by the store layer), and the acts committed against them, each within an event (when, where)
// and with the perpetrator's involvement. It is the unit of import, export and linkage; the store
// keeps it normalised in separate tables (testimonies, persons, identities, events, acts,
// involvements). Vocabulary fields hold codes from data/vocab/ (see vocabulary.h).
//
// Plain value types; thread-compatible.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/partial_date.h"

namespace recount::model {

using RowId = int64_t;  // store-assigned, positive; 0 means "not stored yet"

struct Source {
  RowId id = 0;
  std::string name;  // the organisation's list, e.g. "nkdb-2019"; unique
  std::string description;
  std::string created_at;  // RFC 3339 UTC
};

// Identifying details. Never stored in plaintext once the vault is sealed (docs/security.md);
// analysts work on coded fields only.
struct Identity {
  std::string full_name;
  std::string surname;
  std::string given_name;
  std::vector<std::string> name_variants;
  std::string interviewer;  // identifies the interview team; sensitive in the field
  bool empty() const {
    return full_name.empty() && surname.empty() && given_name.empty() && name_variants.empty() &&
           interviewer.empty();
  }
  bool operator==(const Identity&) const = default;
};

// The part a perpetrator played in an act.
struct Involvement {
  std::string perpetrator_type;  // vocabulary perpetrator_types
  std::string degree;            // vocabulary involvement_degrees
  bool operator==(const Involvement&) const = default;
};

// One act against the victim, within an event (when and where).
struct Act {
  RowId id = 0;
  std::string act_type;  // vocabulary act_types
  PartialDate date;
  std::string place_text;  // as written by the source
  std::string place_id;    // gazetteer id when resolved, else empty
  std::optional<int> age;  // victim's age at the time, when the source gave one
  std::vector<Involvement> involvements;
  bool operator==(const Act&) const = default;
};

struct Record {
  RowId id = 0;  // the victim-in-testimony (person) row id
  std::string source;       // source name
  std::string external_id;  // the source's record_id
  std::string person_ref;   // unique-person id given by the source; may be empty
  std::string cluster_id;   // unique person found by the latest linkage run; empty before linking

  // Testimony (information) metadata.
  PartialDate testimony_date;
  std::string language;     // BCP 47
  std::string connection;   // vocabulary source_connections
  std::string reliability;  // vocabulary reliability
  std::string consent;      // vocabulary consent
  std::string narrative;

  // Coded victim attributes (visible to analysts).
  std::string sex;  // vocabulary sexes
  PartialDate birth;
  std::string origin_text;
  std::string origin_place_id;

  Identity identity;
  std::vector<Act> acts;

  bool operator==(const Record&) const = default;
};

}  // namespace recount::model
