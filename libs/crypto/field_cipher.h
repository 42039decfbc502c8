#pragma once

#include <string>

#include "absl/status/statusor.h"

namespace auxpro::crypto {

// Encrypts sensitive fields (national ID numbers) at rest with AES-256-GCM, and derives a keyed
// blind index so equal values can be found (uniqueness) without decrypting. Both keys are derived
// from one 32-byte master key (HMAC-SHA256 with distinct labels), as is the audit chain key.
class FieldCipher {
 public:
  // `hex_key`: 64 hex characters (the content of --field_key_file, whitespace trimmed).
  static absl::StatusOr<FieldCipher> FromHexKey(const std::string& hex_key);

  // base64(nonce(12) | ciphertext | tag(16)); a fresh random nonce each time.
  // `context` (associated data) binds the ciphertext to where it belongs, e.g. the record's name:
  // decrypting it under another context fails, so sealed values cannot be swapped between rows.
  std::string Encrypt(const std::string& plaintext, const std::string& context = "") const;
  // FAILED_PRECONDITION when the data was not made with this key or was altered.
  absl::StatusOr<std::string> Decrypt(const std::string& sealed,
                                      const std::string& context = "") const;
  // Hex HMAC-SHA256 of the value under the index key.
  std::string BlindIndex(const std::string& plaintext) const;
  // Hex HMAC-SHA256 under the audit key: links of the audit hash chain, which whoever can write
  // the database but does not hold the key cannot recompute.
  std::string AuditMac(const std::string& data) const;

 private:
  FieldCipher() = default;
  std::string encryption_key_;  // 32 bytes
  std::string index_key_;       // 32 bytes
  std::string audit_key_;       // 32 bytes
};

}  // namespace auxpro::crypto
