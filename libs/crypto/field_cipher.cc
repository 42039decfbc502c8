#include "libs/crypto/field_cipher.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <memory>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"

namespace auxpro::crypto {

namespace {

constexpr int kNonce = 12;
constexpr int kTag = 16;

std::string Hmac(const std::string& key, const std::string& data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), out, &len);
  return std::string(reinterpret_cast<char*>(out), len);
}

using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

}  // namespace

absl::StatusOr<FieldCipher> FieldCipher::FromHexKey(const std::string& hex_key) {
  const std::string trimmed(absl::StripAsciiWhitespace(hex_key));
  if (trimmed.size() != 64 ||
      trimmed.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos) {
    return absl::InvalidArgumentError("field key: must be 64 hex characters (32 bytes)");
  }
  const std::string master = absl::HexStringToBytes(trimmed);
  FieldCipher cipher;
  cipher.encryption_key_ = Hmac(master, "auxpro field encryption v1");
  cipher.index_key_ = Hmac(master, "auxpro blind index v1");
  cipher.audit_key_ = Hmac(master, "auxpro audit chain v1");
  return cipher;
}

std::string FieldCipher::Encrypt(const std::string& plaintext, const std::string& context) const {
  unsigned char nonce[kNonce];
  RAND_bytes(nonce, kNonce);
  std::string out(kNonce + plaintext.size() + kTag, '\0');
  std::copy(nonce, nonce + kNonce, out.begin());
  CipherCtx ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
  EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr,
                     reinterpret_cast<const unsigned char*>(encryption_key_.data()), nonce);
  int len = 0;
  EVP_EncryptUpdate(ctx.get(), nullptr, &len,
                    reinterpret_cast<const unsigned char*>(context.data()),
                    static_cast<int>(context.size()));
  EVP_EncryptUpdate(ctx.get(), reinterpret_cast<unsigned char*>(&out[kNonce]), &len,
                    reinterpret_cast<const unsigned char*>(plaintext.data()),
                    static_cast<int>(plaintext.size()));
  int tail = 0;
  EVP_EncryptFinal_ex(ctx.get(), reinterpret_cast<unsigned char*>(&out[kNonce + len]), &tail);
  EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kTag, &out[kNonce + plaintext.size()]);
  return absl::Base64Escape(out);
}

absl::StatusOr<std::string> FieldCipher::Decrypt(const std::string& sealed,
                                                 const std::string& context) const {
  std::string raw;
  if (!absl::Base64Unescape(sealed, &raw) || raw.size() < kNonce + kTag) {
    return absl::FailedPreconditionError("encrypted field is malformed");
  }
  const size_t body = raw.size() - kNonce - kTag;
  std::string out(body, '\0');
  CipherCtx ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
  EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr,
                     reinterpret_cast<const unsigned char*>(encryption_key_.data()),
                     reinterpret_cast<const unsigned char*>(raw.data()));
  int len = 0;
  EVP_DecryptUpdate(ctx.get(), nullptr, &len,
                    reinterpret_cast<const unsigned char*>(context.data()),
                    static_cast<int>(context.size()));
  EVP_DecryptUpdate(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), &len,
                    reinterpret_cast<const unsigned char*>(raw.data() + kNonce),
                    static_cast<int>(body));
  EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kTag, raw.data() + kNonce + body);
  int tail = 0;
  if (EVP_DecryptFinal_ex(ctx.get(), reinterpret_cast<unsigned char*>(out.data()) + len, &tail) !=
      1) {
    return absl::FailedPreconditionError(
        "encrypted field does not authenticate (wrong field key or altered data)");
  }
  return out;
}

std::string FieldCipher::BlindIndex(const std::string& plaintext) const {
  return absl::BytesToHexString(Hmac(index_key_, plaintext));
}

std::string FieldCipher::AuditMac(const std::string& data) const {
  return absl::BytesToHexString(Hmac(audit_key_, data));
}

}  // namespace auxpro::crypto
