#include "app/store_keys.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <vector>

namespace recount::app {
namespace {

std::string KindName(crypto::KeySlotKind kind) {
  return kind == crypto::KeySlotKind::kStoreMaster ? "store" : "identity-vault";
}

}  // namespace

Status CreateStoreKeys(storage::Store& store, const crypto::Credential& store_credential,
                       const crypto::Credential& vault_credential, crypto::KdfStrength strength) {
  ASSIGN_OR_RETURN(crypto::NewKeyRing created,
                   crypto::KeyRing::Create(store_credential, vault_credential, strength));
  const crypto::Bytes bytes = created.ring.Serialize();
  return store.SaveKeyRing(crypto::AsString(bytes), std::nullopt);
}

Result<std::optional<crypto::KeyRing>> LoadStoreKeys(storage::Store& store) {
  ASSIGN_OR_RETURN(std::optional<std::string> bytes, store.LoadKeyRing());
  if (!bytes) return std::optional<crypto::KeyRing>();
  Result<crypto::KeyRing> ring = crypto::KeyRing::Parse(crypto::AsBytes(*bytes));
  if (!ring.ok()) {
    return Status(ring.status().code(),
                  "the key ring of " + store.location() + ": " + ring.status().message());
  }
  return std::optional<crypto::KeyRing>(std::move(*ring));
}

Result<std::unique_ptr<IdentityVault>> UnlockIdentityVault(const crypto::KeyRing& ring,
                                                           const crypto::Credential& credential) {
  ASSIGN_OR_RETURN(crypto::SecretBytes key,
                   ring.Unlock(crypto::KeySlotKind::kIdentityVault, credential));
  return IdentityVault::FromVaultKey(key);
}

Status ChangeStoreCredential(storage::Store& store, crypto::KeySlotKind kind,
                             const crypto::Credential& old, const crypto::Credential& fresh,
                             crypto::KdfStrength strength) {
  ASSIGN_OR_RETURN(std::optional<std::string> bytes, store.LoadKeyRing());
  if (!bytes) {
    return FailedPrecondition(store.location() +
                              " has no keys: it was made before encryption; create a new store "
                              "with 'recount init' and move the data over");
  }
  Result<crypto::KeyRing> parsed = crypto::KeyRing::Parse(crypto::AsBytes(*bytes));
  if (!parsed.ok()) {
    return Status(parsed.status().code(),
                  "the key ring of " + store.location() + ": " + parsed.status().message());
  }
  crypto::KeyRing ring = std::move(*parsed);
  const crypto::KeySlotKind other = kind == crypto::KeySlotKind::kStoreMaster
                                        ? crypto::KeySlotKind::kIdentityVault
                                        : crypto::KeySlotKind::kStoreMaster;
  // The new credential must not also open the other slot: one secret would then open both.
  if (ring.Unlock(other, fresh).ok()) {
    return InvalidArgument("the new " + KindName(kind) + " passphrase or key file is the same as "
                           "the " + KindName(other) + " one; choose a different one, otherwise "
                           "everyone who can open the store can also read identities");
  }
  RETURN_IF_ERROR(ring.ChangeCredential(kind, old, fresh, strength));
  const crypto::Bytes updated = ring.Serialize();
  return store.SaveKeyRing(crypto::AsString(updated), bytes);
}

Status CreateKeyFile(const std::string& path) {
  ASSIGN_OR_RETURN(crypto::SecretBytes key, crypto::SecretBytes::Random(32));
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST) {
      return AlreadyExists(path + " already exists; a new key file is never written over an "
                           "existing file (use --key-file to use it)");
    }
    return IoError(path + ": cannot create the key file: " + std::strerror(errno));
  }
  size_t done = 0;
  while (done < key.size()) {
    ssize_t n = ::write(fd, key.data() + done, key.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ::close(fd);
      ::unlink(path.c_str());
      return IoError(path + ": writing the key file failed");
    }
    done += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    ::unlink(path.c_str());
    return IoError(path + ": writing the key file failed");
  }
  return Status();
}

Result<crypto::Credential> ReadKeyFile(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return NotFound(path + ": cannot open the key file (" + std::strerror(errno) +
                    "); check the path");
  }
  // Read into a bounded buffer and wipe it after copying into guarded memory.
  std::vector<uint8_t> buf(crypto::kMaxKeyFileBytes + 1);
  size_t got = 0;
  while (got < buf.size()) {
    ssize_t n = ::read(fd, buf.data() + got, buf.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      ::close(fd);
      return IoError(path + ": cannot read the key file");
    }
    if (n == 0) break;
    got += static_cast<size_t>(n);
  }
  ::close(fd);
  Result<crypto::Credential> c = crypto::Credential::KeyFile(crypto::ByteSpan(buf.data(), got));
  crypto::WipeBytes(buf.data(), got);
  if (!c.ok()) return c.status().WithContext(path);
  return c;
}

}  // namespace recount::app
