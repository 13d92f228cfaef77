// Digests of stored state, as the audit log records them (audit_entry.h "digest").
//
// RecordDigest hashes a stored record's canonical bytes: every coded field, the narrative, the
// identity id and the SHA-256 of the sealed identity blob (never the plaintext: the log reveals
// nothing about identities, and a shredded record stays verifiable), and every act with its row
// id and involvements, each value length-prefixed so no two records share bytes. The linkage
// result (cluster id) is not part of a record's digest; ClusterDigest covers it.
//
// The import writes the digest of what it stored; `recount audit verify` recomputes it from the
// tables, so any change made outside recount shows as a mismatch.
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "storage/store.h"

namespace recount::storage {

// "sha256:<64 hex digits>".
std::string RecordDigest(const StoredRecord& record);

// The canonical bytes RecordDigest hashes ("recount-record/v1" then one length-prefixed
// "<tag>:<length>:<value>" line per field). They are also how a record's earlier versions are kept
// (record_versions): SHA-256 of a kept version is the digest its log entry recorded.
std::string CanonicalRecordBytes(const StoredRecord& record, std::string_view identity_blob_sha256);
// A record version read back from its canonical bytes: the record (identity empty), its identity
// id, and in *identity_blob_sha256 the hash of its sealed identity blob ("" for none). kDataLoss
// naming what is wrong for bytes CanonicalRecordBytes would not have produced.
Result<StoredRecord> ParseCanonicalRecord(std::string_view bytes, std::string* identity_blob_sha256);
// Appends "<tag>:<length>:<value>\n", the field form of every canonical byte string here:
// unambiguous whatever the value holds.
void PutDigestField(std::string* out, char tag, std::string_view value);
// "sha256:<hex>" of any bytes.
std::string Sha256Text(std::string_view bytes);
// The same with the sealed identity blob given only by its "sha256:<hex>" ("" for none), ignoring
// record.identity_blob: what an evidence bundle carries instead of the sealed blob.
std::string RecordDigestWithBlobHash(const StoredRecord& record,
                                     std::string_view identity_blob_sha256);

// Digest of a linkage result: (record id, cluster id) pairs in record id order.
std::string ClusterDigest(const std::vector<std::pair<int64_t, std::string>>& assignment);

// Digest of the key ring bytes.
std::string KeyRingDigest(std::string_view key_ring);

// Digest of one linkage run's scored pairs, in (a, b) order; probabilities in shortest
// round-trip form, so the digest is exact.
std::string PairsDigest(const std::vector<LinkPair>& pairs);

}  // namespace recount::storage
